/**
 * `npm run bench:best`: what one best-available hold costs (hold-seats-11, `block` mode) in a
 * 10,000-seat sale, by how far into the section the script has to read.
 *
 *   npm run bench:best -- --rows 100 --per-row 100 --holds 200
 *
 * One section of `rows` x `perRow` seats, warmed by the product's `warm-sale`. Cases, each on a
 * sale of its own:
 *   - front:  empty section, pairs are found in row 1 (one row read);
 *   - middle: the front half of the rows taken, pairs found half way back;
 *   - none:   every other seat taken in every row: no pair anywhere, each call reads the whole
 *             section and answers FC_NO_SEATS_TOGETHER (the worst case; nothing changes).
 * Taken seats are written straight into the seat hash (the script only reads their state). Each
 * case makes `holds` calls, one buyer each, one after another; times are the call as the API sees it
 * (EVALSHA round trip on loopback), median, p99 and max. Redis's own time is not read from INFO:
 * the development Redis is shared, other clients' scripts would count in it.
 * A random Redis prefix, removed at the end.
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import type { Sale } from '../src/domain/sale.ts'
import { openRedisCore } from './lib/redis-core.ts'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100' },
    'per-row': { type: 'string', default: '100' },
    holds: { type: 'string', default: '200' }
  }
})
const ROWS = Number(values.rows)
const PER_ROW = Number(values['per-row'])
const HOLDS = Number(values.holds)
if (![ROWS, PER_ROW, HOLDS].every((n) => Number.isInteger(n) && n > 0)) {
  throw new Error('--rows, --per-row and --holds take positive integers')
}

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? Number.NaN
}

function sale(id: string): Sale {
  return {
    id,
    name: id,
    kind: 'seated',
    capacity: ROWS * PER_ROW,
    perUserLimit: 2,
    holdTtlSec: 600,
    opensAt: null,
    status: 'open',
    admission: { ratePerSec: 1, maxActive: 1_000_000, accessTtlSec: 600, paused: false },
    challenge: { difficulty: 0 },
    sections: [{ name: 'A', rows: ROWS, seatsPerRow: PER_ROW, price: 1 }],
    currency: 'KRW',
    cancelWindowSec: 0,
    createdAt: new Date()
  }
}

async function main(): Promise<void> {
  const { redis, keys, inventory, close } = await openRedisCore('bench-best')
  const seats = Array.from({ length: ROWS * PER_ROW }, (_, i) => ({
    id: `A-${Math.floor(i / PER_ROW) + 1}-${(i % PER_ROW) + 1}`,
    section: 'A',
    row: Math.floor(i / PER_ROW) + 1,
    number: (i % PER_ROW) + 1,
    price: 1
  }))
  const cases: Array<{ name: string; taken: (row: number, n: number) => boolean }> = [
    { name: 'front', taken: () => false },
    { name: 'middle', taken: (row) => row <= ROWS / 2 },
    { name: 'none', taken: (_row, n) => n % 2 === 0 }
  ]
  const out: string[] = []
  try {
    for (const kase of cases) {
      const saleId = `best-${kase.name}`
      await inventory.warm({ sale: sale(saleId), seats, units: [] }, { maxExtensions: 0 })
      const taken = seats.filter((s) => kase.taken(s.row, s.number)).map((s) => s.id)
      const seatKey = keys.sale(saleId).seats
      for (let i = 0; i < taken.length; i += 1000)
        await redis.hSet(seatKey, Object.fromEntries(taken.slice(i, i + 1000).map((id) => [id, 'Hbench'])))
      // The per-row counts the scripts keep, as they would be after those seats were taken.
      const free = new Map<string, number>()
      for (const s of seats) {
        const row = `A-${s.row}`
        free.set(row, (free.get(row) ?? 0) + (kase.taken(s.row, s.number) ? 0 : 1))
      }
      await redis.hSet(keys.sale(saleId).rowFree, Object.fromEntries(free))
      const users = Array.from({ length: HOLDS }, (_, i) => `b${i}`)
      await inventory.admit(saleId, users, Date.now() + 600_000)
      const times: number[] = []
      let refused = 0
      for (const [i, userId] of users.entries()) {
        const t0 = performance.now()
        const r = await inventory.holdSeats({
          saleId,
          userId,
          unitIds: [`${saleId}.h${i}a`, `${saleId}.h${i}b`],
          pick: { mode: 'block', section: 'A', rows: ROWS, seatsPerRow: PER_ROW },
          response: { statusCode: 201, body: {} }
        })
        times.push(performance.now() - t0)
        if (!r.ok) {
          if (r.refusal !== 'no_seats_together') throw new Error(`hold: ${r.refusal}`)
          refused++
        }
      }
      const row = `| ${kase.name} | ${taken.length.toLocaleString('en-US')} | ${HOLDS - refused} | ${refused} | ${quantile(times, 0.5).toFixed(2)} | ${quantile(times, 0.99).toFixed(2)} | ${Math.max(...times).toFixed(2)} |`
      out.push(row)
      say(row)
    }
  } finally {
    await close()
  }
  say('')
  say(
    `${new Date().toISOString()} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? '?'} · ${ROWS} rows x ${PER_ROW} seats`
  )
  say('| case | seats taken before | pairs held | refused | call ms (median) | p99 | max |')
  say('| --- | --- | --- | --- | --- | --- | --- |')
  for (const row of out) say(row)
}

await main()
