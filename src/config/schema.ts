import { type Static, Type } from '@sinclair/typebox'

/**
 * Every setting firstcome reads, with its environment variable, default and a hint that names the
 * fix when a value is refused. Defaults live here and nowhere else.
 */
export const settings = {
  NODE_ENV: { default: 'development', hint: 'one of development, production, test' },
  PORT: { default: '3000', hint: 'a TCP port number, 0-65535' },
  HOST: { default: '127.0.0.1', hint: 'an address to listen on, e.g. 0.0.0.0 to accept outside connections' },
  REDIS_URL: {
    default: 'redis://127.0.0.1:6379',
    hint: 'a redis:// or rediss:// URL, or redis+cluster://host:port,host:port for a Redis Cluster'
  },
  DATABASE_URL: {
    default: 'postgres://postgres@127.0.0.1:5432/firstcome',
    hint: 'a postgres:// URL, e.g. postgres://user:pass@host:5432/db'
  },
  KAFKA_BROKERS: { default: '127.0.0.1:9092', hint: 'comma-separated host:port list' },
  FC_JWT_SECRET: { default: '', hint: 'an HS256 secret of at least 32 characters' },
  FC_JWKS_URL: { default: '', hint: 'an https:// (or http:// on loopback) URL of a JSON Web Key Set' },
  FC_JWT_AUDIENCE: { default: 'firstcome', hint: 'the expected `aud` claim of bearer tokens' },
  FC_JWT_ISSUER: { default: '', hint: 'the expected `iss` claim of bearer tokens (empty: not checked)' },
  FC_JWT_MAX_AGE_SEC: {
    default: '86400',
    hint: 'oldest accepted bearer token in seconds, counted from its `iat` claim, 60-2592000'
  },
  FC_JWT_ADMIN_CLAIM: {
    default: 'role',
    hint: 'the bearer-token claim that grants admin, 1-128 characters (a string, or a list that contains FC_JWT_ADMIN_VALUE)'
  },
  FC_JWT_ADMIN_VALUE: {
    default: 'admin',
    hint: 'the value of FC_JWT_ADMIN_CLAIM that grants admin, 1-128 characters'
  },
  FC_JWKS_MAX_AGE_SEC: {
    default: '300',
    hint: 'seconds a fetched JSON Web Key Set (and a token it verified) is trusted before it is fetched again, 10-86400'
  },
  FC_TOKEN_SECRET: {
    default: '',
    hint: 'a random secret of at least 32 characters (e.g. `openssl rand -base64 48`), used only to sign access tokens, queue tokens and proof-of-work challenges'
  },
  FC_TOKEN_SECRET_PREVIOUS: {
    default: '',
    hint: 'the FC_TOKEN_SECRET being rotated out, 32+ characters: still accepted, never used to sign (empty: none)'
  },
  FC_QUEUE_TOKEN_TTL_SEC: {
    default: '21600',
    hint: 'seconds a queue token stays valid (polling the queue hands out a fresh one), 300-604800'
  },
  FC_DEV_AUTH: { default: '0', hint: '1 to enable POST /v1/dev/token (never in production), else 0' },
  FC_LOG_LEVEL: { default: 'info', hint: 'one of fatal, error, warn, info, debug, trace, silent' },
  FC_DLQ_RETRY_INTERVAL_SEC: {
    default: '',
    hint: 'seconds between runs of the dead-letter retry schedule, 0 to turn it off, up to 3600 (default: 30, 0 in the test profile)'
  },
  FC_TIMELINE_INTERVAL_MS: {
    default: '',
    hint: 'milliseconds between samples of the sale timeline (post-sale report), 0 to turn it off, up to 60000 (default: 1000, 0 in the test profile)'
  },
  FC_DLQ_RETRY_BASE_SEC: {
    default: '30',
    hint: 'seconds a dead letter waits before its first automatic replay, doubled for each replay after it, 1-86400'
  },
  FC_DLQ_RETRY_MAX: {
    default: '3',
    hint: 'automatic replays of one message before it is left to an operator, 0-20'
  },
  FC_DLQ_RETRY_BATCH: {
    default: '100',
    hint: 'dead letters replayed per run of the schedule, at most, 1-10000'
  },
  FC_SHED_EVENT_LOOP_DELAY_MS: {
    default: '',
    hint: 'mean event-loop delay (ms) over which new requests get 503 FC_OVERLOADED, 0 to not check (default: 200, 0 in the test profile)'
  },
  FC_SHED_EVENT_LOOP_UTILIZATION: {
    default: '0',
    hint: 'share of the last 100 ms the event loop was busy (0-1, e.g. 0.98) over which new requests get 503 FC_OVERLOADED, 0 to not check'
  },
  FC_SHED_MAX_CONNECTIONS: {
    default: '0',
    hint: 'open connections per API process past which a new one is answered 503 FC_OVERLOADED at once, before its request is read; 0 for no cap'
  },
  FC_SHED_HEAP_BYTES: {
    default: '0',
    hint: 'V8 heap used (bytes) over which new requests get 503, 0 to not check'
  },
  FC_SHED_RSS_BYTES: {
    default: '0',
    hint: 'resident memory (bytes) over which new requests get 503, 0 to not check'
  },
  FC_SHED_RETRY_AFTER_SEC: { default: '2', hint: 'the Retry-After of an overload refusal, 1-60 seconds' },
  FC_LOG_REQUEST_SAMPLE: {
    default: '0',
    hint: 'share of requests logged at info, 0-1 (0: none; at debug every request is logged whatever this says)'
  },
  FC_LOG_PRETTY: {
    default: '',
    hint: '1 for readable colored log lines (pino-pretty), 0 for JSON lines (default: 1 in development, 0 otherwise)'
  },
  FC_REDIS_PREFIX: { default: 'fc', hint: 'letters, digits, dots or dashes, 1-32 characters' },
  FC_KAFKA_TOPIC_PREFIX: { default: 'firstcome', hint: 'letters, digits, dots or dashes, 1-64 characters' },
  FC_KAFKA_PARTITIONS: { default: '6', hint: 'partitions per topic, 1-1024' },
  FC_CONSUMERS_PER_PROCESS: {
    default: '1',
    hint: 'members of each pipeline consumer group (bookings, claims) in one worker process, 1-64'
  },
  FC_KAFKA_REPLICATION: {
    default: 'auto',
    hint: 'copies of each topic partition, 1-7, or auto for min(3, brokers in the cluster); 3 copies get min.insync.replicas=2'
  },
  FC_IDEMPOTENCY_TTL_SEC: { default: '86400', hint: 'seconds an Idempotency-Key is remembered, 60-604800' },
  FC_DEFAULT_CURRENCY: {
    default: 'KRW',
    hint: 'the ISO 4217 code of sales created without a `currency`, three upper-case letters such as KRW, JPY or USD'
  },
  FC_HOLD_MAX_EXTENSIONS: { default: '2', hint: 'how often one hold may be extended, 0-10' },
  FC_SWEEP_INTERVAL_MS: { default: '500', hint: 'hold-expiry sweeper period in milliseconds, 50-60000' },
  FC_ADMISSION_TICK_MS: {
    default: '1000',
    hint: 'admission scheduler tick in milliseconds, 100-60000 (the lease lives 1.5 ticks)'
  },
  FC_QUEUE_GRACE_SEC: {
    default: '30',
    hint: 'seconds a waiting buyer may stay silent (no stream, heartbeat or poll) before losing the place, 5-3600'
  },
  FC_WORKERS: { default: '1', hint: '1 to run the workers in the API process, 0 for API only' },
  FC_PAYMENT_LATENCY_MS: { default: '20', hint: 'simulated gateway latency in milliseconds, 0-60000' },
  FC_PAYMENT_DECLINE_RATE: { default: '0', hint: 'share of payments declined, 0-1' },
  FC_PAYMENT_TIMEOUT_RATE: { default: '0', hint: 'share of payments that time out, 0-1' },
  FC_PAYMENT_TIMEOUT_MS: {
    default: '2000',
    hint: 'how long a payment may take before it counts as timed out'
  },
  FC_PAYMENT_PROVIDER: {
    default: 'simulator',
    hint: 'simulator (the built-in simulated gateway) or http (a real provider at FC_PAYMENT_URL, docs/payments.md)'
  },
  FC_PAYMENT_URL: {
    default: '',
    hint: "the payment provider's API base URL, https:// (or http:// on loopback)"
  },
  FC_PAYMENT_SECRET_KEY: {
    default: '',
    hint: "the merchant's secret API key at the payment provider (required with FC_PAYMENT_PROVIDER=http)"
  },
  FC_PAYMENT_CALLBACK_SECRET: {
    default: '',
    hint: 'the secret the payment provider signs its callbacks with, 16+ characters (required with FC_PAYMENT_PROVIDER=http)'
  },
  FC_PAYMENT_ALLOW_SIMULATOR: {
    default: '0',
    hint: '1 to let production run on the simulated gateway (demos, load tests), 0 to refuse it'
  },
  FC_TRUST_PROXY: {
    default: '',
    hint: 'comma-separated addresses or CIDRs of your reverse proxies, e.g. 10.0.0.0/8,127.0.0.1; only their X-Forwarded-For is believed (empty: trust no proxy)'
  },
  FC_IP_LIMITS: {
    default: '',
    hint: '1 to enforce per-IP rate limits and IP auto-blocks, 0 to turn them off (default: 1 in production, 0 otherwise)'
  },
  FC_RATE_SYNC_MS: {
    default: '100',
    hint: 'how often each API process adds the requests it let through to the shared rate limits, in milliseconds, 10-5000'
  },
  FC_BODY_LIMIT_BYTES: { default: '16384', hint: 'largest accepted request body in bytes, 1024-1048576' },
  FC_STREAMS_PER_USER: {
    default: '5',
    hint: 'server-sent event streams one user may hold open in one API process, 1-1000'
  },
  FC_STREAMS_PER_IP: {
    default: '200',
    hint: 'server-sent event streams one client address (IPv6: one /64) may hold open in one API process, 1-1000000 (counted with FC_IP_LIMITS=1)'
  },
  FC_STREAMS_MAX: {
    default: '100000',
    hint: 'server-sent event streams one API process holds open at most, 1-1000000'
  },
  FC_STREAM_BUFFER_BYTES: {
    default: '65536',
    hint: 'unsent bytes after which a stream whose client stopped reading is closed, 4096-16777216'
  },
  FC_SEAT_SNAPSHOT_MS: {
    default: '250',
    hint: "how old a sale's shared seat map snapshot may get before a read refreshes it, and how often seat streams get their changes, in milliseconds, 50-10000"
  },
  FC_INTERNAL_HOST: {
    default: '127.0.0.1',
    hint: 'address of the internal listener (/ready, /metrics): loopback or a private network only, never a public address'
  },
  FC_INTERNAL_PORT: {
    default: '9464',
    hint: 'port of the internal listener (/ready, /metrics), 0-65535 (0: any free port), or off'
  },
  FC_API_DOCS: {
    default: '',
    hint: '1 to serve the API reference at /docs, 0 not to (default: 1 in development and test, 0 in production)'
  },
  FC_RESPONSE_VALIDATION: {
    default: '0',
    hint: '1 to check every JSON answer against its route schema (development and test only: costs CPU per answer), else 0'
  },
  FC_READY_CACHE_MS: {
    default: '2000',
    hint: 'how long one /ready answer (its PostgreSQL, Redis and Kafka probes) is reused, in milliseconds, 0-60000'
  },
  FC_WEBHOOK_ALLOW: {
    default: '',
    hint: 'comma-separated host names, addresses or CIDRs that webhooks may call although they are loopback, private or link-local, e.g. hooks.internal,10.20.0.0/16 (empty: none)'
  },
  FC_WEBHOOK_TIMEOUT_MS: {
    default: '5000',
    hint: 'how long one webhook request may take, connection included, in milliseconds, 100-60000'
  },
  FC_WEBHOOK_MAX_ATTEMPTS: {
    default: '8',
    hint: 'attempts of one webhook delivery before it is given up (failed, redeliverable), 1-50'
  },
  FC_WEBHOOK_BACKOFF_MS: {
    default: '1000',
    hint: 'delay before the first webhook retry in milliseconds (doubling each time, with jitter), 10-3600000'
  },
  FC_WEBHOOK_BACKOFF_MAX_MS: {
    default: '3600000',
    hint: 'longest delay between two webhook attempts in milliseconds, 10-86400000'
  },
  FC_WEBHOOK_CONCURRENCY: {
    default: '32',
    hint: 'webhook requests one dispatcher has in flight at most, 1-1000'
  },
  FC_WEBHOOK_ENDPOINT_CONCURRENCY: {
    default: '4',
    hint: 'webhook requests one dispatcher has in flight to one endpoint at most, 1-100'
  },
  FC_WEBHOOK_POLL_MS: {
    default: '500',
    hint: 'how often the webhook dispatcher looks for new events and due retries, in milliseconds, 50-60000'
  }
} as const satisfies Record<string, { default: string; hint: string }>

