/**
 * The stored post-sale report: the per-second timeline of a sale, the reconciler's reports kept
 * per sale, and what the report reads back from PostgreSQL. Types shared by the store (adapter),
 * the report service, the timeline worker, the admin route and the CLI.
 */

/** One second of a sale, as the timeline worker sampled it. */
export interface TimelineSample {
  saleId: string
  /** Buyers waiting (the pre-queue included). */
  waiting: number
  /** Admitted buyers whose access is live. */
  active: number
  /** Buyers admitted so far. */
  admittedTotal: number
  /** Waiting buyers skipped at admission (silent past the grace period), so far. */
  abandoned: number
  /** Waiting buyers who gave their place up, so far. */
  left: number
  /** Highest ticket admitted or skipped. */
  frontier: number
  free: number
  held: number
  pending: number
  sold: number
}

/** A stored row of the timeline (`at`: epoch seconds). */
export interface TimelineRow extends Omit<TimelineSample, 'saleId'> {
  at: number
  /** Bookings and claims confirmed so far (PostgreSQL). */
  confirmed: number
  /** Messages the booking and coupon consumers had still to read. */
  consumerLag: number
}

/** One difference the reconciler found (its `Drift`). */
export interface ReportDrift {
  field: string
  redis: unknown
  database: unknown
  count?: number
}

/** A reconciler report as stored. */
export interface StoredReconcileReport {
  saleId: string
  checkedAt: string
  drift: ReportDrift[]
  repaired: boolean
  busy: boolean
  /** Pending units settled as failed. */
  stale: number
  ledgerDeadLetters?: number
}

/** What the booking rows of a sale came to. */
export interface FunnelCounts {
  /** Units handed out (seat holds and coupon claims), whatever became of them. */
  holds: number
  /** Distinct buyers who got a unit. */
  holders: number
  released: number
  expired: number
  /** Bookings and claims confirmed (paid). */
  paid: number
  /** Bookings and claims that failed (declined, timed out, given up, expired). */
  failed: number
  /** Bookings and claims not finished yet. */
  inFlight: number
  /** Refunds owed or settled. */
  refunds: number
}

/** A dead letter of the sale and what became of it. */
export interface ReportDeadLetter {
  id: string
  topic: string
  kind: string
  reason: string
  attempts: number
  replays: number
  /** replayed, failed, or null while unresolved. */
  resolution: string | null
  createdAt: string
  resolvedAt: string | null
}

/** PostgreSQL: where the timeline and the reconciler's reports are written and the report is read. */
export interface SaleReportStore {
  /** Writes one tick of the timeline (one statement); a sale sampled this second already is skipped. */
  recordSamples(samples: readonly TimelineSample[], consumerLag: number): Promise<void>
  recordReconcile(report: StoredReconcileReport): Promise<void>
  timeline(saleId: string): Promise<TimelineRow[]>
  reconcileReports(saleId: string, limit: number): Promise<StoredReconcileReport[]>
  funnel(saleId: string): Promise<FunnelCounts>
  deadLetters(saleId: string, limit: number): Promise<ReportDeadLetter[]>
  /** The sale's audit log (operators' edits), newest first, at most `limit`. */
  edits(saleId: string, limit: number): Promise<ReportEdit[]>
  /** The pre-queue seed and its hash, when one was drawn. */
  seed(saleId: string): Promise<{ seed: string; hash: string } | undefined>
}

/** One operator's edit of the sale (its audit log entry). */
export interface ReportEdit {
  id: string
  actor: string
  action: string
  before: Record<string, unknown>
  after: Record<string, unknown>
  at: string
}

/** Where the report's waiting-room figures came from. */
export type QueueFigureSource = 'waiting-room' | 'timeline' | 'none'

/** The post-sale report of one sale (`GET /v1/admin/events/:id/report`, `firstcome report`). */
export interface SaleReport {
  saleId: string
  name: string
  kind: 'coupon' | 'seated'
  status: 'warming' | 'open' | 'paused' | 'closed'
  capacity: number
  currency: string
  opensAt: string | null
  createdAt: string
  generatedAt: string
  timeline: TimelineRow[]
  funnel: {
    /** Buyers who took a place in the waiting room: admitted + still waiting + abandoned + left. */
    joined: number
    admitted: number
    /** Still waiting when the report was made. */
    waiting: number
    abandoned: number
    left: number
    /** Units handed out (holds rows, coupon claims included). */
    held: number
    holders: number
    paid: number
    failed: number
    inFlight: number
    released: number
    expired: number
    refunds: number
    queueSource: QueueFigureSource
  }
  fairness: {
    seedHash: string | null
    /** The pre-queue seed, once the sale has opened (null before, or when none was drawn). */
    seed: string | null
    /** Timeline seconds where the admission frontier went back (0 when admission kept ticket order). */
    frontierRegressions: number
    /** Timeline seconds where the admitted total went back. */
    admittedRegressions: number
  }
  reconcile: {
    reports: StoredReconcileReport[]
    /** Drift entries found over all reports. */
    driftFound: number
    /** Reports whose drift was repaired. */
    repaired: number
    /** Reports with drift left unrepaired (busy sale, ledger dead letters, dry run). */
    unrepaired: number
    /** Stale pending units settled as failed. */
    staleSettled: number
  }
  deadLetters: {
    total: number
    unresolved: number
    replayed: number
    failed: number
    items: ReportDeadLetter[]
  }
  /** What operators changed while the sale ran (the audit log, newest first). */
  edits: {
    total: number
    items: ReportEdit[]
  }
}
