import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Sale, Seat } from '../../domain/sale.ts'
import type { SeatCode, SeatStateSource } from '../../domain/seat-map-ports.ts'
import { FcError } from '../../errors.ts'

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/** Defaults of {@link SeatMapService}. */
export const SEAT_MAP_DEFAULTS = {
  /** Versions kept per sale for reconnecting streams (about 16 s of changes at 4 versions a second). */
  historySize: 64,
  /** A sale's snapshot nobody read for this long is dropped. */
  idleMs: 60_000
} as const

/**
 * Brotli quality of the bodies. Measured on a 10,000-seat `/seats` body (825 KB of JSON, states
 * random): quality 5 gives 36 KB in 15 ms, 11 gives 32 KB in 970 ms; gzip level 6 gives 61 KB in
 * 8 ms. A body is compressed once per version (a few times a second at most), off the event loop.
 */
const BROTLI_QUALITY = 5

/** The content codings a seat map body is sent in. */
export type Encoding = 'br' | 'gzip' | 'identity'

/** What the seat map needs from the sale service: the sale and its seats (cached there). */
export interface SaleSource {
  get(saleId: string): Promise<{ sale: Sale; seats: Seat[] }>
}

/**
 * One JSON body with its compressed forms, each built once, on first use, and reused for every
 * request of the same version. `etag` is the strong tag of the identity form (quoted); the
 * compressed forms are other representations and carry it with a suffix (see {@link etagOf}).
 */
export class EncodedBody {
  readonly etag: string
  readonly identity: Buffer
  readonly #onEncode: (encoding: Encoding, bytes: number) => void
  #gzip: Promise<Buffer> | undefined
  #br: Promise<Buffer> | undefined

  constructor(tag: string, json: string, onEncode: (encoding: Encoding, bytes: number) => void) {
    this.etag = `"${tag}"`
    this.identity = Buffer.from(json)
    this.#onEncode = onEncode
  }

  /** The body in `encoding`, compressed on the first call only (concurrent callers share it). */
  get(encoding: Encoding): Promise<Buffer> {
    if (encoding === 'identity') return Promise.resolve(this.identity)
    if (encoding === 'gzip') {
      this.#gzip ??= this.#encode(encoding, gzipAsync(this.identity, { level: 6 }))
      return this.#gzip
    }
    this.#br ??= this.#encode(
      encoding,
      brotliAsync(this.identity, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: this.identity.length
        }
      })
    )
    return this.#br
  }

  #encode(encoding: Encoding, p: Promise<Buffer>): Promise<Buffer> {
    return p.then((b) => {
      this.#onEncode(encoding, b.length)
      return b
    })
  }
}

/** The strong ETag of `body` in `encoding`: a compressed form is another representation. */
export function etagOf(body: EncodedBody, encoding: Encoding): string {
  return encoding === 'identity' ? body.etag : `${body.etag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"`
}

/** The fixed part of a seated sale's map: order, sections and where each seat sits in the states. */
export class SeatLayout {
  /** Tells a changed layout from the same one (sections, prices, currency). */
  readonly key: string
  readonly seatCount: number
  /** Short hash of `key`, in the ETags of bodies that depend on the layout. */
  readonly tag: string
  /** Seat id -> index in layout order. */
  readonly index: ReadonlyMap<string, number>
  readonly body: EncodedBody
  /**
   * The old `/seats` shape: each seat's JSON up to its state, in layout order (sections as created,
   * then row, then number), with its index in the states.
   */
  readonly #oldPrefixes: string[]
  readonly #oldIndexes: Int32Array

