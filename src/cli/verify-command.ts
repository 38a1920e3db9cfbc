/**
 * `firstcome verify <sale>`: checks a sale's pre-queue draw from what the server publishes, and
 * nothing else (no database, no credentials): the seed against its hash, the entrant list against
 * the committed Merkle root, every rank against the one drawn from the seed, and optionally one
 * buyer's proof or claimed rank. The checks are those of src/domain/draw-verification.ts, the
 * module the buyer web app runs too.
 */
import { readFile } from 'node:fs/promises'
import {
  type PublishedCommitment,
  type PublishedEntrant,
  type PublishedProof,
  type Verdict,
  verifyDraw,
  verifyProof
} from '../domain/draw-verification.ts'

export interface VerifyOptions {
  url: string
  /** A buyer's entrant id, to report (and with `rank`, check) their place. */
  userLeaf?: string
  /** The rank the buyer was given, checked against the draw. */
  rank?: number
  /** A file holding a proof as `GET /v1/events/:id/queue/fairness/proof` answers it. */
  proof?: string
  /** Entrants per page fetched. */
  pageSize?: number
}

/** Could not fetch or read what to verify (as opposed to a mismatch). */
export class VerifyInputError extends Error {}

async function getJson<T>(url: string): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, { headers: { accept: 'application/json' } })
  } catch (err) {
    throw new VerifyInputError(`cannot reach ${url}: ${(err as Error).message}`)
  }
  const text = await res.text()
  if (!res.ok) throw new VerifyInputError(`${url} answered ${res.status}: ${text.slice(0, 200)}`)
  try {
    return JSON.parse(text) as T
  } catch {
    throw new VerifyInputError(`${url} did not answer JSON`)
  }
}

/** Fetches the published commitment and the whole entrant list, page by page. */
export async function fetchPublished(
  base: string,
  saleId: string,
  pageSize = 5000
): Promise<{ commitment: PublishedCommitment; entrants: PublishedEntrant[] }> {
  const root = `${base.replace(/\/+$/, '')}/v1/events/${encodeURIComponent(saleId)}/queue/fairness`
  const commitment = await getJson<PublishedCommitment>(`${root}/commitment`)
  const entrants: PublishedEntrant[] = []
  if (!commitment.entrants) return { commitment, entrants }
  for (;;) {
    const page = await getJson<{ count: number; entrants: PublishedEntrant[] }>(
      `${root}/entrants?offset=${entrants.length}&limit=${pageSize}`
    )
    entrants.push(...page.entrants)
    // Until a short page, not until the announced count: rows past it must be seen too.
    if (page.entrants.length < pageSize) break
  }
  return { commitment, entrants }
}

function print(out: (line: string) => void, v: Verdict): void {
  for (const c of v.checks) out(`  ${c.ok ? 'ok      ' : 'MISMATCH'} ${c.name}: ${c.detail}`)
}

/** Runs the verification; answers true when every check holds. Lines go to `out`. */
export async function runVerify(
  saleId: string,
  opts: VerifyOptions,
  out: (line: string) => void
): Promise<boolean> {
  const { commitment, entrants } = await fetchPublished(opts.url, saleId, opts.pageSize)
  out(`sale ${saleId}: seed hash ${commitment.seedHash}`)
  if (commitment.entrants)
    out(`  committed root ${commitment.entrants.root} over ${commitment.entrants.count} entrants`)
  const draw = await verifyDraw(commitment, entrants)
  print(out, draw)
  let ok = draw.ok

  if (opts.proof !== undefined) {
    let proof: PublishedProof
    try {
      proof = JSON.parse(await readFile(opts.proof, 'utf8')) as PublishedProof
    } catch (err) {
      throw new VerifyInputError(`cannot read the proof ${opts.proof}: ${(err as Error).message}`)
    }
    out(`proof of entrant ${proof.entrantId}:`)
    const v = await verifyProof(commitment, proof, {
      entrants,
      ...(opts.rank !== undefined ? { claimedRank: opts.rank } : {})
    })
    print(out, v)
    ok &&= v.ok
  } else if (opts.userLeaf !== undefined) {
    const mine = entrants.find((e) => e.entrantId === opts.userLeaf)
    const drawn = draw.ranks?.get(opts.userLeaf)
    const found = mine !== undefined && drawn !== undefined
    out(
      `  ${found ? 'ok      ' : 'MISMATCH'} entrant ${opts.userLeaf}: ${found ? `index ${mine.index}, drawn rank ${drawn}` : 'not in the committed list'}`
    )
    ok &&= found
    if (found && opts.rank !== undefined) {
      const same = drawn === opts.rank
      out(`  ${same ? 'ok      ' : 'MISMATCH'} rank: given ${opts.rank}, drawn ${drawn}`)
      ok &&= same
    }
  }
  out(
    ok
      ? 'VERIFIED: the draw is the seeded shuffle of the committed list'
      : 'MISMATCH: the published draw does not check out'
  )
  return ok
}
