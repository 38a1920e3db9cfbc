/**
 * `npm run bench:tick`: how long one admission tick holds Redis when slots are short, by the number
 * of admitted buyers. That is the tick that decides who has finished and how much stock the recent
 * admissions keep, so its cost is what the sale's Redis shard gives up once per tick.
 *
 *   npm run bench:tick -- --admitted 1000,5000,20000 --runs 21
 *
 * For each size: a seated sale of `admitted + 1000` seats warmed by the product's `warm-sale`,
 * `admitted` buyers with a live admission, every second one of them holding a seat (every fourth
 * at the per-user limit of 2 with two seats), 1,000 buyers waiting, and `maxActive` equal to the
 * admitted count, so every counted tick takes the short-of-slots path and admits nobody: each one does
 * the same work. Two cases:
 *   - recent: every admission is within the grace period (the first seconds of a sale);
 *   - earlier: every admission is older than the grace period (a sale running for a while).
 * Times: what Redis spent per tick (INFO commandstats, nothing else calls scripts meanwhile), and
 * the call as the scheduler sees it (EVALSHA round trip, loopback), median and max of `runs` ticks,
 * after one tick that is not counted (it finishes the buyers at the limit).
 * A random Redis prefix, removed at the end.
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import type { AdmissionTickInput } from '../src/domain/waiting-room-ports.ts'
import { benchSeats, openRedisCore, seatedBenchSale } from './lib/redis-core.ts'

const { values } = parseArgs({
  options: {
    admitted: { type: 'string', default: '1000,5000,20000' },
    runs: { type: 'string', default: '21' }
  }
})
const SIZES = String(values.admitted)
  .split(',')
  .map((s) => Number(s.trim()))
const RUNS = Number(values.runs)
if (SIZES.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(RUNS) || RUNS < 1) {
  throw new Error('--admitted takes positive integers separated by commas, --runs a positive integer')
}

const ACCESS_TTL_MS = 600_000
const GRACE_MS = 30_000
const WAITING = 1000
const OWNER = 'bench-tick'

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? Number.NaN
}

/** Redis's own count of script calls by SHA and the time it spent in them (INFO commandstats). */
function scriptStats(info: string): { calls: number; usec: number } {
  const m = /cmdstat_evalsha:calls=(\d+),usec=(\d+)/.exec(info)
  if (!m) throw new Error('INFO commandstats has no evalsha line')
  return { calls: Number(m[1]), usec: Number(m[2]) }
}

async function main(): Promise<void> {
  const { plain, inventory, room, close } = await openRedisCore('bench-tick')
  const rows: string[] = []
  try {
    for (const size of SIZES) {
      for (const kase of ['recent', 'earlier'] as const) {
        const saleId = `tick-${size}-${kase}`
        const { sale, seatIds: seats } = seatedBenchSale(saleId, size + 1000, {
          perUserLimit: 2,
          maxActive: size,
          accessTtlSec: ACCESS_TTL_MS / 1000
        })
        await inventory.warm({ sale, seats: benchSeats(seats), units: [] }, { maxExtensions: 0 })
        const admitted = Array.from({ length: size }, (_, i) => `a${i}`)
        const [sec] = await plain.time()
        const now = Number(sec) * 1000
        // "earlier": admitted more than the grace period ago (the score is the access expiry).
        const until = kase === 'recent' ? now + ACCESS_TTL_MS : now + ACCESS_TTL_MS - GRACE_MS - 60_000
        for (let i = 0; i < size; i += 5000) await inventory.admit(saleId, admitted.slice(i, i + 5000), until)
        let seat = 0
        for (let i = 0; i < size; i += 2) {
          const takes = i % 4 === 0 ? 2 : 1
          for (let t = 0; t < takes; t++) {
            const r = await inventory.holdSeat({
              saleId,
              userId: admitted[i]!,
              seatId: seats[seat++]!,
              holdId: `${saleId}.h${seat}`,
              response: () => ({ statusCode: 201, body: {} })
            })
            if (!r.ok) throw new Error(`hold: ${r.refusal}`)
          }
        }
        for (let i = 0; i < WAITING; i += 500)
          await Promise.all(
            Array.from({ length: Math.min(500, WAITING - i) }, (_, j) => room.join(saleId, `w${i + j}`, 0))
          )
        if (!(await room.takeLease(saleId, 'admission', OWNER, 3_600_000))) throw new Error('no lease')
        const input: AdmissionTickInput = {
          owner: OWNER,
          // Enough credit for a whole tick's worth even between back-to-back ticks (n > 0).
          ratePerSec: 1_000_000,
          maxActive: size,
          accessTtlMs: ACCESS_TTL_MS,
          graceMs: GRACE_MS,
          paused: false,
          opensAtMs: 0,
          tickMs: 1000,
          budget: 20_000
        }
        // The first tick finishes the buyers at the limit (every fourth); it is not counted.
        const first = await room.tick(saleId, input)
        if (first.kind !== 'ticked') throw new Error(`tick: ${first.kind}`)
        const active = await inventory.activeCount(saleId)
        const times: number[] = []
        const before = scriptStats(await plain.info('commandstats'))
        for (let r = 0; r < RUNS; r++) {
          const t0 = performance.now()
          const result = await room.tick(saleId, input)
          times.push(performance.now() - t0)
          if (result.kind !== 'ticked') throw new Error(`tick: ${result.kind}`)
        }
        const after = scriptStats(await plain.info('commandstats'))
        const serverMs = (after.usec - before.usec) / (after.calls - before.calls) / 1000
        const row = `| ${size.toLocaleString('en-US')} | ${kase} | ${active.toLocaleString('en-US')} | ${serverMs.toFixed(2)} | ${median(times).toFixed(2)} | ${Math.max(...times).toFixed(2)} |`
        rows.push(row)
        say(row)
      }
    }
  } finally {
    await close()
  }
  say('')
  say(`${new Date().toISOString()} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? '?'}`)
  say(
    '| admitted | admissions | active after the first tick | Redis ms per tick | call ms (median) | call ms (max) |'
  )
  say('| --- | --- | --- | --- | --- | --- |')
  for (const row of rows) say(row)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