  constructor(sale: Sale, seats: readonly Seat[], onEncode: (encoding: Encoding, bytes: number) => void) {
    const { json, offsets, seatCount } = layoutOf(sale)
    this.seatCount = seatCount
    this.key = json
    this.tag = createHash('sha256').update(json).digest('base64url').slice(0, 16)
    this.body = new EncodedBody(`l-${this.tag}`, json, onEncode)
    const index = new Map<string, number>()
    const old: Array<{ n: number; prefix: string }> = []
    for (const seat of seats) {
      const at = offsets.get(seat.section)
      // Seats outside the sections cannot exist (both come from the same definition); if one did,
      // it would read as available, after the others.
      const n =
        at && seat.row >= 1 && seat.row <= at.rows && seat.number >= 1 && seat.number <= at.seatsPerRow
          ? at.offset + (seat.row - 1) * at.seatsPerRow + (seat.number - 1)
          : -1
      if (n >= 0) index.set(seat.id, n)
      old.push({
        n,
        prefix:
          `{"id":${JSON.stringify(seat.id)},"section":${JSON.stringify(seat.section)},"row":${seat.row},` +
          `"number":${seat.number},"price":${seat.price},"state":"`
      })
    }
    old.sort((x, y) => (x.n < 0 ? Number.MAX_SAFE_INTEGER : x.n) - (y.n < 0 ? Number.MAX_SAFE_INTEGER : y.n))
    this.#oldPrefixes = old.map((o) => o.prefix)
    this.#oldIndexes = Int32Array.from(old, (o) => o.n)
    this.index = index
  }

  /** The states in layout order from Redis's seats (seats Redis lacks read as available). */
  encode(seats: ReadonlyArray<readonly [string, SeatCode]>): string {
    const out = Buffer.alloc(this.seatCount, 'a', 'latin1')
    for (const [id, code] of seats) {
      const i = this.index.get(id)
      if (i !== undefined) out[i] = code.charCodeAt(0)
    }
    return out.toString('latin1')
  }

  /** `{seats: [{id, section, row, number, price, state}]}`, the shape `/seats` always had. */
  oldJson(states: string): string {
    const parts: string[] = new Array(this.#oldPrefixes.length)
    for (let i = 0; i < parts.length; i++) {
      const n = this.#oldIndexes[i] as number
      const code = n >= 0 ? states[n] : 'a'
      parts[i] = `${this.#oldPrefixes[i]}${code === 's' ? 'sold' : code === 'h' ? 'held' : 'available'}"}`
    }
    return `{"seats":[${parts.join(',')}]}`
  }
}

let snapshots = 0

/**
 * One version of a sale's seat map, immutable: the states in layout order and, built on first use
 * and then shared, every body and stream frame derived from them.
 */
export class SeatSnapshot {
  /** Creation order in this process: a higher `seq` of the same sale is a later snapshot. */
  readonly seq = ++snapshots
  readonly saleId: string
  readonly layout: SeatLayout
  readonly version: string
  /** One character per seat in layout order (see {@link SeatCode}). */
  readonly states: string
  readonly #onEncode: (encoding: Encoding, bytes: number) => void
  #state: EncodedBody | undefined
  #seats: EncodedBody | undefined
  #frame: string | undefined

  constructor(
    saleId: string,
    layout: SeatLayout,
    version: string,
    states: string,
    onEncode: (encoding: Encoding, bytes: number) => void
  ) {
    this.saleId = saleId
    this.layout = layout
    this.version = version
    this.states = states
    this.#onEncode = onEncode
  }

  /** `GET /seats/state`: `{saleId, version, states}`. */
  get stateBody(): EncodedBody {
    this.#state ??= new EncodedBody(
      `s-${this.version}`,
      JSON.stringify({ saleId: this.saleId, version: this.version, states: this.states }),
      this.#onEncode
    )
    return this.#state
  }

  /** `GET /seats`: the old shape, every seat with its state. */
  get seatsBody(): EncodedBody {
    this.#seats ??= new EncodedBody(
      `m-${this.layout.tag}-${this.version}`,
      this.layout.oldJson(this.states),
      this.#onEncode
    )
    return this.#seats
  }

  /** The stream's `snapshot` event of this version. */
  get snapshotFrame(): string {
    this.#frame ??= `id: ${this.version}\nevent: snapshot\ndata: ${JSON.stringify({ version: this.version, states: this.states })}\n\n`
    return this.#frame
  }
}

