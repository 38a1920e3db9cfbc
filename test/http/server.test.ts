import { connect } from 'node:net'
import type { FastifyPluginAsync } from 'fastify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { build } from '../../src/http/app.ts'
import { installGracefulShutdown, listen, type ShutdownHandle } from '../../src/http/server.ts'
import { testConfig } from './helpers.ts'

/** A route that answers only when the test says so: an in-flight request to drain. */
function slowRoute() {
  let release: () => void = () => {}
  let entered: () => void = () => {}
  const gate = new Promise<void>((r) => {
    release = r
  })
  const arrived = new Promise<void>((r) => {
    entered = r
  })
  const plugin: FastifyPluginAsync = async (app) => {
    app.get('/v1/test/slow', async () => {
      entered()
      await gate
      return { done: true }
    })
  }
  return { plugin, release: () => release(), arrived }
}

/** Sends raw HTTP/1.1 over one socket; resolves with everything the server wrote before closing. */
function rawSocket(port: number) {
  const socket = connect(port, '127.0.0.1')
  let received = ''
  socket.on('data', (d) => {
    received += String(d)
  })
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)))
  const send = (path: string) =>
    socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`)
  return { send, closed, socket }
}

const handles: ShutdownHandle[] = []
afterEach(() => {
  for (const h of handles.splice(0)) h.uninstall()
})

describe('listen and graceful shutdown', () => {
  it('drains an in-flight request, refuses new work in the error shape, then exits 0', async () => {
    const config = testConfig({ PORT: '0' })
    const slow = slowRoute()
    const app = await build({ config, logger: false, plugins: [slow.plugin] })
    const address = await listen(app, config)
    const port = Number(new URL(address).port)
    const exit = vi.fn()
    const onClose = vi.fn(async () => {})
    const handle = installGracefulShutdown(app, { signals: ['SIGUSR2'], timeoutMs: 5000, onClose, exit })
    handles.push(handle)

    let requests = 0
    app.server.on('request', () => {
      requests++
    })
    const conn = rawSocket(port)
    conn.send('/v1/test/slow')
    await slow.arrived

    process.emit('SIGUSR2', 'SIGUSR2')
    await vi.waitFor(() => expect(app.server.listening).toBe(false))
    // A second request on the open connection is turned away while the first one drains.
    conn.send('/health')
    await vi.waitFor(() => expect(requests).toBe(2))
    expect(exit).not.toHaveBeenCalled()
    slow.release()

    const received = await conn.closed
    expect(received).toMatch(/^HTTP\/1\.1 200 OK/)
    expect(received).toContain('{"done":true}')
    const second = received.slice(received.indexOf('{"done":true}') + 13)
    expect(second).toMatch(/^HTTP\/1\.1 503 /)
    expect(second).toMatch(/\r\nretry-after: 1\r\n/i)
    expect(second).toMatch(/\r\nconnection: close\r\n/i)
    expect(second).toContain('"code":"FC_UNAVAILABLE"')
    await expect(handle.shutdown('again')).resolves.toBe(0)
    expect(onClose).toHaveBeenCalledOnce()
    expect(exit).toHaveBeenCalledExactlyOnceWith(0)
    // New connections are refused once the server has stopped listening.
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow()
  })

  it('exits 1 when in-flight requests outlast the timeout', async () => {
    const config = testConfig({ PORT: '0' })
    const slow = slowRoute()
    const app = await build({ config, logger: false, plugins: [slow.plugin] })
    const address = await listen(app, config)
    const exit = vi.fn()
    const handle = installGracefulShutdown(app, { signals: [], timeoutMs: 100, exit })
    handles.push(handle)
    const pending = fetch(`${address}/v1/test/slow`).catch((err: unknown) => err)
    await slow.arrived
    await expect(handle.shutdown('test')).resolves.toBe(1)
    expect(exit).toHaveBeenCalledExactlyOnceWith(1)
    expect(await pending).toBeInstanceOf(Error)
    slow.release()
  })

  it('answers unreadable HTTP in the error shape', async () => {
    const config = testConfig({ PORT: '0' })
    const app = await build({ config, logger: false })
    const address = await listen(app, config)
    const conn = rawSocket(Number(new URL(address).port))
    conn.socket.write('NOT HTTP AT ALL\r\n\r\n')
    const received = await conn.closed
    await app.close()
    expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(received).toContain('"code":"FC_VALIDATION"')
    expect(received).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/)
  })
})
