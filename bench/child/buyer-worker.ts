/**
 * A child process of `firstcome bench` (bench/scenarios/run-sale.ts forks it): runs its share of virtual buyers through the whole journey
 * (token, proof-of-work, join, wait over SSE, hold or claim, confirm, result over /v1/me/stream or
 * polling) from one loopback address, and reports progress every second and samples at the end.
 * Buyers are spread over several such processes because one process may hold at most 20,000 files
 * and one source address has about 28,000 ephemeral ports per destination.
 */
import { setMaxListeners } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { solveChallenge } from '../../src/services/traffic/challenge-service.ts'
import { type BotCounts, runBot } from '../lib/buyer-bot.ts'
import { type Answer, BuyerClient, MAX_RETRIES, type ResultStream } from '../lib/buyer-client.ts'
import {
  type AcceptedRecord,
  type BuyerPlan,
  emptyPhases,
  type Phase,
  STEPS,
  type Step,
  type WorkerDone,
  type WorkerMessage,
  type WorkerStart
} from '../lib/types.ts'

/** Bounds on every retry loop: a buyer never spins. */
const MAX_SEAT_ATTEMPTS = 40
const SEAT_MAP_REFRESH_MS = 2000
/** A waiting buyer's stream silent this long while the queue is open gets one poll. */
const SILENCE_MS = 20_000

function send(m: WorkerMessage): void {
  process.send?.(m)
}

