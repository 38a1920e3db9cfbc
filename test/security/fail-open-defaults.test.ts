/**
 * Finding 8 (medium): fail-open defaults. With NODE_ENV unset the service ran the development
 * profile, which signs and accepts tokens with a secret published in this repository, on whatever
 * HOST it was given. Now:
 * - a HOST beyond loopback needs an explicit NODE_ENV (production, or development on purpose);
 * - only the development profile has default secrets; test and production need them set;
 * - production refuses the secrets published here (the development defaults, the docker-compose
 *   file's, the load tools') and predictable ones, for FC_JWT_SECRET and FC_TOKEN_SECRET alike;
 * - a trust-proxy list that trusts every address is warned about at start.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, onTestFinished } from 'vitest'
import {
  configWarnings,
  DEVELOPMENT_JWT_SECRET,
  DEVELOPMENT_TOKEN_SECRET,
  loadConfig,
  PUBLISHED_SECRETS
} from '../../src/config/index.ts'
import { configProblems } from '../http/helpers.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const strong = () => randomBytes(32).toString('base64url')

const refusal = configProblems

describe('a HOST beyond loopback', () => {
  it('is refused while NODE_ENV is unset', () => {
    for (const HOST of ['0.0.0.0', '::', '10.1.2.3', 'api.example.com']) {
      expect(refusal({ HOST }).HOST).toMatch(/accepts outside connections: set NODE_ENV=production/)
    }
    for (const HOST of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) {
      expect(loadConfig({ HOST }).http.host).toBe(HOST)
    }
  })

  it('is accepted with an explicit profile; development on it is warned about', () => {
    const dev = loadConfig({ NODE_ENV: 'development', HOST: '0.0.0.0' })
    expect(configWarnings(dev).join('\n')).toMatch(/development profile listens on 0\.0\.0\.0/)
    const prod = loadConfig({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      FC_JWT_SECRET: strong(),
      FC_TOKEN_SECRET: strong(),
      FC_PAYMENT_ALLOW_SIMULATOR: '1'
    })
    expect(configWarnings(prod)).toEqual([])
  })

  it('keeps `firstcome serve` from starting at all', async () => {
    // Services nobody answers on: should the refusal ever regress, the server fails to start (and
    // this test with it) without touching anyone's database, keys or topics.
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      HOST: '0.0.0.0',
      PORT: '0',
      REDIS_URL: 'redis://127.0.0.1:1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      KAFKA_BROKERS: '127.0.0.1:1',
      FC_REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
      FC_WORKERS: '0'
    }
    delete env.NODE_ENV
    const child = spawn(process.execPath, [join(root, 'bin/firstcome.mjs'), 'serve'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString()
      if (/listening on/.test(output)) child.kill('SIGKILL')
    })
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    })
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code, output).toBe(1)
    expect(output).toMatch(/HOST: "0\.0\.0\.0" accepts outside connections/)
    expect(output).not.toMatch(/listening on/)
  })
})

describe('default secrets', () => {
  it('exist only in the development profile', () => {
    expect(loadConfig({}).auth.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET)
    expect(loadConfig({}).tokens.secret).toBe(DEVELOPMENT_TOKEN_SECRET)
    const test = refusal({ NODE_ENV: 'test' })
    expect(test.FC_JWT_SECRET).toMatch(/test needs a real key/)
    expect(test.FC_TOKEN_SECRET).toMatch(/test needs it/)
    const production = refusal({ NODE_ENV: 'production' })
    expect(production.FC_JWT_SECRET).toMatch(/production needs a real key/)
    expect(production.FC_TOKEN_SECRET).toMatch(/production needs it/)
  })

  it('published in this repository are refused in production, for every secret', () => {
    expect(PUBLISHED_SECRETS.has('dev-only-secret-do-not-use-in-production')).toBe(true)
    for (const published of PUBLISHED_SECRETS) {
      expect(
        refusal({ NODE_ENV: 'production', FC_JWT_SECRET: published, FC_TOKEN_SECRET: strong() }).FC_JWT_SECRET
      ).toMatch(/published in the firstcome repository/)
      expect(
        refusal({ NODE_ENV: 'production', FC_JWT_SECRET: strong(), FC_TOKEN_SECRET: published })
          .FC_TOKEN_SECRET
      ).toMatch(/published in the firstcome repository/)
      expect(
        refusal({
          NODE_ENV: 'production',
          FC_JWT_SECRET: strong(),
          FC_TOKEN_SECRET: strong(),
          FC_TOKEN_SECRET_PREVIOUS: published
        }).FC_TOKEN_SECRET_PREVIOUS
      ).toMatch(/published/)
    }
  })

  it('that are predictable are refused in production; random ones are accepted', () => {
    const fewDistinct = `${'a'.repeat(30)}b${'a'.repeat(9)}`
    for (const weak of [
      'p'.repeat(40),
      'abcd'.repeat(10),
      'changeme'.repeat(4),
      '0123456789'.repeat(4),
      fewDistinct
    ]) {
      expect(
        refusal({ NODE_ENV: 'production', FC_JWT_SECRET: weak, FC_TOKEN_SECRET: strong() }).FC_JWT_SECRET
      ).toMatch(/too predictable/)
    }
    // `openssl rand -hex 16` and `-base64 48` shapes.
    for (const ok of [randomBytes(16).toString('hex'), randomBytes(48).toString('base64')]) {
      expect(
        loadConfig({
          NODE_ENV: 'production',
          FC_JWT_SECRET: ok,
          FC_TOKEN_SECRET: strong(),
          FC_PAYMENT_ALLOW_SIMULATOR: '1'
        }).auth.jwtSecret
      ).toBe(ok)
    }
  })
})

describe('a trust-proxy list that trusts everything', () => {
  it('is warned about; a list of proxies is not', () => {
    for (const all of ['0.0.0.0/0', '::/0', '10.0.0.1,0.0.0.0/00']) {
      expect(configWarnings(loadConfig({ FC_TRUST_PROXY: all })).join('\n')).toMatch(/trusts every address/)
    }
    expect(configWarnings(loadConfig({ FC_TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }))).toEqual([])
  })
})
