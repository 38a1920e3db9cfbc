/**
 * Caps on open server-sent event streams, per user, per client address and per process, over both
 * stream routes (the queue stream and `/v1/me/stream`) together. Before, there was none: one
 * account, or one address with many, could hold any number of streams, each a socket, buffers and
 * a place in every fan-out tick. A refusal is 429 FC_TOO_MANY_STREAMS before anything is sent,
 * and changes nothing; a closed stream gives its place back. Real sockets, Redis and PostgreSQL.
 */
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { couponSale, createHarness, type Harness } from '../support/harness.ts'

let h: Harness
let base: string
const open: AbortController[] = []

beforeAll(async () => {
  h = await createHarness(
    {
      FC_IP_LIMITS: '1',
      // X-Forwarded-For from loopback is believed: each test client names its own address.
      FC_TRUST_PROXY: '127.0.0.1',
      FC_STREAMS_PER_USER: '2',
      FC_STREAMS_PER_IP: '3',
      FC_STREAMS_MAX: '6'
    },
    { kafka: false }
  )
  await h.rt.app.listen({ host: '127.0.0.1', port: 0 })
  base = `http://127.0.0.1:${(h.rt.app.server.address() as AddressInfo).port}`
})
afterEach(async () => {
  for (const c of open.splice(0)) c.abort()
  await vi.waitFor(() => expect(h.rt.app.streams.size).toBe(0))
})
afterAll(async () => {
  await h?.close()
})

/** Opens a stream as `userId` from `address`; resolves with the answer (the body stays open on 200). */
async function stream(userId: string, address: string, path = '/v1/me/stream') {
  const controller = new AbortController()
  open.push(controller)
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${await h.userToken(userId)}`, 'x-forwarded-for': address },
    signal: controller.signal
  })
  if (res.status !== 200) {
    const body = (await res.json()) as { code: string; details?: { limit?: string } }
    return { status: res.status, body, retryAfter: res.headers.get('retry-after'), close: () => {} }
  }
  return { status: 200, body: undefined, retryAfter: null, close: () => controller.abort() }
}

describe('open streams', () => {
  it('are capped per user, across the queue stream and the result stream', async () => {
    const saleId = await h.createSale(
      couponSale(10, { admission: { ratePerSec: 1, maxActive: 1, accessTtlSec: 600 } })
    )
    const join = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/queue`,
      headers: { authorization: `Bearer ${await h.userToken('fan')}` }
    })
    expect(join.statusCode, join.body).toBe(200)
    const queue = await stream('fan', '198.51.100.1', `/v1/events/${saleId}/queue/stream`)
    expect(queue.status).toBe(200)
    const me = await stream('fan', '198.51.100.2')
    expect(me.status).toBe(200)
    const third = await stream('fan', '198.51.100.3')
    expect(third.status).toBe(429)
    expect(third.body).toMatchObject({ code: 'FC_TOO_MANY_STREAMS', details: { limit: 'user' } })
    expect(Number(third.retryAfter)).toBeGreaterThanOrEqual(1)
    const queueAgain = await stream('fan', '198.51.100.4', `/v1/events/${saleId}/queue/stream`)
    expect(queueAgain.status).toBe(429)
    expect(h.rt.app.streams.size).toBe(2)
    // The headers go out before a stream has joined its fan-out (it listens to the sale's feed first).
    await vi.waitFor(() => expect(h.rt.waitingRoom.fanout.size).toBe(1))
    await vi.waitFor(() => expect(h.rt.results.hub.streams).toBe(1))

    // Closing one gives its place back.
    me.close()
    await vi.waitFor(() => expect(h.rt.app.streams.size).toBe(1))
    expect((await stream('fan', '198.51.100.5')).status).toBe(200)
    // Another user is not affected.
    expect((await stream('other', '198.51.100.6')).status).toBe(200)
  })

  it('are capped per client address', async () => {
    for (const user of ['a1', 'a2', 'a3']) expect((await stream(user, '203.0.113.9')).status).toBe(200)
    const fourth = await stream('a4', '203.0.113.9')
    expect(fourth.status).toBe(429)
    expect(fourth.body).toMatchObject({ details: { limit: 'ip' } })
    expect((await stream('a4', '203.0.113.10')).status).toBe(200)
  })

  it('count the addresses of one IPv6 /64 as one client', async () => {
    const addresses = ['2001:db8:7:1::1', '2001:db8:7:1::2', '2001:db8:7:1:ffff::3']
    for (const [i, address] of addresses.entries()) expect((await stream(`b${i}`, address)).status).toBe(200)
    const fourth = await stream('b3', '2001:db8:7:1:abcd::4')
    expect(fourth.status).toBe(429)
    expect(fourth.body).toMatchObject({ details: { limit: 'ip' } })
    expect((await stream('b3', '2001:db8:7:2::1')).status).toBe(200)
  })

  it('are capped per process, whoever opens them', async () => {
    for (let i = 0; i < 6; i++) expect((await stream(`s${i}`, `192.0.2.${i + 1}`)).status).toBe(200)
    const seventh = await stream('s6', '192.0.2.7')
    expect(seventh.status).toBe(429)
    expect(seventh.body).toMatchObject({ details: { limit: 'server' } })
    expect(h.rt.app.streams.size).toBe(6)
    await vi.waitFor(() => expect(h.rt.results.hub.streams).toBe(6))
  })
})
