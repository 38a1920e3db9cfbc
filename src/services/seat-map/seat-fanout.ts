import { deltaFrame, diffStates, type SeatMapService, type SeatSnapshot } from './seat-map-service.ts'

/** One open seat map stream (an SSE response, or anything that can take events). */
export interface SeatWatcher {
  readonly saleId: string
  /** Writes one event, already framed. */
  write(chunk: string): void
  /** Ends the stream. */
  end(): void
}

interface SaleStreams {
  clients: Set<SeatWatcher>
  /** The version every client of the sale has been brought to. */
  sent: SeatSnapshot
  timer: NodeJS.Timeout
  ticking: boolean
  lastWriteAt: number
}

// Proxies drop connections silent for about a minute: a comment line after 15 s of nothing.
const HEARTBEAT_MS = 15_000
const HEARTBEAT = ': hb\n\n'
// A tick must not find the snapshot a hair too young because timers and clocks jitter.
const TICK_SLACK_MS = 25

/**
 * Per-process fan-out of seat map changes to open streams: per sale with streams open, one tick
 * every `tickMs` takes the shared snapshot (`SeatMapService`, one Redis read per tick at most, shared
 * with the reads), and when its version moved frames one `delta` (the seats that differ, by index)
 * and writes that same string to every stream of the sale. A tick costs O(seats) once plus one
 * write per stream, whatever the number of changes or streams.
 *
 * A new stream is first brought to the version the others are at: a `delta` from the version it
 * brings when this process still remembers it, else a `snapshot`. A client that stops reading is
 * closed by the stream's buffer bound and reconnects with its version.
 */
export class SeatFanout {
  readonly #map: SeatMapService
  readonly #tickMs: number
  readonly #heartbeatMs: number
  readonly #onError: (err: unknown) => void
  readonly #now: () => number
  readonly #sales = new Map<string, SaleStreams>()
  #closing = false
  /** Delta events framed (one per sale per tick with a change), for metrics and tests. */
  deltas = 0

  constructor(deps: {
    map: SeatMapService
    tickMs: number
    heartbeatMs?: number
    onError: (err: unknown) => void
    now?: () => number
  }) {
    this.#map = deps.map
    this.#tickMs = deps.tickMs
    this.#heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS
    this.#onError = deps.onError
    this.#now = deps.now ?? Date.now
  }

  /** Open streams in this process. */
  get size(): number {
    let n = 0
    for (const s of this.#sales.values()) n += s.clients.size
    return n
  }

  /**
   * Starts streaming the sale's seat map to `w`, continuing from `fromVersion` when possible.
   * Returns the function that detaches it.
   */
  async add(w: SeatWatcher, fromVersion: string | undefined): Promise<() => void> {
    if (this.#closing) {
      w.end()
      return () => {}
    }
    const snap = await this.#map.snapshot(w.saleId)
    if (this.#closing) {
      w.end()
      return () => {}
    }
    let s = this.#sales.get(w.saleId)
    if (!s) {
      const saleId = w.saleId
      const fresh: SaleStreams = {
        clients: new Set(),
        sent: snap,
        timer: setInterval(() => void this.#tick(saleId, fresh), this.#tickMs),
        ticking: false,
        lastWriteAt: this.#now()
      }
      fresh.timer.unref()
      s = fresh
      this.#sales.set(saleId, s)
    }
    // A snapshot newer than the one the sale's streams are at (a read refreshed it since the last
    // tick): the tick comes early, so a client bringing that newer version is never sent back.
    if (snap.seq > s.sent.seq) this.#advance(s, snap)
    const first = this.#catchUp(s.sent, fromVersion)
    if (first !== '') this.#write(w, first)
    s.clients.add(w)
    const sale = s
    return () => this.#detach(sale, w)
  }

  /** What brings a client at `from` to `sent`: nothing, a delta, or a snapshot. */
  #catchUp(sent: SeatSnapshot, from: string | undefined): string {
    if (from === sent.version) return ''
    const base = from === undefined ? undefined : this.#map.statesAt(sent.saleId, from)
    if (from === undefined || base === undefined || base.length !== sent.states.length)
      return sent.snapshotFrame
    return deltaFrame(from, sent.version, diffStates(base, sent.states))
  }

  async #tick(saleId: string, s: SaleStreams): Promise<void> {
    if (s.ticking || this.#sales.get(saleId) !== s) return
    s.ticking = true
    try {
      const snap = await this.#map.snapshot(saleId, Math.max(0, this.#tickMs - TICK_SLACK_MS))
      if (snap.seq > s.sent.seq) this.#advance(s, snap)
      else if (this.#heartbeatMs > 0 && this.#now() - s.lastWriteAt >= this.#heartbeatMs) {
        this.#broadcast(s, HEARTBEAT)
      }
    } catch (err) {
      this.#onError(err)
    } finally {
      s.ticking = false
    }
  }

  /** Brings every stream of the sale to `snap`: one frame for all (nothing if the seats are the same). */
  #advance(s: SaleStreams, snap: SeatSnapshot): void {
    const prev = s.sent
    s.sent = snap
    if (snap.version === prev.version && snap.layout === prev.layout) return
    const frame =
      snap.layout === prev.layout
        ? deltaFrame(prev.version, snap.version, diffStates(prev.states, snap.states))
        : snap.snapshotFrame
    this.deltas++
    this.#broadcast(s, frame)
  }

  #broadcast(s: SaleStreams, frame: string): void {
    s.lastWriteAt = this.#now()
    for (const c of s.clients) this.#write(c, frame)
  }

  #write(w: SeatWatcher, frame: string): void {
    this.#map.bytesSent.stream += frame.length
    w.write(frame)
  }

  #detach(s: SaleStreams, w: SeatWatcher): void {
    s.clients.delete(w)
    if (s.clients.size > 0 || this.#sales.get(w.saleId) !== s) return
    clearInterval(s.timer)
    this.#sales.delete(w.saleId)
  }

  /** Ends every stream (the app's preClose hook): open streams must not hold up a shutdown. */
  close(): void {
    this.#closing = true
    for (const s of this.#sales.values()) {
      clearInterval(s.timer)
      for (const c of s.clients) c.end()
    }
    this.#sales.clear()
  }
}
