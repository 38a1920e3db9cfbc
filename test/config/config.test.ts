import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_TOKEN_SECRET, loadConfig } from '../../src/config/index.ts'
import { configProblems } from '../http/helpers.ts'

// Production refuses predictable secrets ("s" x 32 was used here before): random ones.
const SECRET = randomBytes(32).toString('base64url')
const TOKEN_SECRET = randomBytes(32).toString('base64url')

const problems = configProblems

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const c = loadConfig({})
    expect(c.env).toBe('development')
    expect(c.http).toEqual({
      port: 3000,
      host: '127.0.0.1',
      bodyLimit: 16384,
      docs: true,
      responseValidation: false
    })
    expect(c.redis.url).toBe('redis://127.0.0.1:6379')
    expect(c.postgres.url).toBe('postgres://postgres@127.0.0.1:5432/firstcome')
    expect(c.kafka.brokers).toEqual(['127.0.0.1:9092'])
    expect(c.auth).toEqual({
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      jwksUrl: '',
      audience: 'firstcome',
      issuer: '',
      maxAgeSec: 86400,
      adminClaim: 'role',
      adminValue: 'admin',
      jwksMaxAgeSec: 300,
      devAuth: false
    })
    expect(c.tokens).toEqual({ secret: DEVELOPMENT_TOKEN_SECRET, previousSecret: '', queueTtlSec: 21600 })
    expect(c.payment).toMatchObject({ declineRate: 0, timeoutRate: 0 })
  })

  it('reads values from the environment, treating empty as unset', () => {
    const c = loadConfig({
      PORT: '8080',
      KAFKA_BROKERS: ' k1:9092, k2:9093 ,',
      FC_DEV_AUTH: '1',
      FC_PAYMENT_DECLINE_RATE: '0.25',
      FC_RATE_SYNC_MS: '250',
      HOST: ''
    })
    expect(c.http.port).toBe(8080)
    expect(c.http.host).toBe('127.0.0.1')
    expect(c.kafka.brokers).toEqual(['k1:9092', 'k2:9093'])
    expect(c.auth.devAuth).toBe(true)
    expect(c.payment.declineRate).toBe(0.25)
    expect(c.traffic.rateSyncMs).toBe(250)
  })

  it.each([
    ['PORT', 'abc', 'a TCP port number'],
    ['PORT', '70000', 'a TCP port number'],
    ['PORT', '80.5', 'a TCP port number'],
    ['KAFKA_BROKERS', 'localhost', 'comma-separated host:port list'],
    ['KAFKA_BROKERS', ',', 'comma-separated host:port list'],
    ['FC_PAYMENT_DECLINE_RATE', '1.5', '0-1'],
    ['FC_PAYMENT_TIMEOUT_RATE', '-0.1', '0-1'],
    ['FC_PAYMENT_TIMEOUT_RATE', 'half', '0-1'],
    ['NODE_ENV', 'staging', 'one of development, production, test'],
    ['FC_DEV_AUTH', 'yes', '1 to enable'],
    ['REDIS_URL', 'http://x', 'a redis:// or rediss:// URL'],
    ['FC_BODY_LIMIT_BYTES', '10', '1024-1048576'],
    ['FC_RATE_SYNC_MS', '5', '10-5000']
  ])('refuses %s=%s and names the fix', (variable, value, fix) => {
    const found = problems({ [variable]: value })
    expect(Object.keys(found)).toEqual([variable])
    expect(found[variable]).toContain(`"${value}" is not valid`)
    expect(found[variable]).toContain(fix)
  })

  it('reports every bad variable at once, in the error message too', () => {
    let message = ''
    try {
      loadConfig({ PORT: 'x', NODE_ENV: 'prod', FC_PAYMENT_DECLINE_RATE: '2' })
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toMatch(/^invalid configuration:/)
    for (const v of ['PORT', 'NODE_ENV', 'FC_PAYMENT_DECLINE_RATE']) expect(message).toContain(`- ${v}:`)
  })

  it('production refuses to start without a real key', () => {
    expect(problems({ NODE_ENV: 'production' }).FC_JWT_SECRET).toMatch(/set FC_JWT_SECRET .* or FC_JWKS_URL/)
  })

  it('production refuses FC_DEV_AUTH=1', () => {
    expect(
      problems({
        NODE_ENV: 'production',
        FC_JWT_SECRET: SECRET,
        FC_TOKEN_SECRET: TOKEN_SECRET,
        FC_DEV_AUTH: '1'
      }).FC_DEV_AUTH
    ).toMatch(/must be 0 in production/)
  })

  it('production starts with a secret or a JWKS URL, dev tokens off', () => {
    const withSecret = loadConfig({
      NODE_ENV: 'production',
      FC_JWT_SECRET: SECRET,
      FC_TOKEN_SECRET: TOKEN_SECRET,
      FC_PAYMENT_ALLOW_SIMULATOR: '1'
    })
    expect(withSecret.auth).toMatchObject({ jwtSecret: SECRET, devAuth: false })
    const withJwks = loadConfig({
      NODE_ENV: 'production',
      FC_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      FC_TOKEN_SECRET: TOKEN_SECRET,
      FC_PAYMENT_ALLOW_SIMULATOR: '1'
    })
    expect(withJwks.auth).toMatchObject({
      jwtSecret: '',
      jwksUrl: 'https://idp.example/.well-known/jwks.json'
    })
  })

  it('refuses a short secret in every profile', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(problems({ NODE_ENV, FC_JWT_SECRET: 'short' }).FC_JWT_SECRET).toMatch(/too short.*at least 32/)
    }
  })

  it('refuses a JWKS URL that is neither https nor loopback http', () => {
    expect(problems({ FC_JWKS_URL: 'http://idp.example/jwks' }).FC_JWKS_URL).toContain('https://')
    expect(loadConfig({ FC_JWKS_URL: 'http://127.0.0.1:9999/jwks' }).auth.jwksUrl).toBe(
      'http://127.0.0.1:9999/jwks'
    )
  })

  it('returns a deeply frozen object', () => {
    const c = loadConfig({})
    expect(Object.isFrozen(c)).toBe(true)
    expect(Object.isFrozen(c.http)).toBe(true)
    expect(Object.isFrozen(c.auth)).toBe(true)
    expect(Object.isFrozen(c.kafka.brokers)).toBe(true)
    expect(() => {
      ;(c.http as { port: number }).port = 1
    }).toThrow(TypeError)
    expect(() => {
      ;(c.kafka.brokers as string[]).push('x:1')
    }).toThrow(TypeError)
  })
})

