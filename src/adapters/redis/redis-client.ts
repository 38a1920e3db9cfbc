import { createClient, createCluster } from 'redis'

/**
 * How `REDIS_URL` names the deployment:
 * - `redis://[user:pass@]host:port[/db]` (or `rediss://`): one server (a primary, possibly behind a proxy);
 * - `redis+cluster://[user:pass@]host:port,host:port,...` (or `rediss+cluster://`): a Redis Cluster,
 *   given by one or more seed nodes; the client learns the rest of the topology from them.
 */
export type RedisMode = 'single' | 'cluster'

/** A parsed `REDIS_URL`. */
export interface RedisTarget {
  mode: RedisMode
  /** Seed nodes (one for `single`). */
  nodes: Array<{ host: string; port: number }>
  username: string | undefined
  password: string | undefined
  tls: boolean
  /** One `redis://` URL per node, credentials included, for clients that take URLs. */
  nodeUrls: string[]
}

const SCHEMES: Record<string, { mode: RedisMode; tls: boolean }> = {
  'redis:': { mode: 'single', tls: false },
  'rediss:': { mode: 'single', tls: true },
  'redis+cluster:': { mode: 'cluster', tls: false },
  'rediss+cluster:': { mode: 'cluster', tls: true }
}

/** Parses `REDIS_URL` in either form; throws a plain-words error for anything else. */
export function parseRedisTarget(url: string): RedisTarget {
  const match = /^([a-z+]+:)\/\/(?:([^@/]*)@)?([^/?#]*)([/?#].*)?$/i.exec(url.trim())
  const scheme = match?.[1] ? SCHEMES[match[1].toLowerCase()] : undefined
  if (!match || !scheme) {
    throw new Error(
      `REDIS_URL must start with redis://, rediss://, redis+cluster:// or rediss+cluster://: ${url}`
    )
  }
  const [user, pass] = (match[2] ?? '').split(':', 2)
  const username = user ? decodeURIComponent(user) : undefined
  const password = pass ? decodeURIComponent(pass) : undefined
  const nodes = (match[3] ?? '')
    .split(',')
    .filter((n) => n !== '')
    .map((n) => {
      const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(n)
      if (!m?.[1]) throw new Error(`REDIS_URL node "${n}" is not host:port`)
      return { host: m[1], port: m[2] ? Number(m[2]) : 6379 }
    })
  if (nodes.length === 0) nodes.push({ host: '127.0.0.1', port: 6379 })
  if (scheme.mode === 'single' && nodes.length > 1) {
    throw new Error(`REDIS_URL names ${nodes.length} nodes: use redis+cluster:// for a Redis Cluster`)
  }
  const auth = match[2] ? `${match[2]}@` : ''
  const base = scheme.tls ? 'rediss' : 'redis'
  const tail = scheme.mode === 'single' ? (match[4] ?? '') : ''
  return {
    mode: scheme.mode,
    nodes,
    username,
    password,
    tls: scheme.tls,
    nodeUrls: nodes.map((n) => `${base}://${auth}${n.host}:${n.port}${tail}`)
  }
}

const socket = {
  connectTimeout: 5000,
  reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000)
}

function createSingle(url: string, name: string) {
  return createClient({ url, name, disableOfflineQueue: true, socket })
}

function createClusterClient(target: RedisTarget, name: string) {
  return createCluster({
    rootNodes: target.nodeUrls.map((url) => ({ url })),
    defaults: { name, disableOfflineQueue: true, socket },
    // A killed primary is replaced by its replica after cluster-node-timeout (2 s in the local
    // stack); re-reading the slot map every 500 ms while a node reconnects finds the new primary
    // within about one refresh of the promotion instead of after the reconnect back-off.
    topologyRefreshOnReconnectionAttemptStrategy: 500,
    maxCommandRedirections: 16
  })
}

/**
 * A connection to one server or to a Redis Cluster. Both expose the same command methods:
 * keyed commands (and EVAL/EVALSHA, by their first key) are routed to the slot's primary by the
 * cluster client; keyless ones (PING, TIME, SCRIPT LOAD) go to a node of its choosing, which is why
 * every script keeps all its keys in one hash tag and {@link ScriptRunner} falls back to EVAL on
 * NOSCRIPT (a promoted replica has an empty script cache).
 */
export type RedisClient = ReturnType<typeof createSingle> | ReturnType<typeof createClusterClient>

/**
 * Opens a Redis connection (one server or a cluster, see {@link parseRedisTarget}). Commands
 * issued while it reconnects fail fast instead of queueing without bound, so a Redis outage turns
 * into 503s rather than piling up memory.
 */
export async function connectRedis(url: string, name = 'firstcome'): Promise<RedisClient> {
  const target = parseRedisTarget(url)
  const client: RedisClient =
    target.mode === 'cluster' ? createClusterClient(target, name) : createSingle(url, name)
  // Without a listener node-redis would crash the process on a connection error; reconnects are
  // handled by the strategy above and surface as failed commands.
  client.on('error', () => {})
  await client.connect()
  return client
}

/** Whether a client talks to a Redis Cluster. */
export function isClusterClient(client: RedisClient): client is ReturnType<typeof createClusterClient> {
  return 'masters' in client
}

/** Readiness probe: PING answers within the client's timeouts. */
export async function isRedisReady(client: RedisClient): Promise<boolean> {
  try {
    return client.isReady && (await client.ping()) === 'PONG'
  } catch {
    return false
  }
}