/** The seats whose state differs between two state strings of one layout, as `[index, code]`. */
export function diffStates(from: string, to: string): Array<[number, SeatCode]> {
  const changes: Array<[number, SeatCode]> = []
  for (let i = 0; i < to.length; i++) {
    if (from.charCodeAt(i) !== to.charCodeAt(i)) changes.push([i, to[i] as SeatCode])
  }
  return changes
}

/** The stream's `delta` event from one version to another. */
export function deltaFrame(
  from: string,
  version: string,
  changes: ReadonlyArray<[number, SeatCode]>
): string {
  let list = ''
  for (const [i, code] of changes) list += `${list === '' ? '' : ','}[${i},"${code}"]`
  return `id: ${version}\nevent: delta\ndata: {"from":${JSON.stringify(from)},"version":${JSON.stringify(version)},"changes":[${list}]}\n\n`
}

interface Entry {
  current: SeatSnapshot
  /** The last version Redis answered with (ahead of `current.version` when the seats came out the same). */
  seen: string
  /** When the last refresh started. */
  checkedAt: number
  readAt: number
  /** version -> states, oldest first, for streams that reconnect with a version. */
  history: Map<string, string>
}

/** Counters of the seat map (metrics, tests). */
export interface SeatMapCounters {
  /** Reads of Redis (one script call each). */
  reads: number
  /** New versions built (the seats changed). */
  rebuilds: number
  /** Bodies compressed, by coding. */
  encoded: { gzip: number; br: number }
  /** Snapshots dropped because nobody read them. */
  evicted: number
}

/**
 * The public seat map of each seated sale, shared by every request of this process: one snapshot per
 * sale, refreshed at most every `refreshMs`, by one Redis read however many requests arrive
 * (single-flight), and only when the inventory version moved does that read carry the seats. Each
 * version's bodies (JSON, gzip, brotli) are built once and reused; so a read costs O(1) work here
 * and none in Redis, and a change costs O(seats) once per process, not once per buyer.
 *
 * A short history of versions lets a stream that reconnects with a recent version receive only what
 * changed. Snapshots nobody read for `idleMs` are dropped.
 */
