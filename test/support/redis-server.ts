import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { createClient } from 'redis'
import { vi } from 'vitest'

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export interface OwnRedis {
  url: string
  process: ChildProcess
  /** SIGKILLs the server and waits for it to be gone. */
  kill(): Promise<void>
}

/** A redis-server of the test's own, for destructive tests; resolves once PING answers. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort()
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore'
    }
  )
  const url = `redis://127.0.0.1:${port}`
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await vi.waitFor(
    async () => {
      const c = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } })
      c.on('error', () => {})
      try {
        await c.connect()
        if ((await c.ping()) !== 'PONG') throw new Error('no PONG yet')
      } finally {
        c.destroy()
      }
    },
    { timeout: 10_000, interval: 50 }
  )
  return {
    url,
    process: child,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    }
  }
}
