import type { QueueFeed, QueueFeedMessage } from '../../domain/waiting-room-ports.ts'
import { etaSec, type RoomSale, type WaitingRoomService } from './waiting-room-service.ts'

/** One open stream of one waiting buyer (an SSE response, or anything that can take events). */
export interface QueueWatcher {
  readonly userId: string
  readonly saleId: string
  /** Writes one event (already framed as text by the fan-out). */
  write(chunk: string): void
  /** Ends the stream. */
  end(): void
}

interface Client {
  w: QueueWatcher
  ticket: number
  opensAtMs: number
  ratePerSec: number
  closed: boolean
  done: boolean
  lookingUp: boolean
  /** Nothing was written to it since the last heartbeat round. */
  quiet: boolean
}

// Proxies drop connections that stay silent for about a minute; a comment line keeps them open.
// Only streams that got nothing for a whole round get one (with 1 s ticks, that is only streams
// told `closed`, which then hear nothing until the queue reopens).
const HEARTBEAT_MS = 15_000
const HEARTBEAT = ': hb\n\n'
const CLOSED = `event: closed\ndata: {"state":"closed"}\n\n`
const PRE_QUEUE = `event: position\ndata: {"state":"waiting","position":null,"etaSec":null,"preQueue":true}\n\n`

/** Frames one server-sent event. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

/** One sale's feed subscription: `ready` resolves once its messages flow. */
interface SaleFeed {
  ready: Promise<void>
  live: boolean
  /** Streams waiting for `ready` (the subscription must outlive them). */
  pending: number
}

/**
 * Per-process fan-out of waiting-room feeds to open streams. One Redis subscription per sale per
 * process, whatever the number of clients; each tick costs O(1) in Redis and one local write per
 * client (position = ticket - frontier, an estimate: abandoned buyers ahead still count until
 * skipped). Only a client whose ticket the frontier has passed costs a Redis read, to learn whether
 * it was admitted or skipped. Open streams are also the buyers' sign of life, recorded in batches.
 */
export class QueueFanout {
  readonly #room: WaitingRoomService
  readonly #feed: QueueFeed
  readonly #onError: (err: unknown) => void
  readonly #bySale = new Map<string, Set<Client>>()
  /** The feed subscription of each sale with streams open or opening in this process. */
  readonly #feeds = new Map<string, SaleFeed>()
  readonly #timers: NodeJS.Timeout[] = []
  #closing = false

