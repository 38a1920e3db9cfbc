import type { Pool } from 'pg'
import { HttpPaymentGateway, ProviderCallbackVerifier } from '../adapters/payment/http-payment-gateway.ts'
import { SimulatedGateway } from '../adapters/payment/simulated-gateway.ts'
import { PgCancellationStore } from '../adapters/postgres/cancellation-store.ts'
import { PgPaymentNoticeStore } from '../adapters/postgres/payment-notice-store.ts'
import { acceptsSimulatedPayments, type Config } from '../config/index.ts'
import type { InventoryStore } from '../domain/inventory-ports.ts'
import type { PaymentGateway } from '../domain/payment-ports.ts'
import type { FeaturePlugin } from '../http/app.ts'
import { cancellationRoutes } from '../http/routes/cancellations.ts'
import { paymentCallbackRoutes } from '../http/routes/payment-callback.ts'
import { PaymentCallbacks } from '../services/payments/payment-callbacks.ts'
import { CancellationService } from '../services/sales/cancellation-service.ts'

/** The payment feature: the gateway the pipeline and the refunds charge through, and its routes. */
export interface Payments {
  gateway: PaymentGateway
  /** `POST /v1/payments/callback` when a real provider calls back; none with the simulator. */
  plugins: FeaturePlugin[]
}

/**
 * Builds the gateway FC_PAYMENT_PROVIDER names (the configuration has already refused a provider
 * without its URL or secrets, and the simulator in production unless allowed): `simulator`, or
 * `http`, a real provider with its signed callbacks recorded in PostgreSQL. `override` (tests)
 * replaces the gateway; the callback route stays.
 */
export function createPayments(deps: { config: Config; pool: Pool; override?: PaymentGateway }): Payments {
  const { config, pool } = deps
  if (config.payment.provider === 'simulator') {
    return {
      gateway:
        deps.override ??
        new SimulatedGateway({ ...config.payment, obeySimulate: acceptsSimulatedPayments(config) }),
      plugins: []
    }
  }
  const notices = new PgPaymentNoticeStore(pool)
  const gateway =
    deps.override ??
    new HttpPaymentGateway({
      url: config.payment.url,
      secretKey: config.payment.secretKey,
      timeoutMs: config.payment.timeoutMs,
      defaultCurrency: config.defaultCurrency,
      notices
    })
  const callbacks = new PaymentCallbacks({
    verifier: new ProviderCallbackVerifier(config.payment.callbackSecret),
    notices
  })
  return { gateway, plugins: [paymentCallbackRoutes(callbacks)] }
}

/**
 * Buyer cancellations (`POST /v1/reservations/:id/cancel`, `POST /v1/claims/:id/cancel`) and the
 * operator's window (`PATCH /v1/admin/events/:id/cancellation`). The refunds they owe are settled
 * by the refund worker through the payment gateway, like every other refund.
 */
export function createCancellations(deps: { pool: Pool; inventory: Pick<InventoryStore, 'cancelSold'> }): {
  service: CancellationService
  plugins: FeaturePlugin[]
} {
  const service = new CancellationService({
    store: new PgCancellationStore(deps.pool),
    inventory: deps.inventory
  })
  return { service, plugins: [cancellationRoutes(service)] }
}
