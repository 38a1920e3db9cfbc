/**
 * `firstcome verify`: the real command, run against a listening server, checks a pre-queue draw of
 * many entrants from the published data alone, and exits non-zero when the published data is
 * tampered with (a changed, removed or added entrant, a wrong seed, two ranks swapped). Every
 * buyer's inclusion proof verifies with the same module the command and the web app use.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  drawRanks,
  type PublishedCommitment,
  type PublishedEntrant,
  type PublishedProof,
  verifyProof
} from '../../src/domain/draw-verification.ts'
import { couponSale, createHarness, type Harness, liftUserLimits, tickOnce } from '../support/harness.ts'
import { until } from '../support/wait.ts'

const root = join(import.meta.dirname, '..', '..')
const BUYERS = 600

let h: Harness
let base: string
let saleId: string
const dir = mkdtempSync(join(tmpdir(), 'fc-verify-'))
const buyers = Array.from({ length: BUYERS }, (_, i) => `buyer-${i}`)

/** Runs the real command; resolves with its exit code and output. */
function firstcome(
  args: readonly string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'firstcome.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test' }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

const verify = (...extra: string[]) => firstcome(['verify', saleId, '--url', base, ...extra])

async function getJson<T>(path: string, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {})
  return { status: res.status, body: (await res.json()) as T }
}

/** Applies a change to the published data in PostgreSQL, runs `check`, and undoes the change. */
async function tampered(change: string, undo: string, check: () => Promise<void>): Promise<void> {
  await h.pool.query(change, [saleId])
  try {
    await check()
  } finally {
    await h.pool.query(undo, [saleId])
  }
}

beforeAll(async () => {
  h = await createHarness({ FC_ADMISSION_TICK_MS: '200' })
  await liftUserLimits(h, ['read', 'queue-join'])
  base = await h.rt.app.listen({ host: '127.0.0.1', port: 0 })
  // Far enough ahead that every buyer joins before opening, even on a busy machine.
  const opensAt = new Date(Date.now() + 15_000)
  saleId = await h.createSale(
    couponSale(10_000, {
      opensAt: opensAt.toISOString(),
      admission: { ratePerSec: 100_000, maxActive: 100_000, accessTtlSec: 600 }
    })
  )
  const room = h.rt.waitingRoom.room
  for (let i = 0; i < buyers.length; i += 200)
    await Promise.all(buyers.slice(i, i + 200).map((u) => room.join(u, saleId)))
  expect(Date.now()).toBeLessThan(opensAt.getTime())
  // Before opening nothing is committed and the seed is secret.
  const early = await getJson<PublishedCommitment>(`/v1/events/${saleId}/queue/fairness/commitment`)
  expect(early.status).toBe(200)
  expect(early.body.seed).toBeNull()
  expect(early.body.entrants).toBeNull()
  expect((await getJson(`/v1/events/${saleId}/queue/fairness/entrants`)).status).toBe(404)
  await until(() => Date.now() >= opensAt.getTime(), 30_000, 50)
  await tickOnce(h, saleId)
}, 120_000)

