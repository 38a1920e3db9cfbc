import type { SubjectLimit } from '../../domain/traffic-ports.ts'

/**
 * The two rate-limit algorithms on one subject's state, in memory. Each process decides with them on
 * its local copy of a subject; `rate-sync-n.lua` runs the same arithmetic in Redis when it adds every
 * process's requests to the shared state, so both agree on when a subject is out of budget.
 */
export interface BucketState {
  /** Token bucket: tokens left, counted at `at` (ms). */
  tokens: number
  at: number
  /** The bucket size `tokens` was counted for (a runtime change of the size adds the difference). */
  size: number
  /** Sliding window: start of the current fixed window (ms), its count, the previous window's count. */
  windowStart: number
  current: number
  previous: number
}

/** A fresh state: a full bucket, empty windows. */
export function freshState(limit: SubjectLimit, now: number): BucketState {
  return {
    tokens: limit.burst,
    at: now,
    size: limit.burst,
    windowStart: now - (now % (limit.windowSec * 1000)),
    current: 0,
    previous: 0
  }
}

/**
 * Whether one more request fits: 0 when it does (and `state` is updated to count it), else the
 * milliseconds until it would (and `state` is left as it was).
 */
export function take(state: BucketState, limit: SubjectLimit, now: number): number {
  let wait = 0
  let tokens = state.tokens
  if (limit.burst > 0) {
    if (state.size !== limit.burst) tokens += limit.burst - state.size
    tokens = Math.min(limit.burst, tokens + (Math.max(0, now - state.at) * limit.perSec) / 1000)
    if (tokens < 1) wait = Math.ceil(((1 - tokens) * 1000) / limit.perSec)
  }
  const win = limit.windowSec * 1000
  let { windowStart, current, previous } = state
  if (limit.windowLimit > 0) {
    const start = now - (now % win)
    // `<`: a state counted on a clock slightly ahead of this one (the shared store's) is kept.
    if (windowStart < start) {
      previous = start - windowStart === win ? current : 0
      current = 0
      windowStart = start
    }
    const elapsed = now - start
    const max = limit.windowLimit
    if ((previous * (win - elapsed)) / win + current + 1 > max) {
      const w =
        current + 1 > max
          ? win - elapsed + Math.max(0, win * (1 - (max - 1) / current))
          : win * (1 - (max - 1 - current) / previous) - elapsed
      wait = Math.max(wait, Math.ceil(w), 1)
    }
  }
  if (wait > 0) return wait
  state.tokens = tokens - 1
  state.at = Math.max(state.at, now)
  state.size = limit.burst
  state.windowStart = windowStart
  state.current = current + 1
  state.previous = previous
  return 0
}

/**
 * Counts `n` requests that were let through whatever the budget (the shared store's side of a sync,
 * and a process re-applying what it let through while a sync was on its way): the bucket may go
 * below zero, and its refill pays that back before anything more gets in.
 */
export function charge(state: BucketState, limit: SubjectLimit, now: number, n: number): void {
  if (limit.burst > 0) {
    let tokens = state.tokens
    if (state.size !== limit.burst) tokens += limit.burst - state.size
    state.tokens = Math.min(limit.burst, tokens + (Math.max(0, now - state.at) * limit.perSec) / 1000) - n
    state.at = Math.max(state.at, now)
    state.size = limit.burst
  }
  if (limit.windowLimit > 0) {
    const win = limit.windowSec * 1000
    const start = now - (now % win)
    if (state.windowStart < start) {
      state.previous = start - state.windowStart === win ? state.current : 0
      state.current = 0
      state.windowStart = start
    }
    state.current += n
  }
}

/** Gives back one request taken by {@link take} (another subject of the same request refused it). */
export function giveBack(state: BucketState, limit: SubjectLimit): void {
  if (limit.burst > 0) state.tokens = Math.min(limit.burst, state.tokens + 1)
  if (limit.windowLimit > 0) state.current = Math.max(0, state.current - 1)
}
