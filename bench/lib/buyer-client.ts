/**
 * A virtual buyer's HTTP side in a bench worker: the connection pools, calls with the well-behaved
 * client's retry, dev tokens, and the server-sent event streams (the queue's and /v1/me/stream),
 * with the request, error and open-stream counts the worker reports.
 */
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Agent, request } from 'undici'
import {
  type ApiBody,
  type ApiMethod,
  type ApiPath,
  type ApiPathParams,
  apiPath
} from '../../client/paths.ts'
import { loadConfig } from '../../src/config/index.ts'
import { signDevToken } from '../../src/http/auth.ts'
import type { WorkerStart } from './types.ts'

/** One answer of the API as a buyer sees it (status 0: the request failed). */
export interface Answer {
  status: number
  body: Record<string, unknown>
  code: string
  retryAfterMs: number
}

/** A buyer's /v1/me/stream subscription: results by id, a wake-up on each, and the way out. */
export interface ResultStream {
  results: Map<string, { status: string; at: number }>
  wake: () => Promise<void>
  close: () => void
}

export interface SseEvent {
  event: string
  data: string
}

/** Bounds on every retry loop: a buyer never spins. */
export const MAX_RETRIES = 8

export class BuyerClient {
  readonly #base: string
  readonly #resultDeadline: number
  readonly #pool: Agent
  readonly #shopPool: Agent
  readonly #streams: Agent
  readonly #config: ReturnType<typeof loadConfig> | undefined
  readonly errors: Record<string, number> = {}
  #tickErrors: Record<string, number> = {}
  requests = 0
  #tickRequests = 0
  #sseOpen = 0