  constructor(deps: {
    room: WaitingRoomService
    feed: QueueFeed
    /** How often open streams are recorded as alive; a third of the grace period is safe. */
    touchEveryMs: number
    /** How often streams that got nothing get a comment line; 15 s by default, 0 for never. */
    heartbeatMs?: number
    onError: (err: unknown) => void
  }) {
    this.#room = deps.room
    this.#feed = deps.feed
    this.#onError = deps.onError
    this.#timers.push(setInterval(() => void this.#touchAll(), deps.touchEveryMs))
    const heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS
    if (heartbeatMs > 0) this.#timers.push(setInterval(() => this.heartbeat(), heartbeatMs))
    for (const t of this.#timers) t.unref()
  }

  /** Open streams in this process. */
  get size(): number {
    let n = 0
    for (const set of this.#bySale.values()) n += set.size
    return n
  }

  /**
   * Starts streaming to a watcher: sends where it stands now, then an update every tick until it is
   * admitted, loses its place, or goes away. `known` is its place if the caller just read it (saves
   * a Redis read per new stream of a sale whose feed this process already listens to). Returns the
   * function that detaches it.
   */
  async add(w: QueueWatcher, known?: Awaited<ReturnType<WaitingRoomService['place']>>): Promise<() => void> {
    if (this.#closing) {
      w.end()
      return () => {}
    }
    // Listen first, then read where the buyer stands: a tick published while the sale's
    // subscription was still being set up would be lost to this stream, which would then wait for
    // the next tick (for ever, if none came). The caller's `known` is used only if the feed was
    // already live when it was read.
    let feed = this.#feeds.get(w.saleId)
    const wasLive = feed?.live === true
    if (!feed) feed = this.#listen(w.saleId)
    feed.pending++
    let state: Awaited<ReturnType<WaitingRoomService['place']>>
    try {
      await feed.ready
      state = wasLive && known ? known : await this.#room.place(w.userId, w.saleId)
    } catch (err) {
      feed.pending--
      this.#release(w.saleId)
      throw err
    }
    feed.pending--
    const { sale, place } = state
    const c: Client = {
      w,
      ticket: place.ticket,
      opensAtMs: sale.opensAtMs,
      ratePerSec: sale.ratePerSec,
      closed: false,
      done: false,
      lookingUp: false,
      quiet: false
    }
    if (this.#closing) {
      w.end()
      return () => {}
    }
    this.#deliver(c, sale, place)
    if (c.done) {
      this.#release(w.saleId)
      return () => {}
    }
    let set = this.#bySale.get(w.saleId)
    if (!set) {
      set = new Set()
      this.#bySale.set(w.saleId, set)
    }
    set.add(c)
    return () => this.#detach(c)
  }

  /** Subscribes to a sale's feed; the entry stays while streams of the sale are open or opening. */
  #listen(saleId: string): SaleFeed {
    const feed: SaleFeed = { ready: Promise.resolve(), live: false, pending: 0 }
    feed.ready = this.#feed
      .subscribe(saleId, (m) => this.#onMessage(saleId, m))
      .then(
        () => {
          feed.live = true
        },
        (err: unknown) => {
          if (this.#feeds.get(saleId) === feed) this.#feeds.delete(saleId)
          throw err
        }
      )
    this.#feeds.set(saleId, feed)
    return feed
  }

  /** Unsubscribes from a sale's feed once no stream of it is open or opening here. */
  #release(saleId: string): void {
    const feed = this.#feeds.get(saleId)
    if (!feed || feed.pending > 0 || (this.#bySale.get(saleId)?.size ?? 0) > 0) return
    this.#bySale.delete(saleId)
    this.#feeds.delete(saleId)
    this.#feed.unsubscribe(saleId).catch(this.#onError)
  }

  /** Ends every stream (the app's preClose hook): open streams must not hold up a shutdown. */
  async close(): Promise<void> {
    this.#closing = true
    for (const t of this.#timers) clearInterval(t)
    for (const set of this.#bySale.values()) {
      for (const c of set) {
        c.done = true
        c.w.end()
      }
    }
    this.#bySale.clear()
    this.#feeds.clear()
    await this.#feed.close()
  }

  #detach(c: Client): void {
    c.done = true
    const set = this.#bySale.get(c.w.saleId)
    if (!set) return
    set.delete(c)
    if (set.size === 0) this.#release(c.w.saleId)
  }

  #finish(c: Client, chunk: string): void {
    c.w.write(chunk)
    c.w.end()
    this.#detach(c)
  }

  #deliver(
    c: Client,
    sale: RoomSale,
    place: Awaited<ReturnType<WaitingRoomService['place']>>['place']
  ): void {
    const view = this.#room.view(c.w.userId, sale, place)
    c.ticket = place.ticket
    c.quiet = false
    if (view.state === 'admitted') {
      this.#finish(
        c,
        sseEvent('admitted', {
          state: 'admitted',
          accessToken: view.accessToken,
          expiresAt: view.expiresAt,
          ticket: view.ticket
        })
      )
    } else if (view.state === 'expired' || place.place === 'none') {
      this.#finish(c, sseEvent('expired', { state: 'expired' }))
    } else if (view.state === 'closed') {
      c.closed = true
      c.w.write(CLOSED)
    } else {
      c.w.write(
        sseEvent('position', {
          state: 'waiting',
          position: view.position,
          etaSec: view.etaSec,
          ticket: view.ticket,
          preQueue: view.preQueue
        })
      )
    }
  }

  /**
   * One tick to every stream of the sale: the hot loop of the fan-out (one call per stream per
   * tick). Shared events (closed, pre-queue) are one string for all; a position is one short
   * template per stream, with no JSON serializer and no object per stream.
   */
  #onMessage(saleId: string, m: QueueFeedMessage): void {
    const set = this.#bySale.get(saleId)
    if (!set) return
    const { frontier, rate, at } = m
    const configured = m.configuredRate
    const tail = `,"frontier":${frontier}}\n\n`
    for (const c of set) {
      if (c.done || c.lookingUp) continue
      if (m.closed) {
        if (!c.closed) {
          c.closed = true
          c.quiet = false
          c.w.write(CLOSED)
        }
        continue
      }
      c.closed = false
      const ticket = c.ticket
      if (ticket === 0) {
        // Pre-queued: the ticket exists only once the shuffle has been applied after opening.
        if (at >= c.opensAtMs) this.#lookUp(c)
        else {
          c.quiet = false
          c.w.write(PRE_QUEUE)
        }
      } else if (ticket > frontier) {
        const position = ticket - frontier
        c.quiet = false
        c.w.write(
          `event: position\ndata: {"state":"waiting","position":${position},"etaSec":${etaSec(position, rate, configured || c.ratePerSec)},"ticket":${ticket}${tail}`
        )
      } else {
        this.#lookUp(c)
      }
    }
  }

  /** The frontier passed this client (or its ticket is unknown): ask once what became of it. */
  #lookUp(c: Client): void {
    c.lookingUp = true
    this.#room
      .place(c.w.userId, c.w.saleId)
      .then(({ sale, place }) => {
        c.lookingUp = false
        if (!c.done) this.#deliver(c, sale, place)
      })
      .catch((err: unknown) => {
        c.lookingUp = false
        this.#onError(err)
      })
  }

  async #touchAll(): Promise<void> {
    for (const [saleId, set] of this.#bySale) {
      const users: string[] = []
      for (const c of set) if (!c.done) users.push(c.w.userId)
      await this.#room.touch(saleId, users).catch(this.#onError)
    }
  }

  /** One heartbeat round: a comment line to each stream that got nothing since the last round. */
  heartbeat(): void {
    for (const set of this.#bySale.values()) {
      for (const c of set) {
        if (c.quiet && !c.done) c.w.write(HEARTBEAT)
        c.quiet = true
      }
    }
  }
}
