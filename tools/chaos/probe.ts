/** The chaos run's end-to-end probe (one buyer holding and confirming one seat) and its waits. */
import { setTimeout as delay } from 'node:timers/promises'
import type { RedisClient } from '../../src/adapters/redis/redis-client.ts'
import { redisStock } from '../invariants.ts'
import { pollUntil } from '../stack/wait.ts'
import type { Client } from './client.ts'

export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string
): Promise<T> {
  const value = await pollUntil(probe, { timeoutMs, intervalMs: 100 })
  if (value === undefined) throw new Error(`chaos: ${what} not reached within ${timeoutMs} ms`)
  return value
}

/** What a probe may do differently (the clock-skew fault sends parts of it to another API process). */
export interface ProbeOptions {
  /** Issues the buyer's token, joins and holds (default: the run's client). */
  holdClient?: Client
  /** Confirms and reads the outcome (default: the run's client). */
  confirmClient?: Client
  /** Waits this long between the hold and the confirm (the hold must still be there). */
  pauseMs?: number
  /** Told the hold's answer (its `expiresAt`). */
  onHold?: (body: { holdId: string; expiresAt?: string }) => void
}

/** One buyer of its own holding and confirming one seat, waiting for the terminal state: the end-to-end probe. */
let probeUser = 0
export async function probeWrite(
  c: { client: Client; saleId: string },
  timeoutMs: number,
  options: ProbeOptions = {}
): Promise<true | undefined> {
  const userId = `probe${probeUser++}`
  const deadline = Date.now() + timeoutMs
  const first = options.holdClient ?? c.client
  const second = options.confirmClient ?? c.client
  try {
    const token = await first.token(userId)
    await first.call('POST', `/v1/events/${c.saleId}/queue`, token, {}, {}, deadline)
    const access = await pollUntil(
      async () =>
        (
          (await first.call('GET', `/v1/events/${c.saleId}/queue`, token, undefined, {}, deadline)).body as {
            accessToken?: string
          }
        ).accessToken,
      { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: 100 }
    )
    if (!access) return undefined
    // Any seat will do: the probe asks the API which are free.
    const seats = await first.call('GET', `/v1/events/${c.saleId}/seats`, token, undefined, {}, deadline)
    const free = ((seats.body as { seats?: Array<{ id: string; state: string }> }).seats ?? []).filter(
      (s) => s.state === 'available'
    )
    for (const seat of free.slice(0, 5)) {
      const hold = await first.call(
        'POST',
        `/v1/events/${c.saleId}/holds`,
        token,
        { seatId: seat.id },
        { 'x-access-token': access, 'idempotency-key': `p-${userId}-${seat.id}` },
        deadline
      )
      if (hold.status !== 201) continue
      const held = hold.body as { holdId: string; expiresAt?: string }
      options.onHold?.(held)
      if (options.pauseMs) await delay(options.pauseMs)
      const holdId = String(held.holdId)
      const confirm = await second.call(
        'POST',
        `/v1/holds/${holdId}/confirm`,
        token,
        { payment: {} },
        { 'x-access-token': access, 'idempotency-key': `pc-${holdId}` },
        deadline
      )
      if (confirm.status !== 202) return undefined
      const id = String((confirm.body as { reservationId: string }).reservationId)
      return await pollUntil(
        async () => {
          const r = await second.call('GET', `/v1/reservations/${id}`, token, undefined, {}, deadline)
          const status = (r.body as { status?: string }).status
          return status === 'confirmed' || status === 'failed' ? true : undefined
        },
        { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: 100 }
      )
    }
    // Sold out: the write path answered, which is what the probe measures.
    return true
  } catch {
    return undefined
  }
}

/** Waits until buyers of the main sale are busy (some seats held, pending or sold), so the fault hits them. */
export async function whileBuyersBusy(c: { redis: RedisClient; saleId: string }): Promise<void> {
  await waitFor(
    async () => {
      const s = await redisStock(c.redis, c.saleId).catch(() => undefined)
      return s && s.held + s.pending + s.sold >= 5 ? true : undefined
    },
    120_000,
    'buyers holding seats'
  )
}
