/** The faults of the chaos run, one after the other, each with how long its target took to recover. */
import { setTimeout as delay } from 'node:timers/promises'
import { Admin, FindCoordinatorKeyTypes } from '@platformatic/kafka'
import type { RedisClient } from '../../src/adapters/redis/redis-client.ts'
import { bookingGroupId } from '../../src/workers/booking-consumer.ts'
import type { KafkaClusterHandle } from '../stack/cluster-kafka.ts'
import type { RedisClusterHandle } from '../stack/cluster-redis.ts'
import { pollUntil } from '../stack/wait.ts'
import type { Client } from './client.ts'
import type { Proc, Processes, startOwnPostgres } from './processes.ts'
import { type FaultResult, KEYS, SESSION_TIMEOUT_MS } from './scenario.ts'

export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string
): Promise<T> {
  const value = await pollUntil(probe, { timeoutMs, intervalMs: 100 })
  if (value === undefined) throw new Error(`chaos: ${what} not reached within ${timeoutMs} ms`)
  return value
}

export async function injectFaults(c: {
  say: (line: string) => void
  procs: Processes
  api: Proc
  workers: Proc[]
  redisC: RedisClusterHandle
  kafkaC: KafkaClusterHandle
  postgres: Awaited<ReturnType<typeof startOwnPostgres>>
  redis: RedisClient
  /** A sale of its own for the end-to-end probes (the main one sells out). */
  probeSaleId: string
  saleId: string
  client: Client
  base: string
}): Promise<FaultResult[]> {
  const results: FaultResult[] = []
  const record = (fault: string, injectedAt: number, recoveryMs: number | null, measure: string) => {
    results.push({ fault, injectedAt, recoveryMs, measure })
    c.say(`chaos: ${fault}: recovered in ${recoveryMs ?? '?'} ms (${measure})`)
  }
  await delay(1500)

  // 1. SIGKILL one API process: node:cluster's primary replaces it; the other keeps serving.
  {
    const victim = c.procs.children(c.api)[0]
    const t = Date.now()
    if (victim) process.kill(victim, 'SIGKILL')
    const back = await pollUntil(
      async () =>
        c.procs.children(c.api).filter((p) => p !== victim).length === 2 ? Date.now() - t : undefined,
      { timeoutMs: 60_000, intervalMs: 50 }
    )
    record('SIGKILL an API process', t, back ?? null, 'until a replacement process runs beside the survivor')
  }

  // 2. SIGKILL a worker (consumers, scheduler): its supervisor starts it again after 1 s, and its
  // partitions move in a rebalance.
  {
    const victim = c.workers[0]
    const t = Date.now()
    if (victim?.child.pid) process.kill(victim.child.pid, 'SIGKILL')
    const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
    record(
      'SIGKILL a worker process (supervisor restarts it after 1 s)',
      t,
      ok === undefined ? null : Date.now() - t,
      'until a new confirm is processed end to end'
    )
  }

  // 3. SIGKILL the Kafka broker that coordinates the booking consumer group (every member must
  // find the new coordinator; the partitions it led move too); restart it once writes go through.
  {
    const coordinator = await groupCoordinator(c.kafkaC.bootstrap, bookingGroupId('chaos'))
    const broker = c.kafkaC.brokers.find((b) => b.nodeId === coordinator) ?? c.kafkaC.brokers[0]
    const t = Date.now()
    if (broker) await c.kafkaC.kill(broker.nodeId)
    const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
    const firstOk = ok === undefined ? null : Date.now() - t
    if (broker) await c.kafkaC.restart(broker.nodeId)
    record(
      `SIGKILL a Kafka broker (node ${broker?.nodeId}, ${broker?.nodeId === coordinator ? 'the booking group coordinator' : 'coordinator unknown'})`,
      t,
      firstOk,
      'until a confirm is published (acks=all, 2 in-sync copies) and processed'
    )
  }

  // 4. SIGKILL the Redis primary serving the sale's slot: its replica takes over.
  {
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
    record(
      'SIGKILL the Redis primary of the sale',
      t,
      back ?? null,
      'until a write to the sale slot succeeds on the promoted replica'
    )
  }

  // 5. Restart PostgreSQL (the run's own).
  {
    const t = Date.now()
    await c.postgres.restart()
    const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
    record(
      'restart PostgreSQL',
      t,
      ok === undefined ? null : Date.now() - t,
      'until a confirm is persisted again'
    )
  }

  // 6. SIGSTOP a worker past its admission lease (1.5 ticks = 300 ms) and past its Kafka session
  // (the group hands its partitions to the other worker), then SIGCONT: it wakes up a stale member
  // with a batch in hand, which must neither be lost nor committed over the new owner's progress.
  {
    const victim = c.workers[1]
    const pid = victim?.child.pid
    const frozenMs = SESSION_TIMEOUT_MS + 2000
    const t = Date.now()
    if (pid) process.kill(pid, 'SIGSTOP')
    const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
    const recovered = ok === undefined ? null : Date.now() - t
    await delay(Math.max(0, frozenMs - (Date.now() - t)))
    if (pid) process.kill(pid, 'SIGCONT')
    record(
      `SIGSTOP a worker for ${frozenMs / 1000} s`,
      t,
      recovered,
      'until a confirm is processed while it is frozen'
    )
  }
  return results
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

/** One buyer of its own holding and confirming one seat, waiting for the terminal state: the end-to-end probe. */
let probeUser = 0
async function probeWrite(
  c: { client: Client; saleId: string; base: string },
  timeoutMs: number
): Promise<true | undefined> {
  const userId = `probe${probeUser++}`
  const deadline = Date.now() + timeoutMs
  try {
    const token = await c.client.token(userId)
    await c.client.call('POST', `/v1/events/${c.saleId}/queue`, token, {}, {}, deadline)
    const access = await pollUntil(
      async () =>
        (
          (await c.client.call('GET', `/v1/events/${c.saleId}/queue`, token, undefined, {}, deadline))
            .body as { accessToken?: string }
        ).accessToken,
      { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: 100 }
    )
    if (!access) return undefined
    // Any seat will do: the probe asks the API which are free.
    const seats = await c.client.call('GET', `/v1/events/${c.saleId}/seats`, token, undefined, {}, deadline)
    const free = ((seats.body as { seats?: Array<{ id: string; state: string }> }).seats ?? []).filter(
      (s) => s.state === 'available'
    )
    for (const seat of free.slice(0, 5)) {
      const hold = await c.client.call(
        'POST',
        `/v1/events/${c.saleId}/holds`,
        token,
        { seatId: seat.id },
        { 'x-access-token': access, 'idempotency-key': `p-${userId}-${seat.id}` },
        deadline
      )
      if (hold.status !== 201) continue
      const holdId = String((hold.body as { holdId: string }).holdId)
      const confirm = await c.client.call(
        'POST',
        `/v1/holds/${holdId}/confirm`,
        token,
        { payment: {} },
        { 'x-access-token': access, 'idempotency-key': `pc-${holdId}` },
        deadline
      )
      if (confirm.status !== 202) return undefined
      const id = String((confirm.body as { reservationId: string }).reservationId)
      return await pollUntil(
        async () => {
          const r = await c.client.call('GET', `/v1/reservations/${id}`, token, undefined, {}, deadline)
          const status = (r.body as { status?: string }).status
          return status === 'confirmed' || status === 'failed' ? true : undefined
        },
        { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: 100 }
      )
    }
    // Sold out: the write path answered, which is what the probe measures.
    return true
  } catch {
    return undefined
  }
}
