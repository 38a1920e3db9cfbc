/**
 * Reads a Prometheus histogram from `/v1/admin/metrics` text and estimates a quantile from its buckets, the
 * way PromQL's `histogram_quantile` does (linear within a bucket).
 */

/** Cumulative bucket counts by upper bound (`Infinity` for `+Inf`), summed over matching series. */
export type Buckets = Map<number, number>

const LINE = /^([a-zA-Z_:][\w:]*)\{([^}]*)\}\s+(\S+)/
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g

function labelsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of text.matchAll(LABEL)) out[m[1] ?? ''] = (m[2] ?? '').replace(/\\(.)/g, '$1')
  return out
}

/** The `<name>_bucket` series whose labels include every pair of `match`, summed per bound. */
export function parseBuckets(text: string, name: string, match: Record<string, string>): Buckets {
  const buckets: Buckets = new Map()
  const metric = `${name}_bucket`
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue
    const m = LINE.exec(line)
    if (!m || m[1] !== metric) continue
    const labels = labelsOf(m[2] ?? '')
    if (!Object.entries(match).every(([k, v]) => labels[k] === v)) continue
    const le = labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(labels.le)
    const v = Number(m[3])
    if (Number.isNaN(le) || Number.isNaN(v)) continue
    buckets.set(le, (buckets.get(le) ?? 0) + v)
  }
  return buckets
}

/** `now - before`, per bound: the observations made between two scrapes. */
export function deltaBuckets(now: Buckets, before: Buckets | undefined): Buckets {
  if (!before) return now
  const out: Buckets = new Map()
  for (const [le, v] of now) out.set(le, Math.max(0, v - (before.get(le) ?? 0)))
  return out
}

/** The q-quantile (0..1) in the histogram's unit, or null with no observations. */
export function quantile(q: number, buckets: Buckets): number | null {
  const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0])
  const total = sorted.at(-1)?.[1] ?? 0
  if (total <= 0) return null
  const rank = q * total
  let prevLe = 0
  let prevCount = 0
  for (const [le, count] of sorted) {
    if (count >= rank) {
      // Past the last finite bound there is nothing to interpolate to: report that bound.
      if (le === Number.POSITIVE_INFINITY) return prevLe
      const inBucket = count - prevCount
      return inBucket <= 0 ? le : prevLe + ((le - prevLe) * (rank - prevCount)) / inBucket
    }
    prevLe = le
    prevCount = count
  }
  return prevLe
}
