import { Writable } from 'node:stream'
import pino, { type Logger } from 'pino'
import { type Config, loadConfig } from '../../src/config/index.ts'
import { loggerOptions } from '../../src/http/logging.ts'

/** A test configuration: the test profile plus the given variables. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', ...env })
}

/** A pino logger with the app's redaction, writing JSON lines into `lines`. */
export function captureLogs(config: Config): {
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
  const logger = pino({ ...loggerOptions(config), level: 'debug' }, stream)
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