export type SettingName = keyof typeof settings

const LogLevel = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))
)

const Prefix = (max: number) => Type.String({ pattern: '^[A-Za-z0-9.-]+$', minLength: 1, maxLength: max })

/** The validated, typed configuration. */
export const ConfigSchema = Type.Object({
  env: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')]),
  http: Type.Object({
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    host: Type.String({ minLength: 1 }),
    bodyLimit: Type.Integer({ minimum: 1024, maximum: 1048576 }),
    /** Serve the browsable API reference at `/docs` (`/openapi.json` is always served). */
    docs: Type.Boolean(),
    /** Check every JSON answer against its route's response schema (a mismatch answers 500 FC_RESPONSE_SCHEMA). */
    responseValidation: Type.Boolean()
  }),
  /** The internal listener (`/ready`, `/metrics`); port null: turned off. */
  internal: Type.Object({
    host: Type.String({ minLength: 1 }),
    port: Type.Union([Type.Integer({ minimum: 0, maximum: 65535 }), Type.Null()]),
    /** How long a readiness answer is reused (ms). */
    readyCacheMs: Type.Integer({ minimum: 0, maximum: 60000 })
  }),
  redis: Type.Object({ url: Type.String({ pattern: '^rediss?(\\+cluster)?://' }), prefix: Prefix(32) }),
  postgres: Type.Object({ url: Type.String({ pattern: '^postgres(ql)?://' }) }),
  kafka: Type.Object({
    brokers: Type.Array(Type.String({ pattern: '^[^\\s:,]+:[0-9]{1,5}$' }), { minItems: 1 }),
    topicPrefix: Prefix(64),
    partitions: Type.Integer({ minimum: 1, maximum: 1024 }),
    /** Members of each pipeline consumer group in one worker process (their batches run side by side). */
    consumersPerProcess: Type.Integer({ minimum: 1, maximum: 64 }),
    replication: Type.Union([Type.Literal('auto'), Type.Integer({ minimum: 1, maximum: 7 })])
  }),
  auth: Type.Object({
    jwtSecret: Type.String(),
    jwksUrl: Type.String(),
    audience: Type.String({ minLength: 1 }),
    /** Expected `iss`; empty: not checked. */
    issuer: Type.String({ maxLength: 512 }),
    /** Oldest accepted bearer token, from its `iat` (required). */
    maxAgeSec: Type.Integer({ minimum: 60, maximum: 2592000 }),
    /** The claim, and its value, that make a bearer token an admin's. */
    adminClaim: Type.String({ minLength: 1, maxLength: 128 }),
    adminValue: Type.String({ minLength: 1, maxLength: 128 }),
    /** How long a fetched key set, and a token verified with it, is trusted. */
    jwksMaxAgeSec: Type.Integer({ minimum: 10, maximum: 86400 }),
    devAuth: Type.Boolean()
  }),
  /** The server's own signing secrets: access tokens, queue tokens, proof-of-work challenges. */
  tokens: Type.Object({
    /** Signs and verifies. */
    secret: Type.String(),
    /** The secret being rotated out: verifies only; empty: none. */
    previousSecret: Type.String(),
    /** Lifetime of a queue token. */
    queueTtlSec: Type.Integer({ minimum: 300, maximum: 604800 })
  }),
  logLevel: LogLevel,
  /** The dead-letter retry schedule (workers/dead-letter-retry.ts); intervalSec 0: off. */
  dlqRetry: Type.Object({
    intervalSec: Type.Integer({ minimum: 0, maximum: 3600 }),
    baseDelaySec: Type.Integer({ minimum: 1, maximum: 86400 }),
    maxReplays: Type.Integer({ minimum: 0, maximum: 20 }),
    batch: Type.Integer({ minimum: 1, maximum: 10000 })
  }),
  /** The sale timeline (workers/sale-timeline.ts); intervalMs 0: off. */
  timeline: Type.Object({
    intervalMs: Type.Integer({ minimum: 0, maximum: 60000 })
  }),
  /** Overload shedding (http/load-shedding.ts): the bounds, 0 for not checked. */
  shed: Type.Object({
    maxEventLoopDelayMs: Type.Integer({ minimum: 0, maximum: 60000 }),
    maxEventLoopUtilization: Type.Number({ minimum: 0, maximum: 1 }),
    maxConnections: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    maxHeapUsedBytes: Type.Integer({ minimum: 0 }),
    maxRssBytes: Type.Integer({ minimum: 0 }),
    retryAfterSec: Type.Integer({ minimum: 1, maximum: 60 })
  }),
  /** Share of requests logged at info (each request at debug). */
  logRequestSample: Type.Number({ minimum: 0, maximum: 1 }),
  /** Readable log lines through pino-pretty instead of JSON. */
  logPretty: Type.Boolean(),
  idempotencyTtlSec: Type.Integer({ minimum: 60, maximum: 604800 }),
  /** The currency (ISO 4217) of a sale created without one. */
  defaultCurrency: Type.String({ pattern: '^[A-Z]{3}$' }),
  holdMaxExtensions: Type.Integer({ minimum: 0, maximum: 10 }),
  sweepIntervalMs: Type.Integer({ minimum: 50, maximum: 60000 }),
  queue: Type.Object({
    tickMs: Type.Integer({ minimum: 100, maximum: 60000 }),
    graceSec: Type.Integer({ minimum: 5, maximum: 3600 })
  }),
  traffic: Type.Object({
    /** Proxies whose X-Forwarded-For is believed (fastify `trustProxy`); empty: none. */
    trustProxy: Type.Array(Type.String({ pattern: '^[0-9A-Fa-f.:]+(/[0-9]{1,3})?$' }), { maxItems: 64 }),
    /** Per-IP limits and IP auto-blocks. */
    ipLimits: Type.Boolean(),
    /** How often each process syncs its rate-limit counts with the shared state (ms). */
    rateSyncMs: Type.Integer({ minimum: 10, maximum: 5000 })
  }),
  /** Caps of the server-sent event streams of one process. */
  streams: Type.Object({
    perUser: Type.Integer({ minimum: 1, maximum: 1000 }),
    perIp: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    max: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    bufferBytes: Type.Integer({ minimum: 4096, maximum: 16_777_216 })
  }),
  /** The public seat map's shared snapshot: refreshed at most this often (ms), streams tick as often. */
  seatMap: Type.Object({ snapshotMs: Type.Integer({ minimum: 50, maximum: 10000 }) }),
  workers: Type.Boolean(),
  /** Webhooks: where they may go, and how the dispatcher sends and retries. */
  webhooks: Type.Object({
    /** Host names, addresses and CIDRs that may be called although private or loopback. */
    allow: Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 256 }),
    timeoutMs: Type.Integer({ minimum: 100, maximum: 60000 }),
    maxAttempts: Type.Integer({ minimum: 1, maximum: 50 }),
    backoffMs: Type.Integer({ minimum: 10, maximum: 3_600_000 }),
    backoffMaxMs: Type.Integer({ minimum: 10, maximum: 86_400_000 }),
    concurrency: Type.Integer({ minimum: 1, maximum: 1000 }),
    endpointConcurrency: Type.Integer({ minimum: 1, maximum: 100 }),
    pollMs: Type.Integer({ minimum: 50, maximum: 60000 })
  }),
  payment: Type.Object({
    latencyMs: Type.Integer({ minimum: 0, maximum: 60000 }),
    declineRate: Type.Number({ minimum: 0, maximum: 1 }),
    timeoutRate: Type.Number({ minimum: 0, maximum: 1 }),
    timeoutMs: Type.Integer({ minimum: 1, maximum: 600000 }),
    /** Who charges: the simulated gateway, or a real provider over HTTP. */
    provider: Type.Union([Type.Literal('simulator'), Type.Literal('http')]),
    url: Type.String({ maxLength: 2048 }),
    secretKey: Type.String({ maxLength: 1024 }),
    callbackSecret: Type.String({ maxLength: 1024 }),
    /** Production runs on the simulator only when this says so. */
    allowSimulator: Type.Boolean()
  })
})

export type Config = Static<typeof ConfigSchema>
