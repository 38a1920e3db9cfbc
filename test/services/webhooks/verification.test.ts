/**
 * The verification snippet of docs/webhooks.md, run as it is written there: it accepts what the
 * dispatcher signs and rejects a forged signature, a changed body and a stale timestamp.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { generateSecret, webhookHeaders } from '../../../src/services/webhooks/signature.ts'

type Verify = (
  secret: string,
  rawBody: string,
  headers: Record<string, string>
) => { type: string; timestamp: string; data: Record<string, unknown> }

/** The first TypeScript block of docs/webhooks.md that imports standardwebhooks, compiled and loaded. */
function documentedVerify(): Verify {
  const doc = readFileSync(new URL('../../../docs/webhooks.md', import.meta.url), 'utf8')
  const block = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .find((code) => code.includes("from 'standardwebhooks'"))
  if (!block) throw new Error('docs/webhooks.md has no verification snippet')
  const js = ts.transpileModule(block, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }
  }).outputText
  const module = { exports: {} as Record<string, unknown> }
  new Function('require', 'module', 'exports', js)(createRequire(import.meta.url), module, module.exports)
  const verify = module.exports.verifyFirstcomeWebhook
  if (typeof verify !== 'function') throw new Error('the snippet exports no verifyFirstcomeWebhook')
  return verify as Verify
}

describe('the documented verification snippet', () => {
  const verify = documentedVerify()
  const secret = generateSecret()
  const id = 'msg_0123456789abcdef0123456789abcdef'
  const body = JSON.stringify({
    type: 'reservation.confirmed',
    timestamp: new Date().toISOString(),
    data: { saleId: 'e3k9x0c1q7m2z8a', userId: 'u1' }
  })
  const now = () => Math.floor(Date.now() / 1000)

  it('accepts a webhook signed as the dispatcher signs it', () => {
    const event = verify(secret, body, webhookHeaders(secret, id, now(), body))
    expect(event).toMatchObject({ type: 'reservation.confirmed', data: { userId: 'u1' } })
  })

  it('rejects a forged signature, another secret, a changed body and a stale or future timestamp', () => {
    const headers = webhookHeaders(secret, id, now(), body)
    expect(() =>
      verify(secret, body, { ...headers, 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}` })
    ).toThrow()
    expect(() => verify(generateSecret(), body, headers)).toThrow()
    expect(() => verify(secret, body.replace('u1', 'u2'), headers)).toThrow()
    expect(() => verify(secret, body, { ...headers, 'webhook-id': 'msg_other' })).toThrow()
    expect(() => verify(secret, body, webhookHeaders(secret, id, now() - 600, body))).toThrow(/timestamp/i)
    expect(() => verify(secret, body, webhookHeaders(secret, id, now() + 600, body))).toThrow(/timestamp/i)
  })
})
