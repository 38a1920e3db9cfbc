/**
 * Where webhooks may go: every address a host resolves to is checked, at registration and before
 * each attempt; production refuses loopback, private, link-local and reserved addresses unless
 * allow-listed, the development and test profiles allow loopback only.
 */
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/index.ts'
import type { DueDelivery, WebhookRequest, WebhookTransport } from '../../../src/domain/webhook-ports.ts'
import { isFcError } from '../../../src/errors.ts'
import { TargetPolicy } from '../../../src/services/webhooks/target-policy.ts'
import { attemptDelivery, retryDelayMs } from '../../../src/services/webhooks/webhook-delivery.ts'
import { TEST_JWT_SECRET, TEST_TOKEN_SECRET } from '../../support/secrets.ts'

/** A network whose names resolve as told and whose requests are only recorded. */
function fakeNetwork(names: Record<string, string[]>): WebhookTransport & { sent: WebhookRequest[] } {
  const sent: WebhookRequest[] = []
  return {
    sent,
    async resolve(host) {
      return names[host] ?? [host]
    },
    async send(request) {
      sent.push(request)
      return 200
    }
  }
}

const production = new TargetPolicy({ allowLoopback: false, allow: [] })
const development = new TargetPolicy({ allowLoopback: true, allow: [] })

async function refusedBy(policy: TargetPolicy, url: string, names: Record<string, string[]> = {}) {
  try {
    return { address: await policy.pick(url, fakeNetwork(names)) }
  } catch (err) {
    if (isFcError(err, 'FC_WEBHOOK_TARGET_REFUSED')) return { refused: err.message }
    throw err
  }
}

describe('target policy', () => {
  it('refuses loopback, private, link-local, CGNAT, multicast and unspecified addresses in production', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://127.1.2.3/',
      'https://[::1]/hook',
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://224.0.0.1/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/'
    ]) {
      expect(await refusedBy(production, url), url).toHaveProperty('refused')
    }
    expect(await refusedBy(production, 'https://93.184.216.34/hook')).toEqual({ address: '93.184.216.34' })
    expect(await refusedBy(production, 'https://[2606:4700::1111]/')).toEqual({ address: '2606:4700::1111' })
  })

  it('checks every address a name resolves to, and refuses a name that resolves to none', async () => {
    const names = { 'mixed.example': ['93.184.216.34', '10.1.2.3'], 'public.example': ['93.184.216.34'] }
    expect(await refusedBy(production, 'https://mixed.example/hook', names)).toHaveProperty('refused')
    expect(await refusedBy(production, 'https://public.example/hook', names)).toEqual({
      address: '93.184.216.34'
    })
    expect(await refusedBy(production, 'https://nowhere.example/', { 'nowhere.example': [] })).toHaveProperty(
      'refused'
    )
  })

  it('lets the allowlist name hosts and CIDRs', async () => {
    const allowing = new TargetPolicy({
      allowLoopback: false,
      allow: ['10.20.0.0/16', 'Hooks.Internal', '::1']
    })
    const names = { 'hooks.internal': ['192.168.7.7'] }
    expect(await refusedBy(allowing, 'http://10.20.3.4/')).toEqual({ address: '10.20.3.4' })
    expect(await refusedBy(allowing, 'http://10.21.3.4/')).toHaveProperty('refused')
    expect(await refusedBy(allowing, 'http://hooks.internal/x', names)).toEqual({ address: '192.168.7.7' })
    expect(await refusedBy(allowing, 'http://[::1]:9000/')).toEqual({ address: '::1' })
    expect(await refusedBy(allowing, 'http://127.0.0.1/')).toHaveProperty('refused')
  })

  it('allows loopback, and only loopback, in the development and test profiles', async () => {
    expect(await refusedBy(development, 'http://127.0.0.1:9/')).toEqual({ address: '127.0.0.1' })
    expect(await refusedBy(development, 'http://[::1]:9/')).toEqual({ address: '::1' })
    expect(await refusedBy(development, 'http://10.0.0.1/')).toHaveProperty('refused')
    expect(await refusedBy(development, 'http://169.254.169.254/')).toHaveProperty('refused')
  })

  it('checks again before each attempt and never sends to a refused address', async () => {
    // The name pointed to a public address at registration; now it points to the metadata service.
    const network = fakeNetwork({ 'rebind.example': ['169.254.169.254'] })
    const due: DueDelivery = {
      id: 'msg_0123456789abcdef0123456789abcdef',
      endpointId: 'wh_0123456789abcdef01234567',
      url: 'https://rebind.example/hook',
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      attempts: 1,
      event: { type: 'sale.sold_out', occurredAt: new Date().toISOString(), data: { saleId: 'e1' } }
    }
    const policy = { timeoutMs: 1000, maxAttempts: 2, backoffMs: 1000, backoffMaxMs: 10_000 }
    const first = await attemptDelivery(due, { transport: network, targets: production, policy })
    expect(first).toMatchObject({ status: 'retry', statusCode: null })
    expect(first.status !== 'delivered' && first.error).toMatch(/^FC_WEBHOOK_TARGET_REFUSED/)
    const last = await attemptDelivery(
      { ...due, attempts: 2 },
      { transport: network, targets: production, policy }
    )
    expect(last).toMatchObject({ status: 'failed' })
    expect(network.sent).toHaveLength(0)

    // Pinned: the request goes to the address checked, whatever a later lookup would say.
    const pinned = fakeNetwork({ 'public.example': ['93.184.216.34'] })
    const ok = await attemptDelivery(
      { ...due, url: 'https://public.example/hook' },
      { transport: pinned, targets: production, policy }
    )
    expect(ok).toEqual({ status: 'delivered', statusCode: 200 })
    expect(pinned.sent[0]?.address).toBe('93.184.216.34')
  })

  it('backs off exponentially with jitter, up to the cap', () => {
    const policy = { timeoutMs: 1000, maxAttempts: 8, backoffMs: 1000, backoffMaxMs: 10_000 }
    expect(retryDelayMs(policy, 1, () => 1)).toBe(1000)
    expect(retryDelayMs(policy, 1, () => 0)).toBe(500)
    expect(retryDelayMs(policy, 3, () => 1)).toBe(4000)
    expect(retryDelayMs(policy, 10, () => 1)).toBe(10_000)
    expect(retryDelayMs(policy, 10, () => 0)).toBe(5000)
  })

  it('takes FC_WEBHOOK_ALLOW as host names, addresses and CIDRs, and refuses anything else', () => {
    const env = {
      NODE_ENV: 'test',
      FC_REDIS_PREFIX: 'tallow',
      FC_KAFKA_TOPIC_PREFIX: 'tallow',
      FC_JWT_SECRET: TEST_JWT_SECRET,
      FC_TOKEN_SECRET: TEST_TOKEN_SECRET
    }
    expect(
      loadConfig({ ...env, FC_WEBHOOK_ALLOW: 'hooks.internal, 10.20.0.0/16,::1' }).webhooks.allow
    ).toEqual(['hooks.internal', '10.20.0.0/16', '::1'])
    for (const bad of ['10.0.0.0/33', 'http://x', '10.0.0.0/8/8', '-bad.example']) {
      expect(() => loadConfig({ ...env, FC_WEBHOOK_ALLOW: bad }), bad).toThrow(/FC_WEBHOOK_ALLOW/)
    }
  })
})