export class SeatMapService {
  readonly #sales: SaleSource
  readonly #source: SeatStateSource
  readonly #refreshMs: number
  readonly #historySize: number
  readonly #idleMs: number
  readonly #now: () => number
  readonly #entries = new Map<string, Entry>()
  readonly #inflight = new Map<string, Promise<SeatSnapshot>>()
  readonly #sweeper: NodeJS.Timeout
  readonly counters: SeatMapCounters = { reads: 0, rebuilds: 0, encoded: { gzip: 0, br: 0 }, evicted: 0 }
  /** Body bytes sent by the seat map routes and streams, by route (the routes add to it). */
  readonly bytesSent = { layout: 0, state: 0, seats: 0, stream: 0 }
  readonly #onEncode = (encoding: Encoding) => {
    if (encoding !== 'identity') this.counters.encoded[encoding]++
  }

  constructor(deps: {
    sales: SaleSource
    source: SeatStateSource
    /** `FC_SEAT_SNAPSHOT_MS`. */
    refreshMs: number
    historySize?: number
    idleMs?: number
    now?: () => number
  }) {
    this.#sales = deps.sales
    this.#source = deps.source
    this.#refreshMs = deps.refreshMs
    this.#historySize = deps.historySize ?? SEAT_MAP_DEFAULTS.historySize
    this.#idleMs = deps.idleMs ?? SEAT_MAP_DEFAULTS.idleMs
    this.#now = deps.now ?? Date.now
    this.#sweeper = setInterval(() => this.evictIdle(), Math.max(1000, Math.floor(this.#idleMs / 2)))
    this.#sweeper.unref()
  }

  get refreshMs(): number {
    return this.#refreshMs
  }

  /** Sales with a snapshot in this process. */
  get size(): number {
    return this.#entries.size
  }

  /**
   * The sale's current snapshot: the one held if it was refreshed less than `maxAgeMs` ago, else a
   * fresh one (one Redis read shared by every caller meanwhile). 404 FC_NOT_FOUND for a sale that
   * is not open to buyers or has no seat map.
   */
  snapshot(saleId: string, maxAgeMs = this.#refreshMs): Promise<SeatSnapshot> {
    const e = this.#entries.get(saleId)
    if (e) {
      const now = this.#now()
      e.readAt = now
      if (now - e.checkedAt < maxAgeMs) return Promise.resolve(e.current)
    }
    let p = this.#inflight.get(saleId)
    if (!p) {
      p = this.#refresh(saleId).finally(() => this.#inflight.delete(saleId))
      this.#inflight.set(saleId, p)
    }
    return p
  }

  /** The states of `version` if this process still remembers it (same layout as the current one). */
  statesAt(saleId: string, version: string): string | undefined {
    return this.#entries.get(saleId)?.history.get(version)
  }

  async #refresh(saleId: string): Promise<SeatSnapshot> {
    const started = this.#now()
    const { sale, seats } = await this.#sales.get(saleId)
    if (sale.kind !== 'seated') throw new FcError('FC_NOT_FOUND', 'This sale has no seat map')
    let e = this.#entries.get(saleId)
    const held = e?.current.layout
    const layout =
      held && held.key === layoutOf(sale).json ? held : new SeatLayout(sale, seats, this.#onEncode)
    const same = e !== undefined && e.current.layout === layout
    const read = await this.#source.readSeatStates(saleId, same && e ? e.seen : '')
    this.counters.reads++
    if (e && same) {
      e.checkedAt = started
      e.seen = read.version
      if (read.seats === undefined) return e.current
      const states = layout.encode(read.seats)
      // Another version with the same seats (a hold and its release between two reads): the
      // snapshot stands, and the new version names the same states for streams that bring it.
      this.#remember(e, read.version, states)
      if (states === e.current.states) return e.current
      e.current = new SeatSnapshot(saleId, layout, read.version, states, this.#onEncode)
      this.counters.rebuilds++
      return e.current
    }
    const states = layout.encode(read.seats ?? [])
    const current = new SeatSnapshot(saleId, layout, read.version, states, this.#onEncode)
    this.counters.rebuilds++
    e = { current, seen: read.version, checkedAt: started, readAt: this.#now(), history: new Map() }
    this.#remember(e, read.version, states)
    this.#entries.set(saleId, e)
    return current
  }

  #remember(e: Entry, version: string, states: string): void {
    e.history.set(version, states)
    while (e.history.size > this.#historySize) {
      const oldest = e.history.keys().next().value as string
      e.history.delete(oldest)
    }
  }

  /** Drops the snapshots nobody read for `idleMs` (also run by a timer). */
  evictIdle(): void {
    const now = this.#now()
    for (const [saleId, e] of this.#entries) {
      if (now - e.readAt >= this.#idleMs && !this.#inflight.has(saleId)) {
        this.#entries.delete(saleId)
        this.counters.evicted++
      }
    }
  }

  close(): void {
    clearInterval(this.#sweeper)
    this.#entries.clear()
  }
}

/** The layout document of a sale (`GET /seats/layout`) and where each section starts. */
function layoutOf(sale: Sale): {
  json: string
  offsets: Map<string, { offset: number; seatsPerRow: number; rows: number }>
  seatCount: number
} {
  const sections: Array<{ name: string; price: number; rows: number; seatsPerRow: number; offset: number }> =
    []
  const offsets = new Map<string, { offset: number; seatsPerRow: number; rows: number }>()
  let offset = 0
  for (const s of sale.sections) {
    sections.push({ name: s.name, price: s.price, rows: s.rows, seatsPerRow: s.seatsPerRow, offset })
    offsets.set(s.name, { offset, seatsPerRow: s.seatsPerRow, rows: s.rows })
    offset += s.rows * s.seatsPerRow
  }
  const doc = { saleId: sale.id, currency: sale.currency, seatCount: offset, sections }
  return { json: JSON.stringify(doc), offsets, seatCount: offset }
}
