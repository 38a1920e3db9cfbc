import { Type } from '@sinclair/typebox'
import { IsoTime } from './common.ts'

/** 64 lower-case hex characters: a hash, a seed or an entrant id. */
const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$' })

/** `GET /v1/events/:id/queue/fairness/commitment`: the published commitment of the pre-queue draw. */
export const DrawCommitmentResponse = Type.Object({
  seedHash: Hex64,
  seedHashPublishedAt: IsoTime,
  seed: Type.Union([Hex64, Type.Null()], {
    description: 'revealed once the entrant list is committed (at opening), never before'
  }),
  seedRevealedAt: Type.Union([IsoTime, Type.Null()]),
  entrants: Type.Union(
    [
      Type.Object({
        root: Hex64,
        count: Type.Integer({ minimum: 0 }),
        committedAt: IsoTime
      }),
      Type.Null()
    ],
    { description: 'the Merkle root over the entrant list, null until the pre-queue is sealed' }
  ),
  scheme: Type.Object(
    { leaf: Type.String(), node: Type.String(), rank: Type.String(), seedHash: Type.String() },
    { description: 'the definitions, in words (docs/queue.md has them in full)' }
  )
})

/** `?offset=&limit=` of the published entrant list. */
export const EntrantPageQuery = Type.Object({
  offset: Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0 }),
  limit: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })
})

/** `GET /v1/events/:id/queue/fairness/entrants`: one page of the published entrant list. */
export const EntrantPageResponse = Type.Object({
  count: Type.Integer({ minimum: 0, description: 'entrants in the whole list' }),
  offset: Type.Integer({ minimum: 0 }),
  entrants: Type.Array(
    Type.Object({
      index: Type.Integer({ minimum: 0, description: 'the leaf index (ascending entrant id order)' }),
      entrantId: Hex64,
      leaf: Hex64,
      rank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'the ticket drawn' })
    })
  )
})

/** `GET /v1/events/:id/queue/fairness/proof`: the caller's inclusion proof. */
export const InclusionProofResponse = Type.Object({
  entrantId: Hex64,
  leaf: Hex64,
  index: Type.Integer({ minimum: 0 }),
  count: Type.Integer({ minimum: 1 }),
  path: Type.Array(Hex64, { description: 'sibling nodes from the leaf up; promoted levels add none' }),
  root: Hex64,
  shuffleKey: Type.Union([Hex64, Type.Null()], { description: 'HMAC-SHA256(seed, entrantId)' }),
  rank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'the ticket drawn' }),
  committedAt: IsoTime
})
