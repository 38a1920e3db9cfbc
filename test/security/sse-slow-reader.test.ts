/**
 * A client that opens a result stream and never reads it. Before, every event went on being
 * written to it: the socket's buffer, and the process's memory with it, grew without bound. Now a
 * stream whose unsent bytes pass `FC_STREAM_BUFFER_BYTES` is closed, and its place given back.
 * A real socket that stops reading (the kernel's buffers fill first, then the server's), real
 * Redis and PostgreSQL. No timing: the test pushes events until the server gives up on the stream.
 */

import type { AddressInfo } from 'node:net'
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ResultEvent } from '../../src/domain/result-ports.ts'
import { createHarness, type Harness } from '../support/harness.ts'

const BOUND = 64 * 1024
// Far more than the kernel's socket buffers on loopback (a few MB each way): a server that never
// closes the stream keeps all of it in memory.
const GIVE_UP_BYTES = 64 * 1024 * 1024

let h: Harness
let port: number
const sockets: Socket[] = []

beforeAll(async () => {
  h = await createHarness({ FC_STREAM_BUFFER_BYTES: String(BOUND) }, { kafka: false })
  await h.rt.app.listen({ host: '127.0.0.1', port: 0 })
  port = (h.rt.app.server.address() as AddressInfo).port
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await h?.close()
})

/** Opens `GET /v1/me/stream` on a raw socket, waits for the stream to start, then stops reading. */
async function openAndStopReading(userId: string): Promise<Socket> {
  const token = await h.userToken(userId)
  const socket = connect({ host: '127.0.0.1', port })
  sockets.push(socket)
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.write(
    `GET /v1/me/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`
  )
  await new Promise<void>((resolve) => {
    let text = ''
    const onData = (chunk: Buffer) => {
      text += chunk.toString()
      if (!text.includes(': subscribed')) return
      socket.off('data', onData)
      resolve()
    }
    socket.on('data', onData)
  })
  expect(socket.readableFlowing).toBe(true)
  socket.pause()
  return socket
}

function result(userId: string, n: number): ResultEvent {
  return {
    v: 1,
    type: 'reservation',
    id: `e0123456789abcde.r${n.toString(16).padStart(16, '0')}`,
    saleId: 'e0123456789abcde',
    userId,
    status: 'failed',
    // A long reason fills the buffers in fewer events.
    reason: 'x'.repeat(900),
    at: new Date(0).toISOString()
  }
}

describe('a result stream whose client never reads', () => {
  it('is closed once its unsent bytes pass the bound; the server never holds more than the bound', async () => {
    const streams = h.rt.app.streams
    await openAndStopReading('sloth')
    expect(streams.size).toBe(1)
    const frame = `event: result\nid: x\ndata: ${JSON.stringify(result('sloth', 0))}\n\n`.length + 64
    let pushed = 0
    let most = 0
    let n = 0
    while (streams.overflows === 0 && pushed < GIVE_UP_BYTES) {
      h.rt.results.hub.publish(result('sloth', ++n))
      pushed += frame
      most = Math.max(most, streams.unsentBytes())
      // Let the socket hand what it can to the kernel, as a live server does between events.
      if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    expect(streams.overflows).toBe(1)
    // The client really stopped reading: the kernel took its share, and more was refused.
    expect(pushed).toBeGreaterThan(BOUND)
    // What the server kept for the client never passed the bound by more than one event.
    expect(most).toBeLessThanOrEqual(BOUND + frame)
    // The place is given back and the subscription ends: later results cost it nothing.
    await vi.waitFor(() => expect(streams.size).toBe(0))
    await vi.waitFor(() => expect(streams.unsentBytes()).toBe(0))
    expect(h.rt.results.hub.streams).toBe(0)

    // A reader that reads is not affected: it gets every event.
    const fresh = await h.userToken('reader')
    const res = await fetch(`http://127.0.0.1:${port}/v1/me/stream`, {
      headers: { authorization: `Bearer ${fresh}` }
    })
    const reader = res.body?.getReader()
    const decoder = new TextDecoder()
    let text = ''
    const first = await reader?.read()
    text += decoder.decode(first?.value)
    for (let i = 1; i <= 200; i++) h.rt.results.hub.publish(result('reader', 1_000_000 + i))
    while ((text.match(/event: result/g) ?? []).length < 200) {
      const next = await reader?.read()
      if (!next || next.done) break
      text += decoder.decode(next.value)
    }
    expect((text.match(/event: result/g) ?? []).length).toBe(200)
    expect(streams.overflows).toBe(1)
    await reader?.cancel()
  })
})
