/** Messages between the benchmark driver (bench/hot.ts) and its server child (bench/child/server.ts). */

/** One buyer of the benchmark: a bearer token and an access token per sale. */
export interface BenchUser {
  id: string
  bearer: string
  holdAccess: string
  /** For the seated sale of the hold step with the workers paused. */
  pausedHoldAccess: string
  claimAccess: string
}

export interface HelloReady {
  type: 'ready'
  mode: 'hello'
  port: number
}

export interface ApiReady {
  type: 'ready'
  mode: 'api'
  port: number
  /** The floor routes (`POST /echo`, `/ping`, `/hold`, `/claim`) in the same process: see bench/child/server.ts. */
  floorPort: number
  holdSaleId: string
  /** A seated sale like the hold step's, for the hold step with the workers paused. */
  pausedHoldSaleId: string
  claimSaleId: string
  /** The seated sale of the floor steps' holds. */
  floorSaleId: string
  /** The coupon sale of the claim floor's claims. */
  floorClaimSaleId: string
  /** Seats per section, and the section names, of the seated sale (seat ids are `S-row-number`). */
  sections: string[]
  rows: number
  seatsPerRow: number
  /** The admitted buyers' ids, and when their admission ends (ms). */
  userIds: string[]
  admittedUntil: number
}

/** The workers child (hold sweeper, ledger sink, booking pipeline consumers) is running. */
export interface WorkersReady {
  type: 'ready'
  mode: 'workers'
}

export interface Counts {
  type: 'counts'
  hold: Record<string, number>
  pausedHold?: Record<string, number>
  claim: Record<string, number>
  floor?: Record<string, number>
  floorClaim?: Record<string, number>
}

export type ChildMessage = HelloReady | ApiReady | WorkersReady | Counts | { type: 'error'; message: string }

export type ParentMessage = { type: 'counts' } | { type: 'close' }

/** Only loopback is ever a target: a benchmark must not load anybody else's machine. */
export function assertLoopback(url: string, what: string): void {
  const host = new URL(url).hostname
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    throw new Error(`${what} must point at 127.0.0.1, not ${host}`)
  }
}
