/**
 * The published pre-queue draw and how anyone checks it, from the published data alone. Pure
 * TypeScript over WebCrypto (`globalThis.crypto.subtle`, in Node and in browsers on HTTPS or
 * localhost), imported by the server (which builds the commitment), the `firstcome verify`
 * command and the buyer web app (which check it): one definition of the scheme for all three.
 *
 * The scheme (docs/queue.md walks through it):
 * - entrant id: 64 lower-case hex characters, a per-sale pseudonym of one buyer (the server's
 *   HMAC of the user id under a secret per-sale key; the buyer learns theirs from their proof).
 * - the entrant list: every entrant id of the pre-queue, sorted ascending, no duplicates.
 * - leaf i = SHA-256(0x00 || the 32 bytes of entrant id i).
 * - node = SHA-256(0x01 || left || right); a level with an odd count promotes its last node
 *   unchanged to the next level (never duplicated, so no two lists share a root).
 * - root = the single node left; the empty list's root is SHA-256 of nothing.
 * - shuffle key of an entrant = HMAC-SHA256(key = the seed's text (ASCII), message = the entrant
 *   id's text), hex. Rank 1..P = ascending shuffle key, ties broken by entrant id; rank r holds
 *   ticket r.
 */

/** Names of the scheme's parts, as published beside the data. */
export const DRAW_SCHEME = {
  leaf: 'SHA-256(0x00 || entrantId bytes), leaves in ascending entrantId order',
  node: 'SHA-256(0x01 || left || right); an odd last node is promoted unchanged; empty list: SHA-256("")',
  rank: 'ranks 1..P by ascending hex HMAC-SHA256(key = seed text, message = entrantId text), ties by entrantId',
  seedHash: 'SHA-256 of the seed text'
} as const

const HEX64 = /^[0-9a-f]{64}$/

const subtle = () => globalThis.crypto.subtle
const encoder = new TextEncoder()

export function isHex64(s: string): boolean {
  return HEX64.test(s)
}

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle().digest('SHA-256', bytes))
}

/** SHA-256 of a text (UTF-8), hex: the seed's published hash. */
export async function sha256Text(text: string): Promise<string> {
  return bytesToHex(await sha256(encoder.encode(text)))
}

/** The leaf of one entrant id (hex). */
export async function leafOf(entrantId: string): Promise<string> {
  const id = hexToBytes(entrantId)
  const msg = new Uint8Array(1 + id.length)
  msg[0] = 0
  msg.set(id, 1)
  return bytesToHex(await sha256(msg))
}

async function node(left: Uint8Array, right: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const msg = new Uint8Array(1 + left.length + right.length)
  msg[0] = 1
  msg.set(left, 1)
  msg.set(right, 1 + left.length)
  return sha256(msg)
}

/**
 * Every level of the Merkle tree over leaves (hex) in the order given, the leaves first and the
 * root last: what a server keeps to answer many inclusion proofs without hashing again.
 */
export async function merkleLevels(leaves: readonly string[]): Promise<Uint8Array[][]> {
  let level = leaves.map(hexToBytes) as Uint8Array[]
  const levels = [level]
  while (level.length > 1) {
    const next: Uint8Array[] = []
    for (let i = 0; i + 1 < level.length; i += 2) next.push(await node(level[i]!, level[i + 1]!))
    if (level.length % 2 === 1) next.push(level[level.length - 1]!)
    levels.push(next)
    level = next
  }
  return levels
}

/** The Merkle root (hex) over leaves (hex) in the order given. */
export async function merkleRoot(leaves: readonly string[]): Promise<string> {
  if (leaves.length === 0) return sha256Text('')
  const levels = await merkleLevels(leaves)
  return bytesToHex(levels[levels.length - 1]![0]!)
}

/** The sibling path of leaf `index` (hex nodes, bottom up; promoted levels contribute none). */
export function inclusionPath(levels: readonly (readonly Uint8Array[])[], index: number): string[] {
  const width = levels[0]?.length ?? 0
  if (!Number.isInteger(index) || index < 0 || index >= width) throw new RangeError('no such leaf')
  const path: string[] = []
  let i = index
  for (const level of levels.slice(0, -1)) {
    const sibling = i % 2 === 0 ? i + 1 : i - 1
    if (sibling < level.length) path.push(bytesToHex(level[sibling]!))
    i = Math.floor(i / 2)
  }
  return path
}

