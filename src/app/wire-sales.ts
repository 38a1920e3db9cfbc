/**
 * Wiring of sales and buyers: the sale service, the access tokens, the buyer service, their admin
 * and buyer routes, and the sales' periodic workers (hold sweeper, re-warm). Kept apart so the
 * composition root only has to plug it in.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config/index.ts'
import type { InventoryStore } from '../domain/inventory-ports.ts'
import type { SaleLifecycleStore } from '../domain/lifecycle-ports.ts'
import type { BookingHandoff } from '../domain/pipeline-ports.ts'
import type { InventoryEditor, SaleEditStore } from '../domain/sale-edit-ports.ts'
import type { PipelineStats, SaleRepository } from '../domain/sale-ports.ts'
import type { SaleDirectory } from '../domain/traffic-ports.ts'
import type { FeaturePlugin } from '../http/app.ts'
import { adminRoutes } from '../http/routes/admin.ts'
import { adminEditRoutes } from '../http/routes/admin-edits.ts'
import { buyerRoutes } from '../http/routes/buyer.ts'
import { AccessTokens } from '../services/sales/access-tokens.ts'
import { BuyerService } from '../services/sales/buyer-service.ts'
import { SaleEditService } from '../services/sales/sale-edit-service.ts'
import { SaleService } from '../services/sales/sale-service.ts'
import { KnownSales } from '../services/traffic/known-sales.ts'
import { createHoldSweeperWorker } from '../workers/hold-sweeper.ts'
import type { PeriodicWorker } from '../workers/periodic.ts'
import { createSaleLifecycleWorker } from '../workers/sale-lifecycle.ts'
import { createSaleRewarmWorker } from '../workers/sale-rewarm.ts'

/** How often the lifecycle worker looks at the open sales' timelines (closes, phase changes). */
const LIFECYCLE_INTERVAL_MS = 1000

/** Sales and buyers, wired. */
export interface SalesFeature {
  sales: SaleService
  /** Edits of running sales and their audit log. */
  edits: SaleEditService
  buyers: BuyerService
  /** Signs and checks the access tokens the waiting room hands out. */
  tokens: AccessTokens
  /** The sales that exist (traffic control refuses other sale ids early). */
  knownSales: KnownSales
  /** Admin and buyer routes. */
  plugins: FeaturePlugin[]
  /** The hold sweeper, the re-warm and the lifecycle (closes at `closesAt`, phase changes). */
  workers: PeriodicWorker[]
}

export function createSales(deps: {
  config: Config
  inventory: InventoryStore & InventoryEditor
  repo: SaleRepository & SaleDirectory
  /** Where edits and their audit rows are recorded. */
  editStore: SaleEditStore
  /** Where confirms and claims go. */
  handoff: BookingHandoff
  /** The numbers about the pipeline the sale service reports. */
  pipeline: PipelineStats
  /** The recorded phases of the sales (PostgreSQL). */
  lifecycle: SaleLifecycleStore
  /** Whether buyers may ask for a simulated payment outcome (`acceptsSimulatedPayments`). */
  simulatedPayments: boolean
  /** The app's logger, once the app exists. */
  log: () => FastifyBaseLogger | undefined
}): SalesFeature {
  const { config, inventory, simulatedPayments } = deps
  const knownSales = new KnownSales({ directory: deps.repo })
  const sales = new SaleService({
    repo: deps.repo,
    inventory,
    pipeline: deps.pipeline,
    maxExtensions: config.holdMaxExtensions,
    defaultCurrency: config.defaultCurrency,
    simulatedPayments,
    onCreate: (saleId) => knownSales.add(saleId)
  })
  const edits = new SaleEditService({ store: deps.editStore, inventory, cache: sales })
  const tokens = new AccessTokens(config.tokens)
  const buyers = new BuyerService({ inventory, sales, tokens, handoff: deps.handoff })
  const onError = (name: string) => (err: unknown) =>
    deps.log()?.error({ err, worker: name }, 'worker tick failed')
  return {
    sales,
    edits,
    buyers,
    tokens,
    knownSales,
    plugins: [
      adminRoutes(sales, edits),
      adminEditRoutes(edits, sales),
      buyerRoutes(buyers, sales, { simulatedPayments })
    ],
    workers: [
      createHoldSweeperWorker({
        inventory,
        intervalMs: config.sweepIntervalMs,
        onError: onError('hold-sweeper')
      }),
      createSaleRewarmWorker({
        sales,
        onRewarmed: (rewarmed) =>
          deps.log()?.warn({ sales: rewarmed }, 'rebuilt sales Redis had lost from PostgreSQL'),
        onError: onError('rewarm')
      }),
      createSaleLifecycleWorker({
        store: deps.lifecycle,
        inventory,
        waiting: async (saleId) => (await deps.pipeline.queue(saleId)).waiting,
        onStatusChange: (saleId) => sales.forget(saleId),
        intervalMs: LIFECYCLE_INTERVAL_MS,
        onError: onError('sale-lifecycle')
      })
    ]
  }
}
