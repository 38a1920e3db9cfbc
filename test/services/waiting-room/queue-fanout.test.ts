import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisQueueFeed } from '../../../src/adapters/redis/waiting-room-store.ts'
import type { QueueFeed } from '../../../src/domain/waiting-room-ports.ts'
import { QueueFanout, type QueueWatcher } from '../../../src/services/waiting-room/queue-fanout.ts'
import { couponSale, createHarness, type Harness } from '../../support/harness.ts'
import { until } from '../../support/wait.ts'

// No scheduler runs here (FC_WORKERS=0): the only ticks are the ones the test publishes on the
// sale's feed channel, in the wire format of the admission-tick script.
let h: Harness
let fanout: QueueFanout
const errors: unknown[] = []

beforeAll(async () => {
  h = await createHarness()
  fanout = new QueueFanout({
    room: h.rt.waitingRoom.room,
    feed: new RedisQueueFeed(h.redis, h.keys),
    touchEveryMs: 60_000,
    heartbeatMs: 0,
    onError: (err) => errors.push(err)
  })
})
afterAll(async () => {
  await fanout?.close()
  await h?.close()
})

interface Recorder extends QueueWatcher {
  chunks: string[]
  ended: boolean
}

function watcher(userId: string, saleId: string): Recorder {
  const w: Recorder = {
    userId,
    saleId,
    chunks: [],
    ended: false,
    write: (chunk) => w.chunks.push(chunk),
    end: () => {
      w.ended = true
    }
  }
  return w
}

function tick(saleId: string, frontier: number, closed = false): Promise<number> {
  const msg = JSON.stringify({
    f: frontier,
    c: closed ? 1 : 0,
    r: 2,
    cr: 2,
    w: 10,
    a: frontier,
    t: Date.now()
  })
  return h.redis.publish(h.keys.queueChannel(saleId), msg)
}

function parse(chunk: string): { event: string; data: Record<string, unknown> } {
  const m = /^event: (\w+)\ndata: (.*)\n\n$/.exec(chunk)
  if (!m?.[1] || m[2] === undefined) throw new Error(`not one SSE event: ${JSON.stringify(chunk)}`)
  return { event: m[1], data: JSON.parse(m[2]) as Record<string, unknown> }
}