/**
 * Folds a sibling path from leaf `index` of a list of `count` leaves up to a root (hex); undefined
 * when the path's length does not fit the index and count (a path for another position).
 */
export async function rootFromPath(
  leaf: string,
  index: number,
  count: number,
  path: readonly string[]
): Promise<string | undefined> {
  if (!Number.isInteger(index) || !Number.isInteger(count) || index < 0 || index >= count) return undefined
  let acc: Uint8Array = hexToBytes(leaf)
  let i = index
  let width = count
  let used = 0
  while (width > 1) {
    const sibling = i % 2 === 0 ? i + 1 : i - 1
    if (sibling < width) {
      const s = path[used++]
      if (s === undefined || !isHex64(s)) return undefined
      acc = i % 2 === 0 ? await node(acc, hexToBytes(s)) : await node(hexToBytes(s), acc)
    }
    i = Math.floor(i / 2)
    width = Math.ceil(width / 2)
  }
  return used === path.length ? bytesToHex(acc) : undefined
}

/** A shuffle keyer for one seed: the HMAC key is imported once. */
export async function shuffleKeyer(seed: string): Promise<(entrantId: string) => Promise<string>> {
  const key = await subtle().importKey(
    'raw',
    encoder.encode(seed),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign']
  )
  return async (entrantId) =>
    bytesToHex(new Uint8Array(await subtle().sign('HMAC', key, encoder.encode(entrantId))))
}

/** Ranks 1..P of the entrants: a map entrant id -> rank. */
export async function drawRanks(seed: string, entrantIds: readonly string[]): Promise<Map<string, number>> {
  const keyOf = await shuffleKeyer(seed)
  const keyed = await Promise.all(entrantIds.map(async (e) => ({ e, k: await keyOf(e) })))
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.e < b.e ? -1 : a.e > b.e ? 1 : 0))
  return new Map(keyed.map((x, i) => [x.e, i + 1]))
}

/** The published commitment, as `GET /v1/events/:id/queue/fairness/commitment` answers it. */
export interface PublishedCommitment {
  seedHash: string
  seed: string | null
  entrants: { root: string; count: number } | null
}

/** One row of the published entrant list. */
export interface PublishedEntrant {
  index: number
  entrantId: string
  leaf: string
  rank: number | null
}

/** A buyer's inclusion proof, as `GET /v1/events/:id/queue/fairness/proof` answers it. */
export interface PublishedProof {
  entrantId: string
  leaf: string
  index: number
  count: number
  path: string[]
  root: string
  shuffleKey: string | null
  rank: number | null
}

/** What one check found: `ok` false with the reasons when anything disagrees. */
export interface Verdict {
  ok: boolean
  /** Each check made, in order, with its outcome. */
  checks: { name: string; ok: boolean; detail: string }[]
}

function verdict(): Verdict & { add(name: string, ok: boolean, detail: string): boolean } {
  const v = {
    ok: true,
    checks: [] as Verdict['checks'],
    add(name: string, ok: boolean, detail: string) {
      v.checks.push({ name, ok, detail })
      if (!ok) v.ok = false
      return ok
    }
  }
  return v
}

/**
 * Checks the whole draw from the published data: the seed against its hash, the list (sorted,
 * unique, well-formed, leaves as defined), the root and count against the commitment, and every
 * published rank against the one recomputed from the seed.
 */
