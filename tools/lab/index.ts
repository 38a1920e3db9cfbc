/** The strategy lab: one contended sale under each concurrency-control strategy, measured. */
export { type LabEnvironment, openLabEnvironment } from './lab-environment.ts'
export type { LabRow } from './metrics.ts'
export { markdownReport, markdownTable, textTable, verdictLines } from './report.ts'
export { defaultCases, type LabReport, runLab, runStrategy } from './runner.ts'
export { strategies } from './strategies/index.ts'
export { type LabCase, type StrategyName, strategyNames } from './types.ts'
