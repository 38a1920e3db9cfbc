import { BlockList, isIP } from 'node:net'
import type { WebhookTransport } from '../../domain/webhook-ports.ts'
import { FcError } from '../../errors.ts'

/**
 * Where webhooks may go (server-side request forgery): an endpoint's host is resolved and EVERY
 * address it resolves to is checked, at registration and again before each attempt (a name may
 * point elsewhere since); the request then goes to the address checked, never to a second lookup.
 * Refused unless allow-listed: loopback (allowed by the development and test profiles), private
 * (RFC 1918, fc00::/7), link-local, unspecified, carrier-grade NAT (100.64.0.0/10), multicast,
 * broadcast and reserved ranges. An IPv4 address written as IPv6 (::ffff:a.b.c.d) is judged as the
 * IPv4 address.
 */
export interface TargetPolicyOptions {
  /** Loopback addresses may be called (the development and test profiles). */
  allowLoopback: boolean
  /** Host names (exact, any case) and addresses or CIDRs that may be called even so. */
  allow: readonly string[]
}

const LOOPBACK: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']> = [
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6']
]

const REFUSED: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'], // unspecified, "this network"
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['169.254.0.0', 16, 'ipv4'], // link-local (cloud metadata services)
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'], // unspecified
  ['64:ff9b::', 96, 'ipv6'], // NAT64: reaches any IPv4 address
  ['fc00::', 7, 'ipv6'], // unique local (private)
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'] // multicast
]

function listOf(ranges: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']>): BlockList {
  const list = new BlockList()
  for (const [net, bits, type] of ranges) list.addSubnet(net, bits, type)
  return list
}

const loopback = listOf(LOOPBACK)
const refused = listOf(REFUSED)

/** An IPv4 address carried in IPv6 (::ffff:a.b.c.d, in any spelling) as the IPv4 address; else as given. */
export function unmapped(address: string): string {
  if (isIP(address) !== 6) return address
  // The URL parser writes an IPv6 address in its one canonical form (::ffff:7f00:1).
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1)
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical)
  if (!mapped?.[1] || !mapped[2]) return canonical
  const hi = Number.parseInt(mapped[1], 16)
  const lo = Number.parseInt(mapped[2], 16)
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
}

/** A URL's host as the resolver takes it (IPv6 literals without brackets). */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
}

export class TargetPolicy {
  readonly #allowLoopback: boolean
  readonly #hosts: ReadonlySet<string>
  readonly #allowed = new BlockList()

  constructor(options: TargetPolicyOptions) {
    this.#allowLoopback = options.allowLoopback
    const hosts = new Set<string>()
    for (const entry of options.allow) {
      const [address = '', bits] = entry.split('/')
      const family = isIP(address)
      if (family === 0) {
        hosts.add(entry.toLowerCase())
        continue
      }
      const type = family === 4 ? 'ipv4' : 'ipv6'
      this.#allowed.addSubnet(address, bits === undefined ? (family === 4 ? 32 : 128) : Number(bits), type)
    }
    this.#hosts = hosts
  }

  /** Why `address` may not be called (for `host`), or undefined when it may. */
  refusal(host: string, address: string): string | undefined {
    if (this.#hosts.has(host.toLowerCase())) return undefined
    const plain = unmapped(address)
    const family = isIP(plain)
    if (family === 0) return 'not an IP address'
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (this.#allowed.check(plain, type)) return undefined
    if (loopback.check(plain, type)) return this.#allowLoopback ? undefined : 'a loopback address'
    if (refused.check(plain, type)) return 'a private, link-local or reserved address'
    return undefined
  }

  /**
   * Resolves the URL's host and checks every address; returns the one to connect to. Throws
   * FC_WEBHOOK_TARGET_REFUSED when any address is refused or the name does not resolve.
   */
  async pick(url: string, transport: Pick<WebhookTransport, 'resolve'>): Promise<string> {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new FcError('FC_VALIDATION', 'the webhook url is not a URL')
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new FcError('FC_VALIDATION', 'the webhook url must be https:// or http://')
    }
    const host = hostOf(parsed)
    let addresses: string[]
    try {
      addresses = await transport.resolve(host)
    } catch {
      addresses = []
    }
    if (addresses.length === 0) {
      throw new FcError('FC_WEBHOOK_TARGET_REFUSED', `${host} does not resolve to an address`, {
        details: { host }
      })
    }
    for (const address of addresses) {
      const why = this.refusal(host, address)
      if (why !== undefined) {
        throw new FcError('FC_WEBHOOK_TARGET_REFUSED', `${host} resolves to ${address}, ${why}`, {
          details: { host, address }
        })
      }
    }
    return addresses[0] as string
  }
}
