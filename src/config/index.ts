import { isIP } from 'node:net'
import { Value } from '@sinclair/typebox/value'
import { isKnownCurrency } from '../domain/money.ts'
import { OperationalError } from '../errors.ts'
import { type Config, ConfigSchema, type SettingName, settings } from './schema.ts'

export type { Config } from './schema.ts'
export { settings } from './schema.ts'

/** Used only in the development profile when no secret is configured, so `npm start` works out of the box. */
export const DEVELOPMENT_JWT_SECRET = 'firstcome-development-secret-do-not-use-in-production'
/** The development profile's FC_TOKEN_SECRET when none is set (published here: never in production). */
export const DEVELOPMENT_TOKEN_SECRET = 'firstcome-development-token-secret-do-not-use-in-production'

/**
 * Secrets published in this repository (the development defaults, the docker-compose file's, the
 * load tools'): anyone can sign with them, so production refuses every one of them.
 */
export const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_TOKEN_SECRET,
  'dev-only-secret-do-not-use-in-production',
  'dev-only-token-secret-do-not-use-in-production',
  'chaos-secret-chaos-secret-chaos-secret-00',
  'bench-secret-bench-secret-bench-secret-01',
  'test-secret-test-secret-test-secret-0123'
])

// A secret shorter than this is refused in every profile: it can be brute-forced from one token.
const MIN_SECRET_LENGTH = 32
// Production refuses secrets made of one repeated pattern, and those whose character frequencies
// suggest fewer bits than this: it catches placeholders ("xxxx...", "changeme" x 4) but not every
// weak secret. 32 random hex digits (`openssl rand -hex 16`, 128 bits) estimate at 112 on average
// and never below 90 in 200,000 draws, so a real random secret is never refused; "s" x 40 is 0.
const MIN_SECRET_BITS = 64

/**
 * A configuration that cannot be used (`FC_CONFIG_INVALID`); the message names each bad variable and
 * how to fix it.
 */
export class ConfigError extends OperationalError {
  readonly problems: ReadonlyArray<{ variable: SettingName | string; message: string }>

