/**
 * PostgreSQL refuses writes for 8 s (the run's database set read-only, its sessions ended): writes
 * resume, and every accepted booking ends confirmed or failed; none lost, none sold twice. Bookings
 * whose retries ran out meanwhile are dead-lettered and settled failed (docs/deploy.md).
 */
import { it } from 'vitest'
import { runOneFault } from './one-fault.ts'

it('PostgreSQL read-only mid-sale: writes resume, nothing lost or oversold', {
  timeout: 600_000
}, async () => {
  await runOneFault('postgres-read-only')
})
