/**
 * Wiring of the access rules: who may enter a sale (allowlists, presale and VIP codes, phases).
 * The Redis copy and the PostgreSQL record, the service, its routes, and the check the waiting
 * room runs before a join.
 */
import type { FastifyRequest } from 'fastify'
import type { Pool } from 'pg'
import { PgAccessRecord } from '../adapters/postgres/access-record.ts'
import { RedisAccessStore } from '../adapters/redis/access-store.ts'
import type { KeyBuilder } from '../adapters/redis/keys.ts'
import type { RedisClient } from '../adapters/redis/redis-client.ts'
import type { ScriptRunner } from '../adapters/redis/scripts.ts'
import type { Config } from '../config/index.ts'
import type { InventoryStore } from '../domain/inventory-ports.ts'
import type { FeaturePlugin } from '../http/app.ts'
import { currentUser } from '../http/auth.ts'
import { accessAdminRoutes, accessBuyerRoutes, guessAddress } from '../http/routes/access-admin.ts'
import type { JoinGate } from '../http/routes/queue.ts'
import { AccessService, type GuessLimits } from '../services/access/access-service.ts'
import type { AccessTokens } from '../services/sales/access-tokens.ts'
import type { SaleService } from '../services/sales/sale-service.ts'

/**
 * Unknown codes allowed per window: a person mistypes a handful of times; a script guessing
 * 60-bit codes needs ~2^59 tries, and at 10 per user and 100 per address every 10 minutes it never
 * gets anywhere.
 */
export const CODE_GUESSES: GuessLimits = { perUser: 10, perAddress: 100, windowSec: 600 }

export interface AccessFeature {
  service: AccessService
  /** The check the waiting room runs before a join. */
  joinGate: JoinGate
  plugins: FeaturePlugin[]
}

export function createAccess(deps: {
  config: Config
  redis: RedisClient
  scripts: ScriptRunner
  keys: KeyBuilder
  pool: Pool
  sales: SaleService
  inventory: InventoryStore
  tokens: AccessTokens
}): AccessFeature {
  const { config } = deps
  const service = new AccessService({
    cache: new RedisAccessStore(deps.redis, deps.scripts, deps.keys),
    record: new PgAccessRecord(deps.pool),
    secret: config.tokens.secret,
    guesses: CODE_GUESSES,
    sale: async (saleId) => {
      const { sale } = await deps.sales.get(saleId)
      return { perUserLimit: sale.perUserLimit, accessTtlSec: sale.admission.accessTtlSec }
    },
    admit: async (saleId, userId, untilMs) => {
      await deps.inventory.admit(saleId, [userId], untilMs)
      return deps.tokens.sign({ userId, saleId, exp: untilMs })
    }
  })
  const ipLimits = config.traffic.ipLimits
  const joinGate: JoinGate = (req: FastifyRequest, saleId: string, code: string | undefined) =>
    service.checkJoin(saleId, currentUser(req), code, guessAddress(req, ipLimits))
  return {
    service,
    joinGate,
    plugins: [accessAdminRoutes(service), accessBuyerRoutes(service, { ipLimits })]
  }
}
