import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdmissionTickResult } from '../../../src/domain/waiting-room-ports.ts'
import { AdmissionScheduler } from '../../../src/workers/admission-scheduler.ts'
import { couponSale, createHarness, type Harness } from '../../support/harness.ts'
import { until } from '../../support/wait.ts'

let h: Harness
beforeAll(async () => {
  h = await createHarness({ FC_ADMISSION_TICK_MS: '200', FC_QUEUE_GRACE_SEC: '60' })
})
afterAll(async () => {
  await h?.close()
})

describe('the time from join to admission', () => {
  it('is reported for every admitted buyer, once, and forgotten after', async () => {
    const saleId = await h.createSale(
      couponSale(500, {
        perUserLimit: 1,
        admission: { ratePerSec: 100, maxActive: 10_000, accessTtlSec: 600 }
      })
    )
    const room = h.rt.waitingRoom.room
    const users = Array.from({ length: 300 }, (_, i) => `w${i}`)
    const joinedBefore = Date.now()
    for (const u of users) await room.join(u, saleId)
    // Joining again keeps the place and its join time.
    await Promise.all(users.slice(0, 50).map((u) => room.join(u, saleId)))
    const ticks: Array<Extract<AdmissionTickResult, { kind: 'ticked' }>> = []
    const scheduler = new AdmissionScheduler({
      room,
      owner: 'waits-test',
      sales: async () => [saleId],
      onError: (err) => {
        throw err
      },
      onTick: (_s, r) => {
        if (r.kind === 'ticked' && r.admitted.length > 0) ticks.push(r)
      }
    })
    scheduler.start()
    try {
      await until(() => ticks.reduce((n, t) => n + t.admitted.length, 0) >= users.length, 60_000)
    } finally {
      await scheduler.stop()
    }
    const admitted = ticks.flatMap((t) => t.admitted)
    expect(new Set(admitted).size).toBe(users.length)
    for (const t of ticks) {
      expect(t.waitedMs).toHaveLength(t.admitted.length)
      for (const w of t.waitedMs ?? []) {
        expect(w).toBeGreaterThanOrEqual(0)
        // Nobody waited longer than since before the first join.
        expect(w).toBeLessThanOrEqual(t.message.at - joinedBefore + 1000)
      }
    }
    // Everyone joined before the first tick: a buyer admitted by a later tick has waited at least
    // since that first tick (both times from Redis's clock).
    const firstAt = ticks[0]?.message.at ?? 0
    for (const t of ticks)
      for (const w of t.waitedMs ?? []) expect(w).toBeGreaterThanOrEqual(t.message.at - firstAt)
    const left = await h.redis.hLen(h.keys.queue(saleId).joined)
    expect(left).toBe(0)
  })
})
