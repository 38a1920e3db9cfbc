import { createFirstcomeClient } from '../../../client/index.ts'
import type { ApiErrorBody, ErrorCode } from '../../../src/http/api-types.ts'
import { msg } from '../i18n/index.ts'

/** A refused or failed API call, with what the UI needs to explain it. */
export class ApiFailure extends Error {
  readonly status: number
  /** The server's stable code; `FC_UNAVAILABLE` for network failures. */
  readonly code: ErrorCode
  /** The server's own message. */
  readonly detail: string
  readonly retryAfterSec: number | undefined
  /** The path has no route on this server (a feature not deployed yet), not "no such thing". */
  readonly routeMissing: boolean

  constructor(status: number, code: ErrorCode, detail: string, retryAfterSec?: number) {
    // A code newer than this build has no message yet: the server's own text stands in.
    super((msg().errors[code] as string | undefined) ?? detail)
    this.name = 'ApiFailure'
    this.status = status
    this.code = code
    this.detail = detail
    this.retryAfterSec = retryAfterSec
    this.routeMissing = status === 404 && detail.startsWith('No route ')
  }

  /** Whether the same request may succeed later (network, 429, 503). */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 503
  }
}

/**
 * The typed client of the API (`client/`): paths, parameters, bodies and answers checked
 * against the OpenAPI document. Calls go through {@link call} or {@link callWithRetry}, which turn
 * refusals and network failures into {@link ApiFailure}.
 */
export const api = createFirstcomeClient()

export interface CallOptions {
  token?: string | null
  accessToken?: string | null
  idempotencyKey?: string
  signal?: AbortSignal
  headers?: Record<string, string>
}

/** What a call of {@link api} gets beside its own parameters: the headers and the abort signal. */
export interface CallInit {
  headers: Record<string, string>
  signal?: AbortSignal
}

/** What a call of {@link api} resolves to. */
export interface Answer<T> {
  data?: T
  error?: unknown
  response: Response
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as { code?: unknown }).code === 'string'
}

/** Retry-After is seconds (or an HTTP date) and must not be trusted to be sane. */
function retryAfter(res: Response): number | undefined {
  const v = res.headers.get('retry-after')
  if (v === null) return undefined
  const n = Number(v)
  const sec = Number.isFinite(n) ? n : (Date.parse(v) - Date.now()) / 1000
  return Number.isFinite(sec) ? Math.min(60, Math.max(0, Math.ceil(sec))) : undefined
}

/** The headers of a call: its bearer token, its admission to a sale, its Idempotency-Key. */
export function headersOf(opts: CallOptions): Record<string, string> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (opts.accessToken) headers['x-access-token'] = opts.accessToken
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey
  return headers
}

/**
 * One call of {@link api}: its data, or an {@link ApiFailure}. No retries here.
 * `call((init) => api.GET('/v1/events/{id}', { params: { path: { id } }, ...init }))`
 */
export async function call<T>(
  send: (init: CallInit) => Promise<Answer<T>>,
  opts: CallOptions = {}
): Promise<T> {
  let answer: Answer<T>
  try {
    answer = await send({ headers: headersOf(opts), ...(opts.signal ? { signal: opts.signal } : {}) })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiFailure(0, 'FC_UNAVAILABLE', 'The server could not be reached', 1)
  }
  const res = answer.response
  if (res.ok) return answer.data as T
  const data = answer.error
  if (isErrorBody(data)) throw new ApiFailure(res.status, data.code, data.message, retryAfter(res))
  const code: ErrorCode =
    res.status === 429 ? 'FC_RATE_LIMITED' : res.status >= 500 ? 'FC_UNAVAILABLE' : 'FC_INTERNAL'
  throw new ApiFailure(res.status, code, `HTTP ${res.status}`, retryAfter(res))
}

export interface RetryOptions extends CallOptions {
  /** Attempts in all, the first included; 4 by default. */
  attempts?: number
  /** Told before each wait, e.g. to show "slow down, retrying in 2 s". */
  onWait?: (failure: ApiFailure, waitSec: number) => void
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(t)
      reject(new DOMException('aborted', 'AbortError'))
    })
  })

/**
 * {@link call}, retried after transient failures (429 after its Retry-After, 503, network) with the
 * same body and the same Idempotency-Key: the server then answers a retry as it answered the first
 * attempt, so nothing happens twice.
 */
export async function callWithRetry<T>(
  send: (init: CallInit) => Promise<Answer<T>>,
  opts: RetryOptions = {}
): Promise<T> {
  const attempts = opts.attempts ?? 4
  for (let i = 1; ; i++) {
    try {
      return await call<T>(send, opts)
    } catch (err) {
      if (!(err instanceof ApiFailure) || !err.transient || i >= attempts) throw err
      const waitSec = err.retryAfterSec ?? Math.min(4, 0.25 * 2 ** i)
      opts.onWait?.(err, waitSec)
      await sleep(waitSec * 1000 + Math.random() * 200, opts.signal)
    }
  }
}

/** A failure as one line for the UI, in the page's language: the message for its code. */
export function describe(err: unknown): string {
  if (err instanceof ApiFailure) {
    const m = msg().errors
    if (err.routeMissing) return m.routeMissing
    const text = m[err.code] ?? err.message
    if (err.code === 'FC_RATE_LIMITED' && err.retryAfterSec !== undefined)
      return `${text}${m.retryIn(String(err.retryAfterSec))}`
    return text
  }
  if (err instanceof Error) return err.message
  return String(err)
}