  constructor(problems: ReadonlyArray<{ variable: SettingName | string; message: string }>) {
    super(
      'FC_CONFIG_INVALID',
      `invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`
    )
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
  '/http/docs': 'FC_API_DOCS',
  '/http/responseValidation': 'FC_RESPONSE_VALIDATION',
  '/internal/host': 'FC_INTERNAL_HOST',
  '/internal/port': 'FC_INTERNAL_PORT',
  '/internal/readyCacheMs': 'FC_READY_CACHE_MS',
  '/redis/url': 'REDIS_URL',
  '/redis/prefix': 'FC_REDIS_PREFIX',
  '/postgres/url': 'DATABASE_URL',
  '/kafka/brokers': 'KAFKA_BROKERS',
  '/kafka/topicPrefix': 'FC_KAFKA_TOPIC_PREFIX',
  '/kafka/partitions': 'FC_KAFKA_PARTITIONS',
  '/kafka/consumersPerProcess': 'FC_CONSUMERS_PER_PROCESS',
  '/kafka/replication': 'FC_KAFKA_REPLICATION',
  '/auth/jwtSecret': 'FC_JWT_SECRET',
  '/auth/jwksUrl': 'FC_JWKS_URL',
  '/auth/audience': 'FC_JWT_AUDIENCE',
  '/auth/issuer': 'FC_JWT_ISSUER',
  '/auth/maxAgeSec': 'FC_JWT_MAX_AGE_SEC',
  '/auth/adminClaim': 'FC_JWT_ADMIN_CLAIM',
  '/auth/adminValue': 'FC_JWT_ADMIN_VALUE',
  '/auth/jwksMaxAgeSec': 'FC_JWKS_MAX_AGE_SEC',
  '/tokens/secret': 'FC_TOKEN_SECRET',
  '/tokens/previousSecret': 'FC_TOKEN_SECRET_PREVIOUS',
  '/tokens/queueTtlSec': 'FC_QUEUE_TOKEN_TTL_SEC',
  '/auth/devAuth': 'FC_DEV_AUTH',
  '/logLevel': 'FC_LOG_LEVEL',
  '/dlqRetry/intervalSec': 'FC_DLQ_RETRY_INTERVAL_SEC',
  '/dlqRetry/baseDelaySec': 'FC_DLQ_RETRY_BASE_SEC',
  '/timeline/intervalMs': 'FC_TIMELINE_INTERVAL_MS',
  '/dlqRetry/maxReplays': 'FC_DLQ_RETRY_MAX',
  '/dlqRetry/batch': 'FC_DLQ_RETRY_BATCH',
  '/shed/maxEventLoopDelayMs': 'FC_SHED_EVENT_LOOP_DELAY_MS',
  '/shed/maxEventLoopUtilization': 'FC_SHED_EVENT_LOOP_UTILIZATION',
  '/shed/maxConnections': 'FC_SHED_MAX_CONNECTIONS',
  '/shed/maxHeapUsedBytes': 'FC_SHED_HEAP_BYTES',
  '/shed/maxRssBytes': 'FC_SHED_RSS_BYTES',
  '/shed/retryAfterSec': 'FC_SHED_RETRY_AFTER_SEC',
  '/logRequestSample': 'FC_LOG_REQUEST_SAMPLE',
  '/logPretty': 'FC_LOG_PRETTY',
  '/idempotencyTtlSec': 'FC_IDEMPOTENCY_TTL_SEC',
  '/defaultCurrency': 'FC_DEFAULT_CURRENCY',
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
  '/seatMap/snapshotMs': 'FC_SEAT_SNAPSHOT_MS',
  '/workers': 'FC_WORKERS',
  '/webhooks/allow': 'FC_WEBHOOK_ALLOW',
  '/webhooks/timeoutMs': 'FC_WEBHOOK_TIMEOUT_MS',
  '/webhooks/maxAttempts': 'FC_WEBHOOK_MAX_ATTEMPTS',
  '/webhooks/backoffMs': 'FC_WEBHOOK_BACKOFF_MS',
  '/webhooks/backoffMaxMs': 'FC_WEBHOOK_BACKOFF_MAX_MS',
  '/webhooks/concurrency': 'FC_WEBHOOK_CONCURRENCY',
  '/webhooks/endpointConcurrency': 'FC_WEBHOOK_ENDPOINT_CONCURRENCY',
  '/webhooks/pollMs': 'FC_WEBHOOK_POLL_MS',
  '/payment/latencyMs': 'FC_PAYMENT_LATENCY_MS',
  '/payment/declineRate': 'FC_PAYMENT_DECLINE_RATE',
  '/payment/timeoutRate': 'FC_PAYMENT_TIMEOUT_RATE',
  '/payment/timeoutMs': 'FC_PAYMENT_TIMEOUT_MS',
  '/payment/provider': 'FC_PAYMENT_PROVIDER',
  '/payment/url': 'FC_PAYMENT_URL',
  '/payment/secretKey': 'FC_PAYMENT_SECRET_KEY',
  '/payment/callbackSecret': 'FC_PAYMENT_CALLBACK_SECRET',
  '/payment/allowSimulator': 'FC_PAYMENT_ALLOW_SIMULATOR'
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
    http: {
      port: num(get('PORT')),
      host: get('HOST'),
      bodyLimit: num(get('FC_BODY_LIMIT_BYTES')),
      // The reference follows the profile unless set: on where people develop, off in production.
      docs: flag(env.FC_API_DOCS ? get('FC_API_DOCS') : get('NODE_ENV') === 'production' ? '0' : '1'),
      responseValidation: flag(get('FC_RESPONSE_VALIDATION'))
    },
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
      consumersPerProcess: num(get('FC_CONSUMERS_PER_PROCESS')),
      replication: get('FC_KAFKA_REPLICATION') === 'auto' ? 'auto' : num(get('FC_KAFKA_REPLICATION'))
    },
    auth: {
      jwtSecret: get('FC_JWT_SECRET'),
      jwksUrl: get('FC_JWKS_URL'),
      audience: get('FC_JWT_AUDIENCE'),
      issuer: get('FC_JWT_ISSUER'),
      maxAgeSec: num(get('FC_JWT_MAX_AGE_SEC')),
      adminClaim: get('FC_JWT_ADMIN_CLAIM'),
      adminValue: get('FC_JWT_ADMIN_VALUE'),
      jwksMaxAgeSec: num(get('FC_JWKS_MAX_AGE_SEC')),
      devAuth: flag(get('FC_DEV_AUTH'))
    },
    tokens: {
      secret: get('FC_TOKEN_SECRET'),
      previousSecret: get('FC_TOKEN_SECRET_PREVIOUS'),
      queueTtlSec: num(get('FC_QUEUE_TOKEN_TTL_SEC'))
    },
    logLevel: get('FC_LOG_LEVEL'),
    dlqRetry: {
      // Off by default in the test profile: tests that dead-letter on purpose replay by hand.
      intervalSec: num(
        env.FC_DLQ_RETRY_INTERVAL_SEC
          ? get('FC_DLQ_RETRY_INTERVAL_SEC')
          : get('NODE_ENV') === 'test'
            ? '0'
            : '30'
      ),
      baseDelaySec: num(get('FC_DLQ_RETRY_BASE_SEC')),
      maxReplays: num(get('FC_DLQ_RETRY_MAX')),
      batch: num(get('FC_DLQ_RETRY_BATCH'))
    },
    timeline: {
      // Off by default in the test profile: tests that read the timeline turn it on.
      intervalMs: num(
        env.FC_TIMELINE_INTERVAL_MS
          ? get('FC_TIMELINE_INTERVAL_MS')
          : get('NODE_ENV') === 'test'
            ? '0'
            : '1000'
      )
    },
    shed: {
      // Off by default in the test profile: its suites load the machine on purpose, exact counts expected.
      maxEventLoopDelayMs: num(
        env.FC_SHED_EVENT_LOOP_DELAY_MS
          ? get('FC_SHED_EVENT_LOOP_DELAY_MS')
          : get('NODE_ENV') === 'test'
            ? '0'
            : '200'
      ),
      maxEventLoopUtilization: num(get('FC_SHED_EVENT_LOOP_UTILIZATION')),
      maxConnections: num(get('FC_SHED_MAX_CONNECTIONS')),
      maxHeapUsedBytes: num(get('FC_SHED_HEAP_BYTES')),
      maxRssBytes: num(get('FC_SHED_RSS_BYTES')),
      retryAfterSec: num(get('FC_SHED_RETRY_AFTER_SEC'))
    },
    logRequestSample: num(get('FC_LOG_REQUEST_SAMPLE')),
    logPretty: flag(env.FC_LOG_PRETTY ? get('FC_LOG_PRETTY') : get('NODE_ENV') === 'development' ? '1' : '0'),
    idempotencyTtlSec: num(get('FC_IDEMPOTENCY_TTL_SEC')),
    defaultCurrency: get('FC_DEFAULT_CURRENCY'),
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
    seatMap: { snapshotMs: num(get('FC_SEAT_SNAPSHOT_MS')) },
    workers: flag(get('FC_WORKERS')),
    webhooks: {
      allow: get('FC_WEBHOOK_ALLOW')
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== ''),
      timeoutMs: num(get('FC_WEBHOOK_TIMEOUT_MS')),
      maxAttempts: num(get('FC_WEBHOOK_MAX_ATTEMPTS')),
      backoffMs: num(get('FC_WEBHOOK_BACKOFF_MS')),
      backoffMaxMs: num(get('FC_WEBHOOK_BACKOFF_MAX_MS')),
      concurrency: num(get('FC_WEBHOOK_CONCURRENCY')),
      endpointConcurrency: num(get('FC_WEBHOOK_ENDPOINT_CONCURRENCY')),
      pollMs: num(get('FC_WEBHOOK_POLL_MS'))
    },
    payment: {
      latencyMs: num(get('FC_PAYMENT_LATENCY_MS')),
      declineRate: num(get('FC_PAYMENT_DECLINE_RATE')),
      timeoutRate: num(get('FC_PAYMENT_TIMEOUT_RATE')),
      timeoutMs: num(get('FC_PAYMENT_TIMEOUT_MS')),
      provider: get('FC_PAYMENT_PROVIDER'),
      url: get('FC_PAYMENT_URL'),
      secretKey: get('FC_PAYMENT_SECRET_KEY'),
      callbackSecret: get('FC_PAYMENT_CALLBACK_SECRET'),
      allowSimulator: flag(get('FC_PAYMENT_ALLOW_SIMULATOR'))
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
  for (const [variable, value] of [
    ['FC_JWT_SECRET', config.auth.jwtSecret],
    ['FC_TOKEN_SECRET', config.tokens.secret],
    ['FC_TOKEN_SECRET_PREVIOUS', config.tokens.previousSecret]
  ] as const) {
    if (value !== '' && value.length < MIN_SECRET_LENGTH) {
      problems.push({ variable, message: `is too short: use ${settings[variable].hint}` })
    }
  }
  // The bearer-token secret may be shared with an identity provider; whoever holds it must not be
  // able to sign our access tokens, queue tokens or challenges too.
  if (config.tokens.secret !== '' && config.tokens.secret === config.auth.jwtSecret) {
    problems.push({
      variable: 'FC_TOKEN_SECRET',
      message:
        'must differ from FC_JWT_SECRET: the server signs its own tokens with a secret nobody else holds'
    })
  }
  if (config.tokens.previousSecret !== '' && config.tokens.previousSecret === config.tokens.secret) {
    problems.push({
      variable: 'FC_TOKEN_SECRET_PREVIOUS',
      message: 'is the same as FC_TOKEN_SECRET: set it to the secret being rotated out, or leave it empty'
    })
  }
  // Listening beyond this host is a deployment: it must say which profile it runs, or a forgotten
  // NODE_ENV would serve the development profile (published secrets) to the network.
  const explicitProfile = env.NODE_ENV !== undefined && env.NODE_ENV !== ''
  if (!explicitProfile && !isLoopback(config.http.host)) {
    problems.push({
      variable: 'HOST',
      message: `"${config.http.host}" accepts outside connections: set NODE_ENV=production (or NODE_ENV=development on purpose) to say which profile this is`
    })
  }
  if (
    config.auth.jwksUrl !== '' &&
    !/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(config.auth.jwksUrl)
  ) {
    problems.push({ variable: 'FC_JWKS_URL', message: `is not valid: use ${settings.FC_JWKS_URL.hint}` })
  }
  if (!isKnownCurrency(config.defaultCurrency)) {
    problems.push({
      variable: 'FC_DEFAULT_CURRENCY',
      message: `"${config.defaultCurrency}" is not a currency this runtime knows: use ${settings.FC_DEFAULT_CURRENCY.hint}`
    })
  }
  problems.push(...paymentProblems(config))
  for (const entry of config.webhooks.allow) {
    const [address = '', bits, extra] = entry.split('/')
    const family = isIP(address)
    const hostName = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(entry)
    const cidr =
      family !== 0 &&
      extra === undefined &&
      (bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)))
    if (!hostName && !cidr) {
      problems.push({
        variable: 'FC_WEBHOOK_ALLOW',
        message: `"${entry}" is not valid: use ${settings.FC_WEBHOOK_ALLOW.hint}`
      })
    }
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
  if (config.env === 'development') {
    // Out of the box for `npm start` (loopback unless NODE_ENV says otherwise), never elsewhere.
    if (config.auth.jwtSecret === '' && config.auth.jwksUrl === '')
      config.auth.jwtSecret = DEVELOPMENT_JWT_SECRET
    if (config.tokens.secret === '') config.tokens.secret = DEVELOPMENT_TOKEN_SECRET
  } else {
    if (config.auth.jwtSecret === '' && config.auth.jwksUrl === '') {
      problems.push({
        variable: 'FC_JWT_SECRET',
        message: `${config.env} needs a real key: set FC_JWT_SECRET (32+ characters) or FC_JWKS_URL`
      })
    }
    if (config.tokens.secret === '') {
      problems.push({
        variable: 'FC_TOKEN_SECRET',
        message: `${config.env} needs it: set ${settings.FC_TOKEN_SECRET.hint} (never derived from FC_JWT_SECRET or FC_JWKS_URL)`
      })
    }
  }
  if (config.env === 'production') {
    if (config.auth.devAuth) {
      problems.push({
        variable: 'FC_DEV_AUTH',
        message: 'must be 0 in production: dev tokens would let anyone in'
      })
    }
    if (config.http.responseValidation) {
      problems.push({
        variable: 'FC_RESPONSE_VALIDATION',
        message:
          'must be 0 in production: it checks every answer (CPU per request) and turns a mismatch into a 500'
      })
    }
    for (const [variable, value] of [
      ['FC_JWT_SECRET', config.auth.jwtSecret],
      ['FC_TOKEN_SECRET', config.tokens.secret],
      ['FC_TOKEN_SECRET_PREVIOUS', config.tokens.previousSecret]
    ] as const) {
      const weakness = value === '' || value.length < MIN_SECRET_LENGTH ? undefined : secretWeakness(value)
      if (weakness) problems.push({ variable, message: `${weakness}: use ${settings[variable].hint}` })
    }
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return deepFreeze(config)
}

