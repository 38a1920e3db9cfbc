import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKafkaAdmin } from '../../../src/adapters/kafka/index.ts'
import { pipelineTopics } from '../../../src/adapters/kafka/topics.ts'
import type { BookingRequest } from '../../../src/domain/pipeline-ports.ts'
import { holdIdOf } from '../../../src/services/sales/buyer-service.ts'
import { couponSale, createHarness, type Harness, seatedSale } from '../../support/harness.ts'

// Workers off: nothing consumes the booking topic, so an accepted request stays pending until the
// test runs the pipeline's own step (`rt.pipeline`) on it.
let h: Harness

beforeAll(async () => {
  h = await createHarness(
    { FC_KAFKA_TOPIC_PREFIX: `t${randomBytes(5).toString('hex')}` },
    { pipeline: 'kafka' }
  )
})
afterAll(async () => {
  if (!h) return
  const admin = createKafkaAdmin(h.config.kafka.brokers)
  await h.close()
  await admin.deleteTopics(pipelineTopics(h.config).map((t) => t.name)).catch(() => undefined)
  await admin.close()
})

async function req(method: 'GET' | 'POST', url: string, userId: string, headers = {}, payload?: object) {
  const res = await h.rt.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${await h.userToken(userId)}`, ...headers },
    ...(payload ? { payload } : {})
  })
  return { status: res.statusCode, body: res.json() as Record<string, unknown> }
}

async function confirmSeat(saleId: string, userId: string, access: string, seatId: string, simulate: string) {
  const held = await req('POST', `/v1/events/${saleId}/holds`, userId, hdr(access), { seatId })
  expect(held.status).toBe(201)
  const holdId = held.body.holdId as string
  const confirmed = await req('POST', `/v1/holds/${holdId}/confirm`, userId, hdr(access), {
    payment: { simulate }
  })
  expect(confirmed.status).toBe(202)
  const request: BookingRequest = {
    v: 1,
    reservationId: confirmed.body.reservationId as string,
    holdId,
    saleId,
    seatId,
    userId,
    amount: 5000,
    payment: { simulate: simulate as 'approve' },
    acceptedAt: Date.now()
  }
  return request
}

function hdr(access: string) {
  return { 'x-access-token': access, 'idempotency-key': randomBytes(8).toString('hex') }
}

describe('reservation status', () => {
  it('answers pending from Redis, then confirmed or failed from PostgreSQL; only to its owner', async () => {
    const saleId = await h.createSale(seatedSale(1, 10, { perUserLimit: 3 }))
    const access = await h.admit(saleId, ['alice', 'bob'])
    const ok = await confirmSeat(saleId, 'alice', access.get('alice')!, 'A-1-1', 'approve')
    const bad = await confirmSeat(saleId, 'alice', access.get('alice')!, 'A-1-2', 'decline')

    const pending = await req('GET', `/v1/reservations/${ok.reservationId}`, 'alice')
    expect(pending).toMatchObject({
      status: 200,
      body: { id: ok.reservationId, status: 'pending', saleId, seatId: 'A-1-1' }
    })
    expect((await req('GET', `/v1/reservations/${ok.reservationId}`, 'bob')).body.code).toBe('FC_FORBIDDEN')
    await h.rt.drainLedger()
    const mine = await req('GET', '/v1/me/reservations', 'alice')
    expect(mine.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: ok.reservationId, status: 'pending', type: 'reservation' }),
        expect.objectContaining({ id: bad.reservationId, status: 'pending' })
      ])
    )

    expect((await h.rt.pipeline.processBookings([ok, bad])).size).toBe(0)
    expect((await req('GET', `/v1/reservations/${ok.reservationId}`, 'alice')).body).toMatchObject({
      status: 'confirmed',
      seatId: 'A-1-1',
      amount: 5000
    })
    const failed = await req('GET', `/v1/reservations/${bad.reservationId}`, 'alice')
    expect(failed.body).toMatchObject({ status: 'failed', reason: expect.stringContaining('declined') })
    const forbidden = await req('GET', `/v1/reservations/${bad.reservationId}`, 'bob')
    expect(forbidden).toMatchObject({ status: 403, body: { code: 'FC_FORBIDDEN' } })

    const after = (await req('GET', '/v1/me/reservations', 'alice')).body.items as Array<{
      id: string
      status: string
    }>
    expect(
      after
        .filter((i) => i.id === ok.reservationId || i.id === bad.reservationId)
        .map((i) => i.status)
        .sort()
    ).toEqual(['confirmed', 'failed'])
    expect((await req('GET', '/v1/me/reservations', 'bob')).body.items).toEqual([])
  })

  it('404 for unknown ids and for a hold that was never confirmed; 400 for malformed ones', async () => {
    const saleId = await h.createSale(seatedSale(1, 5))
    const access = await h.admit(saleId, ['carol'])
    const held = await req('POST', `/v1/events/${saleId}/holds`, 'carol', hdr(access.get('carol')!), {
      seatId: 'A-1-1'
    })
    const neverConfirmed = (held.body.holdId as string).replace('.h', '.r')
    expect(holdIdOf(neverConfirmed)).toBe(held.body.holdId)
    expect(await req('GET', `/v1/reservations/${neverConfirmed}`, 'carol')).toMatchObject({
      status: 404,
      body: { code: 'FC_NOT_FOUND' }
    })
    const unknown = `${saleId}.r0123456789abcdef`
    expect((await req('GET', `/v1/reservations/${unknown}`, 'carol')).status).toBe(404)
    expect((await req('GET', `/v1/claims/${saleId}.c0123456789abcdef`, 'carol')).status).toBe(404)
    expect((await req('GET', '/v1/reservations/nope', 'carol')).body.code).toBe('FC_VALIDATION')
    const anonymous = await h.rt.app.inject({ method: 'GET', url: `/v1/reservations/${unknown}` })
    expect(anonymous.statusCode).toBe(401)
  })
})

describe('claim status', () => {
  it('answers pending, then confirmed with the coupon; only to its owner', async () => {
    const saleId = await h.createSale(couponSale(10))
    const access = await h.admit(saleId, ['dave'])
    const claimed = await req('POST', `/v1/events/${saleId}/claims`, 'dave', hdr(access.get('dave')!))
    expect(claimed.status).toBe(202)
    const claimId = claimed.body.claimId as string
    expect((await req('GET', `/v1/claims/${claimId}`, 'dave')).body).toMatchObject({
      status: 'pending',
      saleId
    })
    expect((await req('GET', `/v1/claims/${claimId}`, 'erin')).status).toBe(403)
    await h.rt.pipeline.processClaims([{ v: 1, claimId, saleId, userId: 'dave', acceptedAt: Date.now() }])
    expect((await req('GET', `/v1/claims/${claimId}`, 'dave')).body).toMatchObject({
      type: 'claim',
      status: 'confirmed'
    })
    const mine = (await req('GET', '/v1/me/reservations', 'dave')).body.items
    expect(mine).toEqual([expect.objectContaining({ id: claimId, type: 'claim', status: 'confirmed' })])
  })
})
