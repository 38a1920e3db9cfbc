/**
 * A child of `bench/queue.ts`: opens SSE streams to the waiting room from one local address and
 * counts the events each one receives. Spread over several processes because one process may hold
 * at most 20,000 file descriptors.
 */
import http from 'node:http'
import { loadConfig } from '../src/config/index.ts'
import { signDevToken } from '../src/http/auth.ts'

interface Start {
  url: string
  saleId: string
  users: string[]
  localAddress: string
}

const counts: number[] = []
let connected = 0
let failed = 0

process.on('message', async (m: { type: string } & Partial<Start>) => {
  if (m.type === 'start') {
    const s = m as Start
    const config = loadConfig(process.env)
    const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY })
    const tokens = await Promise.all(s.users.map((u) => signDevToken(config, u)))
    for (let i = 0; i < s.users.length; i += 500) {
      await Promise.all(
        tokens.slice(i, i + 500).map(
          (token, j) =>
            new Promise<void>((resolve) => {
              const index = i + j
              counts[index] = 0
              const req = http.get(
                `${s.url}/v1/events/${s.saleId}/queue/stream`,
                { agent, localAddress: s.localAddress, headers: { authorization: `Bearer ${token}` } },
                (res) => {
                  res.setEncoding('utf8')
                  let first = true
                  res.on('data', (chunk: string) => {
                    const n = chunk.split('event: ').length - 1
                    counts[index] = (counts[index] ?? 0) + n
                    if (first && n > 0) {
                      first = false
                      connected++
                      resolve()
                    }
                  })
                }
              )
              req.on('error', () => {
                failed++
                resolve()
              })
            })
        )
      )
    }
    process.send?.({ type: 'connected', connected, failed })
  } else if (m.type === 'mark') {
    process.send?.({ type: 'mark', counts: [...counts] })
  } else if (m.type === 'stop') {
    process.exit(0)
  }
})