/**
 * The payment settings' problems: a real provider needs its URL and both secrets; production
 * charges through a real provider unless the simulator is allowed on purpose.
 */
function paymentProblems(config: Config): Array<{ variable: string; message: string }> {
  const p = config.payment
  const problems: Array<{ variable: string; message: string }> = []
  if (p.provider === 'simulator') {
    if (config.env === 'production' && !p.allowSimulator)
      problems.push({
        variable: 'FC_PAYMENT_PROVIDER',
        message:
          'production would take no money on the simulated gateway: set FC_PAYMENT_PROVIDER=http with FC_PAYMENT_URL and its secrets, or FC_PAYMENT_ALLOW_SIMULATOR=1 on purpose'
      })
    return problems
  }
  if (!/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(p.url))
    problems.push({
      variable: 'FC_PAYMENT_URL',
      message: `is not valid: use ${settings.FC_PAYMENT_URL.hint}`
    })
  if (p.secretKey === '')
    problems.push({
      variable: 'FC_PAYMENT_SECRET_KEY',
      message: `is missing: set ${settings.FC_PAYMENT_SECRET_KEY.hint}`
    })
  if (p.callbackSecret.length < 16)
    problems.push({
      variable: 'FC_PAYMENT_CALLBACK_SECRET',
      message: `${p.callbackSecret === '' ? 'is missing' : 'is too short'}: set ${settings.FC_PAYMENT_CALLBACK_SECRET.hint}`
    })
  return problems
}

