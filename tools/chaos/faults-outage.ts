/**
 * The faults that take a whole service away from the run rather than one process: Redis loses all
 * its data, every Kafka broker is down, PostgreSQL refuses writes. Each hits while buyers hold and
 * confirm, and its recovery is measured from the end of the fault (the service back) until a new
 * buyer's hold and confirm go through end to end again.
 */
import { setTimeout as delay } from 'node:timers/promises'
import pg from 'pg'
import type { FaultContext, FaultOutcome } from './fault-context.ts'
import { probeWrite, waitFor, whileBuyersBusy } from './probe.ts'
import { KEYS } from './scenario.ts'

/** How long Kafka stays down and PostgreSQL refuses writes: several admission ticks and pipeline batches. */
export const OUTAGE_MS = 8000

/**
 * Redis loses everything: FLUSHALL on every primary of the run's own cluster (replicas follow),
 * then SIGKILL the sale's primary and start it again (its AOF ends with the flush, so it comes back
 * empty). The re-warm worker must rebuild both sales from PostgreSQL; holds whose ledger entries had
 * not reached PostgreSQL yet are gone (their confirm is refused), and nothing may be oversold.
 */
export async function redisDataLoss(c: FaultContext): Promise<FaultOutcome> {
  await whileBuyersBusy(c)
  const port = await c.redisC.primaryFor(`${KEYS.base(c.saleId)}:chaos-probe`)
  const t = Date.now()
  const flushed = await c.redisC.flushAll()
  await c.redisC.kill(port)
  await c.redisC.restart(port)
  const ended = Date.now()
  const problems: string[] = []
  // Both sales back in Redis with their capacity (the re-warm runs every 2 s in each worker).
  const rebuilt = await waitFor(
    async () => {
      const [main, probe] = await Promise.all(
        [c.saleId, c.probeSaleId].map((id) => c.redis.hGet(KEYS.sale(id).meta, 'warm').catch(() => null))
      )
      return main === '1' && probe === '1' ? Date.now() - ended : undefined
    },
    60_000,
    'both sales rebuilt from PostgreSQL'
  ).catch((error: Error) => {
    problems.push(error.message)
    return null
  })
  const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 90_000)
  if (!ok) problems.push('no hold and confirm went through within 90 s of the restart')
  return {
    fault: `FLUSHALL every Redis primary (${flushed.join(', ')}) and SIGKILL + restart the sale's (empty)`,
    injectedAt: t,
    recoveryMs: ok === undefined ? null : Date.now() - ended,
    measure: `from the restart until a new hold and confirm are processed end to end (sales rebuilt after ${rebuilt ?? '?'} ms)`,
    problems
  }
}

/**
 * Every Kafka broker SIGKILLed for {@link OUTAGE_MS} while buyers confirm, then all started again.
 * A confirm meanwhile cannot be published: it must be refused with its hold put back (the buyer
 * retries with the same key) or answered once the brokers are back; none lost, none twice. A probe
 * buyer holds a seat before the outage, confirms during it without retrying, and again with the
 * same key afterwards: that must give one reservation, processed.
 */
export async function kafkaDown(c: FaultContext): Promise<FaultOutcome> {
  await whileBuyersBusy(c)
  const problems: string[] = []
  const parked = await holdOneSeat(c)
  const t = Date.now()
  await Promise.all(c.kafkaC.brokers.map((b) => c.kafkaC.kill(b.nodeId)))
  const answer = await c.client
    .call(
      'POST',
      `/v1/holds/${parked.holdId}/confirm`,
      parked.token,
      { payment: {} },
      parked.headers,
      Date.now()
    )
    .catch((error: Error) => ({ status: 0, body: { message: error.message } }))
  const duringOutage = `${answer.status} ${(answer.body as { code?: string }).code ?? ''}`.trim()
  if (answer.status !== 503 && answer.status !== 202 && answer.status !== 0)
    problems.push(`a confirm during the outage answered ${duringOutage}`)
  await delay(Math.max(0, OUTAGE_MS - (Date.now() - t)))
  const ended = Date.now()
  await Promise.all(c.kafkaC.brokers.map((b) => c.kafkaC.restart(b.nodeId)))
  // Three JVMs starting at once on two busy cores: the cluster formed in 60-150 s at the run's start.
  const healthy = await c.kafkaC.waitHealthy(240_000)
  const brokersUpMs = Date.now() - ended
  if (!healthy) problems.push('the brokers did not form a cluster again within 240 s')
  const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 120_000)
  const recoveryMs = ok === undefined ? null : Date.now() - ended
  if (!ok) problems.push('no hold and confirm went through within 120 s of the brokers being back')
  // The confirm refused during the outage, again with its key: one reservation, processed.
  const again = await c.client.call(
    'POST',
    `/v1/holds/${parked.holdId}/confirm`,
    parked.token,
    { payment: {} },
    parked.headers
  )
  if (again.status !== 202) problems.push(`the retried confirm answered ${again.status}`)
  else {
    const id = String((again.body as { reservationId: string }).reservationId)
    const status = await waitFor(
      async () => {
        const r = await c.client.call('GET', `/v1/reservations/${id}`, parked.token)
        const s = (r.body as { status?: string }).status
        return s === 'confirmed' || s === 'failed' ? s : undefined
      },
      60_000,
      'the retried confirm processed'
    ).catch(() => 'not terminal')
    if (status !== 'confirmed') problems.push(`the retried confirm ended ${status}`)
  }
  return {
    fault: `SIGKILL all ${c.kafkaC.brokers.length} Kafka brokers for ${OUTAGE_MS / 1000} s (a confirm meanwhile: ${duringOutage})`,
    injectedAt: t,
    recoveryMs,
    measure: `from the brokers restarting until a new confirm is published and processed (brokers back after ${brokersUpMs} ms)`,
    problems
  }
}

