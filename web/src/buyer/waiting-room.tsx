import { useEffect, useState } from 'preact/hooks'
import type { PublicSale, QueueStatusResponse } from '../../../src/http/api-types.ts'
import { ApiFailure, api, call, describe } from '../api/client.ts'
import { openStream } from '../api/stream.ts'
import { duration, num } from '../format.ts'
import { msg, useT } from '../i18n/index.ts'
import { type Identity, passes } from '../session.ts'
import { Notice } from '../ui/notice.tsx'

interface Props {
  sale: PublicSale
  user: Identity
  queueToken: string
  onAdmitted(accessToken: string, expiresAt: string | undefined): void
  /** This place was lost (no heartbeat within the grace period). */
  onEnded(message: string): void
}

const HEARTBEAT_MS = 5000
// Polling backs up the stream: slowly while the stream is up, every second while it is down.
const POLL_STREAM_UP_MS = 5000
const POLL_STREAM_DOWN_MS = 1000

interface Standing {
  /** null in the pre-queue: the order is drawn when the sale opens. */
  position: number | null
  etaSec: number | null
}

/**
 * The waiting room: position, estimated wait and a progress bar, pushed over SSE (with polling as
 * the fallback), and a heartbeat that keeps the place. The queue token lives in localStorage, so a
 * refresh lands back here with the same place.
 */
export function WaitingRoom(props: Props) {
  const { sale, user, queueToken } = props
  const [standing, setStanding] = useState<Standing | null>(null)
  const [live, setLive] = useState(false)
  const [warning, setWarning] = useState<string | null>(null)
  const [closed, setClosed] = useState(false)
  const t = useT()
  const [first, setFirst] = useState<number | undefined>(() => passes.get(user.userId, sale.id).firstPosition)

  useEffect(() => {
    let ended = false
    let streamUp = false
    const headers = { authorization: `Bearer ${user.token}`, 'x-queue-token': queueToken }
    const q = `queueToken=${encodeURIComponent(queueToken)}`

    const apply = (s: Partial<QueueStatusResponse>) => {
      if (ended) return
      if (s.state === 'admitted' && s.accessToken) {
        ended = true
        props.onAdmitted(s.accessToken, s.expiresAt)
        return
      }
      if (s.state === 'expired') {
        ended = true
        props.onEnded(msg().wait.lost)
        return
      }
      // Closed means nothing is left to sell right now; the place is kept in case stock returns
      // (a hold expires, a payment fails), so the page stays and keeps listening.
      setClosed(s.state === 'closed')
      if (s.state === 'closed') return
      if (s.preQueue) {
        setStanding({ position: null, etaSec: null })
        return
      }
      if (typeof s.position === 'number') {
        const position = s.position
        setStanding({ position, etaSec: typeof s.etaSec === 'number' ? s.etaSec : null })
        setFirst((f) => {
          if (f !== undefined && f >= position) return f
          passes.update(user.userId, sale.id, { firstPosition: position })
          return position
        })
      }
    }

    const stream = openStream(`/v1/events/${sale.id}/queue/stream?${q}`, headers, {
      onEvent(event, data) {
        let body: Partial<QueueStatusResponse>
        try {
          body = JSON.parse(data) as Partial<QueueStatusResponse>
        } catch {
          return
        }
        if (event === 'admitted') apply({ ...body, state: 'admitted' })
        else if (event === 'closed') apply({ ...body, state: 'closed' })
        else if (event === 'expired') apply({ ...body, state: 'expired' })
        else if (event === 'position' || event === 'message') apply({ ...body, state: 'waiting' })
      },
      onStatus(open) {
        streamUp = open
        setLive(open)
      },
      onRefused() {
        streamUp = false
        setLive(false)
      }
    })

    const poll = async () => {
      try {
        apply(
          await call(
            (init) => api.GET('/v1/events/{id}/queue', { params: { path: { id: sale.id } }, ...init }),
            {
              token: user.token,
              headers
            }
          )
        )
        setWarning(null)
      } catch (err) {
        if (err instanceof ApiFailure && err.code === 'FC_NOT_FOUND' && !err.routeMissing) {
          apply({ state: 'expired' })
        } else setWarning(msg().wait.reconnecting(describe(err)))
      }
    }
    let lastPoll = 0
    const pollTimer = setInterval(() => {
      const every = streamUp ? POLL_STREAM_UP_MS : POLL_STREAM_DOWN_MS
      if (Date.now() - lastPoll >= every) {
        lastPoll = Date.now()
        void poll()
      }
    }, 500)
    void poll()

    const beat = () =>
      call(
        (init) => api.POST('/v1/events/{id}/queue/heartbeat', { params: { path: { id: sale.id } }, ...init }),
        { token: user.token, headers }
      ).catch(() => undefined)
    const beatTimer = setInterval(beat, HEARTBEAT_MS)
    void beat()

    return () => {
      ended = true
      stream.close()
      clearInterval(pollTimer)
      clearInterval(beatTimer)
    }
  }, [sale.id, user.token, queueToken])

  const position = standing?.position ?? null
  const pct =
    position !== null && first !== undefined && first > 0
      ? Math.max(2, Math.round(((first - position) / first) * 100))
      : 2
  const opensAt = sale.opensAt ? Date.parse(sale.opensAt) : 0
  return (
    <section class="card waiting" aria-labelledby="wait-title" data-testid="waiting-room">
      <h2 id="wait-title">{t.wait.title}</h2>
      {closed && (
        <Notice tone="error" testId="queue-closed">
          {t.wait.closed}
        </Notice>
      )}
      <div class="position" aria-live="polite" aria-atomic="true">
        {standing === null ? (
          <p>{t.wait.finding}</p>
        ) : position === null ? (
          <p data-testid="pre-queue">
            {t.wait.preQueue(opensAt > Date.now() ? duration((opensAt - Date.now()) / 1000) : null)}
          </p>
        ) : (
          <>
            <p class="big-number">
              <span class="sr-only">{t.wait.position}</span>
              <span data-testid="queue-position">{num(position)}</span>
            </p>
            <p>
              {position <= 1 ? t.wait.next : t.wait.ahead(num(position - 1))}{' '}
              {standing.etaSec !== null && standing.etaSec > 0 ? t.wait.eta(duration(standing.etaSec)) : ''}
            </p>
          </>
        )}
      </div>
      <div class="queue-bar">
        <label for="queue-progress" class="sr-only">
          {t.wait.progress}
        </label>
        <progress id="queue-progress" max={100} value={pct}>
          {pct}%
        </progress>
      </div>
      <p class="muted">
        {t.wait.keepOpen} <span class={`live-dot ${live ? 'on' : ''}`} aria-hidden="true" />{' '}
        {live ? t.wait.live : t.wait.connecting}
      </p>
      {warning && <Notice tone="warning">{warning}</Notice>}
    </section>
  )
}