describe('payment provider settings', () => {
  const production = { NODE_ENV: 'production', FC_JWT_SECRET: SECRET, FC_TOKEN_SECRET: TOKEN_SECRET }
  const http = {
    FC_PAYMENT_PROVIDER: 'http',
    FC_PAYMENT_URL: 'https://api.provider.example',
    FC_PAYMENT_SECRET_KEY: 'sk_live_0123456789',
    FC_PAYMENT_CALLBACK_SECRET: randomBytes(24).toString('base64url')
  }

  it('production refuses the simulator unless allowed on purpose', () => {
    expect(problems(production).FC_PAYMENT_PROVIDER).toMatch(/FC_PAYMENT_ALLOW_SIMULATOR=1 on purpose/)
    expect(loadConfig({ ...production, FC_PAYMENT_ALLOW_SIMULATOR: '1' }).payment.provider).toBe('simulator')
    expect(loadConfig({ ...production, ...http }).payment).toMatchObject({
      provider: 'http',
      url: 'https://api.provider.example'
    })
    // Development and test keep the simulator by default.
    expect(loadConfig({}).payment.provider).toBe('simulator')
  })

  it('a real provider needs its URL (https, or http on loopback) and both secrets', () => {
    const refused = problems({ FC_PAYMENT_PROVIDER: 'http' })
    expect(refused.FC_PAYMENT_URL).toMatch(/https:\/\//)
    expect(refused.FC_PAYMENT_SECRET_KEY).toMatch(/is missing/)
    expect(refused.FC_PAYMENT_CALLBACK_SECRET).toMatch(/is missing/)
    expect(problems({ ...http, FC_PAYMENT_URL: 'http://provider.example' }).FC_PAYMENT_URL).toBeDefined()
    expect(problems({ ...http, FC_PAYMENT_CALLBACK_SECRET: 'short' }).FC_PAYMENT_CALLBACK_SECRET).toMatch(
      /too short/
    )
    expect(loadConfig({ ...http, FC_PAYMENT_URL: 'http://127.0.0.1:4010' }).payment.url).toBe(
      'http://127.0.0.1:4010'
    )
    expect(problems({ FC_PAYMENT_PROVIDER: 'stripe' }).FC_PAYMENT_PROVIDER).toMatch(/simulator .* or http/)
  })
})