  /** `end` aborts whatever is still in flight at the end of the run (every connection is closed). */
  constructor(s: WorkerStart, end: AbortSignal) {
    this.#base = s.base
    this.#resultDeadline = s.resultDeadline
    // The waiting room's calls (join, challenge, queue polls) share a bounded pool, as an edge in
    // front of the API would. Buying (seat map, holds, claims, confirms, leaving, result polls)
    // goes over connections of its own, as each buyer's browser does: in a shared queue inside the
    // load generator, a buyer's confirm waited behind other buyers' holds (and, with one pool,
    // behind tens of thousands of joins) until the 10 s hold had expired, which no real buyer does.
    this.#pool = new Agent({ connections: s.connections * 2, connect: { localAddress: s.localAddress } })
    this.#shopPool = new Agent({ connect: { localAddress: s.localAddress } })
    // Streams are one connection each, unbounded: every waiting buyer holds one.
    this.#streams = new Agent({
      connect: { localAddress: s.localAddress },
      bodyTimeout: 0,
      headersTimeout: 30_000
    })
    // One listener for the whole run instead of one per request: at the end every connection is
    // destroyed, which fails whatever is still in flight (a request then answers status 0).
    end.addEventListener(
      'abort',
      () => {
        for (const agent of [this.#pool, this.#shopPool, this.#streams])
          void agent.destroy().catch(() => undefined)
      },
      { once: true }
    )
    this.#config = s.jwtSecret
      ? loadConfig({
          ...process.env,
          NODE_ENV: 'test',
          FC_JWT_SECRET: s.jwtSecret,
          // Signs nothing here (only bearer tokens are made), but the test profile requires one.
          FC_TOKEN_SECRET: randomBytes(32).toString('hex')
        })
      : undefined
  }

  /** Requests, errors and open streams since the last call (the worker's tick). */
  tick(): { requests: number; errors: Record<string, number>; sseOpen: number } {
    const t = { requests: this.#tickRequests, errors: this.#tickErrors, sseOpen: this.#sseOpen }
    this.#tickRequests = 0
    this.#tickErrors = {}
    return t
  }

  /** Counts an error by its code (in the totals and in the current tick). */
  error(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1
    this.#tickErrors[code] = (this.#tickErrors[code] ?? 0) + 1
  }

  close(): Promise<unknown> {
    return Promise.all([
      this.#pool.close().catch(() => undefined),
      this.#shopPool.close().catch(() => undefined),
      this.#streams.destroy().catch(() => undefined)
    ])
  }

  /**
   * One request, its path, parameters and body checked against the API's OpenAPI document at
   * compile time (`client/paths.ts`): `call('POST', '/v1/events/{id}/queue', { id }, token)`.
   */
  async call<P extends ApiPath, M extends ApiMethod<P>>(
    method: M,
    path: P,
    params: ApiPathParams<P, M>,
    token: string,
    extra: { headers?: Record<string, string>; body?: ApiBody<P, M> } = {}
  ): Promise<Answer> {
    try {
      const res = await request(`${this.#base}${apiPath(path, params as Record<string, string>)}`, {
        method,
        dispatcher: method !== 'DELETE' && /\/(queue|challenge)$/.test(path) ? this.#pool : this.#shopPool,
        headers: {
          authorization: `Bearer ${token}`,
          ...(extra.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...extra.headers
        },
        ...(extra.body !== undefined ? { body: JSON.stringify(extra.body) } : {}),
        headersTimeout: 30_000,
        bodyTimeout: 30_000
      })
      const text = await res.body.text()
      let body: Record<string, unknown> = {}
      try {
        body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
      } catch {
        body = {}
      }
      const code = typeof body.code === 'string' ? body.code : String(res.statusCode)
      const retryAfter = Number(res.headers['retry-after'] ?? 1)
      if (res.statusCode >= 400) this.error(code)
      return {
        status: res.statusCode,
        body,
        code,
        retryAfterMs: Math.min(5000, (Number.isFinite(retryAfter) ? retryAfter : 1) * 1000)
      }
    } catch (err) {
      // undici names its errors by a code; an abort (the run's end) is a DOMException with a number.
      const e = err as { code?: unknown; name?: string }
      const code = `net:${typeof e.code === 'string' ? e.code : (e.name ?? 'error')}`
      this.error(code)
      return { status: 0, body: {}, code, retryAfterMs: 500 }
    } finally {
      // Counted when answered (or failed), so requests/s is what the server got through.
      this.requests++
      this.#tickRequests++
    }
  }

  /** Calls with the well-behaved client's retry: after Retry-After on 429, and after 503 / network errors. */
  async retrying<P extends ApiPath, M extends ApiMethod<P>>(
    method: M,
    path: P,
    params: ApiPathParams<P, M>,
    token: string,
    extra: { headers?: Record<string, string>; body?: ApiBody<P, M> } = {}
  ): Promise<Answer> {
    let a = await this.call(method, path, params, token, extra)
    for (let i = 0; i < MAX_RETRIES && (a.status === 429 || a.status === 503 || a.status === 0); i++) {
      if (Date.now() + a.retryAfterMs > this.#resultDeadline) break
      await sleep(a.retryAfterMs)
      a = await this.call(method, path, params, token, extra)
    }
    return a
  }

  async token(userId: string): Promise<string> {
    if (this.#config) return signDevToken(this.#config, userId)
    const res = await request(`${this.#base}/v1/dev/token`, {
      method: 'POST',
      dispatcher: this.#pool,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId })
    })
    const body = (await res.body.json()) as { token?: string }
    if (!body.token) throw new Error(`dev token for ${userId}: ${res.statusCode}`)
    return body.token
  }

  /** Reads one SSE response, yielding its events, until the body ends or `signal` aborts. */
  async *events(
    path: string,
    headers: Record<string, string>,
    signal: AbortSignal
  ): AsyncGenerator<SseEvent> {
    this.requests++
    this.#tickRequests++
    const res = await request(`${this.#base}${path}`, {
      method: 'GET',
      dispatcher: this.#streams,
      headers: { accept: 'text/event-stream', ...headers },
      signal
    })
    if (res.statusCode !== 200) {
      const text = await res.body.text().catch(() => '')
      const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? String(res.statusCode)
      this.error(code)
      throw new Error(`stream ${code}`)
    }
    this.#sseOpen++
    try {
      let buf = ''
      for await (const chunk of res.body) {
        buf += (chunk as Buffer).toString('utf8')
        let cut = buf.indexOf('\n\n')
        while (cut >= 0) {
          const frame = buf.slice(0, cut)
          buf = buf.slice(cut + 2)
          cut = buf.indexOf('\n\n')
          let event = ''
          let data = ''
          for (const line of frame.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7)
            else if (line.startsWith('data: ')) data += line.slice(6)
          }
          if (event !== '') yield { event, data }
        }
      }
    } finally {
      this.#sseOpen--
      res.body.destroy()
    }
  }

  /** Subscribes to the buyer's result stream; results arriving before anyone waits are kept. */
  resultStream(token: string): ResultStream {
    const ctl = new AbortController()
    const results = new Map<string, { status: string; at: number }>()
    let notify: () => void = () => {}
    const wake = () =>
      new Promise<void>((resolve) => {
        notify = resolve
      })
    void (async () => {
      try {
        for await (const e of this.events(
          '/v1/me/stream',
          { authorization: `Bearer ${token}` },
          ctl.signal
        )) {
          if (e.event !== 'result') continue
          const r = JSON.parse(e.data) as { id: string; status: string }
          results.set(r.id, { status: r.status, at: Date.now() })
          notify()
        }
      } catch {
        // Aborted at the end, or broken: the buyer then falls back to polling.
      }
    })()
    return { results, wake, close: () => ctl.abort() }
  }
}
