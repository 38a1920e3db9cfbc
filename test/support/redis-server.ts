import { type ChildProcess, spawn } from 'node:child_process'
import { createClient } from 'redis'
import { vi } from 'vitest'
import { freePorts } from '../../tools/stack/cluster-ports.ts'

/** A free TCP port on loopback (the stack's port picker: below the kernel's ephemeral range). */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1)
  if (port === undefined) throw new Error('no free loopback port')
  return port
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