describe('queue fan-out', () => {
  it('sends each stream ticket - frontier every tick, one closed while closed, heartbeats only to silent streams', async () => {
    const saleId = await h.createSale(couponSale(10))
    const room = h.rt.waitingRoom.room
    for (const u of ['a', 'b', 'c']) await room.join(u, saleId)
    const a = watcher('a', saleId)
    const c = watcher('c', saleId)
    await fanout.add(a)
    await fanout.add(c)
    // The first event is where the stream stands now.
    expect(parse(a.chunks[0] ?? '')).toMatchObject({ event: 'position', data: { position: 1, ticket: 1 } })
    expect(parse(c.chunks[0] ?? '')).toMatchObject({ event: 'position', data: { position: 3, ticket: 3 } })

    // A tick: every stream gets its own position from the broadcast frontier (one subscriber: this
    // process's fan-out, whatever the number of streams).
    expect(await tick(saleId, 0)).toBe(1)
    await until(() => c.chunks.length >= 2)
    expect(parse(c.chunks[1] ?? '')).toEqual({
      event: 'position',
      data: { state: 'waiting', position: 3, etaSec: 2, ticket: 3, frontier: 0 }
    })
    await until(() => a.chunks.length >= 2)

    // Streams that got something since the last round get no heartbeat; silent ones do.
    fanout.heartbeat()
    expect([a.chunks.length, c.chunks.length]).toEqual([2, 2])
    fanout.heartbeat()
    expect(a.chunks.at(-1)).toBe(': hb\n\n')
    expect(c.chunks.at(-1)).toBe(': hb\n\n')

    // Closed: one `closed` event, nothing more while it stays closed, then heartbeats only.
    await tick(saleId, 0, true)
    await until(() => c.chunks.length >= 4)
    expect(parse(c.chunks[3] ?? '')).toEqual({ event: 'closed', data: { state: 'closed' } })
    await tick(saleId, 0, true)
    await tick(saleId, 1)
    // Reopened with the frontier at 1: c is at 2; a (ticket 1) is looked up, and is still waiting.
    await until(() => c.chunks.length >= 5 && a.chunks.length >= 5)
    expect(c.chunks.map((x) => (x.startsWith(':') ? 'hb' : parse(x).event))).toEqual([
      'position',
      'position',
      'hb',
      'closed',
      'position'
    ])
    expect(parse(c.chunks[4] ?? '').data).toMatchObject({ position: 2, frontier: 1 })
    expect(parse(a.chunks[4] ?? '')).toMatchObject({
      event: 'position',
      data: { state: 'waiting', ticket: 1 }
    })
    expect(errors).toEqual([])
  })

  it("a tick published while the sale's subscription is being set up still reaches the new stream", async () => {
    const saleId = await h.createSale(
      couponSale(10, { admission: { ratePerSec: 100, maxActive: 1, accessTtlSec: 600 } })
    )
    const room = h.rt.waitingRoom.room
    await room.join('early', saleId)
    // What the stream route reads before the stream starts: still waiting.
    const known = await room.place('early', saleId)
    expect(known.place.place).toBe('waiting')
    // The admission tick lands before the subscription is live: the window in which a process's
    // subscriber connection is still connecting, or its SUBSCRIBE is on the way.
    const inner = new RedisQueueFeed(h.redis, h.keys)
    const slow: QueueFeed = {
      subscribe: async (id, onMessage) => {
        expect(await room.takeLease(saleId, 'slow-subscribe', 60_000)).toBe(true)
        expect(await room.tick(saleId, 'slow-subscribe')).toMatchObject({
          kind: 'ticked',
          admitted: ['early']
        })
        await inner.subscribe(id, onMessage)
      },
      unsubscribe: (id) => inner.unsubscribe(id),
      close: () => inner.close()
    }
    const own = new QueueFanout({
      room,
      feed: slow,
      touchEveryMs: 60_000,
      heartbeatMs: 0,
      onError: (err) => errors.push(err)
    })
    try {
      const w = watcher('early', saleId)
      await own.add(w, known)
      // No later tick will come: the stream must have learnt of the admission already.
      expect(parse(w.chunks.at(-1) ?? '')).toMatchObject({
        event: 'admitted',
        data: { state: 'admitted', ticket: 1 }
      })
      expect(w.ended).toBe(true)
      expect(own.size).toBe(0)
    } finally {
      await own.close()
    }
  })

  it('an admitted buyer gets the access token and the stream ends; a buyer without a place gets expired', async () => {
    const saleId = await h.createSale(
      couponSale(10, { admission: { ratePerSec: 100, maxActive: 1, accessTtlSec: 600 } })
    )
    const room = h.rt.waitingRoom.room
    await room.join('x', saleId)
    await room.join('y', saleId)
    const x = watcher('x', saleId)
    const y = watcher('y', saleId)
    await fanout.add(x)
    await fanout.add(y)
    // One real tick of the admission script: it admits x (one slot) and publishes the frontier.
    expect(await room.takeLease(saleId, 'fanout-test', 60_000)).toBe(true)
    const result = await room.tick(saleId, 'fanout-test')
    expect(result).toMatchObject({ kind: 'ticked', admitted: ['x'] })
    await until(() => x.ended && y.chunks.length >= 2)
    const admitted = parse(x.chunks.at(-1) ?? '')
    expect(admitted).toMatchObject({ event: 'admitted', data: { state: 'admitted', ticket: 1 } })
    expect(typeof admitted.data.accessToken).toBe('string')
    expect(parse(y.chunks.at(-1) ?? '').data).toMatchObject({ state: 'waiting', position: 1, frontier: 1 })
    expect(y.ended).toBe(false)

    const ghost = watcher('ghost', saleId)
    await fanout.add(ghost)
    expect(ghost.ended).toBe(true)
    expect(ghost.chunks.map(parse)).toEqual([{ event: 'expired', data: { state: 'expired' } }])
    expect(errors).toEqual([])
  })
})
