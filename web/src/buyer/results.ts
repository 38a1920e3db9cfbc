import { useEffect, useRef, useState } from 'preact/hooks'
import type { RequestResult, RequestStatus } from '../../../src/http/api-types.ts'
import { ApiFailure, api, call } from '../api/client.ts'
import { openStream } from '../api/stream.ts'

export type ResultKind = 'reservation' | 'claim'

export interface ResultState {
  status: RequestStatus
  /** How the outcome arrived: pushed, polled, or inferred from the seat map. */
  via: 'stream' | 'poll' | 'seats' | null
  reason?: string
  couponCode?: string
  /** A failed reservation that may have been charged: where its refund stands. */
  refund?: RequestResult['refund']
}

const TERMINAL: ReadonlySet<RequestStatus> = new Set(['confirmed', 'failed', 'expired'])
const POLL_MS = 1000

function matches(r: Pick<RequestResult, 'id'>, id: string): boolean {
  return r.id === id
}

function isResult(x: unknown): x is RequestResult {
  return typeof x === 'object' && x !== null && typeof (x as { status?: unknown }).status === 'string'
}

/**
 * The outcome of an accepted request, live: `result` events of `GET /v1/me/stream` (request-reply
 * correlated by id), with polling of `GET /v1/reservations/:id` / `GET /v1/claims/:id` alongside in
 * case the stream drops. Where the server has no results endpoint yet, `fallback` may infer the
 * outcome (a seat that turned sold under a pending hold was booked).
 */
export function useResult(
  kind: ResultKind,
  id: string | null,
  token: string | null,
  fallback?: () => Promise<RequestStatus | undefined>
): ResultState {
  const [state, setState] = useState<ResultState>({ status: 'pending', via: null })
  // The latest fallback, read at call time: it closes over the newest seat map.
  const fallbackRef = useRef(fallback)
  fallbackRef.current = fallback

  useEffect(() => {
    if (!id || !token) return
    setState({ status: 'pending', via: null })
    let done = false
    const finish = (status: RequestStatus, via: ResultState['via'], r?: RequestResult) => {
      if (done) return
      if (TERMINAL.has(status)) done = true
      setState({
        status,
        via,
        ...(r?.reason ? { reason: r.reason } : {}),
        ...(r?.couponCode ? { couponCode: r.couponCode } : {}),
        ...(r?.refund ? { refund: r.refund } : {})
      })
      if (done) cleanup()
    }
    const stream = openStream(
      '/v1/me/stream',
      { authorization: `Bearer ${token}` },
      {
        onEvent(event, data) {
          if (event !== 'result' && event !== 'message') return
          try {
            const r: unknown = JSON.parse(data)
            if (isResult(r) && matches(r, id)) finish(r.status, 'stream', r)
          } catch {
            // Not ours to read: ignore.
          }
        }
      }
    )
    let routeMissing = false
    const poll = async () => {
      if (done) return
      try {
        if (!routeMissing) {
          const r = await call(
            (init) =>
              kind === 'reservation'
                ? api.GET('/v1/reservations/{id}', { params: { path: { id } }, ...init })
                : api.GET('/v1/claims/{id}', { params: { path: { id } }, ...init }),
            { token }
          )
          if (isResult(r)) finish(r.status, 'poll', r)
          return
        }
      } catch (err) {
        if (err instanceof ApiFailure && err.routeMissing) routeMissing = true
        else return
      }
      const inferred = await fallbackRef.current?.().catch(() => undefined)
      if (inferred) finish(inferred, 'seats')
    }
    const timer = setInterval(() => void poll(), POLL_MS)
    void poll()
    function cleanup() {
      clearInterval(timer)
      stream.close()
    }
    return cleanup
  }, [kind, id, token])

  return state
}
