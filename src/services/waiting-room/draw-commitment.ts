import { createHash, createHmac } from 'node:crypto'
import type { DrawCommitmentRepository, StoredEntrant } from '../../domain/draw-commitment-ports.ts'
import {
  DRAW_SCHEME,
  inclusionPath,
  leafOf,
  merkleLevels,
  shuffleKeyer
} from '../../domain/draw-verification.ts'
import type { QueueSeedRepository } from '../../domain/waiting-room-ports.ts'
import { FcError } from '../../errors.ts'

/** Most entrants one page of the published list carries. */
export const ENTRANT_PAGE_MAX = 5000
// Merkle trees kept in memory for inclusion proofs (a sale's tree never changes once published;
// ~64 bytes per entrant).
const TREES_KEPT = 4

/** A commitment computed and stored before the seal, with the ticket order to apply. */
export interface PreparedDraw {
  saleId: string
  root: string
  seedHash: string
  /** Ascending: the leaf order. */
  entrantIds: string[]
  /** The rank of each entrant id, same positions. */
  ranks: number[]
  /** The user ids in ticket order (rank 1 first). */
  order: string[]
}

/**
 * The Merkle root of draw-verification.ts, computed here with node:crypto in one synchronous pass
 * (the seal runs inside the admission lease). The verifiers use their own implementation (WebCrypto),
 * so the published root is checked by an independent one.
 */
function serverRoot(sortedEntrantIds: readonly string[]): string {
  const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest()
  if (sortedEntrantIds.length === 0) return sha().toString('hex')
  let level: Buffer[] = sortedEntrantIds.map((e) => sha(Buffer.from([0]), Buffer.from(e, 'hex')))
  while (level.length > 1) {
    const next: Buffer[] = []
    for (let i = 0; i + 1 < level.length; i += 2) next.push(sha(Buffer.from([1]), level[i]!, level[i + 1]!))
    if (level.length % 2 === 1) next.push(level[level.length - 1]!)
    level = next
  }
  return level[0]!.toString('hex')
}

/** `GET /v1/events/:id/queue/fairness/commitment`. */
export interface DrawCommitmentView {
  seedHash: string
  seedHashPublishedAt: string
  seed: string | null
  seedRevealedAt: string | null
  entrants: { root: string; count: number; committedAt: string } | null
  scheme: typeof DRAW_SCHEME
}

/** `GET /v1/events/:id/queue/fairness/entrants`. */
export interface EntrantPageView {
  count: number
  offset: number
  entrants: { index: number; entrantId: string; leaf: string; rank: number | null }[]
}

/** `GET /v1/events/:id/queue/fairness/proof`. */
export interface InclusionProofView {
  entrantId: string
  leaf: string
  index: number
  count: number
  path: string[]
  root: string
  shuffleKey: string | null
  rank: number | null
  committedAt: string
}

/**
 * The commitment to who was in a sale's pre-queue (docs/queue.md, "verifiable draw"). At sealing
 * the waiting room hands it the pre-queue: it names each buyer by a per-sale pseudonym (entrant
 * id = HMAC-SHA256(secret entrant key, user id)), draws the ranks from the seed, stores list, ranks
 * and Merkle root in PostgreSQL, and answers the ticket order to apply; once the order is applied,
 * `publish` makes the commitment public, and with it the seed. Everything it serves comes from
 * PostgreSQL.
 */
export class DrawCommitments {
  readonly #repo: DrawCommitmentRepository
  readonly #seeds: QueueSeedRepository
  readonly #publishedSales = new Set<string>()
  readonly #trees = new Map<string, Promise<Uint8Array[][]>>()

  constructor(deps: { repo: DrawCommitmentRepository; seeds: QueueSeedRepository }) {
    this.#repo = deps.repo
    this.#seeds = deps.seeds
  }

  /** The caller's entrant id in a sale. */
  async entrantIdOf(saleId: string, userId: string): Promise<string> {
    const key = await this.#repo.ensureEntrantKey(saleId)
    return createHmac('sha256', Buffer.from(key, 'hex')).update(userId, 'utf8').digest('hex')
  }

