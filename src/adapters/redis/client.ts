import { createClient } from 'redis'

function create(url: string, name: string) {
  return createClient({
    url,
    name,
    disableOfflineQueue: true,
    socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) }
  })
}

export type RedisClient = ReturnType<typeof create>

/**
 * Opens a Redis connection. Commands issued while it reconnects fail fast instead of queueing
 * without bound, so a Redis outage turns into 503s rather than piling up memory.
 */
export async function connectRedis(url: string, name = 'firstcome'): Promise<RedisClient> {
  const client = create(url, name)
  // Without a listener node-redis would crash the process on a connection error; reconnects are
  // handled by the strategy above and surface as failed commands.
  client.on('error', () => {})
  await client.connect()
  return client
}

/** Readiness probe: PING answers within the client's timeouts. */
export async function isRedisReady(client: RedisClient): Promise<boolean> {
  try {
    return client.isReady && (await client.ping()) === 'PONG'
  } catch {
    return false
  }
}
