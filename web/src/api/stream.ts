/**
 * Server-Sent Events over fetch, so the stream can carry an Authorization header (EventSource
 * cannot). Reconnects with backoff until closed; the caller decides what each event means.
 */
export interface StreamHandlers {
  onEvent(event: string, data: string): void
  /** Told about each (re)connection: true when open, false when it dropped. */
  onStatus?(open: boolean): void
  /** A final refusal (4xx): the stream does not exist or is not ours; no reconnect. */
  onRefused?(status: number): void
}

export interface StreamHandle {
  close(): void
}

/** `url` may be a function: each (re)connection asks it, e.g. to resume from the latest version. */
export function openStream(
  url: string | (() => string),
  headers: Record<string, string>,
  h: StreamHandlers
): StreamHandle {
  const ctrl = new AbortController()
  let closed = false
  let failures = 0

  const run = async () => {
    while (!closed) {
      try {
        const res = await fetch(typeof url === 'string' ? url : url(), {
          headers: { accept: 'text/event-stream', ...headers },
          signal: ctrl.signal,
          cache: 'no-store'
        })
        if (res.status >= 400 && res.status < 500 && res.status !== 429) {
          h.onRefused?.(res.status)
          return
        }
        if (!res.ok || !res.body) throw new Error(`stream HTTP ${res.status}`)
        failures = 0
        h.onStatus?.(true)
        await pump(res.body, h)
      } catch (err) {
        if (closed) return
        if (err instanceof DOMException && err.name === 'AbortError') return
      }
      h.onStatus?.(false)
      failures++
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** failures)))
    }
  }
  void run()
  return {
    close() {
      closed = true
      ctrl.abort()
    }
  }
}

async function pump(body: ReadableStream<Uint8Array>, h: StreamHandlers): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buf = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buf += decoder.decode(value, { stream: true })
    let idx = buf.search(/\r?\n\r?\n/)
    while (idx >= 0) {
      const block = buf.slice(0, idx)
      buf = buf.slice(idx).replace(/^\r?\n\r?\n/, '')
      dispatch(block, h)
      idx = buf.search(/\r?\n\r?\n/)
    }
  }
}

function dispatch(block: string, h: StreamHandlers): void {
  let event = 'message'
  const data: string[] = []
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
  }
  if (data.length > 0) h.onEvent(event, data.join('\n'))
}
