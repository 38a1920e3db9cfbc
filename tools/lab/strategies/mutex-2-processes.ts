import { fileURLToPath } from 'node:url'
import { buyerIds } from '../drive-buyers.ts'
import type { BuyerRecord, LabEnv, Strategy } from '../types.ts'
import { expectMessage, spawnChild } from './child-process.ts'
import type { FromChild, ToChild } from './mutex-child.ts'

const CHILD = fileURLToPath(new URL('./mutex-child.ts', import.meta.url))

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
    const children = halves.map(() => spawnChild<FromChild>(CHILD))
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
          concurrency: Math.max(1, Math.ceil(sale.case.concurrency / 2)),
          durationMs: sale.case.durationMs
        }
        c.process.send(start)
      })
      await Promise.all(children.map((c) => expectMessage(c, 'ready', 'mutex child')))
    } catch (err) {
      kill()
      throw err
    }
    return {
      async run(): Promise<BuyerRecord[]> {
        for (const c of children) c.process.send({ type: 'go' } satisfies ToChild)
        const done = await Promise.all(children.map((c) => expectMessage(c, 'done', 'mutex child')))
        // Arrival order across both processes: by the shared wall clock.
        return done.flatMap((d) => d.records).sort((a, b) => a.arrivedAt - b.arrivedAt)
      },
      drain: async () => {},
      async close() {
        // Each child closes its pool and exits after `done`; wait for that so its statistics are flushed.
        await Promise.all(children.map((c) => c.exited())).finally(kill)
      }
    }
  }
}
