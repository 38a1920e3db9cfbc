import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couponSale, createHarness, type Harness } from '../../support/harness.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
})
afterAll(async () => {
  await h?.close()
})

describe('joining the queue', () => {
  it('is idempotent per user: joining again returns the same ticket and a token for it', async () => {
    const saleId = await h.createSale(couponSale(10))
    const room = h.rt.waitingRoom.room
    const first = await room.join('alice', saleId)
    const again = await room.join('alice', saleId)
    const bob = await room.join('bob', saleId)
    expect(first).toMatchObject({ ticket: 1, position: 1, state: 'waiting' })
    expect(again).toMatchObject({ ticket: 1, position: 1, state: 'waiting' })
    expect(bob).toMatchObject({ ticket: 2, position: 2, state: 'waiting' })
    expect(room.userOfQueueToken(again.queueToken, saleId)).toBe('alice')
    expect(() => room.userOfQueueToken(`${again.queueToken}x`, saleId)).toThrow(/not valid/)
  })

  it('100,000 users joining concurrently get unique, contiguous tickets 1..100000', async () => {
    const saleId = await h.createSale(couponSale(10))
    const store = h.rt.waitingRoom.store
    const n = 100_000
    const started = Date.now()
    const tickets = new Array<number>(n)
    const chunk = 5000
    for (let i = 0; i < n; i += chunk) {
      await Promise.all(
        Array.from({ length: Math.min(chunk, n - i) }, async (_, j) => {
          const p = await store.join(saleId, `u${i + j}`, 0)
          tickets[i + j] = p.ticket
        })
      )
    }
    const ms = Date.now() - started
    const sorted = [...tickets].sort((a, b) => a - b)
    expect(sorted[0]).toBe(1)
    expect(sorted[n - 1]).toBe(n)
    expect(new Set(tickets).size).toBe(n)
    // Joins were issued in chunks: arrival order within the connection is ticket order.
    expect(tickets.every((t, i) => t === i + 1)).toBe(true)
    const counts = await store.counts(saleId)
    expect(counts.waiting).toBe(n)
    process.stderr.write(`100k joins in ${ms} ms (${Math.round((n / ms) * 1000)}/s)\n`)
  })
})
