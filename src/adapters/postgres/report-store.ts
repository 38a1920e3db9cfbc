import type { Pool } from 'pg'
import type {
  FunnelCounts,
  ReportDeadLetter,
  ReportEdit,
  SaleReportStore,
  StoredReconcileReport,
  TimelineRow,
  TimelineSample
} from '../../domain/report-ports.ts'
import { sql } from './sql.ts'

interface TimelineDbRow {
  at: string
  waiting: number
  active: number
  admitted_total: number
  abandoned: number
  left_queue: number
  frontier: number
  free: number
  held: number
  pending: number
  sold: number
  confirmed: number
  consumer_lag: number
}

const iso = (d: Date | string | null): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString()

/** The post-sale report's tables (`sale_timeline`, `reconcile_reports`) and its reads. */
export class PgSaleReportStore implements SaleReportStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async recordSamples(samples: readonly TimelineSample[], consumerLag: number): Promise<void> {
    if (samples.length === 0) return
    const col = (f: (s: TimelineSample) => string | number) => samples.map(f)
    await this.#pool.query(sql('insert-timeline-samples'), [
      col((s) => s.saleId),
      col((s) => s.waiting),
      col((s) => s.active),
      col((s) => s.admittedTotal),
      col((s) => s.abandoned),
      col((s) => s.left),
      col((s) => s.frontier),
      col((s) => s.free),
      col((s) => s.held),
      col((s) => s.pending),
      col((s) => s.sold),
      consumerLag
    ])
  }

  async recordReconcile(r: StoredReconcileReport): Promise<void> {
    await this.#pool.query(sql('insert-reconcile-report'), [
      r.saleId,
      r.checkedAt,
      JSON.stringify(r.drift),
      r.repaired,
      r.busy,
      r.stale,
      r.ledgerDeadLetters ?? null
    ])
  }

  async timeline(saleId: string): Promise<TimelineRow[]> {
    const { rows } = await this.#pool.query<TimelineDbRow>(sql('select-sale-timeline'), [saleId])
    return rows.map((r) => ({
      at: Number(r.at),
      waiting: r.waiting,
      active: r.active,
      admittedTotal: r.admitted_total,
      abandoned: r.abandoned,
      left: r.left_queue,
      frontier: r.frontier,
      free: r.free,
      held: r.held,
      pending: r.pending,
      sold: r.sold,
      confirmed: r.confirmed,
      consumerLag: r.consumer_lag
    }))
  }

  async reconcileReports(saleId: string, limit: number): Promise<StoredReconcileReport[]> {
    const { rows } = await this.#pool.query<{
      checked_at: Date
      drift: StoredReconcileReport['drift']
      repaired: boolean
      busy: boolean
      stale: number
      ledger_dead_letters: number | null
    }>(sql('select-reconcile-reports'), [saleId, limit])
    return rows.map((r) => ({
      saleId,
      checkedAt: r.checked_at.toISOString(),
      drift: r.drift,
      repaired: r.repaired,
      busy: r.busy,
      stale: r.stale,
      ...(r.ledger_dead_letters === null ? {} : { ledgerDeadLetters: r.ledger_dead_letters })
    }))
  }

  async funnel(saleId: string): Promise<FunnelCounts> {
    const { rows } = await this.#pool.query<{
      holds: number
      holders: number
      released: number
      expired: number
      paid: number
      failed: number
      in_flight: number
      refunds: number
    }>(sql('select-report-funnel'), [saleId])
    const r = rows[0]
    return {
      holds: r?.holds ?? 0,
      holders: r?.holders ?? 0,
      released: r?.released ?? 0,
      expired: r?.expired ?? 0,
      paid: r?.paid ?? 0,
      failed: r?.failed ?? 0,
      inFlight: r?.in_flight ?? 0,
      refunds: r?.refunds ?? 0
    }
  }

  async edits(saleId: string, limit: number): Promise<ReportEdit[]> {
    const { rows } = await this.#pool.query<{
      id: string
      actor: string
      action: string
      before: Record<string, unknown>
      after: Record<string, unknown>
      at: Date
    }>(sql('select-sale-audit'), [saleId, limit, null])
    return rows.map((r) => ({
      id: r.id,
      actor: r.actor,
      action: r.action,
      before: r.before,
      after: r.after,
      at: r.at.toISOString()
    }))
  }

  async deadLetters(saleId: string, limit: number): Promise<ReportDeadLetter[]> {
    const { rows } = await this.#pool.query<{
      id: string
      topic: string
      kind: string
      reason: string
      attempts: number
      replays: number
      resolution: string | null
      created_at: Date
      resolved_at: Date | null
    }>(sql('select-sale-failed-events'), [saleId, limit])
    return rows.map((r) => ({
      id: String(r.id),
      topic: r.topic,
      kind: r.kind,
      reason: r.reason,
      attempts: r.attempts,
      replays: r.replays,
      resolution: r.resolution,
      createdAt: iso(r.created_at) ?? '',
      resolvedAt: iso(r.resolved_at)
    }))
  }

  async seed(saleId: string): Promise<{ seed: string; hash: string } | undefined> {
    const { rows } = await this.#pool.query<{ seed: string; seed_hash: string }>(sql('select-queue-seed'), [
      saleId
    ])
    const r = rows[0]
    return r ? { seed: r.seed, hash: r.seed_hash } : undefined
  }
}
