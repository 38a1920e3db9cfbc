/**
 * firstcome-lua's persistence process: the stand-in for the booking pipeline, which in the product
 * is a consumer in a process of its own, writing accepted claims after the buyer was answered. The
 * lab used to run this writer in the process that hands out the claims, so each batch commit's
 * callback queued behind thousands of claim replies in the same event loop: a lab artefact that
 * made the first purchases durable late. Here it has its own event loop, as in production.
 *
 * Protocol over IPC: parent sends `start`; child opens its pool and answers `ready`. Parent sends
 * `rows` (accepted buyers, numbered in acceptance order, several per message); child writes them
 * with {@link BatchWriter} and answers `committed` per batch. Parent sends `drain`; child answers
 * `drained` once all is committed (or `failed`), then closes its pool and exits on `close`.
 */
import type { Pool } from 'pg'
import type { LabEnv } from '../types.ts'
import { BatchWriter } from './batch-writer.ts'
import { createLabPool } from './lab-pool.ts'

/** Messages from the parent. */
export type ToWriter =
  | { type: 'start'; env: LabEnv; saleId: string }
  | { type: 'rows'; first: number; buyers: string[] }
  | { type: 'drain' }
  | { type: 'close' }

/** Messages to the parent. `first`/`count`: the rows' numbers, in the order they were sent. */
export type FromWriter =
  | { type: 'ready' }
  | { type: 'committed'; rows: Array<[first: number, count: number]>; at: number }
  | { type: 'drained' }
  | { type: 'failed'; message: string }

function send(message: FromWriter): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve()
    else process.send(message, () => resolve())
  })
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

let pool: Pool | undefined
let writer: BatchWriter<{ buyer: string; n: number }> | undefined

const finish = (): void => {
  ;(pool?.end() ?? Promise.resolve()).finally(() => process.disconnect?.())
}

process.on('message', (m: ToWriter) => {
  if (m.type === 'start') {
    createLabPool(m.env, `fc-lab-firstcome-writer-${process.pid}`)
      .then((p) => {
        pool = p
        writer = new BatchWriter(p, m.saleId, (batch, at) => {
          // Row numbers arrive in order but may have gaps (a failed batch): send runs of them.
          const runs: Array<[number, number]> = []
          for (const { n } of batch) {
            const last = runs[runs.length - 1]
            if (last && last[0] + last[1] === n) last[1]++
            else runs.push([n, 1])
          }
          void send({ type: 'committed', rows: runs, at })
        })
        return send({ type: 'ready' })
      })
      .catch((err: unknown) => send({ type: 'failed', message: message(err) }).finally(finish))
  } else if (m.type === 'rows') {
    writer?.add(m.buyers.map((buyer, i) => ({ buyer, n: m.first + i })))
  } else if (m.type === 'drain') {
    ;(writer?.drain() ?? Promise.resolve()).then(
      () => send({ type: 'drained' }),
      (err: unknown) => send({ type: 'failed', message: message(err) })
    )
  } else if (m.type === 'close') {
    finish()
  }
})
