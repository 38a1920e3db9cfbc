import { Writable } from 'node:stream'
import pino, { type Logger } from 'pino'
import { expect } from 'vitest'
import { type Config, ConfigError, loadConfig } from '../../src/config/index.ts'
import { loggerOptions } from '../../src/http/logging.ts'
import { TEST_JWT_SECRET, TEST_TOKEN_SECRET } from '../support/secrets.ts'

/**
 * A test configuration: the test profile, its secrets (no bearer-token secret when the test asks
 * for a JWKS URL), plus the given variables.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    ...(env.FC_JWKS_URL ? {} : { FC_JWT_SECRET: TEST_JWT_SECRET }),
    FC_TOKEN_SECRET: TEST_TOKEN_SECRET,
    // Every answer is checked against its route's declared responses (500 FC_RESPONSE_SCHEMA if
    // not); production refuses the check.
    ...(env.NODE_ENV === 'production' ? {} : { FC_RESPONSE_VALIDATION: '1' }),
    ...env
  })
}

/** The problems a refused environment reports, by variable; fails the test if it is accepted. */
export function configProblems(env: Record<string, string>): Record<string, string> {
  try {
    loadConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return Object.fromEntries((err as ConfigError).problems.map((p) => [p.variable, p.message]))
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`)
}

/** A pino logger with the app's redaction at `level` (debug by default), writing JSON lines into `lines`. */
export function captureLogs(
  config: Config,
  level = 'debug'
): {
  logger: Logger
  lines: Array<Record<string, unknown>>
  text: () => string
} {
  const raw: string[] = []
  const stream = new Writable({
    write(chunk, _enc, cb) {
      raw.push(String(chunk))
      cb()
    }
  })
  const logger = pino({ ...loggerOptions(config), level }, stream)
  return {
    logger,
    get lines() {
      return raw
        .join('')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    },
    text: () => raw.join('')
  }
}
