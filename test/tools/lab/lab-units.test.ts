/** The lab's pieces that need no services: statement list, mutex, metrics, options. */
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { driveBuyers } from '../../../tools/lab/drive-buyers.ts'
import { LabOptionError, resolveLabOptions } from '../../../tools/lab/lab-command.ts'
import { sumCommandCalls } from '../../../tools/lab/lab-environment.ts'
import { LAB_SQL_DIR, labDatabaseSql, labSqlNames } from '../../../tools/lab/lab-sql.ts'
import { percentile, summarise } from '../../../tools/lab/metrics.ts'
import { Mutex } from '../../../tools/lab/mutex.ts'
import { capacityCase, defaultCases, verdicts } from '../../../tools/lab/runner.ts'
import type { BuyerRecord } from '../../../tools/lab/types.ts'

describe('lab SQL', () => {
  it('lists exactly the files in tools/lab/sql', () => {
    const files = readdirSync(fileURLToPath(LAB_SQL_DIR))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.slice(0, -4))
      .sort()
    expect(files).toEqual([...labSqlNames].sort())
  })

  it('substitutes only lab database names', () => {
    expect(labDatabaseSql('drop-database', 'fc_lab_0a1b')).toContain('DROP DATABASE IF EXISTS fc_lab_0a1b')
    expect(() => labDatabaseSql('drop-database', 'firstcome; DROP TABLE x')).toThrow(/not a lab database/)
  })
})

describe('Mutex', () => {
  it('runs callers one at a time, in call order, past a failure', async () => {
    const m = new Mutex()
    const log: string[] = []
    let inside = 0
    const task = (id: string, fail = false) =>
      m.run(async () => {
        inside++
        expect(inside).toBe(1)
        await new Promise((r) => setImmediate(r))
        log.push(id)
        inside--
        if (fail) throw new Error(id)
      })
    const results = await Promise.allSettled([task('a'), task('b', true), task('c')])
    expect(log).toEqual(['a', 'b', 'c'])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  })
})

describe('metrics', () => {
  it('percentile is nearest-rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10)
    expect(percentile([], 50)).toBe(0)
  })

  it('summarise derives oversell, lost updates, order and throughput', () => {
    const rec = (buyer: string, at: number, outcome: BuyerRecord['outcome']): BuyerRecord => ({
      buyer,
      arrivedAt: at,
      answeredAt: at + 10,
      outcome,
      attempts: 1
    })
    const records = [rec('b0', 0, 'won'), rec('b1', 1, 'sold_out'), rec('b2', 2, 'won'), rec('b3', 3, 'won')]
    const row = summarise({
      labCase: { label: 'x', stock: 2, buyers: 4, concurrency: 4 },
      strategy: 'no-control',
      safe: false,
      records,
      startedAt: 0,
      endedAt: 20,
      outcome: { stock: 2, remaining: 1, sold: 3 },
      pg: { xactCommit: 4, xactRollback: 0, tupUpdated: 3, tupInserted: 3, deadlocks: 0 },
      redisCommands: 0,
      redisServerCommands: 0
    })
    expect(row.oversold).toBe(1)
    // 3 sold but the row only went from 2 to 1: two decrements lost.
    expect(row.lostUpdates).toBe(2)
    expect(row.undersold).toBe(0)
    // First 2 arrivals: b0 won, b1 did not.
    expect(row.firstNWon).toBe(0.5)
    expect(row.selloutMs).toBe(13)
    expect(row.buysPerSec).toBeCloseTo((3 / 13) * 1000)
    expect(row.requestsPerSec).toBe(200)
    expect(row.pg.xactPerSec).toBe(200)
  })

  it('verdicts compare firstcome with the pessimistic lock on the same case', () => {
    const row = summarise({
      labCase: { label: 'c', stock: 1, buyers: 1, concurrency: 1 },
      strategy: 'pg-pessimistic',
      safe: true,
      records: [],
      startedAt: 0,
      endedAt: 1,
      outcome: { stock: 1, remaining: 0, sold: 1 },
      pg: { xactCommit: 0, xactRollback: 0, tupUpdated: 0, tupInserted: 0, deadlocks: 0 },
      redisCommands: 0,
      redisServerCommands: 0
    })
    const v = verdicts([
      { ...row, strategy: 'pg-pessimistic', buysPerSec: 10, requestsPerSec: 100 },
      { ...row, strategy: 'firstcome-lua', buysPerSec: 250, requestsPerSec: 400 }
    ])
    expect(v).toEqual([{ case: 'c', ratio: 25, requestRatio: 4, firstcomeOversold: 0, met: true }])
  })

  it('adds up INFO commandstats calls', () => {
    const info = '# Commandstats\r\ncmdstat_get:calls=3,usec=1\r\ncmdstat_evalsha:calls=10,usec=5\r\n'
    expect(sumCommandCalls(info)).toBe(13)
  })
})