/**
 * PostgreSQL refuses writes for {@link OUTAGE_MS}: the run's database (on the run's own server) is
 * set `default_transaction_read_only` and its sessions are ended, so every new session is read-only;
 * then the setting is reset and the sessions ended again. The pipeline's writes, the ledger sink's
 * and the outbox relay's fail meanwhile and must be retried, not dropped or dead-lettered for good.
 */
export async function postgresReadOnly(c: FaultContext): Promise<FaultOutcome> {
  await whileBuyersBusy(c)
  const url = new URL(c.databaseUrl)
  const database = url.pathname.slice(1)
  const adminUrl = new URL(c.databaseUrl)
  adminUrl.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: adminUrl.toString() })
  await admin.connect()
  const problems: string[] = []
  const name = admin.escapeIdentifier(database)
  const endSessions = () =>
    admin.query(
      'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database]
    )
  try {
    const t = Date.now()
    await admin.query(`alter database ${name} set default_transaction_read_only = on`)
    await endSessions()
    // A new session of the run's database may no longer write.
    const probe = new pg.Client({ connectionString: c.databaseUrl })
    await probe.connect()
    const refused = await probe
      .query('create table chaos_read_only_probe (x int)')
      .then(() => 'accepted')
      .catch((error: { code?: string }) => error.code ?? 'refused')
    await probe.end().catch(() => undefined)
    if (refused !== '25006') problems.push(`a write during the fault answered ${refused}, not 25006`)
    await delay(Math.max(0, OUTAGE_MS - (Date.now() - t)))
    await admin.query(`alter database ${name} reset default_transaction_read_only`)
    await endSessions()
    const ended = Date.now()
    const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 90_000)
    if (!ok) problems.push('no hold and confirm went through within 90 s of writes coming back')
    return {
      fault: `PostgreSQL read-only for ${OUTAGE_MS / 1000} s (the run's database; sessions ended at both ends)`,
      injectedAt: t,
      recoveryMs: ok === undefined ? null : Date.now() - ended,
      measure: 'from writes being allowed again until a new confirm is persisted',
      problems
    }
  } finally {
    // Whatever happened, the database is writable again.
    await admin.query(`alter database ${name} reset default_transaction_read_only`).catch(() => undefined)
    await admin.end().catch(() => undefined)
  }
}

/** A probe buyer of the probe sale, admitted and holding one seat, with the headers of its confirm. */
async function holdOneSeat(c: FaultContext) {
  const userId = `parked${Date.now()}`
  const token = await c.client.token(userId)
  const saleId = c.probeSaleId
  await c.client.call('POST', `/v1/events/${saleId}/queue`, token, {})
  const access = await waitFor(
    async () =>
      ((await c.client.call('GET', `/v1/events/${saleId}/queue`, token)).body as { accessToken?: string })
        .accessToken,
    60_000,
    'the parked buyer admitted'
  )
  const seats = await c.client.call('GET', `/v1/events/${saleId}/seats`, token)
  const free = ((seats.body as { seats?: Array<{ id: string; state: string }> }).seats ?? []).filter(
    (s) => s.state === 'available'
  )
  for (const seat of free.slice(0, 5)) {
    const hold = await c.client.call(
      'POST',
      `/v1/events/${saleId}/holds`,
      token,
      { seatId: seat.id },
      { 'x-access-token': access, 'idempotency-key': `k-${userId}-${seat.id}` }
    )
    if (hold.status !== 201) continue
    const holdId = String((hold.body as { holdId: string }).holdId)
    return { token, holdId, headers: { 'x-access-token': access, 'idempotency-key': `kc-${holdId}` } }
  }
  throw new Error('chaos: the parked buyer found no seat to hold')
}
