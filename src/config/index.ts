import { isIP } from 'node:net'
import { Value } from '@sinclair/typebox/value'
import { type Config, ConfigSchema, type SettingName, settings } from './schema.ts'

export type { Config } from './schema.ts'
export { settings } from './schema.ts'

/** Used only outside production when no secret is configured, so `npm start` works out of the box. */
export const DEVELOPMENT_JWT_SECRET = 'firstcome-development-secret-do-not-use-in-production'

/** A configuration that cannot be used; the message names each bad variable and how to fix it. */
export class ConfigError extends Error {
  readonly problems: ReadonlyArray<{ variable: SettingName | string; message: string }>

  constructor(problems: ReadonlyArray<{ variable: SettingName | string; message: string }>) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

// Where each config path comes from, so a schema error can be reported by its variable name.
const sources: Record<string, SettingName> = {
  '/env': 'NODE_ENV',
  '/http/port': 'PORT',
  '/http/host': 'HOST',
  '/http/bodyLimit': 'FC_BODY_LIMIT_BYTES',
  '/internal/host': 'FC_INTERNAL_HOST',
  '/internal/port': 'FC_INTERNAL_PORT',
  '/internal/readyCacheMs': 'FC_READY_CACHE_MS',
  '/redis/url': 'REDIS_URL',
  '/redis/prefix': 'FC_REDIS_PREFIX',
  '/postgres/url': 'DATABASE_URL',
  '/kafka/brokers': 'KAFKA_BROKERS',
  '/kafka/topicPrefix': 'FC_KAFKA_TOPIC_PREFIX',
  '/kafka/partitions': 'FC_KAFKA_PARTITIONS',
  '/kafka/replication': 'FC_KAFKA_REPLICATION',
  '/auth/jwtSecret': 'FC_JWT_SECRET',
  '/auth/jwksUrl': 'FC_JWKS_URL',
  '/auth/audience': 'FC_JWT_AUDIENCE',
  '/auth/devAuth': 'FC_DEV_AUTH',
  '/logLevel': 'FC_LOG_LEVEL',
  '/idempotencyTtlSec': 'FC_IDEMPOTENCY_TTL_SEC',
  '/holdMaxExtensions': 'FC_HOLD_MAX_EXTENSIONS',
  '/sweepIntervalMs': 'FC_SWEEP_INTERVAL_MS',
  '/queue/tickMs': 'FC_ADMISSION_TICK_MS',
  '/queue/graceSec': 'FC_QUEUE_GRACE_SEC',
  '/traffic/trustProxy': 'FC_TRUST_PROXY',
  '/traffic/ipLimits': 'FC_IP_LIMITS',
  '/traffic/rateSyncMs': 'FC_RATE_SYNC_MS',
  '/streams/perUser': 'FC_STREAMS_PER_USER',
  '/streams/perIp': 'FC_STREAMS_PER_IP',
  '/streams/max': 'FC_STREAMS_MAX',
  '/streams/bufferBytes': 'FC_STREAM_BUFFER_BYTES',
  '/workers': 'FC_WORKERS',
  '/payment/latencyMs': 'FC_PAYMENT_LATENCY_MS',
  '/payment/declineRate': 'FC_PAYMENT_DECLINE_RATE',
  '/payment/timeoutRate': 'FC_PAYMENT_TIMEOUT_RATE',
  '/payment/timeoutMs': 'FC_PAYMENT_TIMEOUT_MS'
}

function num(raw: string): number | string {
  // Keep unparsable text as a string so the schema reports it instead of silently using NaN.
  return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw
}

function flag(raw: string): boolean | string {
  if (raw === '1' || raw === 'true') return true
  if (raw === '0' || raw === 'false') return false
  return raw
}

/**
 * Reads, validates and freezes the configuration. Throws {@link ConfigError} naming every bad
 * variable with its fix; nothing starts on a bad value.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const get = (name: SettingName): string => {
    const v = env[name]
    return v === undefined || v === '' ? settings[name].default : v
  }
  const raw = {
    env: get('NODE_ENV'),
    http: { port: num(get('PORT')), host: get('HOST'), bodyLimit: num(get('FC_BODY_LIMIT_BYTES')) },
    internal: {
      host: get('FC_INTERNAL_HOST'),
      port: get('FC_INTERNAL_PORT') === 'off' ? null : num(get('FC_INTERNAL_PORT')),
      readyCacheMs: num(get('FC_READY_CACHE_MS'))
    },
    redis: { url: get('REDIS_URL'), prefix: get('FC_REDIS_PREFIX') },
    postgres: { url: get('DATABASE_URL') },
    kafka: {
      brokers: get('KAFKA_BROKERS')
        .split(',')
        .map((b) => b.trim())
        .filter((b) => b !== ''),
      topicPrefix: get('FC_KAFKA_TOPIC_PREFIX'),
      partitions: num(get('FC_KAFKA_PARTITIONS')),
      replication: get('FC_KAFKA_REPLICATION') === 'auto' ? 'auto' : num(get('FC_KAFKA_REPLICATION'))
    },
    auth: {
      jwtSecret: get('FC_JWT_SECRET'),
      jwksUrl: get('FC_JWKS_URL'),
      audience: get('FC_JWT_AUDIENCE'),
      devAuth: flag(get('FC_DEV_AUTH'))
    },
    logLevel: get('FC_LOG_LEVEL'),
    idempotencyTtlSec: num(get('FC_IDEMPOTENCY_TTL_SEC')),
    holdMaxExtensions: num(get('FC_HOLD_MAX_EXTENSIONS')),
    sweepIntervalMs: num(get('FC_SWEEP_INTERVAL_MS')),
    queue: { tickMs: num(get('FC_ADMISSION_TICK_MS')), graceSec: num(get('FC_QUEUE_GRACE_SEC')) },
    traffic: {
      trustProxy: get('FC_TRUST_PROXY')
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
      // Per-IP defences follow the profile unless set: every client of the local stack is loopback.
      ipLimits: flag(env.FC_IP_LIMITS ? get('FC_IP_LIMITS') : get('NODE_ENV') === 'production' ? '1' : '0'),
      rateSyncMs: num(get('FC_RATE_SYNC_MS'))
    },
    streams: {
      perUser: num(get('FC_STREAMS_PER_USER')),
      perIp: num(get('FC_STREAMS_PER_IP')),
      max: num(get('FC_STREAMS_MAX')),
      bufferBytes: num(get('FC_STREAM_BUFFER_BYTES'))
    },
    workers: flag(get('FC_WORKERS')),
    payment: {
      latencyMs: num(get('FC_PAYMENT_LATENCY_MS')),
      declineRate: num(get('FC_PAYMENT_DECLINE_RATE')),
      timeoutRate: num(get('FC_PAYMENT_TIMEOUT_RATE')),
      timeoutMs: num(get('FC_PAYMENT_TIMEOUT_MS'))
    }
  }

  const problems: Array<{ variable: string; message: string }> = []
  const seen = new Set<string>()
  for (const error of Value.Errors(ConfigSchema, raw)) {
    const path = Object.keys(sources).find((p) => error.path === p || error.path.startsWith(`${p}/`))
    const variable = path ? (sources[path] ?? error.path) : error.path
    if (seen.has(variable)) continue
    seen.add(variable)
    const given = env[variable]
    const hint = variable in settings ? settings[variable as SettingName].hint : error.message
    problems.push({
      variable,
      message: `${given === undefined ? 'default' : `"${given}"`} is not valid: use ${hint}`
    })
  }
  if (problems.length > 0) throw new ConfigError(problems)

  const config = raw as Config
  if (config.auth.jwtSecret !== '' && config.auth.jwtSecret.length < 32) {
    problems.push({ variable: 'FC_JWT_SECRET', message: `is too short: use ${settings.FC_JWT_SECRET.hint}` })
  }
  if (
    config.auth.jwksUrl !== '' &&
    !/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(config.auth.jwksUrl)
  ) {
    problems.push({ variable: 'FC_JWKS_URL', message: `is not valid: use ${settings.FC_JWKS_URL.hint}` })
  }
  for (const proxy of config.traffic.trustProxy) {
    const [address = '', bits] = proxy.split('/')
    const family = isIP(address)
    if (family === 0 || (bits !== undefined && Number(bits) > (family === 4 ? 32 : 128))) {
      problems.push({
        variable: 'FC_TRUST_PROXY',
        message: `"${proxy}" is not valid: use ${settings.FC_TRUST_PROXY.hint}`
      })
    }
  }
  if (config.env === 'production') {
    if (config.auth.jwtSecret === '' && config.auth.jwksUrl === '') {
      problems.push({
        variable: 'FC_JWT_SECRET',
        message: 'production needs a real key: set FC_JWT_SECRET (32+ characters) or FC_JWKS_URL'
      })
    }
    if (config.auth.devAuth) {
      problems.push({
        variable: 'FC_DEV_AUTH',
        message: 'must be 0 in production: dev tokens would let anyone in'
      })
    }
  } else if (config.auth.jwtSecret === '' && config.auth.jwksUrl === '') {
    config.auth.jwtSecret = DEVELOPMENT_JWT_SECRET
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return deepFreeze(config)
}

/**
 * Refuses, in the test profile, a runtime on the default Redis key prefix or Kafka topic prefix
 * (the consumer groups are named after it): those are a running `npm start`'s, whose consumers
 * would take a test's bookings and whose keys a test would read. Every test harness gives each
 * runtime prefixes of its own; this makes one that forgets fail at once instead of flaking.
 */
export function assertTestIsolation(config: Config): void {
  if (config.env !== 'test') return
  const problems: Array<{ variable: string; message: string }> = []
  if (config.redis.prefix === settings.FC_REDIS_PREFIX.default)
    problems.push({
      variable: 'FC_REDIS_PREFIX',
      message: `the test profile may not use the default "${config.redis.prefix}" (a running stack's): give each test a random prefix`
    })
  if (config.kafka.topicPrefix === settings.FC_KAFKA_TOPIC_PREFIX.default)
    problems.push({
      variable: 'FC_KAFKA_TOPIC_PREFIX',
      message: `the test profile may not use the default "${config.kafka.topicPrefix}" (a running stack's topics and consumer groups): give each test a random prefix`
    })
  if (problems.length > 0) throw new ConfigError(problems)
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}