describe('driveBuyers', () => {
  it('keeps at most `concurrency` in flight and serves every buyer in list order', async () => {
    let inFlight = 0
    let most = 0
    const records = await driveBuyers(['a', 'b', 'c', 'd', 'e'], { concurrency: 2 }, async () => {
      most = Math.max(most, ++inFlight)
      await new Promise((r) => setImmediate(r))
      inFlight--
      return { outcome: 'won', attempts: 1 }
    })
    expect(most).toBe(2)
    expect(records.map((r) => r.buyer)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('with durationMs starts no buyer after the time is up and returns only those who came', async () => {
    const buyers = Array.from({ length: 100_000 }, (_, i) => `b${i}`)
    let started = 0
    const records = await driveBuyers(buyers, { concurrency: 4, durationMs: 50 }, async () => {
      started++
      await new Promise((r) => setTimeout(r, 1))
      return { outcome: 'won', attempts: 1 }
    })
    expect(records.length).toBeGreaterThan(0)
    expect(records.length).toBeLessThan(buyers.length)
    // Every buyer started is in the result (none left running), in arrival order.
    expect(records.length).toBe(started)
    expect(records.every((r, i) => r.buyer === `b${i}`)).toBe(true)
  })
})

describe('capacity case', () => {
  it('is in the default run, safe strategies only, with a stock the run cannot sell out', () => {
    expect(defaultCases).toContain(capacityCase)
    expect(capacityCase.safeOnly).toBe(true)
    expect(capacityCase.durationMs).toBeGreaterThan(0)
    expect(capacityCase.stock).toBe(capacityCase.buyers)
  })

  it('summarise counts the buyers who came, not the case maximum', () => {
    const records: BuyerRecord[] = [0, 1, 2].map((i) => ({
      buyer: `b${i}`,
      arrivedAt: i,
      answeredAt: i + 1,
      outcome: 'won',
      attempts: 1
    }))
    const row = summarise({
      labCase: { label: 'cap', stock: 1000, buyers: 1000, concurrency: 3, durationMs: 3, safeOnly: true },
      strategy: 'pg-pessimistic',
      safe: true,
      records,
      startedAt: 0,
      endedAt: 4,
      outcome: { stock: 1000, remaining: 997, sold: 3 },
      pg: { xactCommit: 3, xactRollback: 0, tupUpdated: 3, tupInserted: 3, deadlocks: 0 },
      redisCommands: 0,
      redisServerCommands: 0
    })
    expect(row.buyers).toBe(3)
    expect(row.undersold).toBe(0)
    expect(row.firstNWon).toBe(1)
    expect(row.durationMs).toBe(3)
    expect(row.buysPerSec).toBe(1000)
  })
})

describe('lab options', () => {
  it('defaults to every strategy and the seed cases plus the large one', () => {
    const o = resolveLabOptions({})
    expect(o.strategies).toHaveLength(9)
    expect(o.cases).toEqual(defaultCases)
    expect(o.poolSize).toBe(20)
  })

  it('--stock/--buyers make one custom case; unknown strategies and bad numbers are refused', () => {
    const o = resolveLabOptions({
      stock: '10',
      buyers: '2000',
      strategy: ['firstcome-lua', 'pg-pessimistic']
    })
    expect(o.cases).toEqual([{ label: 'custom 10 x 2000', stock: 10, buyers: 2000, concurrency: 1000 }])
    expect(o.strategies).toEqual(['pg-pessimistic', 'firstcome-lua'])
    expect(() => resolveLabOptions({ strategy: ['nope'] })).toThrow(LabOptionError)
    expect(() => resolveLabOptions({ buyers: '0' })).toThrow(/--buyers/)
  })
})
