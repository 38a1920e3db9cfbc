import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couponSale, createHarness, type Harness } from '../../support/harness.ts'
import { until } from '../../support/wait.ts'

// The queue stream on the wire, read from a plain socket: the chunk framing the route writes by
// hand must be exact, end with the last chunk, and HTTP/1.0 clients must get a plain body.
let h: Harness
let port = 0

beforeAll(async () => {
  h = await createHarness({ FC_ADMISSION_TICK_MS: '1000' })
  const url = new URL(await h.rt.app.listen({ host: '127.0.0.1', port: 0 }))
  port = Number(url.port)
})
afterAll(async () => {
  await h?.close()
})

/** A raw connection that collects everything the server sends. */
function rawGet(path: string, token: string, version: '1.0' | '1.1') {
  const socket = net.connect({ host: '127.0.0.1', port })
  const got = { text: '', closed: false, socket }
  socket.setEncoding('latin1')
  socket.on('data', (d: string) => {
    got.text += d
  })
  socket.on('close', () => {
    got.closed = true
  })
  socket.on('error', () => {})
  socket.write(`GET ${path} HTTP/${version}\r\nhost: x\r\nauthorization: Bearer ${token}\r\n\r\n`)
  return got
}

/** Splits a chunked body strictly: every size line matches its data; `done` once the last chunk came. */
function dechunk(body: string): { data: string; done: boolean } {
  let data = ''
  let at = 0
  for (;;) {
    const eol = body.indexOf('\r\n', at)
    if (eol < 0) return { data, done: false }
    const size = Number.parseInt(body.slice(at, eol), 16)
    if (!/^[0-9a-f]+$/.test(body.slice(at, eol)))
      throw new Error(`bad chunk size at ${at}: ${body.slice(at, eol)}`)
    const start = eol + 2
    if (body.length < start + size + 2) return { data, done: false }
    if (body.slice(start + size, start + size + 2) !== '\r\n')
      throw new Error(`chunk of ${size} not closed by CRLF`)
    if (size === 0) {
      if (start + 2 !== body.length) throw new Error('bytes after the last chunk')
      return { data, done: true }
    }
    data += body.slice(start, start + size)
    at = start + size + 2
  }
}

function events(data: string): Array<{ event: string; data: Record<string, unknown> }> {
  return data
    .split('\n\n')
    .filter((b) => b.startsWith('event: '))
    .map((b) => {
      const [ev, d] = b.split('\n')
      return { event: (ev ?? '').slice(7), data: JSON.parse((d ?? '').slice(6)) as Record<string, unknown> }
    })
}

describe('queue stream on the wire', () => {
  it('HTTP/1.1: exact chunks, positions each tick, the access token, then the last chunk on a kept-alive connection', async () => {
    const saleId = await h.createSale(
      couponSale(10, { admission: { ratePerSec: 1, maxActive: 100, accessTtlSec: 600 } })
    )
    const room = h.rt.waitingRoom.room
    await room.join('w1', saleId)
    await room.join('w2', saleId)
    const s = rawGet(`/v1/events/${saleId}/queue/stream`, await h.userToken('w2'), '1.1')
    await until(() => s.text.includes('"position"'))
    const [head, body] = splitHead(s.text)
    expect(head).toMatch(/^HTTP\/1\.1 200/)
    expect(head.toLowerCase()).toContain('transfer-encoding: chunked')
    expect(head.toLowerCase()).toContain('content-type: text/event-stream')
    expect(dechunk(body).data.startsWith('retry: 3000\n\n')).toBe(true)
    const seen = () => events(dechunk(splitHead(s.text)[1]).data)

    // The first tick (1 admission per second) admits w1: w2 is told it is next.
    expect(await room.takeLease(saleId, 'stream-test', 60_000)).toBe(true)
    await room.tick(saleId, 'stream-test')
    await until(() => seen().length >= 2)
    expect(seen()[1]).toEqual({
      event: 'position',
      data: { state: 'waiting', position: 1, etaSec: 1, ticket: 2, frontier: 1 }
    })
    // Ticks until a second's credit admits w2: its stream carries the access token and ends.
    await until(
      async () => {
        if (!dechunk(splitHead(s.text)[1]).done) await room.tick(saleId, 'stream-test')
        return dechunk(splitHead(s.text)[1]).done
      },
      30_000,
      100
    )
    const all = seen()
    // Position 2 at first, then 1 at every tick until the admission.
    expect(all.slice(0, -1).map((e) => [e.event, e.data.position])).toEqual([
      ['position', 2],
      ...Array.from({ length: all.length - 2 }, () => ['position', 1])
    ])
    expect(all.at(-1)).toMatchObject({ event: 'admitted', data: { state: 'admitted', ticket: 2 } })
    expect(typeof all.at(-1)?.data.accessToken).toBe('string')
    // The response ended cleanly: the connection is still usable for the next request.
    expect(s.closed).toBe(false)
    s.text = ''
    s.socket.write('GET /health HTTP/1.1\r\nhost: x\r\n\r\n')
    await until(() => s.text.includes('\r\n\r\n'))
    expect(s.text).toMatch(/^HTTP\/1\.1 200/)
    s.socket.destroy()
  })

  it('HTTP/1.0: no chunks, the events as a plain body', async () => {
    const saleId = await h.createSale(couponSale(10))
    await h.rt.waitingRoom.room.join('old', saleId)
    const s = rawGet(`/v1/events/${saleId}/queue/stream`, await h.userToken('old'), '1.0')
    await until(() => s.text.includes('"position"'))
    const [head, body] = splitHead(s.text)
    expect(head).toMatch(/^HTTP\/1\.1 200/)
    expect(head.toLowerCase()).not.toContain('transfer-encoding')
    expect(body.startsWith('retry: 3000\n\nevent: position\ndata: {')).toBe(true)
    expect(events(body)[0]?.data).toMatchObject({ state: 'waiting', position: 1, ticket: 1 })
    s.socket.destroy()
  })
})

function splitHead(text: string): [string, string] {
  const i = text.indexOf('\r\n\r\n')
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 4)]
}
