/**
 * The TypeBox schemas of the HTTP API, one per concept, split by feature under `schemas/`:
 * requests are validated against them, responses are described (and, in the test profile,
 * checked) by them, `GET /openapi.json` is generated from them, and `api-types.ts` derives the
 * clients' types from them.
 */

export * from './schemas/access.ts'
export * from './schemas/auth.ts'
export * from './schemas/buyer.ts'
export * from './schemas/common.ts'
export * from './schemas/draw.ts'
export * from './schemas/edits.ts'
export * from './schemas/operations.ts'
export * from './schemas/queue.ts'
export * from './schemas/sales.ts'