afterAll(async () => {
  await h?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('firstcome verify', () => {
  it('verifies a pre-queue draw of many entrants from the published data only', async () => {
    const c = await getJson<PublishedCommitment>(`/v1/events/${saleId}/queue/fairness/commitment`)
    expect(c.body.entrants?.count).toBe(BUYERS)
    expect(c.body.seed).toMatch(/^[0-9a-f]{64}$/)
    const res = await verify()
    expect(res.status, res.stdout + res.stderr).toBe(0)
    expect(res.stdout).toContain(`ok       root: recomputed root ${c.body.entrants?.root}`)
    expect(res.stdout).toContain(`recomputed all ${BUYERS} ranks; ${BUYERS} published ranks agree`)
    expect(res.stdout).toContain('VERIFIED')
  })

  it('detects a changed entrant', async () => {
    const { rows } = await h.pool.query<{ entrant_id: string }>(
      'SELECT entrant_id FROM queue_draw_entrants WHERE sale_id = $1 AND idx = 7',
      [saleId]
    )
    await tampered(
      "UPDATE queue_draw_entrants SET entrant_id = encode(sha256(decode(entrant_id, 'hex')), 'hex') WHERE sale_id = $1 AND idx = 7",
      `UPDATE queue_draw_entrants SET entrant_id = '${rows[0]!.entrant_id}' WHERE sale_id = $1 AND idx = 7`,
      async () => {
        const res = await verify()
        expect(res.status, res.stdout).toBe(1)
        expect(res.stdout).toContain('MISMATCH root')
      }
    )
  })

  it('detects a removed entrant', async () => {
    const { rows } = await h.pool.query<{ entrant_id: string; rank: number }>(
      'SELECT entrant_id, rank FROM queue_draw_entrants WHERE sale_id = $1 AND idx = $2',
      [saleId, BUYERS - 1]
    )
    const last = rows[0]!
    await tampered(
      `DELETE FROM queue_draw_entrants WHERE sale_id = $1 AND idx = ${BUYERS - 1}`,
      `INSERT INTO queue_draw_entrants (sale_id, idx, entrant_id, rank) VALUES ($1, ${BUYERS - 1}, '${last.entrant_id}', ${last.rank})`,
      async () => {
        const res = await verify()
        expect(res.status, res.stdout).toBe(1)
        expect(res.stdout).toContain('MISMATCH count')
        expect(res.stdout).toContain('MISMATCH root')
      }
    )
  })

  it('detects an added entrant past the announced count', async () => {
    await tampered(
      `INSERT INTO queue_draw_entrants (sale_id, idx, entrant_id, rank) VALUES ($1, ${BUYERS}, repeat('f', 64), ${BUYERS + 1})`,
      `DELETE FROM queue_draw_entrants WHERE sale_id = $1 AND idx = ${BUYERS}`,
      async () => {
        const res = await verify()
        expect(res.status, res.stdout).toBe(1)
        expect(res.stdout).toContain('MISMATCH count')
      }
    )
  })

  it('detects a wrong seed', async () => {
    await tampered(
      'UPDATE queue_seeds SET seed = reverse(seed) WHERE sale_id = $1',
      'UPDATE queue_seeds SET seed = reverse(seed) WHERE sale_id = $1',
      async () => {
        const res = await verify()
        expect(res.status, res.stdout).toBe(1)
        expect(res.stdout).toContain('MISMATCH seed')
      }
    )
  })

  it('detects two ranks swapped', async () => {
    const swap =
      'UPDATE queue_draw_entrants e SET rank = s.rank FROM queue_draw_entrants s ' +
      'WHERE e.sale_id = $1 AND s.sale_id = $1 AND ((e.idx = 3 AND s.idx = 11) OR (e.idx = 11 AND s.idx = 3))'
    await tampered(swap, swap, async () => {
      const res = await verify()
      expect(res.status, res.stdout).toBe(1)
      expect(res.stdout).toContain('MISMATCH ranks: 2 ranks disagree')
      expect(res.stdout).toContain('ok       root')
    })
  })

  it("verifies every buyer's inclusion proof and rank; the command checks a proof file and a given rank", async () => {
    const c = (await getJson<PublishedCommitment>(`/v1/events/${saleId}/queue/fairness/commitment`)).body
    const list = (
      await getJson<{ entrants: PublishedEntrant[] }>(
        `/v1/events/${saleId}/queue/fairness/entrants?limit=5000`
      )
    ).body.entrants
    const room = h.rt.waitingRoom.room
    // The ranks drawn from the published list, once for all the proofs.
    const ranks = await drawRanks(
      c.seed!,
      list.map((e) => e.entrantId)
    )
    const proofs: PublishedProof[] = []
    for (let i = 0; i < buyers.length; i += 100) {
      const batch = await Promise.all(
        buyers.slice(i, i + 100).map(async (u) => {
          const res = await getJson<PublishedProof>(
            `/v1/events/${saleId}/queue/fairness/proof`,
            await h.userToken(u)
          )
          expect(res.status).toBe(200)
          // The rank proven is the ticket the buyer holds in the waiting room.
          expect(res.body.rank).toBe((await room.status(u, saleId)).ticket)
          const v = await verifyProof(c, res.body, { ranks })
          expect(v.ok, JSON.stringify(v.checks)).toBe(true)
          return res.body
        })
      )
      proofs.push(...batch)
    }
    expect(new Set(proofs.map((p) => p.rank)).size).toBe(BUYERS)
    // Someone who never pre-queued has no proof.
    expect(
      (await getJson(`/v1/events/${saleId}/queue/fairness/proof`, await h.userToken('stranger'))).status
    ).toBe(404)
    // A proof for another position, or a forged sibling, does not verify.
    const [a, b] = [proofs[0]!, proofs[1]!]
    expect((await verifyProof(c, { ...a, index: b.index })).ok).toBe(false)
    expect((await verifyProof(c, { ...a, path: [...a.path.slice(1), 'a'.repeat(64)] })).ok).toBe(false)

    const file = join(dir, 'proof.json')
    writeFileSync(file, JSON.stringify(a))
    const good = await verify('--proof', file)
    expect(good.status, good.stdout).toBe(0)
    expect(good.stdout).toContain(`ok       rank: rank ${a.rank}`)
    const wrong = await verify('--user-leaf', a.entrantId, '--rank', String(a.rank === 1 ? 2 : a.rank! - 1))
    expect(wrong.status, wrong.stdout).toBe(1)
    expect(wrong.stdout).toContain('MISMATCH rank')
    const right = await verify('--user-leaf', a.entrantId, '--rank', String(a.rank))
    expect(right.status, right.stdout).toBe(0)
  }, 300_000)

  it('answers 2 when the data cannot be fetched', async () => {
    const res = await firstcome(['verify', 'e000000000000000', '--url', base])
    expect(res.status).toBe(2)
    expect(res.stderr).toContain('firstcome verify:')
  })
})
