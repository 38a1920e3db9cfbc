/** Every strategy of the lab, by name. */
import type { Strategy, StrategyName } from '../types.ts'
import { firstcomeLua } from './firstcome-lua.ts'
import { kafkaSerial } from './kafka-serial.ts'
import { mutex1Process } from './mutex-1-process.ts'
import { mutex2Processes } from './mutex-2-processes.ts'
import { noControl } from './no-control.ts'
import { pgOptimistic } from './pg-optimistic.ts'
import { pgPessimistic } from './pg-pessimistic.ts'
import { redisIncrSadd } from './redis-incr-sadd.ts'
import { redisLock } from './redis-lock.ts'

/** The strategies, keyed by name. */
export const strategies: Record<StrategyName, Strategy> = {
  'no-control': noControl,
  'mutex-1-process': mutex1Process,
  'mutex-2-processes': mutex2Processes,
  'pg-pessimistic': pgPessimistic,
  'pg-optimistic': pgOptimistic,
  'redis-lock': redisLock,
  'redis-incr-sadd': redisIncrSadd,
  'firstcome-lua': firstcomeLua,
  'kafka-serial': kafkaSerial
}