  /**
   * Before the seal: commits to the pre-queue `userIds` under the sale's seed (stored, not yet
   * public) and answers them in ticket order. Computed with node:crypto in one synchronous pass: it
   * runs inside the admission lease. A commitment already published (a seal again after Redis lost
   * its data) stays as it is; the order is still drawn the same way.
   */
  async prepare(saleId: string, userIds: readonly string[]): Promise<PreparedDraw> {
    const { seed, hash } = await this.#seeds.ensureSeed(saleId)
    const key = Buffer.from(await this.#repo.ensureEntrantKey(saleId), 'hex')
    const byEntrant = new Map<string, string>()
    for (const u of userIds) byEntrant.set(createHmac('sha256', key).update(u, 'utf8').digest('hex'), u)
    const entrantIds = [...byEntrant.keys()].sort()
    const keyed = entrantIds.map((e) => ({
      e,
      k: createHmac('sha256', seed).update(e, 'utf8').digest('hex')
    }))
    keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.e < y.e ? -1 : x.e > y.e ? 1 : 0))
    const rankOf = new Map(keyed.map((x, i) => [x.e, i + 1]))
    const prepared: PreparedDraw = {
      saleId,
      root: serverRoot(entrantIds),
      seedHash: hash,
      entrantIds,
      ranks: entrantIds.map((e) => rankOf.get(e)!),
      order: keyed.map((x) => byEntrant.get(x.e)!)
    }
    await this.#repo.prepare(saleId, prepared)
    return prepared
  }

  /**
   * After a seal that applied `prepared.order`: publishes the commitment, writing it again first if
   * another process's prepare replaced it in between (two lease holders, one of them stale).
   */
  async confirm(prepared: PreparedDraw): Promise<void> {
    const c = await this.#repo.commitment(prepared.saleId)
    if (c?.entrants?.committedAt) return
    if (c?.entrants?.root !== prepared.root) await this.#repo.prepare(prepared.saleId, prepared)
    await this.#repo.publish(prepared.saleId)
    this.#publishedSales.add(prepared.saleId)
  }

  /**
   * Once the order is applied (the pre-queue is sealed): the commitment, and the seed with it,
   * become public. Called on every admission tick of a sealed sale, so a publish that failed after
   * the seal is made by the next tick; one write per sale and process.
   */
  async ensurePublished(saleId: string): Promise<void> {
    if (this.#publishedSales.has(saleId)) return
    await this.#repo.publish(saleId)
    this.#publishedSales.add(saleId)
  }

  async isPublished(saleId: string): Promise<boolean> {
    return (await this.#repo.commitment(saleId))?.entrants?.committedAt != null
  }

  /** The published commitment; 404 when the sale has no seed (nobody ever pre-queued nor asked). */
  async commitment(saleId: string): Promise<DrawCommitmentView> {
    await this.#seeds.ensureSeed(saleId)
    const c = await this.#repo.commitment(saleId)
    if (!c) throw new FcError('FC_NOT_FOUND', 'No draw for this sale')
    const committedAt = c.entrants?.committedAt ?? null
    return {
      seedHash: c.seedHash,
      seedHashPublishedAt: c.seedCreatedAt.toISOString(),
      seed: committedAt ? c.seed : null,
      seedRevealedAt: committedAt ? committedAt.toISOString() : null,
      entrants:
        c.entrants && committedAt
          ? { root: c.entrants.root, count: c.entrants.count, committedAt: committedAt.toISOString() }
          : null,
      scheme: DRAW_SCHEME
    }
  }

  /** One page of the published entrant list; 404 until the commitment is published. */
  async entrants(saleId: string, offset: number, limit: number): Promise<EntrantPageView> {
    const c = await this.#publishedCommitment(saleId)
    const rows = await this.#repo.entrants(saleId, offset, Math.min(limit, ENTRANT_PAGE_MAX))
    return {
      count: c.count,
      offset,
      entrants: await Promise.all(
        rows.map(async (r) => ({
          index: r.index,
          entrantId: r.entrantId,
          leaf: await leafOf(r.entrantId),
          rank: r.rank
        }))
      )
    }
  }

  /** The caller's inclusion proof; 404 until published or when the caller was not pre-queued. */
  async proof(saleId: string, userId: string): Promise<InclusionProofView> {
    const c = await this.#publishedCommitment(saleId)
    const entrantId = await this.entrantIdOf(saleId, userId)
    const mine = await this.#repo.entrant(saleId, entrantId)
    if (!mine) throw new FcError('FC_NOT_FOUND', 'You were not in the pre-queue of this sale')
    const { seed } = await this.#seeds.ensureSeed(saleId)
    return {
      entrantId,
      leaf: await leafOf(entrantId),
      index: mine.index,
      count: c.count,
      path: inclusionPath(await this.#tree(saleId, c.count), mine.index),
      root: c.root,
      shuffleKey: await (await shuffleKeyer(seed))(entrantId),
      rank: mine.rank,
      committedAt: c.committedAt.toISOString()
    }
  }

  async #publishedCommitment(saleId: string): Promise<{ root: string; count: number; committedAt: Date }> {
    const c = await this.#repo.commitment(saleId)
    const e = c?.entrants
    if (!e?.committedAt) throw new FcError('FC_NOT_FOUND', 'The pre-queue of this sale is not committed yet')
    return { root: e.root, count: e.count, committedAt: e.committedAt }
  }

  /** The sale's Merkle tree, built once per process (concurrent proofs share the build). */
  #tree(saleId: string, count: number): Promise<Uint8Array[][]> {
    const hit = this.#trees.get(saleId)
    if (hit) return hit
    const built = this.#buildTree(saleId, count)
    built.catch(() => this.#trees.delete(saleId))
    if (this.#trees.size >= TREES_KEPT) this.#trees.delete(this.#trees.keys().next().value!)
    this.#trees.set(saleId, built)
    return built
  }

  async #buildTree(saleId: string, count: number): Promise<Uint8Array[][]> {
    const rows: StoredEntrant[] = []
    while (rows.length < count) {
      const page = await this.#repo.entrants(saleId, rows.length, 50_000)
      if (page.length === 0) break
      rows.push(...page)
    }
    return merkleLevels(await Promise.all(rows.map((r) => leafOf(r.entrantId))))
  }
}
