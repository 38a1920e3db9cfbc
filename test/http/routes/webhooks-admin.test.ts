/**
 * The webhook admin routes: admins only, secrets generated and never listed, events checked
 * against the known types, and targets checked in the production profile (a refused registration
 * changes nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../../support/harness.ts'

let prod: Harness
let test: Harness

beforeAll(async () => {
  // The production profile, with one private range allow-listed (and no load shedding: a busy
  // test machine is not what this file tests).
  prod = await createHarness(
    {
      NODE_ENV: 'production',
      FC_WEBHOOK_ALLOW: '10.20.0.0/16',
      FC_SHED_EVENT_LOOP_DELAY_MS: '0',
      FC_PAYMENT_ALLOW_SIMULATOR: '1'
    },
    { kafka: false }
  )
  test = await createHarness({}, { kafka: false })
})
afterAll(async () => {
  await prod?.close()
  await test?.close()
})

async function call(
  h: Harness,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  payload?: object,
  token = h.adminToken
) {
  const res = await h.rt.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {})
  })
  return {
    status: res.statusCode,
    body: res.body === '' ? undefined : (res.json() as Record<string, unknown>)
  }
}

describe('webhook admin routes', () => {
  it('refuses loopback, private and link-local targets in production, and stores nothing', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost:8080/hook',
      'http://10.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/hook',
      'http://[::ffff:10.0.0.1]/hook'
    ]) {
      const res = await call(prod, 'POST', '/v1/admin/webhooks', { url, events: ['reservation.confirmed'] })
      expect(res.status, url).toBe(422)
      expect(res.body?.code, url).toBe('FC_WEBHOOK_TARGET_REFUSED')
    }
    expect((await call(prod, 'GET', '/v1/admin/webhooks')).body).toEqual({ items: [] })

    // The allowlist names a private range.
    const allowed = await call(prod, 'POST', '/v1/admin/webhooks', {
      url: 'http://10.20.1.2:8443/hook',
      events: ['sale.sold_out']
    })
    expect(allowed.status).toBe(201)
    expect((await call(prod, 'GET', '/v1/admin/webhooks')).body?.items).toHaveLength(1)
  })

  it('registers, lists without secrets, lists deliveries, removes; admins only', async () => {
    const created = await call(test, 'POST', '/v1/admin/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['reservation.confirmed', 'claim.issued']
    })
    expect(created.status).toBe(201)
    const { id, secret } = created.body as { id: string; secret: string }
    expect(id).toMatch(/^wh_[0-9a-f]{24}$/)
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32)

    const given = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    const second = await call(test, 'POST', '/v1/admin/webhooks', {
      url: 'https://127.0.0.1:9/other',
      events: ['sale.sold_out'],
      secret: given
    })
    expect(second.body?.secret).toBe(given)

    const list = await call(test, 'GET', '/v1/admin/webhooks')
    expect(list.status).toBe(200)
    const items = list.body?.items as Array<Record<string, unknown>>
    expect(items.map((i) => i.id)).toEqual([id, second.body?.id])
    expect(items[0]).toEqual({
      id,
      url: 'http://127.0.0.1:9/hook',
      events: ['reservation.confirmed', 'claim.issued'],
      disabled: false,
      createdAt: expect.any(String)
    })
    expect(JSON.stringify(list.body)).not.toContain('whsec_')
    // Stored sealed, not as given.
    const { rows } = await test.pool.query<{ secret_enc: string }>('SELECT secret_enc FROM webhook_endpoints')
    expect(rows.map((r) => r.secret_enc).join()).not.toContain(given.slice(6))

    expect(await call(test, 'GET', `/v1/admin/webhooks/${id}/deliveries`)).toEqual({
      status: 200,
      body: { items: [] }
    })
    expect((await call(test, 'DELETE', `/v1/admin/webhooks/${id}`)).status).toBe(204)
    expect((await call(test, 'DELETE', `/v1/admin/webhooks/${id}`)).body?.code).toBe('FC_NOT_FOUND')
    expect((await call(test, 'GET', `/v1/admin/webhooks/${id}/deliveries`)).status).toBe(404)
    expect(
      (
        await call(
          test,
          'POST',
          `/v1/admin/webhooks/${second.body?.id}/deliveries/msg_0123456789abcdef0123456789abcdef/redeliver`
        )
      ).body?.code
    ).toBe('FC_NOT_FOUND')

    const buyer = await test.userToken('someone')
    expect((await call(test, 'GET', '/v1/admin/webhooks', undefined, buyer)).status).toBe(403)
  })

  it('refuses unknown event types, other schemes and malformed secrets', async () => {
    for (const body of [
      { url: 'http://127.0.0.1:9/', events: ['reservation.exploded'] },
      { url: 'http://127.0.0.1:9/', events: [] },
      { url: 'ftp://127.0.0.1/', events: ['sale.sold_out'] },
      { url: 'http://127.0.0.1:9/', events: ['sale.sold_out'], secret: 'not-a-secret' }
    ]) {
      const res = await call(test, 'POST', '/v1/admin/webhooks', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body?.code).toBe('FC_VALIDATION')
    }
  })
})
