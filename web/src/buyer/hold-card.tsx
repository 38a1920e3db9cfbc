import { useState } from 'preact/hooks'
import type {
  ConfirmResponse,
  ExtendResponse,
  RequestStatus,
  SimulatedPayment
} from '../../../src/http/api-types.ts'
import { ApiFailure, callWithRetry, describe } from '../api/client.ts'
import { clock, money } from '../format.ts'
import { useIntent, useNow } from '../hooks.ts'
import type { HeldSeat } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { useResult } from './results.ts'

interface Props {
  hold: HeldSeat
  token: string
  accessToken: string
  /** The server lets the buyer pick the payment's outcome (development and test profiles only). */
  simulatedPayments: boolean
  /** What the seat map says about this seat now, for the fallback when no results endpoint exists. */
  seatState: () => string | undefined
  onChange(next: HeldSeat | null, outcome?: { status: RequestStatus; seatId: string }): void
}

/** The simulated payment outcomes a buyer can pick, with their labels. */
const PAYMENT_CHOICES: ReadonlyArray<readonly [SimulatedPayment, string]> = [
  ['approve', 'Approve'],
  ['decline', 'Decline'],
  ['timeout', 'Time out']
]

const finished = (err: unknown) => !(err instanceof ApiFailure && err.transient)

/**
 * One held seat: a visible countdown, extend and release, and checkout with a simulated payment
 * whose outcome (approve, decline, or a provider that never answers) the buyer picks for the demo.
 * Every button is one intent with one Idempotency-Key, disabled while its request is in flight.
 */
export function HoldCard(props: Props) {
  const { hold } = props
  const now = useNow(250)
  const intent = useIntent()
  const [payment, setPayment] = useState<SimulatedPayment>('approve')
  const [error, setError] = useState<string | null>(null)
  const [waitNote, setWaitNote] = useState<string | null>(null)
  const left = hold.expiresAt - now
  const paying = hold.reservationId !== undefined
  const result = useResult('reservation', hold.reservationId ?? null, props.token, async () => {
    const s = props.seatState()
    if (s === 'sold') return 'confirmed'
    if (s === 'available') return 'failed'
    return undefined
  })
  const opts = (key: string) => ({
    token: props.token,
    accessToken: props.accessToken,
    idempotencyKey: key,
    onWait: (_: ApiFailure, sec: number) => setWaitNote(`Slow down: retrying in ${sec} s…`)
  })

  const act = async (name: string, work: (key: string) => Promise<void>) => {
    setError(null)
    try {
      await intent.run(`${name}:${hold.holdId}`, work, finished)
    } catch (err) {
      setError(describe(err))
      if (err instanceof ApiFailure && (err.code === 'FC_HOLD_EXPIRED' || err.code === 'FC_INVALID_STATE')) {
        props.onChange(null, { status: 'expired', seatId: hold.seatId })
      }
    } finally {
      setWaitNote(null)
    }
  }

  const extend = () =>
    act('extend', async (key) => {
      const r = await callWithRetry<ExtendResponse>('POST', `/v1/holds/${hold.holdId}/extend`, opts(key))
      props.onChange({ ...hold, expiresAt: Date.parse(r.expiresAt) })
    })
  const release = () =>
    act('release', async (key) => {
      await callWithRetry('DELETE', `/v1/holds/${hold.holdId}`, opts(key))
      props.onChange(null)
    })
  const pay = () =>
    act('confirm', async (key) => {
      const r = await callWithRetry<ConfirmResponse>('POST', `/v1/holds/${hold.holdId}/confirm`, {
        ...opts(key),
        body: props.simulatedPayments ? { payment: { simulate: payment } } : {}
      })
      props.onChange({ ...hold, reservationId: r.reservationId })
    })

  const titleId = `hold-${hold.holdId}`
  if (paying) {
    const s = result.status
    return (
      <article class="card hold" aria-labelledby={titleId} data-testid="booking-result" data-status={s}>
        <h3 id={titleId}>Seat {hold.seatId}</h3>
        {s === 'pending' && (
          <Notice tone="info">
            <span class="spinner" aria-hidden="true" /> Payment accepted, booking in progress… we will tell
            you here the moment it is settled.
          </Notice>
        )}
        {s === 'confirmed' && <Notice tone="success">Booked! Seat {hold.seatId} is yours.</Notice>}
        {s === 'failed' && (
          <Notice tone="error">
            {result.reason?.startsWith('payment declined')
              ? `The payment was declined and seat ${hold.seatId} went back on sale.`
              : `The booking of seat ${hold.seatId} could not be completed.`}
            {result.reason ? ` (${result.reason})` : ''}
            {result.refund === 'due' || result.refund === 'refunded'
              ? ' Anything charged for it is refunded automatically.'
              : result.refund === 'nothing_charged'
                ? ' Nothing was charged.'
                : ''}
          </Notice>
        )}
        {s === 'expired' && <Notice tone="error">The booking expired before it was settled.</Notice>}
        {s !== 'pending' && (
          <button type="button" onClick={() => props.onChange(null, { status: s, seatId: hold.seatId })}>
            Done
          </button>
        )}
      </article>
    )
  }

  const expired = left <= 0
  return (
    <article class="card hold" aria-labelledby={titleId} data-testid="hold">
      <h3 id={titleId}>
        Seat {hold.seatId} <span class="price">{money(hold.price)}</span>
      </h3>
      <p class={`countdown ${left < 60_000 ? 'urgent' : ''}`}>
        {expired ? (
          'Your hold expired.'
        ) : (
          <>
            Held for you for <time data-testid="hold-countdown">{clock(left)}</time>
          </>
        )}
      </p>
      {props.simulatedPayments && (
        <fieldset class="payment" disabled={intent.busy || expired}>
          <legend>Payment (simulated for the demo)</legend>
          {PAYMENT_CHOICES.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name={`pay-${hold.holdId}`}
                value={value}
                checked={payment === value}
                onChange={() => setPayment(value)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
      )}
      <div class="actions">
        <button type="button" class="primary" disabled={intent.busy || expired} onClick={pay}>
          {intent.busy ? 'Working…' : `Pay ${money(hold.price)}`}
        </button>
        <button type="button" disabled={intent.busy || expired} onClick={extend}>
          Extend hold
        </button>
        <button type="button" disabled={intent.busy} onClick={expired ? () => props.onChange(null) : release}>
          {expired ? 'Dismiss' : 'Release seat'}
        </button>
      </div>
      {waitNote && <Notice tone="warning">{waitNote}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
    </article>
  )
}
