import { useEffect, useRef, useState } from 'preact/hooks'
import type { SeatDelta, SeatLayout, SeatStateBody } from '../../../src/http/api-types.ts'
import { ApiFailure, api, call, describe } from '../api/client.ts'
import { openStream } from '../api/stream.ts'
import { applyDelta, fromSeatList } from './venue.ts'

export interface SeatFeed {
  layout: SeatLayout | null
  /** One code per seat in layout order. */
  states: string
  version: string | null
  /** The delta stream is connected. */
  live: boolean
  /** How the map is kept current: the delta stream, or polling where the server has none. */
  mode: 'stream' | 'poll'
  error: string | null
}

// Only where the server has no stream: the compact state (or, on an old server, the seat list) polled.
const FALLBACK_POLL_MS = 1000
const RETRY_MS = 2000

/**
 * The seat map, kept current at O(changes): the layout once (`/seats/layout`), the state once
 * (`/seats/state`), then `/seats/stream` from that version. A delta is applied only when its
 * `from` is the version held; otherwise the stream is reopened from that version and the server
 * answers with a snapshot. Servers without these routes are read through the old seat list.
 */
export function useSeatFeed(saleId: string, currency: string): SeatFeed {
  const [feed, setFeed] = useState<SeatFeed>({
    layout: null,
    states: '',
    version: null,
    live: false,
    mode: 'stream',
    error: null
  })
  const current = useRef({ states: '', version: null as string | null })

  useEffect(() => {
    let closed = false
    let stream: { close(): void } | null = null
    let poll: ReturnType<typeof setInterval> | null = null
    let retry: ReturnType<typeof setTimeout> | null = null
    const base = `/v1/events/${saleId}/seats`

    const set = (states: string, version: string | null) => {
      current.current = { states, version }
      setFeed((f) => ({ ...f, states, version, error: null }))
    }
    const fail = (err: unknown) => setFeed((f) => ({ ...f, error: describe(err) }))

    const pollLegacy = async () => {
      try {
        const r = await call((init) =>
          api.GET('/v1/events/{id}/seats', { params: { path: { id: saleId } }, ...init })
        )
        if (closed) return
        const { layout, states } = fromSeatList(saleId, currency, r.seats)
        current.current = { states, version: null }
        setFeed({ layout, states, version: null, live: false, mode: 'poll', error: null })
      } catch (err) {
        fail(err)
      }
    }
    const pollState = async () => {
      try {
        const r = await call((init) =>
          api.GET('/v1/events/{id}/seats/state', { params: { path: { id: saleId } }, ...init })
        )
        if (!closed) set(r.states, r.version)
      } catch (err) {
        fail(err)
      }
    }

    const open = () => {
      stream = openStream(
        () => {
          const v = current.current.version
          return v === null ? `${base}/stream` : `${base}/stream?version=${encodeURIComponent(v)}`
        },
        {},
        {
          onEvent(event, data) {
            if (closed) return
            let body: unknown
            try {
              body = JSON.parse(data)
            } catch {
              return
            }
            if (event === 'snapshot') {
              const s = body as SeatStateBody
              if (typeof s.states === 'string' && typeof s.version === 'string') set(s.states, s.version)
            } else if (event === 'delta') {
              const d = body as SeatDelta
              const { states, version } = current.current
              const next = version === null ? null : applyDelta(states, version, d)
              if (next === null) {
                // A gap: reconnect from the version held; the server sends a snapshot.
                stream?.close()
                open()
              } else set(next, d.version)
            }
          },
          onStatus(up) {
            if (!closed) setFeed((f) => ({ ...f, live: up }))
          },
          onRefused() {
            // No stream here: keep the map current by polling the compact state.
            if (closed || poll) return
            setFeed((f) => ({ ...f, mode: 'poll' }))
            poll = setInterval(() => void pollState(), FALLBACK_POLL_MS)
          }
        }
      )
    }

    const start = async () => {
      let layout: SeatLayout
      try {
        layout = await call((init) =>
          api.GET('/v1/events/{id}/seats/layout', { params: { path: { id: saleId } }, ...init })
        )
      } catch (err) {
        if (err instanceof ApiFailure && err.routeMissing) {
          await pollLegacy()
          if (!closed) poll = setInterval(() => void pollLegacy(), FALLBACK_POLL_MS)
        } else if (!closed) {
          fail(err)
          retry = setTimeout(() => void start(), RETRY_MS)
        }
        return
      }
      if (closed) return
      setFeed((f) => ({ ...f, layout }))
      await pollState()
      if (!closed) open()
    }
    void start()
    return () => {
      closed = true
      stream?.close()
      if (poll) clearInterval(poll)
      if (retry) clearTimeout(retry)
    }
  }, [saleId, currency])

  return feed
}
