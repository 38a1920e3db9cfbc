/**
 * Every Kafka broker down for 8 s while buyers confirm: confirms meanwhile are refused with their
 * hold put back, and go through when retried with their key once the brokers are back; none lost,
 * none twice.
 */
import { it } from 'vitest'
import { runOneFault } from './one-fault.ts'

it('every Kafka broker down while buyers confirm: no confirm lost or duplicated', {
  timeout: 600_000
}, async () => {
  await runOneFault('kafka-down')
})