export async function verifyDraw(
  commitment: PublishedCommitment,
  entrants: readonly PublishedEntrant[]
): Promise<Verdict & { ranks: Map<string, number> | null }> {
  const v = verdict()
  if (!commitment.entrants) {
    v.add('committed', false, 'no entrant list has been committed yet (the pre-queue is not sealed)')
    return { ok: v.ok, checks: v.checks, ranks: null }
  }
  if (commitment.seed === null) v.add('seed', false, 'the seed is not revealed yet')
  else {
    const hash = await sha256Text(commitment.seed)
    v.add(
      'seed',
      hash === commitment.seedHash,
      hash === commitment.seedHash
        ? `SHA-256(seed) = ${hash} matches the published seed hash`
        : `SHA-256(seed) = ${hash}, published seed hash ${commitment.seedHash}`
    )
  }
  const problems: string[] = []
  const leaves: string[] = []
  for (let i = 0; i < entrants.length; i++) {
    const e = entrants[i]!
    if (e.index !== i) problems.push(`row ${i} says index ${e.index}`)
    if (!isHex64(e.entrantId)) {
      problems.push(`row ${i}: entrant id is not 64 hex characters`)
      continue
    }
    if (i > 0 && !(entrants[i - 1]!.entrantId < e.entrantId))
      problems.push(`row ${i}: entrant ids are not strictly ascending`)
    const leaf = await leafOf(e.entrantId)
    if (leaf !== e.leaf) problems.push(`row ${i}: leaf ${e.leaf} is not SHA-256(0x00 || ${e.entrantId})`)
    leaves.push(leaf)
  }
  v.add(
    'list',
    problems.length === 0,
    problems.length === 0
      ? `${entrants.length} entrants, sorted, unique, leaves as defined`
      : problems.slice(0, 5).join('; ')
  )
  v.add(
    'count',
    entrants.length === commitment.entrants.count,
    `list has ${entrants.length} entrants, commitment says ${commitment.entrants.count}`
  )
  const root = await merkleRoot(leaves)
  v.add(
    'root',
    root === commitment.entrants.root,
    root === commitment.entrants.root
      ? `recomputed root ${root} matches the commitment`
      : `recomputed root ${root}, committed root ${commitment.entrants.root}`
  )
  let ranks: Map<string, number> | null = null
  if (commitment.seed !== null) {
    ranks = await drawRanks(
      commitment.seed,
      entrants.map((e) => e.entrantId)
    )
    const wrong: string[] = []
    let published = 0
    for (const e of entrants) {
      if (e.rank === null) continue
      published++
      const want = ranks.get(e.entrantId)
      if (want !== e.rank) wrong.push(`${e.entrantId.slice(0, 12)}… published rank ${e.rank}, drawn ${want}`)
    }
    v.add(
      'ranks',
      wrong.length === 0,
      wrong.length === 0
        ? `recomputed all ${ranks.size} ranks; ${published} published ranks agree`
        : `${wrong.length} ranks disagree: ${wrong.slice(0, 5).join('; ')}`
    )
  }
  return { ok: v.ok, checks: v.checks, ranks }
}

/**
 * Checks one buyer's proof against the published commitment: the leaf is their entrant id's, the
 * path leads to the committed root, the shuffle key is the seed's HMAC of their id, and the rank
 * (given by the proof, or by `claimedRank`) is the one drawn from the list when the list is given.
 */
export async function verifyProof(
  commitment: PublishedCommitment,
  proof: PublishedProof,
  opts: {
    entrants?: readonly PublishedEntrant[]
    /** The ranks drawn from the published list, when already computed (many proofs, one list). */
    ranks?: ReadonlyMap<string, number>
    claimedRank?: number
  } = {}
): Promise<Verdict> {
  const v = verdict()
  if (!commitment.entrants) {
    v.add('committed', false, 'no entrant list has been committed yet')
    return { ok: v.ok, checks: v.checks }
  }
  const wellFormed = isHex64(proof.entrantId) && isHex64(proof.leaf)
  const leaf = wellFormed ? await leafOf(proof.entrantId) : ''
  v.add('leaf', wellFormed && leaf === proof.leaf, `leaf ${proof.leaf} of entrant ${proof.entrantId}`)
  const count = commitment.entrants.count
  const root = wellFormed ? await rootFromPath(leaf, proof.index, count, proof.path) : undefined
  v.add(
    'inclusion',
    root === commitment.entrants.root,
    root === undefined
      ? `the path does not fit index ${proof.index} of ${count}`
      : `path from index ${proof.index} of ${count} gives root ${root}, committed ${commitment.entrants.root}`
  )
  if (commitment.seed !== null) {
    const hash = await sha256Text(commitment.seed)
    v.add('seed', hash === commitment.seedHash, `SHA-256(seed) = ${hash}, published ${commitment.seedHash}`)
    const key = await (await shuffleKeyer(commitment.seed))(proof.entrantId)
    if (proof.shuffleKey !== null)
      v.add('shuffle key', key === proof.shuffleKey, `HMAC-SHA256(seed, entrantId) = ${key}`)
    const rank = opts.claimedRank ?? proof.rank
    const ranks =
      opts.ranks ??
      (opts.entrants
        ? await drawRanks(
            commitment.seed,
            opts.entrants.map((e) => e.entrantId)
          )
        : undefined)
    if (ranks) {
      const drawn = ranks.get(proof.entrantId)
      v.add(
        'rank',
        drawn !== undefined && drawn === rank,
        `rank ${rank}, drawn from the published list: ${drawn}`
      )
    }
  }
  return { ok: v.ok, checks: v.checks }
}
