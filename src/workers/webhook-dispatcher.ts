/**
 * The webhook dispatcher: fans the events recorded with each booking outcome (`webhook_events`,
 * written in the outcome's own transaction) out to the subscribed endpoints, then sends the due
 * deliveries, signed, retrying with back-off until an endpoint answers 2xx or the attempts run out.
 *
 * Never on the booking path: it reads what the pipeline committed, in its own process or the
 * worker's. One slow endpoint delays no other: at most `concurrency` requests are in flight, at
 * most `perEndpoint` of them to one endpoint, each with a deadline; a claim takes for each endpoint
 * only what its free places allow (an endpoint at its limit is left out), so the others'
 * deliveries keep being taken. Several dispatchers may
 * run (events are taken with SKIP LOCKED, a claimed delivery is leased): the limits are per
 * dispatcher. It wakes on PostgreSQL NOTIFY when a transaction that recorded events commits (as
 * the outbox relay does), after each finished request, and on a short poll (`pollMs`) for due
 * retries and notifications a dropped LISTEN connection missed.
 */
import type { DeliveryOutcome, DueDelivery, WebhookStore } from '../domain/webhook-ports.ts'

export interface WebhookDispatcherOptions {
  store: WebhookStore
  /** One attempt of one delivery (services/webhooks/webhook-delivery.ts). */
  attempt: (due: DueDelivery) => Promise<DeliveryOutcome>
  /** Requests in flight at most (default 32). */
  concurrency?: number
  /** Requests in flight to one endpoint at most (default 4). */
  perEndpoint?: number
  /** How long a claimed delivery is kept from other dispatchers: above a request's deadline. */
  leaseMs: number
  /** Period of the poll for new events and due retries (default 500 ms). */
  pollMs?: number
  /** Events fanned out per transaction (default 500). */
  fanOutBatch?: number
  /** Told about each attempt's outcome (metrics, the log line of a delivery given up). */
  onOutcome?: (due: DueDelivery, outcome: DeliveryOutcome) => void
  onError?: (err: unknown) => void
}

export class WebhookDispatcher {
  readonly #o: Required<Omit<WebhookDispatcherOptions, 'onOutcome'>> &
    Pick<WebhookDispatcherOptions, 'onOutcome'>
  /** Requests in flight, by endpoint. */
  readonly #busy = new Map<string, number>()
  readonly #inFlight = new Set<Promise<void>>()
  #timer: NodeJS.Timeout | undefined
  #stopped = true
  #ticking: Promise<void> | undefined
  #again = false
  #listening: Promise<(() => Promise<void>) | undefined> | undefined

  constructor(options: WebhookDispatcherOptions) {
    this.#o = {
      concurrency: 32,
      perEndpoint: 4,
      pollMs: 500,
      fanOutBatch: 500,
      onError: () => undefined,
      ...options
    }
  }

  /** Starts polling at once, and listening in the background (a failure to listen is reported). */
  start(): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#listening = this.#o.store
      .listen(() => this.#wake(), this.#o.onError)
      .catch((err: unknown) => {
        this.#o.onError(err)
        return undefined
      })
    this.#schedule()
  }

  /** Stops listening and polling and waits for the requests in flight (each bounded by its deadline). */
  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    const unlisten = await this.#listening
    this.#listening = undefined
    await unlisten?.()
    await this.#ticking
    await Promise.all([...this.#inFlight])
  }

  /**
   * Fans out every pending event and sends every due delivery, waiting for the answers; repeats
   * until nothing is due (tests and tools; the running dispatcher does the same in the background).
   */
  async runOnce(): Promise<number> {
    let attempts = 0
    for (;;) {
      await this.fanOut()
      const started = await this.#claimAndSend()
      attempts += started
      await Promise.all([...this.#inFlight])
      if (started === 0) return attempts
    }
  }

  /** Fans out pending events until a batch comes back short; returns how many. */
  async fanOut(): Promise<number> {
    let total = 0
    for (;;) {
      const n = await this.#o.store.fanOut(this.#o.fanOutBatch)
      total += n
      if (n < this.#o.fanOutBatch) return total
    }
  }

  #schedule(): void {
    if (this.#stopped) return
    this.#timer = setTimeout(() => {
      this.#wake()
      this.#schedule()
    }, this.#o.pollMs)
    this.#timer.unref()
  }

  /** One pass now, or once more right after the one in progress. */
  #wake(): void {
    if (this.#stopped) return
    if (this.#ticking) {
      this.#again = true
      return
    }
    this.#ticking = (async () => {
      await this.fanOut()
      await this.#claimAndSend()
    })()
      .catch((err: unknown) => this.#o.onError(err))
      .finally(() => {
        this.#ticking = undefined
        if (this.#again) {
          this.#again = false
          this.#wake()
        }
      })
  }

  /** Claims as many due deliveries as there is room for and starts sending them; returns how many. */
  async #claimAndSend(): Promise<number> {
    const room = this.#o.concurrency - this.#inFlight.size
    if (room <= 0) return 0
    const due = await this.#o.store.claimDue(room, {
      perEndpoint: this.#o.perEndpoint,
      inFlight: new Map(this.#busy),
      leaseMs: this.#o.leaseMs
    })
    for (const d of due) this.#send(d)
    return due.length
  }

  #send(due: DueDelivery): void {
    this.#busy.set(due.endpointId, (this.#busy.get(due.endpointId) ?? 0) + 1)
    const run = (async () => {
      try {
        const outcome = await this.#o.attempt(due)
        await this.#o.store.finish(due.id, outcome)
        this.#o.onOutcome?.(due, outcome)
      } catch (err) {
        // Not recorded: the lease runs out and the delivery is taken again.
        this.#o.onError(err)
      }
    })().finally(() => {
      const left = (this.#busy.get(due.endpointId) ?? 1) - 1
      if (left <= 0) this.#busy.delete(due.endpointId)
      else this.#busy.set(due.endpointId, left)
      this.#inFlight.delete(run)
      // A slot is free: take the next due delivery at once rather than at the next poll.
      this.#wake()
    })
    this.#inFlight.add(run)
  }
}
