/**
 * The invariant check at the end of a bench run: oversold 0, duplicates 0, lost 0 (every accepted
 * request terminal), per-user limit respected, Redis == PostgreSQL (the reconciler in dry-run, and
 * the stats' counts against the booking rows). Against an own server everything is read from
 * PostgreSQL and Redis; against `--target` only what the API and the buyers saw.
 */
import { spawn } from 'node:child_process'
import pg from 'pg'
import {
  type BookingTable,
  countByStatus,
  lastUpdate,
  notTerminal,
  outboxOutcomes,
  seatsConfirmedTwice,
  usersOverLimit
} from '../../tools/invariants.ts'
import type { Sut } from './sut.ts'
import type { AcceptedRecord, Check, InvariantReport } from './types.ts'

export interface InvariantInput {
  sut: Sut
  root: string
  saleId: string
  kind: 'seated' | 'coupon'
  capacity: number
  perUserLimit: number
  accepted: readonly AcceptedRecord[]
  divergentDoubleClicks: number
  stats: Record<string, unknown> | undefined
  soldOutAt: number | null
}

/** `firstcome reconcile <sale> --dry-run` against the run's own services: report only, repair nothing. */
function reconcileDryRun(
  root: string,
  env: Record<string, string>,
  saleId: string
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${root}/bin/firstcome.mjs`, 'reconcile', saleId, '--dry-run'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c
    })
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err = (err + c).slice(-2000)
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      const line = out.trim().split('\n').pop() ?? ''
      try {
        resolve(JSON.parse(line) as Record<string, unknown>)
      } catch {
        reject(new Error(`reconcile --dry-run exited ${code}: ${err || out}`))
      }
    })
  })
}

export async function checkInvariants(i: InvariantInput): Promise<InvariantReport> {
  const checks: Check[] = []
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail })
  const unseen = i.accepted.filter((a) => a.status === undefined).length
  const stock = (i.stats?.stock ?? {}) as Record<string, number>
  let confirmed = 0
  let failed = 0
  let oversold = 0
  let duplicates = i.divergentDoubleClicks
  let lost = 0
  let perUser = 0
  let lastTerminal: number | null = null
  let reconcile: InvariantReport['reconcile'] = { ran: false, drift: [], note: 'not run against --target' }
  const table: BookingTable = i.kind === 'seated' ? 'reservations' : 'claims'
  const own = i.sut.own
  if (own) {
    const db = new pg.Client({ connectionString: own.databaseUrl })
    await db.connect()
    try {
      const count = await countByStatus(db, table, i.saleId)
      confirmed = count('confirmed')
      failed = count('failed') + count('expired')
      oversold = Math.max(0, confirmed - i.capacity)
      if (i.kind === 'seated') oversold += (await seatsConfirmedTwice(db, i.saleId)).length
      // One outcome row per accepted request: a second would be a duplicate effect.
      duplicates += (await outboxOutcomes(db, i.saleId)).filter((r) => r.n > 1).length
      const ids = i.accepted.map((a) => a.id)
      lost = (await notTerminal(db, table, ids)).length
      perUser = (await usersOverLimit(db, table, i.saleId, i.perUserLimit)).length
      lastTerminal = await lastUpdate(db, table, ids)
    } finally {
      await db.end()
    }
    try {
      const report = await reconcileDryRun(i.root, own.env, i.saleId)
      reconcile = {
        ran: true,
        drift: Array.isArray(report.drift) ? (report.drift as unknown[]) : [],
        busy: report.busy === true
      }
    } catch (err) {
      reconcile = {
        ran: false,
        drift: [],
        note: err instanceof Error ? err.message.slice(0, 300) : String(err)
      }
    }
    check(
      'Redis == PostgreSQL (reconciler dry-run: no drift)',
      reconcile.ran && reconcile.drift.length === 0 && !reconcile.busy,
      reconcile.ran
        ? `${reconcile.drift.length} drift field(s)${reconcile.busy ? ', busy' : ''}`
        : (reconcile.note ?? 'not run')
    )
    check(
      'Redis sold == PostgreSQL confirmed',
      stock.confirmed === confirmed,
      `Redis ${stock.confirmed}, PostgreSQL ${confirmed}`
    )
    check('nothing pending in Redis after quiescence', stock.pending === 0, `pending ${stock.pending}`)
  } else {
    // Client side only: what the buyers were told.
    confirmed = i.accepted.filter((a) => a.status === 'confirmed').length
    failed = i.accepted.filter((a) => a.status !== undefined && a.status !== 'confirmed').length
    oversold = Math.max(0, confirmed - i.capacity)
    lost = unseen
    const perUserCount = new Map<string, number>()
    for (const a of i.accepted)
      if (a.status === 'confirmed') perUserCount.set(a.userId, (perUserCount.get(a.userId) ?? 0) + 1)
    perUser = [...perUserCount.values()].filter((n) => n > i.perUserLimit).length
    const times = i.accepted.map((a) => a.terminalAt ?? 0)
    lastTerminal = times.length > 0 ? Math.max(...times) : null
    check(
      'stats: confirmed <= capacity',
      (stock.confirmed ?? 0) <= i.capacity,
      `stats confirmed ${stock.confirmed}, capacity ${i.capacity}`
    )
  }
  check('oversold 0', oversold === 0, `${oversold} (confirmed ${confirmed} of ${i.capacity})`)
  check(
    'duplicates 0',
    duplicates === 0,
    `${duplicates} (divergent double clicks ${i.divergentDoubleClicks})`
  )
  check('lost 0 (every accepted request terminal)', lost === 0, `${lost} of ${i.accepted.length} accepted`)
  check('per-user limit respected', perUser === 0, `${perUser} user(s) over ${i.perUserLimit}`)
  const after = lastTerminal !== null && i.soldOutAt !== null ? (lastTerminal - i.soldOutAt) / 1000 : null
  if (i.soldOutAt !== null)
    check(
      'every accepted request terminal within 30 s of the sell-out',
      after !== null && after <= 30,
      after === null ? 'no terminal time' : `${after.toFixed(1)} s`
    )
  return {
    passed: checks.every((c) => c.ok),
    oversold,
    duplicates,
    lost,
    unseenResults: unseen,
    perUserViolations: perUser,
    confirmed,
    failed,
    lastTerminalAfterSellOutSec: after,
    reconcile,
    checks
  }
}
