/**
 * The faults of the chaos run, one after the other, each with how long the system took to recover.
 * This file holds the six that kill or stop one part; faults-outage.ts the three that take a whole
 * service's data or writes away, and clock-skew.ts the one that shifts processes' clocks.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { Admin, FindCoordinatorKeyTypes } from '@platformatic/kafka'
import { bookingGroupId } from '../../src/workers/booking-consumer.ts'
import { pollUntil } from '../stack/wait.ts'
import { clockSkew } from './clock-skew.ts'
import type { FaultContext, FaultOutcome } from './fault-context.ts'
import { kafkaDown, postgresReadOnly, redisDataLoss } from './faults-outage.ts'
import { probeWrite } from './probe.ts'
import { FAULT_NAMES, type FaultName, type FaultResult, KEYS, SESSION_TIMEOUT_MS } from './scenario.ts'

export type { FaultContext, FaultOutcome } from './fault-context.ts'

type Fault = (c: FaultContext) => Promise<FaultOutcome>

const FAULTS: Record<FaultName, Fault> = {
  'api-kill': apiKill,
  'worker-kill': workerKill,
  'broker-kill': brokerKill,
  'redis-primary-kill': redisPrimaryKill,
  'postgres-restart': postgresRestart,
  'worker-stop': workerStop,
  'redis-data-loss': redisDataLoss,
  'kafka-down': kafkaDown,
  'postgres-read-only': postgresReadOnly,
  'clock-skew': clockSkew
}

export async function injectFaults(
  c: FaultContext,
  names: readonly FaultName[] = FAULT_NAMES
): Promise<FaultResult[]> {
  const results: FaultResult[] = []
  await delay(1500)
  for (const name of names) {
    const outcome = await FAULTS[name](c)
    const result: FaultResult = { name, ...outcome, problems: outcome.problems ?? [] }
    results.push(result)
    c.say(
      `chaos: ${result.fault}: recovered in ${result.recoveryMs ?? '?'} ms (${result.measure})` +
        (result.problems.length > 0 ? `; problems: ${result.problems.join('; ')}` : '')
    )
  }
  return results
}

/** SIGKILL one API process: node:cluster's primary replaces it; the other keeps serving. */
async function apiKill(c: FaultContext): Promise<FaultOutcome> {
  const victim = c.procs.children(c.api)[0]
  const t = Date.now()
  if (victim) process.kill(victim, 'SIGKILL')
  const back = await pollUntil(
    async () =>
      c.procs.children(c.api).filter((p) => p !== victim).length === 2 ? Date.now() - t : undefined,
    { timeoutMs: 60_000, intervalMs: 50 }
  )
  return {
    fault: 'SIGKILL an API process',
    injectedAt: t,
    recoveryMs: back ?? null,
    measure: 'until a replacement process runs beside the survivor'
  }
}

/** SIGKILL a worker (consumers, scheduler): its supervisor starts it again after 1 s, and its partitions move. */
async function workerKill(c: FaultContext): Promise<FaultOutcome> {
  const victim = c.workers[0]
  const t = Date.now()
  if (victim?.child.pid) process.kill(victim.child.pid, 'SIGKILL')
  const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
  return {
    fault: 'SIGKILL a worker process (supervisor restarts it after 1 s)',
    injectedAt: t,
    recoveryMs: ok === undefined ? null : Date.now() - t,
    measure: 'until a new confirm is processed end to end'
  }
}

/**
 * SIGKILL the Kafka broker that coordinates the booking consumer group (every member must find the
 * new coordinator; the partitions it led move too); restart it once writes go through.
 */
async function brokerKill(c: FaultContext): Promise<FaultOutcome> {
  const coordinator = await groupCoordinator(c.kafkaC.bootstrap, bookingGroupId('chaos'))
  const broker = c.kafkaC.brokers.find((b) => b.nodeId === coordinator) ?? c.kafkaC.brokers[0]
  const t = Date.now()
  if (broker) await c.kafkaC.kill(broker.nodeId)
  const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
  const firstOk = ok === undefined ? null : Date.now() - t
  if (broker) await c.kafkaC.restart(broker.nodeId)
  return {
    fault: `SIGKILL a Kafka broker (node ${broker?.nodeId}, ${broker?.nodeId === coordinator ? 'the booking group coordinator' : 'coordinator unknown'})`,
    injectedAt: t,
    recoveryMs: firstOk,
    measure: 'until a confirm is published (acks=all, 2 in-sync copies) and processed'
  }
}

/** SIGKILL the Redis primary serving the sale's slot: its replica takes over. */
async function redisPrimaryKill(c: FaultContext): Promise<FaultOutcome> {
  const key = `${KEYS.base(c.saleId)}:chaos-probe`
  const port = await c.redisC.primaryFor(key)
  const t = Date.now()
  await c.redisC.kill(port)
  const back = await pollUntil(
    async () => {
      try {
        await c.redis.incr(key)
        return Date.now() - t
      } catch {
        return undefined
      }
    },
    { timeoutMs: 60_000, intervalMs: 50 }
  )
  await c.redisC.restart(port)
  return {
    fault: 'SIGKILL the Redis primary of the sale',
    injectedAt: t,
    recoveryMs: back ?? null,
    measure: 'until a write to the sale slot succeeds on the promoted replica'
  }
}

/** Restart PostgreSQL (the run's own). */
async function postgresRestart(c: FaultContext): Promise<FaultOutcome> {
  const t = Date.now()
  await c.postgres.restart()
  const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
  return {
    fault: 'restart PostgreSQL',
    injectedAt: t,
    recoveryMs: ok === undefined ? null : Date.now() - t,
    measure: 'until a confirm is persisted again'
  }
}

/**
 * SIGSTOP a worker past its admission lease (1.5 ticks = 300 ms) and past its Kafka session (the
 * group hands its partitions to the other worker), then SIGCONT: it wakes up a stale member with a
 * batch in hand, which must neither be lost nor committed over the new owner's progress.
 */
async function workerStop(c: FaultContext): Promise<FaultOutcome> {
  const victim = c.workers[1]
  const pid = victim?.child.pid
  const frozenMs = SESSION_TIMEOUT_MS + 2000
  const t = Date.now()
  if (pid) process.kill(pid, 'SIGSTOP')
  const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
  const recovered = ok === undefined ? null : Date.now() - t
  await delay(Math.max(0, frozenMs - (Date.now() - t)))
  if (pid) process.kill(pid, 'SIGCONT')
  return {
    fault: `SIGSTOP a worker for ${frozenMs / 1000} s`,
    injectedAt: t,
    recoveryMs: recovered,
    measure: 'until a confirm is processed while it is frozen'
  }
}

/** The broker coordinating a consumer group (-1 when it cannot be told). */
async function groupCoordinator(bootstrap: readonly string[], groupId: string): Promise<number> {
  const admin = new Admin({ clientId: 'firstcome-chaos', bootstrapBrokers: [...bootstrap], retries: 2 })
  try {
    const [found] = await admin.findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys: [groupId] })
    return found?.nodeId ?? -1
  } catch {
    return -1
  } finally {
    await admin.close().catch(() => undefined)
  }
}
