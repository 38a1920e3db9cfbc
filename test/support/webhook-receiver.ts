/**
 * A webhook receiver for tests: an HTTP server on loopback that records every request (headers and
 * raw body) and answers as told: 200, another status, or not at all until released.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

export interface ReceivedWebhook {
  id: string
  timestamp: string
  signature: string
  body: string
  /** The status answered (undefined while held). */
  answered?: number
}

export interface WebhookReceiver {
  url: string
  port: number
  received: ReceivedWebhook[]
  /** What to answer from now on: a status, or 'hold' (answer only when released). */
  mode: number | 'hold'
  /** Answers every held request with 200 and stops holding. */
  release(): void
  /** Stops listening (the port then refuses connections). */
  stop(): Promise<void>
  /** Listens again on the same port. */
  restart(): Promise<void>
  /** The requests that answered 2xx, verified with the secret (throws on a bad signature). */
  delivered(
    secret: string
  ): Array<{ id: string; type: string; timestamp: string; data: Record<string, unknown> }>
}

export async function startReceiver(path = '/hook'): Promise<WebhookReceiver> {
  const held: Array<{ res: ServerResponse; rec: ReceivedWebhook }> = []
  let server: Server
  const receiver: WebhookReceiver = {
    url: '',
    port: 0,
    received: [],
    mode: 200,
    release() {
      receiver.mode = 200
      for (const { res, rec } of held.splice(0)) {
        rec.answered = 200
        res.writeHead(200).end()
      }
    },
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    async restart() {
      server = make()
      await new Promise<void>((resolve) => server.listen(receiver.port, '127.0.0.1', resolve))
    },
    delivered(secret) {
      const wh = new Webhook(secret)
      return receiver.received
        .filter((r) => r.answered !== undefined && r.answered >= 200 && r.answered < 300)
        .map((r) => {
          const event = wh.verify(r.body, {
            'webhook-id': r.id,
            'webhook-timestamp': r.timestamp,
            'webhook-signature': r.signature
          }) as { type: string; timestamp: string; data: Record<string, unknown> }
          return { id: r.id, ...event }
        })
    }
  }
  const make = () =>
    createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const rec: ReceivedWebhook = {
          id: String(req.headers['webhook-id']),
          timestamp: String(req.headers['webhook-timestamp']),
          signature: String(req.headers['webhook-signature']),
          body: Buffer.concat(chunks).toString('utf8')
        }
        receiver.received.push(rec)
        if (receiver.mode === 'hold') {
          held.push({ res, rec })
          return
        }
        rec.answered = receiver.mode
        res.writeHead(receiver.mode).end()
      })
    })
  server = make()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.port = (server.address() as AddressInfo).port
  receiver.url = `http://127.0.0.1:${receiver.port}${path}`
  return receiver
}
