import { createServer } from 'node:net'

/** Whether a TCP port can be bound on 127.0.0.1 right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.close(() => resolve(true))
    })
  })
}

/**
 * Every port handed out by this process so far (companions included): free now is not reserved,
 * so a port chosen for one service but not bound yet must not be chosen again for another
 * started beside it (a PostgreSQL and a Redis Cluster node once got the same port).
 */
const handedOut = new Set<number>()

/**
 * `count` free loopback ports. With `companionOffset`, `port + companionOffset` must be free as
 * well (Redis Cluster's bus listens on port + 10000). Ports come from 20000-32700, below the
 * kernel's ephemeral range, with the companion port in it too. Never one this process handed out
 * before.
 */
export async function freePorts(count: number, companionOffset = 0): Promise<number[]> {
  const chosen: number[] = []
  const taken = handedOut
  for (let attempt = 0; chosen.length < count && attempt < 2000; attempt++) {
    // Below the kernel's ephemeral range (32768+), where outgoing connections take their ports:
    // a port that is free now could otherwise be taken by a client socket before the server binds.
    const port = 20_000 + Math.floor(Math.random() * (12_700 - companionOffset))
    const companion = port + companionOffset
    if (taken.has(port) || taken.has(companion)) continue
    // Reserved before the check awaits, so a concurrent call cannot pick it meanwhile.
    taken.add(port)
    taken.add(companion)
    const free = (await isPortFree(port)) && (companionOffset === 0 || (await isPortFree(companion)))
    if (free) chosen.push(port)
    else {
      taken.delete(port)
      taken.delete(companion)
    }
  }
  if (chosen.length < count) throw new Error(`could not find ${count} free loopback ports`)
  return chosen
}
