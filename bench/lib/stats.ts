/** Percentiles and small numeric helpers of the bench report. */

export interface Summary {
  n: number
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
}

/** Nearest-rank percentiles of `values` (ms); NaN fields when there are none. */
export function summarize(values: readonly number[]): Summary {
  const n = values.length
  if (n === 0)
    return { n: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN }
  const sorted = Float64Array.from(values).sort()
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] ?? Number.NaN
  let sum = 0
  for (const v of sorted) sum += v
  const r = (x: number) => Math.round(x * 10) / 10
  return { n, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(at(100)), mean: r(sum / n) }
}

export function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v
}

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '—'
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}
