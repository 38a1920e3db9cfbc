/**
 * A payment provider over HTTP for tests and local development, speaking the API that
 * `src/adapters/payment/http-payment-gateway.ts` calls (docs/payments.md): confirm with an
 * Idempotency-Key, query by order id, cancel (refund), and signed callbacks. It keeps a ledger of
 * what it captured and paid back, so a test can assert "charged once", and it misbehaves on
 * request, per order or for every order: decline, time out (capture and never answer), hold the
 * answer until released, call back twice, call back with a forged signature, call back before
 * answering the API.
 *
 * Start it with `startFakeProvider({ callbackUrl })` (port 0 by default: a free port); for local
 * development `npx node tools/payment-provider/fake-provider.ts` (the project's Node 24) listens on FAKE_PROVIDER_PORT (4010).
 */
import { createHmac, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the provider does with a confirm. */
export type ChargeBehaviour =
  /** Capture and answer DONE. */
  | 'approve'
  /** Refuse (402 REJECT_CARD_PAYMENT); nothing captured. */
  | 'decline'
  /** Capture, then never answer: the caller's deadline passes; a query shows DONE. */
  | 'timeout'
  /** Capture, then keep the answer until {@link FakeProvider.release} (or the caller hangs up). */
  | 'hold'

/** How the provider calls back after a payment changed. */
export type CallbackBehaviour =
  /** One callback, after the API's answer. */
  | 'normal'
  /** The same callback (same event id) twice. */
  | 'duplicate'
  /** One callback signed with a wrong secret, claiming DONE whatever happened. */
  | 'forged'
  /** One callback, delivered (and acknowledged) before the API's answer is sent. */
  | 'before-reply'
  | 'none'

export interface Behaviour {
  charge?: ChargeBehaviour
  callback?: CallbackBehaviour
}

interface Payment {
  paymentKey: string
  orderId: string
  status: 'DONE' | 'ABORTED' | 'CANCELED' | 'IN_PROGRESS'
  amount: number
  currency: string
  failure?: { code: string; message: string }
  cancels?: Array<{ transactionKey: string }>
}

/** One line of the ledger: money moved. */
export interface LedgerEntry {
  kind: 'charge' | 'refund'
  orderId: string
  amount: number
  currency: string
  at: number
}

export interface FakeProviderOptions {
  /** Where callbacks go (the API's POST /v1/payments/callback); none when absent. */
  callbackUrl?: string
  secretKey?: string
  callbackSecret?: string
  port?: number
  /** Refuse confirms without a payment key (a merchant not allowed to charge server-side). */
  requireKey?: boolean
}

export interface FakeProvider {
  url: string
  secretKey: string
  callbackSecret: string
  /** Every charge and refund, in order. */
  ledger: LedgerEntry[]
  /** Captures made for an order (a retried confirm must not add one). */
  charges(orderId: string): number
  refunds(orderId: string): number
  /** Confirms received for an order, whatever their outcome. */
  confirmCalls(orderId: string): number
  /** Callbacks sent and how the receiver answered each. */
  callbacks: Array<{ orderId: string; eventId: string; status: number; forged: boolean }>
  /** The behaviour of every order without one of its own. */
  setDefault(behaviour: Behaviour): void
  /** The behaviour of one order (the reservation id). */
  setBehaviour(orderId: string, behaviour: Behaviour): void
  /** The buyer's side: authorises a payment and returns its key, to pass in the confirm request. */
  authorize(orderId: string, amount: number, currency: string): string
  /** Sends the held answers of an order (behaviour `hold`). */
  release(orderId: string): void
  /** Resolves once a confirm for the order has been captured (charged), answered or not. */
  captured(orderId: string): Promise<void>
  payment(orderId: string): Payment | undefined
  /** Where callbacks go from now on (an API that listens only after the provider started). */
  setCallbackUrl(url: string): void
  close(): Promise<void>
}

export async function startFakeProvider(given: FakeProviderOptions = {}): Promise<FakeProvider> {
  const options = { ...given }
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`
  const callbackSecret = options.callbackSecret ?? `whsec_${randomBytes(16).toString('hex')}`
  const payments = new Map<string, Payment>()
  const authorized = new Map<string, { orderId: string; amount: number; currency: string }>()
  const behaviours = new Map<string, Behaviour>()
  let defaults: Required<Behaviour> = { charge: 'approve', callback: 'normal' }
  const ledger: LedgerEntry[] = []
  const confirms = new Map<string, number>()
  const callbacks: FakeProvider['callbacks'] = []
  const held = new Map<string, Array<() => void>>()
  const waiters = new Map<string, Array<() => void>>()
  const open = new Set<ServerResponse>()

  const behaviourOf = (orderId: string): Required<Behaviour> => ({ ...defaults, ...behaviours.get(orderId) })

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    open.delete(res)
    if (res.writableEnded || res.destroyed) return
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }

  const sendCallback = async (payment: Payment, forged: boolean, eventId: string): Promise<void> => {
    if (!options.callbackUrl) return
    const body = JSON.stringify({
      eventId,
      eventType: 'PAYMENT_STATUS_CHANGED',
      createdAt: new Date().toISOString(),
      data: forged ? { ...payment, status: 'DONE' } : payment
    })
    const t = Math.floor(Date.now() / 1000)
    const secret = forged ? `${callbackSecret}-not` : callbackSecret
    const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
    try {
      const res = await fetch(options.callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'fc-provider-signature': `t=${t},v1=${v1}` },
        body,
        signal: AbortSignal.timeout(5000)
      })
      await res.arrayBuffer()
      callbacks.push({ orderId: payment.orderId, eventId, status: res.status, forged })
    } catch {
      callbacks.push({ orderId: payment.orderId, eventId, status: 0, forged })
    }
  }

  /** The callbacks of a payment's change, as its order's behaviour says. */
  const notify = async (payment: Payment, behaviour: CallbackBehaviour): Promise<void> => {
    if (behaviour === 'none') return
    const eventId = `evt_${payment.orderId}_${payment.status}`
    if (behaviour === 'forged') return sendCallback(payment, true, `${eventId}_forged`)
    await sendCallback(payment, false, eventId)
    if (behaviour === 'duplicate') await sendCallback(payment, false, eventId)
  }

  const capture = (orderId: string, amount: number, currency: string): Payment => {
    const payment: Payment = {
      paymentKey: `pay_${randomBytes(10).toString('hex')}`,
      orderId,
      status: 'DONE',
      amount,
      currency
    }
    payments.set(orderId, payment)
    ledger.push({ kind: 'charge', orderId, amount, currency, at: Date.now() })
    for (const wake of waiters.get(orderId) ?? []) wake()
    waiters.delete(orderId)
    return payment
  }

  const confirm = async (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) => {
    const orderId = String(body.orderId ?? '')
    const amount = Number(body.amount)
    const currency = String(body.currency ?? '')
    const key = req.headers['idempotency-key']
    if (!orderId || key !== orderId || !Number.isSafeInteger(amount) || !/^[A-Z]{3}$/.test(currency))
      return reply(res, 400, {
        code: 'INVALID_REQUEST',
        message: 'orderId, amount, currency, Idempotency-Key'
      })
    confirms.set(orderId, (confirms.get(orderId) ?? 0) + 1)
    const behaviour = behaviourOf(orderId)
    // Idempotent by order: a retried confirm answers the first outcome and captures nothing.
    const known = payments.get(orderId)
    if (known) {
      if (known.amount !== amount || known.currency !== currency)
        return reply(res, 422, { code: 'IDEMPOTENCY_MISMATCH', message: 'another amount for this order' })
      if (behaviour.charge === 'timeout') return
      if (known.status === 'ABORTED')
        return reply(res, 402, { code: 'REJECT_CARD_PAYMENT', message: known.failure?.message ?? 'declined' })
      return reply(res, 200, known)
    }
    const paymentKey = typeof body.paymentKey === 'string' ? body.paymentKey : undefined
    if (paymentKey !== undefined) {
      const auth = authorized.get(paymentKey)
      if (!auth || auth.orderId !== orderId || auth.amount !== amount || auth.currency !== currency)
        return reply(res, 400, {
          code: 'INVALID_PAYMENT_KEY',
          message: 'the payment key does not match this order'
        })
    } else if (options.requireKey) {
      return reply(res, 403, { code: 'KEY_REQUIRED', message: 'payment key required' })
    }
    if (behaviour.charge === 'decline') {
      const failure = { code: 'REJECT_CARD_PAYMENT', message: 'card declined' }
      const payment: Payment = {
        paymentKey: paymentKey ?? `pay_${randomBytes(10).toString('hex')}`,
        orderId,
        status: 'ABORTED',
        amount,
        currency,
        failure
      }
      payments.set(orderId, payment)
      if (behaviour.callback === 'before-reply') await notify(payment, 'normal')
      reply(res, 402, failure)
      if (behaviour.callback !== 'before-reply') void notify(payment, behaviour.callback)
      return
    }
    const payment = capture(orderId, amount, currency)
    if (paymentKey) payment.paymentKey = paymentKey
    if (behaviour.callback === 'before-reply') await notify(payment, 'normal')
    const answer = () => {
      reply(res, 200, payment)
      if (behaviour.callback !== 'before-reply') void notify(payment, behaviour.callback)
    }
    if (behaviour.charge === 'timeout') return
    if (behaviour.charge === 'hold') {
      held.set(orderId, [...(held.get(orderId) ?? []), answer])
      return
    }
    answer()
  }

  const cancel = (res: ServerResponse, orderId: string) => {
    const payment = payments.get(orderId)
    if (!payment) return reply(res, 404, { code: 'NOT_FOUND_PAYMENT', message: 'no payment for this order' })
    if (payment.status === 'ABORTED')
      return reply(res, 409, { code: 'NOT_CANCELABLE', message: 'never captured' })
    if (payment.status === 'DONE') {
      payment.status = 'CANCELED'
      payment.cancels = [{ transactionKey: `tx_${randomBytes(10).toString('hex')}` }]
      ledger.push({
        kind: 'refund',
        orderId,
        amount: payment.amount,
        currency: payment.currency,
        at: Date.now()
      })
      void notify(payment, behaviourOf(orderId).callback === 'none' ? 'none' : 'normal')
    }
    reply(res, 200, payment)
  }

  const server: Server = createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      raw += chunk
    })
    req.on('end', () => {
      open.add(res)
      res.on('close', () => open.delete(res))
      if (req.headers.authorization !== `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`)
        return reply(res, 401, { code: 'UNAUTHORIZED_KEY', message: 'unknown secret key' })
      let body: Record<string, unknown> = {}
      try {
        body = raw === '' ? {} : JSON.parse(raw)
      } catch {
        return reply(res, 400, { code: 'INVALID_REQUEST', message: 'not JSON' })
      }
      const url = new URL(req.url ?? '/', 'http://provider')
      const order = /^\/v1\/payments\/orders\/([^/]+)(\/cancel)?$/.exec(url.pathname)
      if (req.method === 'POST' && url.pathname === '/v1/payments/confirm') {
        void confirm(req, res, body)
      } else if (req.method === 'POST' && url.pathname === '/v1/payments/authorize') {
        const { orderId, amount, currency } = body as { orderId: string; amount: number; currency: string }
        reply(res, 200, { paymentKey: authorize(orderId, amount, currency) })
      } else if (order && req.method === 'GET' && !order[2]) {
        const payment = payments.get(decodeURIComponent(order[1] as string))
        if (payment) reply(res, 200, payment)
        else reply(res, 404, { code: 'NOT_FOUND_PAYMENT', message: 'no payment for this order' })
      } else if (order && req.method === 'POST' && order[2]) {
        cancel(res, decodeURIComponent(order[1] as string))
      } else {
        reply(res, 404, { code: 'NOT_FOUND', message: 'no such endpoint' })
      }
    })
  })

  function authorize(orderId: string, amount: number, currency: string): string {
    const key = `pay_${randomBytes(10).toString('hex')}`
    authorized.set(key, { orderId, amount, currency })
    return key
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const count = (kind: LedgerEntry['kind'], orderId: string) =>
    ledger.filter((e) => e.kind === kind && e.orderId === orderId).length

  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    callbackSecret,
    ledger,
    callbacks,
    charges: (orderId) => count('charge', orderId),
    refunds: (orderId) => count('refund', orderId),
    confirmCalls: (orderId) => confirms.get(orderId) ?? 0,
    setDefault(behaviour) {
      defaults = { ...defaults, ...behaviour }
    },
    setBehaviour(orderId, behaviour) {
      behaviours.set(orderId, behaviour)
    },
    authorize,
    release(orderId) {
      for (const answer of held.get(orderId) ?? []) answer()
      held.delete(orderId)
    },
    captured(orderId) {
      if (payments.get(orderId)?.status === 'DONE') return Promise.resolve()
      return new Promise((resolve) => waiters.set(orderId, [...(waiters.get(orderId) ?? []), resolve]))
    },
    payment: (orderId) => payments.get(orderId),
    setCallbackUrl(url) {
      options.callbackUrl = url
    },
    async close() {
      for (const res of open) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

// `npx node tools/payment-provider/fake-provider.ts`: a provider for the local stack.
if (import.meta.url === `file://${process.argv[1]}`) {
  const provider = await startFakeProvider({
    port: Number(process.env.FAKE_PROVIDER_PORT ?? 4010),
    ...(process.env.FC_PAYMENT_SECRET_KEY ? { secretKey: process.env.FC_PAYMENT_SECRET_KEY } : {}),
    ...(process.env.FC_PAYMENT_CALLBACK_SECRET
      ? { callbackSecret: process.env.FC_PAYMENT_CALLBACK_SECRET }
      : {}),
    callbackUrl: process.env.FAKE_PROVIDER_CALLBACK_URL ?? 'http://127.0.0.1:3000/v1/payments/callback'
  })
  process.stdout.write(
    `fake payment provider on ${provider.url}\nFC_PAYMENT_PROVIDER=http FC_PAYMENT_URL=${provider.url} FC_PAYMENT_SECRET_KEY=${provider.secretKey} FC_PAYMENT_CALLBACK_SECRET=${provider.callbackSecret}\n`
  )
}
