import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PublishDeadlineError } from '../src/adapters/kafka/kafka-booking-handoff.ts'
import { MigrationError } from '../src/adapters/postgres/migrate.ts'
import { ConfigError } from '../src/config/index.ts'
import {
  errorCatalogue,
  FcError,
  httpReason,
  OperationalError,
  type OperationalErrorCode,
  operationalErrorCatalogue
} from '../src/errors.ts'
import { InventoryNotReadyError } from '../src/services/pipeline/booking-pipeline.ts'
import { LabOptionError } from '../tools/lab/lab-command.ts'
import { StackError } from '../tools/stack/stack-error.ts'

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')

/** The code -> status rows of the table in docs/errors.md. */
function documented(): Map<string, number> {
  const rows = new Map<string, number>()
  for (const line of doc.split('\n')) {
    const m = /^\|\s*`(FC_[A-Z_]+)`\s*\|\s*(\d{3})\s*\|(.+)\|(.+)\|\s*$/.exec(line)
    if (!m) continue
    const [, code = '', status = '', when = '', retry = ''] = m
    expect(rows.has(code), `${code} is listed twice`).toBe(false)
    expect(when.trim(), `${code} says when it happens`).not.toBe('')
    expect(retry.trim(), `${code} says whether to retry`).toMatch(/^(yes|no)\b/)
    rows.set(code, Number(status))
  }
  return rows
}

describe('docs/errors.md', () => {
  const rows = documented()
  const catalogue = Object.entries(errorCatalogue)

  it('lists every code in the catalogue, with its status', () => {
    for (const [code, entry] of catalogue) expect(rows.get(code), code).toBe(entry.status)
  })

  it('lists nothing that is not in the catalogue', () => {
    for (const code of rows.keys()) expect(Object.keys(errorCatalogue), code).toContain(code)
    expect(rows.size).toBe(catalogue.length)
  })

  it('says "yes" to retry for every code the catalogue marks canRetry', () => {
    for (const line of doc.split('\n')) {
      const m = /^\|\s*`(FC_[A-Z_]+)`.*\|\s*(yes|no)\b[^|]*\|\s*$/.exec(line)
      if (!m) continue
      const entry = errorCatalogue[m[1] as keyof typeof errorCatalogue]
      // canRetry means "the same request may succeed later"; FC_NOT_ADMITTED needs admission first.
      // (Rows of the second table, the errors that stop a command, are checked below.)
      if (entry?.canRetry) expect(m[2], m[1]).toBe('yes')
    }
  })
})

/** The code -> [class, retry] rows of the second table (errors that stop a command). */
function documentedOperational(): Map<string, { raisedAs: string; retry: string }> {
  const rows = new Map<string, { raisedAs: string; retry: string }>()
  for (const line of doc.split('\n')) {
    const m = /^\|\s*`(FC_[A-Z_]+)`\s*\|\s*`([A-Za-z]+)`[^|]*\|(.+)\|\s*(yes|no)\b[^|]*\|\s*$/.exec(line)
    if (!m) continue
    const [, code = '', raisedAs = '', when = '', retry = ''] = m
    expect(rows.has(code), `${code} is listed twice`).toBe(false)
    expect(when.trim(), `${code} says when it happens`).not.toBe('')
    rows.set(code, { raisedAs, retry })
  }
  return rows
}

describe('docs/errors.md, errors that stop a command', () => {
  const rows = documentedOperational()

  it('lists exactly the operational codes, each with whether a retry can succeed', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(operationalErrorCatalogue).sort())
    for (const [code, row] of rows) {
      const entry = operationalErrorCatalogue[code as OperationalErrorCode]
      expect(row.retry, code).toBe(entry.canRetry ? 'yes' : 'no')
    }
  })

  it('shares no code with the refusals', () => {
    for (const code of Object.keys(operationalErrorCatalogue))
      expect(Object.keys(errorCatalogue)).not.toContain(code)
  })

  it('names the class that raises each code, and that class carries it', () => {
    const raised: OperationalError[] = [
      new ConfigError([{ variable: 'PORT', message: 'use a port number' }]),
      new MigrationError('two migration files are numbered 0001'),
      new StackError('redis', 'redis-server not found', 'install redis-server'),
      new LabOptionError('--stock must be a whole number >= 1, got "x"'),
      new InventoryNotReadyError('e0000000000000001'),
      new PublishDeadlineError(2000)
    ]
    expect(raised.map((e) => e.code).sort()).toEqual(Object.keys(operationalErrorCatalogue).sort())
    for (const err of raised) {
      expect(err).toBeInstanceOf(OperationalError)
      expect(rows.get(err.code)?.raisedAs, err.code).toBe(err.name)
      expect(err.canRetry).toBe(operationalErrorCatalogue[err.code].canRetry)
    }
  })
})

describe('FcError', () => {
  it('takes status, message and retryability from the catalogue', () => {
    for (const [code, entry] of Object.entries(errorCatalogue)) {
      const err = new FcError(code as keyof typeof errorCatalogue)
      expect(err.statusCode).toBe(entry.status)
      expect(err.canRetry).toBe(entry.canRetry)
      expect(err.toBody()).toEqual({
        statusCode: entry.status,
        code,
        error: httpReason(entry.status),
        message: entry.message
      })
      expect(httpReason(entry.status)).not.toBe('Error')
    }
  })

  it('carries details, cause and Retry-After', () => {
    const cause = new Error('redis timeout')
    const err = new FcError('FC_RATE_LIMITED', 'slow down', {
      cause,
      details: { limit: 5 },
      retryAfterSec: 2
    })
    expect(err.cause).toBe(cause)
    expect(err.retryAfterSec).toBe(2)
    expect(err.toBody()).toEqual({
      statusCode: 429,
      code: 'FC_RATE_LIMITED',
      error: 'Too Many Requests',
      message: 'slow down',
      details: { limit: 5 }
    })
  })
})
