import { Counter, Gauge, Registry } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgDeadLetterStore } from '../../src/adapters/postgres/dead-letter-store.ts'
import { migrate } from '../../src/adapters/postgres/migrate.ts'
import { createPool } from '../../src/adapters/postgres/pool.ts'
import type { DeadLetter, PipelinePublisher } from '../../src/domain/pipeline-ports.ts'
import type { BookingPipeline } from '../../src/services/pipeline/booking-pipeline.ts'
import { DeadLetterReprocessor } from '../../src/services/pipeline/dlq-reprocessor.ts'
import { createDeadLetterRetryWorker } from '../../src/workers/dead-letter-retry.ts'
import { cleanupStack, createTestDatabase } from '../adapters/postgres/test-database.ts'

const cleanup = cleanupStack()
let pool: ReturnType<typeof createPool>
let store: PgDeadLetterStore
afterAll(() => cleanup.run())
beforeAll(async () => {
  const db = await createTestDatabase()
  cleanup.defer(() => db.drop())
  pool = createPool(db.url)
  cleanup.defer(() => pool.end())
  await migrate(pool)
  store = new PgDeadLetterStore(pool)
})

let offset = 0
const letter = (
  replays: number,
  reason = 'booking failed after 5 attempts: payment gateway down'
): DeadLetter => ({
  v: 1,
  kind: 'booking',
  saleId: 's1',
  topic: 'fc.bookings',
  partition: 0,
  offset: String(offset++),
  key: `s1:A-1-${offset}`,
  value: Buffer.from(`{"n":${offset}}`).toString('base64'),
  headers: {},
  reason,
  attempts: 5,
  replays,
  failedAt: new Date().toISOString()
})

/** Records the letters, set aside `ageSec` seconds ago; their ids in order. */
async function record(letters: DeadLetter[], ageSec: number): Promise<string[]> {
  await store.record(letters)
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE failed_events SET created_at = now() - make_interval(secs => $2)
     WHERE source_offset = ANY($1::bigint[]) RETURNING id`,
    [letters.map((l) => l.offset), ageSec]
  )
  return rows.map((r) => r.id).sort((a, b) => Number(a) - Number(b))
}

function publisher() {
  const replays: Array<{ offset: string; replays: number }> = []
  const pub: PipelinePublisher = {
    deadLetter: async () => undefined,
    replay: async (l, n) => {
      replays.push({ offset: l.offset, replays: n })
    }
  }
  return { pub, replays }
}

describe('the dead-letter retry schedule', () => {
  it('replays exactly the dead letters whose back-off is over, up to the cap, then leaves the rest to an operator', async () => {
    await pool.query('TRUNCATE failed_events')
    // base 60 s: due after 60 s (no replay yet), 120 s (one), 240 s (two); the cap is 3 replays.
    const dueFirst = await record([letter(0), letter(0)], 61)
    const notYet = await record([letter(0)], 30)
    const dueSecond = await record([letter(1)], 121)
    const notYetSecond = await record([letter(1)], 100)
    const dueThird = await record([letter(2)], 241)
    const capped = await record([letter(3)], 100_000)
    const poison = await record([letter(0, 'poison: not a booking request')], 100_000)
    const { pub, replays } = publisher()
    const reprocessor = new DeadLetterReprocessor({ store, publisher: pub, pipeline: {} as BookingPipeline })
    const report = await reprocessor.retryScheduled({ maxReplays: 3, baseDelaySec: 60, limit: 100 })
    expect(report.replayed).toEqual([...dueFirst, ...dueSecond, ...dueThird])
    expect(replays.map((r) => r.replays)).toEqual([1, 1, 2, 3])
    expect(report.exhausted).toBe(2)
    const open = await store.list({ limit: 100 })
    expect(open.map((e) => e.id).sort()).toEqual([...notYet, ...notYetSecond, ...capped, ...poison].sort())
    // Nothing more is due: a second run replays nothing.
    const again = await reprocessor.retryScheduled({ maxReplays: 3, baseDelaySec: 60, limit: 100 })
    expect(again.replayed).toEqual([])
    expect(replays).toHaveLength(4)
  })

  it('takes at most a batch per run, oldest first, and counts what it did in the metrics', async () => {
    await pool.query('TRUNCATE failed_events')
    const ids = await record(
      Array.from({ length: 25 }, () => letter(0)),
      3600
    )
    const { pub, replays } = publisher()
    const reprocessor = new DeadLetterReprocessor({ store, publisher: pub, pipeline: {} as BookingPipeline })
    const registry = new Registry()
    const counter = new Counter({ name: 'replays_total', help: 'x', registers: [registry] })
    const gauge = new Gauge({ name: 'exhausted', help: 'x', registers: [registry] })
    const seen: string[][] = []
    const worker = createDeadLetterRetryWorker({
      reprocessor,
      intervalMs: 60_000,
      policy: { maxReplays: 3, baseDelaySec: 60 },
      batch: 10,
      replays: counter,
      exhausted: gauge,
      onError: (err) => {
        throw err
      },
      onReplayed: (r) => seen.push([...r])
    })
    await worker.runOnce()
    await worker.runOnce()
    await worker.runOnce()
    expect(seen).toEqual([ids.slice(0, 10), ids.slice(10, 20), ids.slice(20)])
    expect(replays).toHaveLength(25)
    expect((await counter.get()).values[0]?.value).toBe(25)
    expect((await gauge.get()).values[0]?.value).toBe(0)
  })
})
