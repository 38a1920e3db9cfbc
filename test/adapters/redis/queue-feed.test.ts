/**
 * The waiting room's feed subscription on real Redis: a sale's last watcher leaving and a new one
 * arriving at the same moment (an unsubscribe and a subscribe issued back to back) must leave the
 * process subscribed, or every stream of the sale in it would hear nothing again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisQueueFeed } from '../../../src/adapters/redis/waiting-room-store.ts'
import type { QueueFeedMessage } from '../../../src/domain/waiting-room-ports.ts'
import { createHarness, type Harness } from '../../support/harness.ts'
import { until } from '../../support/wait.ts'

let h: Harness
let feed: RedisQueueFeed

beforeAll(async () => {
  h = await createHarness()
  feed = new RedisQueueFeed(h.redis, h.keys)
})
afterAll(async () => {
  await feed?.close()
  await h?.close()
})

/** A feed message as admission-tick publishes it. */
function publish(saleId: string, frontier: number): Promise<number> {
  const message = JSON.stringify({ f: frontier, c: 0, r: 1, cr: 1, w: 0, a: frontier, t: Date.now() })
  return h.redis.publish(h.keys.queueChannel(saleId), message)
}

async function subscribers(saleId: string): Promise<number> {
  const channel = h.keys.queueChannel(saleId)
  return Number((await h.redis.pubSubNumSub(channel))[channel] ?? 0)
}

describe('RedisQueueFeed', () => {
  it('stays subscribed when an unsubscribe and a subscribe of one sale are issued back to back', async () => {
    const saleId = 'feed-race-a'
    const first: QueueFeedMessage[] = []
    const second: QueueFeedMessage[] = []
    await feed.subscribe(saleId, (m) => first.push(m))
    expect(await publish(saleId, 1)).toBe(1)
    await until(() => first.length === 1, 5000)

    // The last watcher leaves and a new one arrives before the unsubscribe has been answered.
    await Promise.all([feed.unsubscribe(saleId), feed.subscribe(saleId, (m) => second.push(m))])
    expect(await subscribers(saleId)).toBe(1)
    expect(await publish(saleId, 2)).toBe(1)
    await until(() => second.length === 1, 5000)
    expect(second[0]).toMatchObject({ frontier: 2, closed: false })
    expect(first).toHaveLength(1)
  })

  it('ends unsubscribed when the unsubscribe comes last', async () => {
    const saleId = 'feed-race-b'
    await Promise.all([feed.subscribe(saleId, () => {}), feed.unsubscribe(saleId)])
    expect(await subscribers(saleId)).toBe(0)
    // And a later subscribe works again.
    const got: QueueFeedMessage[] = []
    await feed.subscribe(saleId, (m) => got.push(m))
    expect(await publish(saleId, 7)).toBe(1)
    await until(() => got.length === 1, 5000)
  })
})
