/**
 * One of the two "servers" of the `mutex-2-processes` strategy, forked by it: the same
 * mutex-guarded read-then-write as `mutex-1-process`, with a mutex of its own. Protocol over IPC:
 * parent sends `start`, child answers `ready` once connected, parent sends `go` to both (so
 * neither gets a head start), child answers `done` with its buyers' records and exits.
 */
import type { Pool } from 'pg'
import { driveBuyers } from '../drive-buyers.ts'
import { Mutex } from '../mutex.ts'
import type { BuyerRecord, LabEnv } from '../types.ts'
import { createLabPool, readThenWrite } from './lab-pool.ts'

/** Messages from the parent. */
export type ToChild =
  | {
      type: 'start'
      env: LabEnv
      saleId: string
      buyers: string[]
      concurrency: number
      durationMs?: number | undefined
    }
  | { type: 'go' }

/** Messages to the parent. */
export type FromChild =
  | { type: 'ready' }
  | { type: 'done'; records: BuyerRecord[] }
  | { type: 'failed'; message: string }

/** Resolves once the message is handed to the IPC channel, so exiting afterwards cannot drop it. */
function send(message: FromChild): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve()
    else process.send(message, () => resolve())
  })
}

process.once('message', (first: ToChild) => {
  if (first.type !== 'start') return
  const mutex = new Mutex()
  const go = new Promise<void>((resolve) => {
    process.once('message', (m: ToChild) => {
      if (m.type === 'go') resolve()
    })
  })
  let pool: Pool | undefined
  const main = async (): Promise<void> => {
    pool = await createLabPool(first.env, `fc-lab-mutex-child-${process.pid}`)
    const open = pool
    await send({ type: 'ready' })
    await go
    const records = await driveBuyers(first.buyers, first, (buyer) =>
      mutex.run(() => readThenWrite(open, first.saleId, buyer))
    )
    await send({ type: 'done', records })
  }
  main()
    .catch((err: unknown) =>
      send({ type: 'failed', message: err instanceof Error ? err.message : String(err) })
    )
    .finally(() => {
      ;(pool?.end() ?? Promise.resolve()).finally(() => process.disconnect?.())
    })
})
