/** What a fault of the chaos run may act on, and what it reports (faults.ts runs them). */
import type { RedisClient } from '../../src/adapters/redis/redis-client.ts'
import type { KafkaClusterHandle } from '../stack/cluster-kafka.ts'
import type { RedisClusterHandle } from '../stack/cluster-redis.ts'
import type { Client } from './client.ts'
import type { Proc, Processes, startOwnPostgres } from './processes.ts'
import type { FaultResult } from './scenario.ts'

/** What a fault may act on: the run's stack, its processes and its client. */
export interface FaultContext {
  root: string
  say: (line: string) => void
  procs: Processes
  api: Proc
  workers: Proc[]
  /** The environment the run's processes were started with. */
  env: Record<string, string>
  redisC: RedisClusterHandle
  kafkaC: KafkaClusterHandle
  postgres: Awaited<ReturnType<typeof startOwnPostgres>>
  databaseUrl: string
  redis: RedisClient
  /** A sale of its own for the end-to-end probes (the main one sells out). */
  probeSaleId: string
  saleId: string
  client: Client
  base: string
}

/** One fault's outcome, before its name is attached. */
export type FaultOutcome = Omit<FaultResult, 'name' | 'problems'> & { problems?: string[] }