class Worker {
  readonly #s: WorkerStart
  readonly #http: BuyerClient
  readonly #phases = emptyPhases()
  readonly #samples: Record<Step, number[]> = Object.fromEntries(
    STEPS.map((s) => [s, []])
  ) as unknown as Record<Step, number[]>
  readonly #timed: Array<[Step, number, number]> = []
  readonly #accepted: AcceptedRecord[] = []
  #refreshes = 0
  #silencePolls = 0
  /** How admitted buyers learned it: pushed on the stream, or polled (after a reload, after silence). */
  readonly #admittedVia = { sse: 0, refresh: 0, silence: 0 }
  #limitRefusals = 0
  readonly #double = { sent: 0, divergent: 0 }
  readonly #bots: BotCounts = { count: 0, refused: 0, refusedBy: {}, admittedThrough: 0 }
  /** Seats not yet tried by this worker's buyers (a seat map's view, refreshed when it runs dry). */
  #seats: string[]
  #seatMapAt = 0
  #seatMapLoad: Promise<void> | undefined
  /** Set when the parent saw the sale fully confirmed: nobody waiting can buy any more. */
  readonly #soldOut = new AbortController()
  /**
   * What each waiting buyer's stream does at the sell-out. A Set, not listeners on the signal:
   * an EventTarget checks every listener it holds on each add, so thousands of waiting buyers made
   * each new one pay for all the others (addEventListener was the load generator's hottest function).
   */
  readonly #soldOutWaiters = new Set<() => void>()
  /** Aborts whatever is still in flight shortly after the result deadline, so the run ends with a report. */
  readonly #end = new AbortController()

  constructor(s: WorkerStart) {
    this.#s = s
    this.#http = new BuyerClient(s, this.#end.signal)
    this.#seats = [...s.seatOrder].reverse()
    this.#phases.idle = s.buyers.length
    // Checked by every buyer; the end also closes every connection (BuyerClient).
    setMaxListeners(0, this.#soldOut.signal, this.#end.signal)
  }

  soldOut(): void {
    this.#soldOut.abort()
    for (const stop of this.#soldOutWaiters) stop()
    this.#soldOutWaiters.clear()
  }

  async run(): Promise<void> {
    const ticker = setInterval(() => this.#tick(), 1000)
    const end = setTimeout(() => this.#end.abort(), Math.max(0, this.#s.resultDeadline + 10_000 - Date.now()))
    try {
      await Promise.all(this.#s.buyers.map((b, i) => this.#buyer(b, i)))
    } finally {
      clearInterval(ticker)
      clearTimeout(end)
      this.#tick()
    }
    const done: WorkerDone = {
      type: 'done',
      samples: this.#samples,
      timed: this.#timed,
      accepted: this.#accepted,
      errors: this.#http.errors,
      requests: this.#http.requests,
      phases: this.#phases,
      doubleClicks: this.#double,
      bots: this.#bots,
      refreshes: this.#refreshes,
      silencePolls: this.#silencePolls,
      admittedVia: this.#admittedVia,
      limitRefusals: this.#limitRefusals
    }
    send(done)
    await this.#http.close()
  }

  #tick(): void {
    send({ type: 'tick', at: Date.now(), phases: { ...this.#phases }, ...this.#http.tick() })
  }

  #sample(step: Step, startedAt: number): void {
    const now = Date.now()
    const ms = now - startedAt
    this.#samples[step].push(ms)
    this.#timed.push([step, now, ms])
  }

  #set(b: { phase: Phase }, p: Phase): void {
    this.#phases[b.phase]--
    this.#phases[p]++
    b.phase = p
  }

  async #buyer(plan: BuyerPlan, index: number): Promise<void> {
    const b = { phase: 'idle' as Phase }
    const delay = plan.startAt - Date.now()
    if (delay > 0) await sleep(delay)
    if (Date.now() > this.#s.deadline || this.#soldOut.signal.aborted) {
      this.#set(b, 'soldOut')
      return
    }
    try {
      await this.#journey(plan, index, b)
    } catch (err) {
      this.#http.error(`client:${err instanceof Error ? err.message.slice(0, 40) : 'error'}`)
      this.#set(b, 'gaveUp')
    }
  }

  async #journey(plan: BuyerPlan, index: number, b: { phase: Phase }): Promise<void> {
    const s = this.#s
    this.#set(b, 'joining')
    const token = await this.#http.token(plan.userId)
    if (plan.role === 'bot')
      return this.#set(b, (await runBot(this.#http, s, this.#bots, token)) ? 'blocked' : 'gaveUp')

    // 1. Join (with a solved challenge when the sale asks for one).
    const joinStarted = Date.now()
    let joinBody: Record<string, unknown> = {}
    if (s.difficulty > 0) {
      const c = await this.#http.retrying('POST', '/v1/events/{id}/challenge', { id: s.saleId }, token)
      if (c.status !== 201) return this.#set(b, 'gaveUp')
      const salt = String(c.body.salt)
      joinBody = {
        challenge: {
          challengeId: String(c.body.challengeId),
          nonce: solveChallenge(salt, Number(c.body.difficulty))
        }
      }
    }
    const join = await this.#http.retrying('POST', '/v1/events/{id}/queue', { id: s.saleId }, token, {
      body: joinBody
    })
    if (join.status !== 200 && join.status !== 201)
      return this.#set(b, join.code === 'FC_SOLD_OUT' ? 'soldOut' : 'gaveUp')
    this.#sample('join', joinStarted)
    const abandonEarly = plan.role === 'abandoner' && (index % 2 === 0 || s.kind === 'coupon')
    if (abandonEarly) return this.#set(b, 'abandoned')

    // 2. Wait for admission over SSE.
    this.#set(b, 'waiting')
    let access = typeof join.body.accessToken === 'string' ? join.body.accessToken : undefined
    if (join.body.state === 'closed') return this.#set(b, 'soldOut')
    if (!access) {
      const waited = await this.#waitAdmitted(token, String(join.body.queueToken), plan.role === 'refresher')
      if (waited.kind !== 'admitted') return this.#set(b, waited.kind === 'closed' ? 'soldOut' : 'gaveUp')
      access = waited.accessToken
    }
    this.#sample('admittedWait', joinStarted)

    // 3. Hold seats (or claim a coupon).
    this.#set(b, 'shopping')
    const greedy = plan.role === 'buyer' && index % 20 === 7
    const wanted = greedy ? s.seatsPerBuyer + 1 : s.seatsPerBuyer
    const double = plan.role === 'doubleClicker'
    // The result stream opens before the purchase, as the web app does, so no result can slip by.
    const results = plan.role === 'refresher' ? undefined : this.#http.resultStream(token)
    // A buyer who is done shopping (paid, found nothing, or gave up) leaves, which hands the
    // admission slot to the next buyer at once; an abandoner just vanishes and keeps it until the
    // access expires.
    let left = plan.role === 'abandoner'
    const leave = async () => {
      if (left) return
      left = true
      const started = Date.now()
      const a = await this.#http.retrying('DELETE', '/v1/events/{id}/queue', { id: s.saleId }, token)
      if (a.status === 200) this.#sample('leave', started)
    }
    try {
      const headers = (key: string) => ({ 'x-access-token': access ?? '', 'idempotency-key': key })
      const accepted: AcceptedRecord[] = []
      if (s.kind === 'coupon') {
        for (let n = 0; n < wanted; n++) {
          const key = `c-${plan.userId}-${n}`
          const started = Date.now()
          const go = () =>
            this.#http.retrying('POST', '/v1/events/{id}/claims', { id: s.saleId }, token, {
              headers: headers(key)
            })
          const [a, second] = double ? await Promise.all([go(), go()]) : [await go(), undefined]
          if (second) this.#compare(a, second, 'claimId')
          if (a.status === 202) {
            this.#sample('hold', started)
            accepted.push({ userId: plan.userId, id: String(a.body.claimId), acceptedAt: Date.now() })
          } else if (a.code === 'FC_LIMIT_REACHED') {
            this.#limitRefusals++
            break
          } else break
        }
      } else {
        const holds = await this.#holdSeats(token, headers, wanted, double, plan.userId)
        if (holds === 'soldOut') {
          await leave()
          return this.#set(b, 'soldOut')
        }
        if (holds.length === 0) {
          await leave()
          return this.#set(b, 'gaveUp')
        }
        if (plan.role === 'abandoner') return this.#set(b, 'abandoned')
        // 4. Pay: confirm each hold with a simulated payment.
        this.#set(b, 'paying')
        for (const holdId of holds) {
          const simulate = Math.random() < s.declineShare ? 'decline' : 'approve'
          const key = `p-${holdId}`
          const started = Date.now()
          const go = () =>
            this.#http.retrying('POST', '/v1/holds/{holdId}/confirm', { holdId }, token, {
              headers: headers(key),
              body: { payment: { simulate } }
            })
          const [a, second] = double ? await Promise.all([go(), go()]) : [await go(), undefined]
          if (second) this.#compare(a, second, 'reservationId')
          if (a.status === 202) {
            this.#sample('confirm', started)
            accepted.push({ userId: plan.userId, id: String(a.body.reservationId), acceptedAt: Date.now() })
          }
        }
      }
      await leave()
      if (accepted.length === 0) return this.#set(b, s.kind === 'coupon' ? 'soldOut' : 'failed')
      this.#accepted.push(...accepted)

      // 5. The result: pushed on /v1/me/stream, or polled (refreshers, and anyone the push missed).
      this.#set(b, 'result')
      await this.#awaitResults(token, accepted, results)
      const ok = accepted.some((a) => a.status === 'confirmed')
      this.#set(b, ok ? 'bought' : 'failed')
    } finally {
      results?.close()
    }
  }

  /** Two answers to the same Idempotency-Key must name the same effect. */
  #compare(a: Answer, b: Answer, field: string): void {
    this.#double.sent++
    const ok = (x: Answer) => x.status >= 200 && x.status < 300
    if (ok(a) && ok(b) && String(a.body[field]) !== String(b.body[field])) this.#double.divergent++
  }

  async #holdSeats(
    token: string,
    headers: (key: string) => Record<string, string>,
    wanted: number,
    double: boolean,
    userId: string
  ): Promise<string[] | 'soldOut'> {
    const s = this.#s
    const holds: string[] = []
    let takenInRow = 0
    for (let attempt = 0; attempt < MAX_SEAT_ATTEMPTS && holds.length < wanted; attempt++) {
      if (Date.now() > s.deadline || this.#soldOut.signal.aborted) break
      const seatId = await this.#nextSeat()
      if (!seatId) return holds.length > 0 ? holds : 'soldOut'
      const key = `h-${userId}-${seatId}`
      const started = Date.now()
      const go = () =>
        this.#http.retrying('POST', '/v1/events/{id}/holds', { id: s.saleId }, token, {
          headers: headers(key),
          body: { seatId }
        })
      const [a, second] = double ? await Promise.all([go(), go()]) : [await go(), undefined]
      if (second) this.#compare(a, second, 'holdId')
      if (a.status === 201) {
        this.#sample('hold', started)
        holds.push(String(a.body.holdId))
        takenInRow = 0
      } else if (a.code === 'FC_SEAT_TAKEN') {
        // Two taken seats in a row: this worker's view of the map is stale (near the sell-out most
        // of it is). Look at the map again, as a person would reload it, at most every 2 s.
        if (++takenInRow >= 2 && Date.now() - this.#seatMapAt > SEAT_MAP_REFRESH_MS) {
          this.#seats = []
          takenInRow = 0
        }
      } else if (a.code === 'FC_SOLD_OUT') return holds.length > 0 ? holds : 'soldOut'
      else if (a.code === 'FC_LIMIT_REACHED') {
        this.#limitRefusals++
        break
      } else if (a.code === 'FC_NOT_ADMITTED' || a.code === 'FC_FORBIDDEN') break
    }
    return holds
  }

  async #nextSeat(): Promise<string | undefined> {
    for (let round = 0; round < 3; round++) {
      const seat = this.#seats.pop()
      if (seat) return seat
      if (this.#soldOut.signal.aborted) return undefined
      // Out of seats this worker knows as free: look at the seat map again (others may have released).
      if (!this.#seatMapLoad) {
        const wait = Math.max(0, this.#seatMapAt + SEAT_MAP_REFRESH_MS - Date.now())
        this.#seatMapLoad = (async () => {
          await sleep(wait)
          const a = await this.#http.call('GET', '/v1/events/{id}/seats', { id: this.#s.saleId }, 'anonymous')
          this.#seatMapAt = Date.now()
          const seats = Array.isArray(a.body.seats)
            ? (a.body.seats as Array<{ id: string; state: string }>)
            : []
          const free = seats.filter((x) => x.state === 'available').map((x) => x.id)
          for (let i = free.length - 1; i > 0; i--) {
            const j = Math.floor(Math.random() * (i + 1))
            ;[free[i], free[j]] = [free[j] as string, free[i] as string]
          }
          this.#seats = free
        })().finally(() => {
          this.#seatMapLoad = undefined
        })
      }
      await this.#seatMapLoad
      if (this.#seats.length === 0) return undefined
    }
    return undefined
  }

  async #waitAdmitted(
    token: string,
    queueToken: string,
    refresher: boolean
  ): Promise<{ kind: 'admitted'; accessToken: string } | { kind: 'closed' | 'expired' | 'timeout' }> {
    const s = this.#s
    let reconnects = refresher ? 2 : 0
    let failures = 0
    while (Date.now() < s.deadline) {
      // A buyer who joins after the parent saw the sale fully confirmed has nothing to wait for.
      if (this.#soldOut.signal.aborted) return { kind: 'closed' }
      const ctl = new AbortController()
      const stop = () => ctl.abort()
      this.#soldOutWaiters.add(stop)
      const timer = setTimeout(stop, Math.max(0, s.deadline - Date.now()))
      let closed = false
      let refresh = false
      // A stream that says nothing while the queue is open (a position comes every tick) is checked
      // with one poll, as the web app's periodic poll would; such admissions are counted apart.
      let silent = false
      let lastEvent = Date.now()
      const watchdog = setInterval(() => {
        if (!closed && Date.now() - lastEvent > SILENCE_MS) {
          silent = true
          ctl.abort()
        }
      }, 5000)
      try {
        for await (const e of this.#http.events(
          `/v1/events/${s.saleId}/queue/stream?queueToken=${encodeURIComponent(queueToken)}`,
          {},
          ctl.signal
        )) {
          lastEvent = Date.now()
          if (e.event === 'admitted') {
            const data = JSON.parse(e.data) as { accessToken?: string }
            if (data.accessToken) {
              this.#admittedVia.sse++
              return { kind: 'admitted', accessToken: data.accessToken }
            }
          } else if (e.event === 'expired') return { kind: 'expired' }
          // Closed: sold out for now, but seats of expiring holds may come back; a patient buyer
          // stays on the page until the parent says the sale is fully confirmed (or the deadline).
          else if (e.event === 'closed') closed = true
          else if (e.event === 'position' && reconnects > 0 && Math.random() < 0.5) {
            // A refresher reloads the page: the stream drops, one poll, and a new stream.
            reconnects--
            refresh = true
            break
          }
        }
      } catch {
        if (silent && !this.#soldOut.signal.aborted && Date.now() < s.deadline) {
          // Checked below with a poll, then a new stream.
        } else if (ctl.signal.aborted)
          return { kind: closed || this.#soldOut.signal.aborted ? 'closed' : 'timeout' }
        else {
          if (++failures > MAX_RETRIES) return { kind: 'timeout' }
          await sleep(250 * failures)
        }
      } finally {
        clearTimeout(timer)
        clearInterval(watchdog)
        this.#soldOutWaiters.delete(stop)
        ctl.abort()
      }
      if (this.#soldOut.signal.aborted) return { kind: 'closed' }
      if (refresh || silent) {
        if (refresh) this.#refreshes++
        else this.#silencePolls++
        const poll = await this.#http.retrying('GET', '/v1/events/{id}/queue', { id: s.saleId }, token)
        if (typeof poll.body.accessToken === 'string') {
          this.#admittedVia[refresh ? 'refresh' : 'silence']++
          return { kind: 'admitted', accessToken: poll.body.accessToken }
        }
        if (poll.body.state === 'expired') return { kind: 'expired' }
      }
    }
    return { kind: 'timeout' }
  }

  async #awaitResults(
    token: string,
    accepted: AcceptedRecord[],
    stream: ResultStream | undefined
  ): Promise<void> {
    const s = this.#s
    const open = () => accepted.filter((a) => a.status === undefined)
    // Pushed results first; a poll every 2 s (every 500 ms for refreshers) catches anything missed.
    const pollEvery = stream ? 2000 : 500
    let nextPoll = Date.now() + pollEvery
    while (open().length > 0 && Date.now() < s.resultDeadline) {
      if (stream) {
        for (const a of open()) {
          const r = stream.results.get(a.id)
          if (r) this.#terminal(a, r.status, r.at, 'sse')
        }
        if (open().length === 0) break
      }
      const waitMs = Math.max(0, Math.min(nextPoll, s.resultDeadline) - Date.now())
      if (stream) await Promise.race([stream.wake(), sleep(waitMs)])
      else await sleep(waitMs)
      if (Date.now() >= nextPoll) {
        nextPoll = Date.now() + pollEvery
        for (const a of open()) {
          const r =
            s.kind === 'coupon'
              ? await this.#http.call('GET', '/v1/claims/{id}', { id: a.id }, token)
              : await this.#http.call('GET', '/v1/reservations/{id}', { id: a.id }, token)
          const status = typeof r.body.status === 'string' ? r.body.status : undefined
          if (status && status !== 'pending') this.#terminal(a, status, Date.now(), 'poll')
        }
      }
    }
  }

  #terminal(a: AcceptedRecord, status: string, at: number, via: 'sse' | 'poll'): void {
    if (a.status !== undefined) return
    a.status = status
    a.terminalAt = at
    a.via = via
    this.#samples.result.push(at - a.acceptedAt)
    this.#timed.push(['result', at, at - a.acceptedAt])
  }
}

let worker: Worker | undefined
process.on('message', (m: WorkerStart | { type: 'soldOut' } | { type: 'stop' }) => {
  if (m.type === 'start') {
    worker = new Worker(m)
    worker.run().then(
      () => undefined,
      (err: unknown) =>
        send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
    )
  } else if (m.type === 'soldOut') worker?.soldOut()
  else if (m.type === 'stop') process.exit(0)
})
process.on('disconnect', () => process.exit(0))
