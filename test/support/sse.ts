import http from 'node:http'

/** One server-sent event as a client saw it. */
export interface SseEvent {
  event: string
  data: unknown
}

/**
 * A minimal SSE client over node:http (what an EventSource does): collects events, and lets a test
 * wait until an event matching a predicate arrived.
 */
export class SseClient {
  readonly events: SseEvent[] = []
  #req: http.ClientRequest | undefined
  #buffer = ''
  #waiters: Array<{ test: (e: SseEvent) => boolean; resolve: () => void }> = []
  status = 0

  constructor(url: string, options: { headers?: Record<string, string>; agent?: http.Agent } = {}) {
    this.#req = http.get(url, { headers: options.headers ?? {}, agent: options.agent ?? false }, (res) => {
      this.status = res.statusCode ?? 0
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => this.#feed(chunk))
    })
    this.#req.on('error', () => {})
  }

  /** Resolves once an event matching `test` has arrived (already or later). */
  waitFor(test: (e: SseEvent) => boolean): Promise<void> {
    if (this.events.some(test)) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push({ test, resolve }))
  }

  close(): void {
    this.#req?.destroy()
  }

  #feed(chunk: string): void {
    this.#buffer += chunk
    for (;;) {
      const end = this.#buffer.indexOf('\n\n')
      if (end < 0) return
      const block = this.#buffer.slice(0, end)
      this.#buffer = this.#buffer.slice(end + 2)
      let event = 'message'
      let data = ''
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7)
        else if (line.startsWith('data: ')) data += line.slice(6)
      }
      if (data === '') continue
      const e = { event, data: JSON.parse(data) as unknown }
      this.events.push(e)
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.test(e)) return true
        w.resolve()
        return false
      })
    }
  }
}
