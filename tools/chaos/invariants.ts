/** The chaos run's verdict: the DESIGN's invariants (tools/invariants.ts) over what the run accepted. */
import pg from 'pg'
import type { RedisClient } from '../../src/adapters/redis/redis-client.ts'
import {
  admissionOrder,
  countByStatus,
  deadLetters,
  failureReasons,
  liveUnits,
  notTerminal,
  notTerminalDetail,
  type Queryable,
  redisStock,
  redisUnitState,
  seatsConfirmedTwice,
  usersOverLimit
} from '../invariants.ts'
import { pollUntil } from '../stack/wait.ts'
import type { Client } from './client.ts'
import { type Accepted, type ChaosReport, type InvariantResult, PER_USER } from './scenario.ts'

export async function checkInvariants(c: {
  databaseUrl: string
  redis: RedisClient
  saleId: string
  capacity: number
  accepted: Map<string, Accepted>
  client: Client
  adminToken: string
  tickets: Map<string, number>
  admissions: Map<string, { ticket: number; until: number }>
  loadStartedAt: number
}): Promise<Omit<ChaosReport, 'durationMs' | 'capacity' | 'faults' | 'requests'>> {
  const db = new pg.Client({ connectionString: c.databaseUrl })
  await db.connect()
  try {
    const ids = [...c.accepted.keys()]
    // I4: wait (bounded) for every accepted reservation to become terminal.
    const loadEnded = Date.now()
    const terminalWithin = await pollUntil(
      async () => ((await notTerminal(db, 'reservations', ids)).length === 0 ? true : undefined),
      { timeoutMs: 90_000, intervalMs: 250 }
    )
    const settledMs = terminalWithin === true ? Date.now() - loadEnded : null
    const lost = (await notTerminal(db, 'reservations', ids)).length
    const lostDetail = lost > 0 ? await describeLost(db, c.redis, c.saleId, c.accepted, c.loadStartedAt) : []
    const count = await countByStatus(db, 'reservations', c.saleId)
    const doubles = await seatsConfirmedTwice(db, c.saleId)
    const overLimit = await usersOverLimit(db, 'reservations', c.saleId, PER_USER)
    const oversold = doubles.length + Math.max(0, count('confirmed') - c.capacity)

    // I5: the reconciler repairs any drift from PostgreSQL; then Redis must agree with it.
    const reconcile = await c.client.call('POST', `/v1/admin/events/${c.saleId}/reconcile`, c.adminToken, {})
    // The ledger sink moves the last holds into PostgreSQL within a few ticks: compare until equal (20 s).
    const stock = async () => ({
      ...(await redisStock(c.redis, c.saleId)),
      dbLive: await liveUnits(db, c.saleId)
    })
    const settled = await pollUntil(
      async () => {
        const s = await stock()
        return s.available === s.capacity - s.dbLive ? s : undefined
      },
      { timeoutMs: 20_000, intervalMs: 250 }
    )
    const { capacity, available, held, pending, sold, dbLive } = settled ?? (await stock())

    // I6: replaying a confirm with its key answers the same reservation.
    let replayMismatch = 0
    for (const [id, a] of [...c.accepted].slice(0, 10)) {
      const token = await c.client.token(a.userId)
      const again = await c.client.call(
        'POST',
        `/v1/holds/${a.holdId}/confirm`,
        token,
        { payment: {} },
        { 'idempotency-key': a.key, 'x-access-token': a.access }
      )
      const body = again.body as { reservationId?: string }
      if (again.status < 400 && body.reservationId !== id) replayMismatch++
    }
    const reasons = await failureReasons(db, ids)
    const dlq = await deadLetters(db, c.saleId)
    const tickets = [...c.tickets.values()].filter((t) => t > 0)
    const order = admissionOrder([...c.admissions.values()])
    const invariants: InvariantResult[] = [
      {
        name: 'I1 one confirmed booking per seat',
        ok: doubles.length === 0,
        detail: `${doubles.length} seats with two`
      },
      {
        name: 'I2 confirmed + pending + held <= capacity',
        ok: held + pending + sold <= capacity && count('confirmed') + count('pending') <= c.capacity,
        detail: `redis ${held}+${pending}+${sold} of ${capacity}; db ${count('confirmed')}+${count('pending')}`
      },
      {
        name: 'I3 per-user limit',
        ok: overLimit.length === 0,
        detail: `${overLimit.length} users over ${PER_USER}`
      },
      {
        name: 'I4 every accepted request terminal (nothing lost)',
        ok: lost === 0 && terminalWithin === true,
        detail: `${lost} of ${ids.length} not terminal${lostDetail.length > 0 ? `: ${lostDetail.join('; ')}` : ''}`
      },
      {
        name: 'I5 Redis stock = capacity - DB(held+pending+confirmed)',
        ok: reconcile.status < 400 && available === capacity - dbLive,
        detail: `available ${available}, db live ${dbLive}; reconcile ${JSON.stringify(reconcile.body).slice(0, 300)}`
      },
      {
        name: 'I6 same key, same response, one effect',
        ok: replayMismatch === 0,
        detail: `${replayMismatch} replays answered differently`
      },
      {
        name: 'I7 admission follows ticket order (unique tickets; no buyer admitted before an earlier ticket)',
        ok:
          new Set(tickets).size === tickets.length &&
          order.outOfOrder === 0 &&
          order.unknown === 0 &&
          order.admitted > 0,
        detail:
          `${tickets.length} tickets, ${new Set(tickets).size} distinct; ${order.admitted} admitted in ` +
          `${order.ticks} ticks, ${order.outOfOrder} out of order${order.example ? ` (${order.example})` : ''}` +
          `${order.unknown > 0 ? `, ${order.unknown} without an admission time` : ''}`
      }
    ]
    return {
      passed: invariants.every((i) => i.ok) && lost === 0 && oversold === 0,
      accepted: ids.length,
      confirmed: count('confirmed'),
      failed: count('failed') + count('expired'),
      lost,
      lostDetail,
      oversold,
      settledMs,
      deadLetters: dlq,
      failedReasons: reasons,
      admission: { admitted: order.admitted, ticks: order.ticks, outOfOrder: order.outOfOrder },
      invariants
    }
  } finally {
    await db.end().catch(() => undefined)
  }
}

/** Where the first few accepted reservations that are not terminal stand: PostgreSQL and Redis. */
async function describeLost(
  db: Queryable,
  redis: RedisClient,
  saleId: string,
  accepted: Map<string, Accepted>,
  loadStartedAt: number
): Promise<string[]> {
  const rows = await notTerminalDetail(
    db,
    [...accepted].map(([id, a]) => ({ id, holdId: a.holdId }))
  )
  return Promise.all(
    rows.map(async (row) => {
      const a = accepted.get(row.id)
      const redisState = a ? await redisUnitState(redis, saleId, a.holdId) : 'none'
      const at = a ? `+${((a.acceptedAt - loadStartedAt) / 1000).toFixed(1)} s` : '?'
      return `${row.id} accepted ${at}: row ${row.status ?? 'none'}, mirror ${row.mirror ?? 'none'}, attempt ${row.attempted ? 'yes' : 'no'}, redis ${redisState}`
    })
  )
}