/** Why production refuses this secret, or undefined when it may be used. */
function secretWeakness(secret: string): string | undefined {
  if (PUBLISHED_SECRETS.has(secret))
    return 'is published in the firstcome repository: anyone can sign with it'
  if (repeats(secret) || estimatedBits(secret) < MIN_SECRET_BITS)
    return 'is too predictable (a repeated pattern, or too few distinct characters)'
  return undefined
}

/** True when the secret is one short pattern over and over ("changeme" x 4, "0123456789" x 4). */
function repeats(secret: string): boolean {
  for (let period = 1; period <= Math.min(secret.length / 2, 256); period++) {
    let i = period
    while (i < secret.length && secret[i] === secret[i - period]) i++
    if (i === secret.length) return true
  }
  return false
}

/** Length x the Shannon entropy of the character frequencies: a rough upper bound of its strength. */
function estimatedBits(secret: string): number {
  const counts = new Map<string, number>()
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1)
  let perChar = 0
  for (const n of counts.values()) {
    const p = n / secret.length
    perChar -= p * Math.log2(p)
  }
  return perChar * secret.length
}

/** True for addresses only this host can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true
  const address = host.startsWith('::ffff:') ? host.slice(7) : host
  if (isIP(address) === 4) return address.startsWith('127.')
  return address === '::1'
}

/**
 * Whether buyers may choose a payment's outcome (`payment.simulate` on confirm): only the
 * development and test profiles, where the simulated gateway stands in for a provider. In
 * production the field is refused with 400 and the gateway ignores it.
 */
