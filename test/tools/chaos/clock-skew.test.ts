/**
 * A worker whose clock is 700 s ahead (past every hold TTL) and an API process 3 s ahead (inside the
 * token tolerance), with libfaketime: tokens pass between the processes, holds keep their expiry on
 * Redis's clock, and nothing is admitted twice, oversold or lost.
 */
import { it } from 'vitest'
import { runOneFault } from './one-fault.ts'

it('clock skew between processes: tokens, leases and hold expiry hold, nothing oversold or lost', {
  timeout: 600_000
}, async () => {
  await runOneFault('clock-skew')
})
