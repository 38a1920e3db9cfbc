/**
 * The shapes of a bench run's report: written by bench/lib/report.ts, returned by runBench
 * (bench/scenarios/index.ts). A file of their own so that the report writer does not import the
 * scenario driver that calls it (the two imported each other).
 */
import type { Ceilings } from '../lib/ceilings.ts'
import type { SaleRunResult } from './run-sale.ts'

export type Scenario = 'spike' | 'ramp' | 'soak'

export interface BenchReport {
  scenario: Scenario
  command: string
  date: string
  machine: { cpus: number; model: string; memGb: number; node: string; platform: string }
  options: Record<string, unknown>
  sales: SaleRunResult[]
  ceilings: Ceilings | null
  ratios: Record<string, number | null>
  passed: boolean
  durationSec: number
  files: { json: string; markdown: string; html: string; png: string | null }
}
