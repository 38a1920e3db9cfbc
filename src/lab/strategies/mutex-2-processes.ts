import { type ChildProcess, fork } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buyerIds } from '../drive-buyers.ts'
import type { BuyerRecord, LabEnv, Strategy } from '../types.ts'
import type { FromChild, ToChild } from './mutex-child.ts'

const CHILD = fileURLToPath(new URL('./mutex-child.ts', import.meta.url))
// tsx's loader by absolute URL: `--import tsx` would resolve from the caller's working directory.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

interface Child {
  process: ChildProcess
  next(): Promise<FromChild>
}

function spawnChild(): Child {
  const child = fork(CHILD, [], {
    execArgv: ['--import', TSX],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  const inbox: FromChild[] = []
  const waiting: Array<(m: FromChild) => void> = []
  child.on('message', (m: FromChild) => {
    const w = waiting.shift()
    if (w) w(m)
    else inbox.push(m)
  })
  // 'close' comes after the IPC channel is drained, so every message the child sent is in by then.
  const exited = new Promise<FromChild>((resolve) => {
    child.once('close', (code) => resolve({ type: 'failed', message: `child exited with code ${code}` }))
  })
  return {
    process: child,
    next: () => {
      const m = inbox.shift()
      if (m) return Promise.resolve(m)
      return Promise.race([
        new Promise<FromChild>((resolve) => waiting.push(resolve)),
        exited.then((failed) => inbox.shift() ?? failed)
      ])
    }
  }
}

async function expect<T extends FromChild['type']>(
  child: Child,
  type: T
): Promise<Extract<FromChild, { type: T }>> {
  const m = await child.next()
  if (m.type !== type)
    throw new Error(`mutex child: expected ${type}, got ${m.type === 'failed' ? m.message : m.type}`)
  return m as Extract<FromChild, { type: T }>
}

/**
 * The in-process mutex deployed as two servers: two child processes, each with its own mutex and
 * pool, buyers dealt to them alternately (round robin, as a load balancer would) against the same
 * PostgreSQL row. Each mutex only orders its own process's buyers, so the two interleave their
 * read-then-writes and lose updates, exactly as without any control.
 */
export const mutex2Processes: Strategy = {
  name: 'mutex-2-processes',
  safe: false,
  summary: 'the same mutex in each of 2 child processes (two servers) on one PG row',
  async prepare(env: LabEnv, sale) {
    const all = buyerIds(sale.case.buyers)
    const halves = [all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1)]
    const children = halves.map(() => spawnChild())
    const kill = () => {
      for (const c of children) if (c.process.exitCode === null) c.process.kill()
    }
    try {
      children.forEach((c, i) => {
        const start: ToChild = {
          type: 'start',
          // The two servers share the pool budget, so the database sees as many connections as with one.
          env: { ...env, poolSize: Math.max(1, Math.ceil(env.poolSize / 2)) },
          saleId: sale.saleId,
          buyers: halves[i]!,
          concurrency: Math.max(1, Math.ceil(sale.case.concurrency / 2))
        }
        c.process.send(start)
      })
      await Promise.all(children.map((c) => expect(c, 'ready')))
    } catch (err) {
      kill()
      throw err
    }
    return {
      async run(): Promise<BuyerRecord[]> {
        for (const c of children) c.process.send({ type: 'go' } satisfies ToChild)
        const done = await Promise.all(children.map((c) => expect(c, 'done')))
        // Arrival order across both processes: by the shared wall clock.
        return done.flatMap((d) => d.records).sort((a, b) => a.arrivedAt - b.arrivedAt)
      },
      drain: async () => {},
      async close() {
        // Each child closes its pool and exits after `done`; wait for that so its statistics are flushed.
        await Promise.all(
          children.map(
            (c) =>
              new Promise<void>((resolve) => {
                if (c.process.exitCode !== null || c.process.signalCode !== null) resolve()
                else c.process.once('exit', () => resolve())
              })
          )
        ).finally(kill)
      }
    }
  }
}
