/**
 * `npm run bench:audit`: what the reconciler's read of one large sale costs Redis: in total, and
 * the longest single command (how long every other request to that Redis shard may wait behind it).
 *
 *   npm run bench:audit -- --seats 100000 --held 50000 --runs 3
 *
 * A seated sale of `seats` seats, `held` of them held, warmed by the product's `warm-sale`; then
 * `runs` reads through the product's RedisInventoryAudit. Redis time from INFO commandstats (the
 * scripts and HSCAN pages of the read), the longest command from the slow log (its threshold set
 * to 0.5 ms for the run, then put back). A random Redis prefix, removed at the end.
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { RedisInventoryAudit } from '../src/adapters/redis/inventory-audit.ts'
import { benchSeats, openRedisCore, seatedBenchSale } from './lib/redis-core.ts'

const { values } = parseArgs({
  options: {
    seats: { type: 'string', default: '100000' },
    held: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '3' }
  }
})
const SEATS = Number(values.seats)
const HELD = Number(values.held)
const RUNS = Number(values.runs)
if (![SEATS, HELD, RUNS].every((n) => Number.isInteger(n) && n >= 1) || HELD > SEATS) {
  throw new Error('--seats, --held and --runs take positive integers, --held at most --seats')
}

/** Redis's time in the commands a read uses (script calls and HSCAN pages), µs. */
function readTime(info: string): number {
  let usec = 0
  for (const m of info.matchAll(/cmdstat_(hscan|evalsha|eval):calls=\d+,usec=(\d+)/g)) usec += Number(m[2])
  return usec
}

async function main(): Promise<void> {
  const { redis, plain, keys, scripts, inventory, close } = await openRedisCore('bench-audit')
  const audit = new RedisInventoryAudit(redis, scripts, keys)
  const threshold = (await plain.configGet('slowlog-log-slower-than'))['slowlog-log-slower-than'] ?? '10000'
  try {
    const saleId = 'audit-read'
    const { sale, seatIds } = seatedBenchSale(saleId, SEATS, {
      perUserLimit: 2,
      maxActive: 1,
      accessTtlSec: 600
    })
    const seats = benchSeats(seatIds)
    const units = Array.from({ length: HELD }, (_, i) => ({
      unitId: `${saleId}.h${i}`,
      seatId: seatIds[i]!,
      userId: `u${i}`,
      state: 'held' as const,
      expiresAt: Date.now() + 600_000,
      extensions: 0,
      reservationId: null
    }))
    if ((await inventory.warm({ sale, seats, units }, { maxExtensions: 0 })) !== 'loaded')
      throw new Error('warm-up refused')
    await plain.configSet('slowlog-log-slower-than', '500')
    process.stdout.write(
      `${new Date().toISOString()} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? '?'}\n`
    )
    process.stdout.write(
      '| seats | held | Redis ms (total) | longest command ms | wall ms |\n| --- | --- | --- | --- | --- |\n'
    )
    for (let r = 0; r < RUNS; r++) {
      await plain.sendCommand(['SLOWLOG', 'RESET'])
      const before = readTime(await plain.info('commandstats'))
      const t0 = performance.now()
      const image = await audit.image(saleId)
      const wall = performance.now() - t0
      const after = readTime(await plain.info('commandstats'))
      const slow = (await plain.sendCommand(['SLOWLOG', 'GET', '10000'])) as unknown[][]
      const longest = Math.max(0, ...slow.map((e) => Number(e[2]))) / 1000
      if (image.seats.size !== SEATS || image.units.size !== HELD) throw new Error('the read missed entries')
      process.stdout.write(
        `| ${SEATS.toLocaleString('en-US')} | ${HELD.toLocaleString('en-US')} | ${((after - before) / 1000).toFixed(1)} | ${longest.toFixed(2)} | ${wall.toFixed(0)} |\n`
      )
    }
  } finally {
    await plain.configSet('slowlog-log-slower-than', threshold)
    await close()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
