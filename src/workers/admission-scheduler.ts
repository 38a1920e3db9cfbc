import type { AdmissionTickResult } from '../domain/waiting-room-ports.ts'
import type { WaitingRoomService } from '../services/waiting-room/waiting-room-service.ts'
import { PeriodicWorker } from './periodic.ts'

interface SaleLoop {
  leader: boolean
  lastTickAt: number
}

/**
 * The admission scheduler: in every process, but only one process ticks a given sale at a time,
 * the holder of that sale's Redis lease. The lease lives 1.5 ticks and is renewed by every tick;
 * the others try to take it four times per tick, so a dead or paused holder is replaced within
 * about two ticks. A holder that was paused past its lease and wakes up cannot admit anyone: the
 * tick script itself checks the lease (fencing), so two schedulers never admit twice.
 */
export class AdmissionScheduler {
  readonly #room: WaitingRoomService
  readonly #owner: string
  readonly #sales: () => Promise<string[]>
  readonly #onTick: ((saleId: string, result: AdmissionTickResult) => void) | undefined
  readonly #worker: PeriodicWorker
  readonly #loops = new Map<string, SaleLoop>()

  constructor(deps: {
    room: WaitingRoomService
    /** Unique per process (and per scheduler instance). */
    owner: string
    /** The sales to run the waiting room of. */
    sales: () => Promise<string[]>
    onError: (err: unknown) => void
    /** Called after every tick this scheduler ran (tests and metrics). */
    onTick?: (saleId: string, result: AdmissionTickResult) => void
  }) {
    this.#room = deps.room
    this.#owner = deps.owner
    this.#sales = deps.sales
    this.#onTick = deps.onTick
    this.#worker = new PeriodicWorker(
      'admission-scheduler',
      Math.max(25, Math.floor(deps.room.tickMs / 4)),
      () => this.runOnce(),
      deps.onError
    )
  }

  get owner(): string {
    return this.#owner
  }

  /** Sales this scheduler currently believes it leads. */
  leading(): string[] {
    return [...this.#loops].filter(([, l]) => l.leader).map(([id]) => id)
  }

  start(): void {
    this.#worker.start()
  }

  /** Stops and gives the leases up, so another process takes over at once. */
  async stop(): Promise<void> {
    await this.#worker.stop()
    await Promise.all(
      this.leading().map((saleId) => this.#room.releaseLease(saleId, this.#owner).catch(() => undefined))
    )
    this.#loops.clear()
  }

  /** Stops without giving the leases up, as a crashed process would (tests of failover). */
  async halt(): Promise<void> {
    await this.#worker.stop()
  }

  /** One pass over every sale: take or renew the lease where due, and tick where leading. */
  async runOnce(): Promise<void> {
    const tickMs = this.#room.tickMs
    for (const saleId of await this.#sales()) {
      let loop = this.#loops.get(saleId)
      if (!loop) {
        loop = { leader: false, lastTickAt: 0 }
        this.#loops.set(saleId, loop)
      }
      const now = Date.now()
      // The leader ticks once per tick; an eighth of a tick of slack absorbs timer jitter.
      if (loop.leader && now - loop.lastTickAt < tickMs - tickMs / 8) continue
      loop.leader = await this.#room.takeLease(saleId, this.#owner, Math.ceil(tickMs * 1.5))
      if (!loop.leader) continue
      loop.lastTickAt = now
      const result = await this.#room.tick(saleId, this.#owner)
      if (!result) continue
      if (result.kind === 'not_leader') loop.leader = false
      this.#onTick?.(saleId, result)
    }
  }
}
