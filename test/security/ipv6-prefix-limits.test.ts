/**
 * IPv6 clients are limited and blocked per /64. Before, per-IP limits, the bot detector and blocks
 * counted single addresses: one IPv6 subscriber, who usually holds a whole /64 (2^64 addresses),
 * took a fresh budget with every request and walked around any block. Per-IP defences on
 * (FC_IP_LIMITS=1); real Redis and PostgreSQL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addressKey } from '../../src/http/traffic-guard.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'

let h: Harness
let saleId: string
let admin: Record<string, string>

beforeAll(async () => {
  h = await createHarness({ FC_IP_LIMITS: '1' }, { kafka: false })
  admin = { authorization: `Bearer ${h.adminToken}` }
  saleId = await h.createSale(seatedSale(1, 4))
})
afterAll(async () => {
  await h?.close()
})
beforeEach(async () => {
  await limits({})
})

async function limits(policies: Record<string, unknown>, autoBlock?: Record<string, unknown>) {
  const res = await h.rt.app.inject({
    method: 'PUT',
    url: '/v1/admin/rate-limits',
    headers: admin,
    payload: { policies, ...(autoBlock ? { autoBlock } : {}) }
  })
  expect(res.statusCode, res.body).toBe(200)
}

const read = (address: string, url = `/v1/events/${saleId}`) =>
  h.rt.app.inject({ method: 'GET', url, remoteAddress: address })

describe('IPv6 addresses', () => {
  it('are counted by their /64, whatever their spelling', () => {
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:0db8:0001:0002:ffff::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8:1:2::')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5')
  })

  it('share one rate-limit budget per /64; another /64 has its own', async () => {
    await limits({ read: { ip: { burst: 3, perSec: 0.01, windowLimit: 0, windowSec: 60 } } })
    const statuses = []
    for (const address of [
      '2001:db8:aaaa:1::1',
      '2001:db8:aaaa:1:a:b:c:d',
      '2001:db8:aaaa:1:ffff:ffff:ffff:fffe',
      '2001:0db8:aaaa:0001::42'
    ]) {
      statuses.push((await read(address)).statusCode)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect((await read('2001:db8:aaaa:2::1')).statusCode).toBe(200)
  })

  it('are blocked by their /64: a block of one address, or of the prefix, covers the whole /64, /health included', async () => {
    for (const [ip, inside, outside] of [
      ['2001:db8:bbbb:1::7', '2001:db8:bbbb:1:dead:beef::1', '2001:db8:bbbb:2::7'],
      ['2001:db8:cccc:1::/64', '2001:db8:cccc:1::99', '2001:db8:cccc:3::1']
    ] as const) {
      const block = await h.rt.app.inject({
        method: 'POST',
        url: '/v1/admin/blocks',
        headers: admin,
        payload: { ip, ttlSec: 60, reason: 'test' }
      })
      expect(block.statusCode, block.body).toBe(201)
      for (const url of [`/v1/events/${saleId}`, '/health']) {
        const res = await read(inside, url)
        expect(res.statusCode, `${inside} ${url}`).toBe(403)
        expect(res.json()).toMatchObject({ code: 'FC_BLOCKED' })
      }
      expect((await read(outside)).statusCode).toBe(200)
    }
    const list = await h.rt.app.inject({ method: 'GET', url: '/v1/admin/blocks', headers: admin })
    const values = (list.json() as { blocks: Array<{ value: string }> }).blocks.map((b) => b.value)
    expect(values).toEqual(expect.arrayContaining(['2001:db8:bbbb:1::/64', '2001:db8:cccc:1::/64']))
    // An IPv4 prefix is not a thing one blocks here.
    const bad = await h.rt.app.inject({
      method: 'POST',
      url: '/v1/admin/blocks',
      headers: admin,
      payload: { ip: '203.0.113.0/64', ttlSec: 60, reason: 'test' }
    })
    expect(bad.statusCode).toBe(400)
  })

  it('many accounts from one /64 are many accounts from one client (the bot detector)', async () => {
    await limits({}, { ipDistinctUsers: 5 })
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      const res = await h.rt.app.inject({
        method: 'GET',
        url: `/v1/events/${saleId}/queue`,
        headers: { authorization: `Bearer ${await h.userToken(`farm${i}`)}` },
        remoteAddress: `2001:db8:dddd:1::${(i + 1).toString(16)}`
      })
      statuses.push(res.statusCode)
    }
    expect(statuses.slice(-1)).toEqual([403])
    expect((await read('2001:db8:dddd:1::ffff')).statusCode).toBe(403)
    expect((await read('2001:db8:dddd:2::1')).statusCode).toBe(200)
  })
})
