/**
 * PostgreSQL refuses writes for 8 s (the run's database set read-only, its sessions ended): the
 * pipeline, the ledger sink and the outbox relay retry; nothing lost, nothing dead-lettered.
 */
import { it } from 'vitest'
import { runOneFault } from './one-fault.ts'

it('PostgreSQL read-only mid-sale: writes resume, nothing lost or oversold', {
  timeout: 600_000
}, async () => {
  await runOneFault('postgres-read-only')
})
