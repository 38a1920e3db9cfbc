/**
 * Redis loses all its data mid-sale (every primary flushed, the sale's primary SIGKILLed and
 * restarted empty): the sales are rebuilt from PostgreSQL, nothing is oversold or lost.
 */
import { it } from 'vitest'
import { runOneFault } from './one-fault.ts'

it('Redis restarting empty mid-sale: the sale is rebuilt from PostgreSQL, nothing oversold or lost', {
  timeout: 600_000
}, async () => {
  await runOneFault('redis-data-loss')
})
