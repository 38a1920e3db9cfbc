/**
 * The hold sweeper: releases the holds whose TTL has passed, in every sale this Redis holds, so
 * their seats and units go back on sale without waiting for a buyer to touch them.
 * How often: every `FC_SWEEP_INTERVAL_MS` (500 ms by default), in every process that runs workers.
 * Cost: one SMEMBERS, then one `expire-holds` script call per sale releasing at most 500 holds
 * (repeated while a call fills its 500); a sale with nothing due costs one short script call.
 */
import type { InventoryStore } from '../domain/inventory-ports.ts'
import { PeriodicWorker } from './periodic.ts'

/** Holds released per script call: a bounded call keeps Redis free for the requests behind it. */
const SWEEP_BATCH = 500

export function createHoldSweeperWorker(deps: {
  inventory: Pick<InventoryStore, 'knownSales' | 'expireDue'>
  intervalMs: number
  onError: (err: unknown) => void
}): PeriodicWorker {
  const { inventory } = deps
  return new PeriodicWorker(
    'hold-sweeper',
    deps.intervalMs,
    async () => {
      for (const saleId of await inventory.knownSales()) {
        while ((await inventory.expireDue(saleId, SWEEP_BATCH)) === SWEEP_BATCH) {}
      }
    },
    deps.onError
  )
}