export function acceptsSimulatedPayments(config: Config): boolean {
  return config.env === 'development' || config.env === 'test'
}

/**
 * What an operator should hear about a configuration that starts but is risky: logged once as a
 * warning at start. Refusals are {@link ConfigError}s instead.
 */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = []
  for (const proxy of config.traffic.trustProxy) {
    const bits = proxy.split('/')[1]
    if (bits !== undefined && Number(bits) === 0) {
      warnings.push(
        `FC_TRUST_PROXY "${proxy}" trusts every address: any client can claim any address in X-Forwarded-For, which defeats per-IP limits and blocks; list only your proxies`
      )
    }
  }
  if (config.env === 'development' && !isLoopback(config.http.host)) {
    const open = [
      ...(config.auth.jwtSecret === DEVELOPMENT_JWT_SECRET ||
      config.tokens.secret === DEVELOPMENT_TOKEN_SECRET
        ? ['published default secrets']
        : []),
      ...(config.auth.devAuth ? ['dev tokens'] : []),
      'buyer-chosen payment outcomes'
    ]
    warnings.push(
      `the development profile listens on ${config.http.host}: its ${open.join(', ')} are open to whoever reaches it; use NODE_ENV=production beyond one machine`
    )
  }
  if (config.tokens.previousSecret !== '') {
    warnings.push(
      'FC_TOKEN_SECRET_PREVIOUS is set: tokens signed with it are still accepted; remove it once the longest token lifetime has passed since the rotation'
    )
  }
  return warnings
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
