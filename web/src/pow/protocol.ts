/** Messages between the page and the proof-of-work worker. */
export interface SolveRequest {
  salt: string
  difficulty: number
}

export type SolveMessage =
  | { type: 'progress'; tried: number; hashesPerSec: number }
  | { type: 'solved'; nonce: string; tried: number }
