/**
 * Every strategy of the lab on one small, heavily contended sale (10 units, 100 buyers, all in
 * flight at once), against the real services: the unsafe ones must oversell, the safe ones must
 * sell exactly the stock and never more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LabEnvironment, openLabEnvironment } from '../../../tools/lab/lab-environment.ts'
import { runStrategy } from '../../../tools/lab/runner.ts'
import { strategies } from '../../../tools/lab/strategies/index.ts'
import { type LabCase, strategyNames } from '../../../tools/lab/types.ts'

const CASE: LabCase = { label: 'test 10 x 100', stock: 10, buyers: 100, concurrency: 100 }
/** A short capacity run: buyers keep coming for 300 ms, against a stock they cannot exhaust. */
const CAPACITY: LabCase = {
  label: 'test capacity',
  stock: 100_000,
  buyers: 100_000,
  concurrency: 20,
  durationMs: 300,
  safeOnly: true
}

let lab: LabEnvironment

beforeAll(async () => {
  lab = await openLabEnvironment({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/firstcome',
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    poolSize: 10
  })
})
afterAll(async () => {
  await lab?.close()
})

const unsafe = strategyNames.filter((n) => !strategies[n].safe)
const safe = strategyNames.filter((n) => strategies[n].safe)

describe('unsafe strategies oversell under contention', () => {
  it('the unsafe list is exactly no-control and the mutex across two processes', () => {
    expect(unsafe).toEqual(['no-control', 'mutex-2-processes'])
  })

  it.each(unsafe)('%s sells more than the stock', async (name) => {
    const row = await runStrategy(lab, name, CASE)
    expect(row.oversold).toBeGreaterThan(0)
    // The oversell is the lost decrements: the stock row claims fewer sales than the purchase rows.
    expect(row.lostUpdates).toBeGreaterThan(0)
    expect(row.outcomes.won).toBe(row.sold)
  })
})

describe('safe strategies sell exactly the stock', () => {
  it.each(safe)('%s', async (name) => {
    const row = await runStrategy(lab, name, CASE)
    expect(row.oversold).toBe(0)
    expect(row.sold).toBe(CASE.stock)
    expect(row.remaining).toBe(0)
    expect(row.lostUpdates).toBe(0)
    expect(row.outcomes.won).toBe(CASE.stock)
    expect(row.outcomes.won + row.outcomes.soldOut + row.outcomes.gaveUp + row.outcomes.errors).toBe(
      CASE.buyers
    )
  })
})

describe('safe strategies in a capacity run sell to every buyer who came, all of it durable', () => {
  it.each(safe)('%s', async (name) => {
    const row = await runStrategy(lab, name, CAPACITY)
    expect(row.buyers).toBeGreaterThan(0)
    expect(row.buyers).toBeLessThan(CAPACITY.buyers)
    expect(row.outcomes.won).toBe(row.buyers)
    expect(row.sold).toBe(row.buyers)
    expect(row.remaining).toBe(CAPACITY.stock - row.sold)
    expect(row.oversold + row.lostUpdates + row.undersold).toBe(0)
    expect(row.buysPerSec).toBeGreaterThan(0)
  })
})
