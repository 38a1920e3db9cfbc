/**
 * The ledger flush: moves every sale's stock ledger (the Redis stream the inventory scripts append
 * to) into PostgreSQL through the {@link LedgerSink}, one process at a time per sale (a lease).
 * How often: every 200 ms in every process that runs workers, and once more on shutdown.
 * Cost: one SMEMBERS, one lease SET per sale, and per sale with entries one XRANGE, one PostgreSQL
 * transaction and one XTRIM per batch; an empty ledger costs the lease and one XRANGE.
 */
import type { LedgerSink } from '../services/pipeline/ledger-sink.ts'
import { PeriodicWorker } from './periodic.ts'

/** How often the ledger reaches PostgreSQL. */
export const LEDGER_FLUSH_MS = 200

export interface LedgerFlushDeps {
  sink: Pick<LedgerSink, 'drain'>
  /** The sales whose ledgers to move (those Redis holds inventory for). */
  sales: () => Promise<string[]>
}

/** Moves every known sale's ledger into PostgreSQL now. */
export async function flushLedgers(deps: LedgerFlushDeps): Promise<void> {
  for (const saleId of await deps.sales()) await deps.sink.drain(saleId)
}

export function createLedgerFlushWorker(
  deps: LedgerFlushDeps & { onError: (err: unknown) => void }
): PeriodicWorker {
  return new PeriodicWorker('ledger-sink', LEDGER_FLUSH_MS, () => flushLedgers(deps), deps.onError)
}
