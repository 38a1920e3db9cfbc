import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buyerHeaders, createFirstcomeClient } from '../../client/index.ts'
import { openApiDocument } from '../../src/http/openapi-document.ts'
import { CLIENT_TYPES, clientTypes } from '../../tools/gen-client.ts'
import { createHarness, type Harness, seatedSale, tickOnce } from '../support/harness.ts'

let h: Harness
let baseUrl: string

beforeAll(async () => {
  h = await createHarness({ FC_DEV_AUTH: '1' }, { kafka: false })
  baseUrl = await h.rt.app.listen({ host: '127.0.0.1', port: 0 })
})

afterAll(async () => {
  await h?.close()
})

describe('the typed client', () => {
  it('is generated from the current route schemas (run `npm run gen:client` when this fails)', async () => {
    expect(readFileSync(CLIENT_TYPES, 'utf8')).toBe(await clientTypes())
  })

  it('is generated from every route a running process serves', async () => {
    const served = (await h.rt.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>
    }
    const generated = (await openApiDocument()) as { paths: Record<string, Record<string, unknown>> }
    const operations = (doc: { paths: Record<string, Record<string, unknown>> }) =>
      Object.entries(doc.paths)
        .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
        .sort()
    expect(operations(generated)).toEqual(operations(served))
  })

  it('joins a queue, waits, holds and pays (the README example)', async () => {
    const id = await h.createSale(seatedSale(2, 10))
    const token = await h.userToken('reader')
    // As in the README, the admission scheduler's tick stands in for the wait.
    const wait = () => tickOnce(h, id)

    const api = createFirstcomeClient({ baseUrl, token })
    const sale = { params: { path: { id } } }
    let place: { state: string; accessToken?: string } | undefined = (
      await api.POST('/v1/events/{id}/queue', sale)
    ).data
    while (place?.state === 'waiting') {
      await wait()
      place = (await api.GET('/v1/events/{id}/queue', sale)).data
    }
    if (!place?.accessToken) throw new Error(`not admitted: ${place?.state}`)
    const { data: hold, error } = await api.POST('/v1/events/{id}/holds', {
      params: { path: { id }, header: buyerHeaders(place.accessToken, randomUUID()) },
      body: { section: 'A', quantity: 2 }
    })
    if (!hold) throw new Error(`not held: ${error?.code}`)
    const { data: paid } = await api.POST('/v1/holds/{holdId}/confirm', {
      params: { path: { holdId: hold.holdId }, header: buyerHeaders(place.accessToken, randomUUID()) },
      body: { payment: { simulate: 'approve' } }
    })

    expect(hold.seatIds).toHaveLength(2)
    expect(hold.amount).toBe(10_000)
    expect(paid).toMatchObject({ status: 'pending' })
    expect(paid?.reservationId).toMatch(/\.r/)
  })

  it('answers refusals as the error body, typed by status', async () => {
    const api = createFirstcomeClient({ baseUrl })
    const { data, error, response } = await api.GET('/v1/events/{id}/queue', {
      params: { path: { id: 'e0000000000000' } }
    })
    expect(data).toBeUndefined()
    expect(response.status).toBe(401)
    expect(error).toMatchObject({ statusCode: 401, code: 'FC_UNAUTHORIZED' })
  })
})
