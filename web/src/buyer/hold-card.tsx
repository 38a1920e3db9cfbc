import { useState } from 'preact/hooks'
import type { RequestStatus, SimulatedPayment } from '../../../src/http/api-types.ts'
import { ApiFailure, api, callWithRetry, describe } from '../api/client.ts'
import { clock, money } from '../format.ts'
import { useIntent, useNow } from '../hooks.ts'
import { msg, useT } from '../i18n/index.ts'
import type { HeldSeat } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { useResult } from './results.ts'
import { parseSeatId } from './venue.ts'

interface Props {
  hold: HeldSeat
  /** The currency of the hold's amount (the sale's). */
  currency: string
  token: string
  accessToken: string
  /** The server lets the buyer pick the payment's outcome (development and test profiles only). */
  simulatedPayments: boolean
  /** The seat map's code for the hold's first seat now (a, h, s), for the fallback when no results endpoint exists. */
  seatState: () => string | undefined
  onChange(next: HeldSeat | null, outcome?: { status: RequestStatus; seatId: string }): void
}

/** The simulated payment outcomes a buyer can pick. */
const PAYMENT_CHOICES: readonly SimulatedPayment[] = ['approve', 'decline', 'timeout']

const finished = (err: unknown) => !(err instanceof ApiFailure && err.transient)

/**
 * One held seat: a visible countdown, extend and release, and checkout with a simulated payment
 * whose outcome (approve, decline, or a provider that never answers) the buyer picks for the demo.
 * Every button is one intent with one Idempotency-Key, disabled while its request is in flight.
 */
export function HoldCard(props: Props) {
  const { hold } = props
  const t = useT()
  const now = useNow(250)
  const intent = useIntent()
  const [payment, setPayment] = useState<SimulatedPayment>('approve')
  const [error, setError] = useState<string | null>(null)
  const [waitNote, setWaitNote] = useState<string | null>(null)
  const left = hold.expiresAt - now
  const paying = hold.reservationId !== undefined
  const result = useResult('reservation', hold.reservationId ?? null, props.token, async () => {
    const s = props.seatState()
    if (s === 's') return 'confirmed'
    if (s === 'a') return 'failed'
    return undefined
  })
  const opts = (key: string) => ({
    token: props.token,
    accessToken: props.accessToken,
    idempotencyKey: key,
    onWait: (_: ApiFailure, sec: number) => setWaitNote(msg().hold.slowDown(String(sec)))
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
      const r = await callWithRetry(
        (init) =>
          api.POST('/v1/holds/{holdId}/extend', { params: { path: { holdId: hold.holdId } }, ...init }),
        opts(key)
      )
      props.onChange({ ...hold, expiresAt: Date.parse(r.expiresAt) })
    })
  const release = () =>
    act('release', async (key) => {
      await callWithRetry(
        (init) => api.DELETE('/v1/holds/{holdId}', { params: { path: { holdId: hold.holdId } }, ...init }),
        opts(key)
      )
      props.onChange(null)
    })
  const pay = () =>
    act('confirm', async (key) => {
      const r = await callWithRetry(
        (init) =>
          api.POST('/v1/holds/{holdId}/confirm', {
            params: { path: { holdId: hold.holdId } },
            body: props.simulatedPayments ? { payment: { simulate: payment } } : {},
            ...init
          }),
        opts(key)
      )
      props.onChange({ ...hold, reservationId: r.reservationId })
    })

  const titleId = `hold-${hold.holdId}`
  const ids = hold.seatIds ?? [hold.seatId]
  const what = ids.length === 1 ? t.hold.seat(hold.seatId) : t.hold.seats(ids.join(', '))
  const total = money(hold.price, props.currency)
  if (paying) {
    const s = result.status
    return (
      <article class="card hold" aria-labelledby={titleId} data-testid="booking-result" data-status={s}>
        <h3 id={titleId}>
          {what} <span class="price">{total}</span>
        </h3>
        {s === 'pending' && (
          <Notice tone="info">
            <span class="spinner" aria-hidden="true" /> {t.hold.pending}
          </Notice>
        )}
        {s === 'confirmed' && <Notice tone="success">{t.hold.confirmed(what)}</Notice>}
        {s === 'failed' && (
          <Notice tone="error">
            {result.reason?.startsWith('payment declined') ? t.hold.declined(what) : t.hold.failed(what)}
            {result.reason ? ` (${result.reason})` : ''}
            {result.refund === 'due' || result.refund === 'refunded'
              ? t.hold.refunded
              : result.refund === 'nothing_charged'
                ? t.hold.nothingCharged
                : ''}
          </Notice>
        )}
        {s === 'expired' && <Notice tone="error">{t.hold.bookingExpired}</Notice>}
        {s !== 'pending' && (
          <button type="button" onClick={() => props.onChange(null, { status: s, seatId: hold.seatId })}>
            {t.hold.done}
          </button>
        )}
      </article>
    )
  }

  const expired = left <= 0
  return (
    <article class="card hold" aria-labelledby={titleId} data-testid="hold">
      <h3 id={titleId}>{what}</h3>
      <ul class="plain hold-seats" data-testid="hold-seats">
        {ids.map((id) => {
          const ref = parseSeatId(id)
          return (
            <li key={id} data-seat-held={id}>
              {ref ? t.hold.seatLine(ref.section, String(ref.row), String(ref.number)) : id}
            </li>
          )
        })}
      </ul>
      <p class="total">
        {t.hold.total} <strong data-testid="hold-total">{total}</strong>
      </p>
      <p class={`countdown ${left < 60_000 ? 'urgent' : ''}`}>
        {expired ? (
          t.hold.expired
        ) : (
          <>
            {t.hold.heldFor}
            <time data-testid="hold-countdown">{clock(left)}</time>
          </>
        )}
      </p>
      {props.simulatedPayments && (
        <fieldset class="payment" disabled={intent.busy || expired}>
          <legend>{t.hold.payment}</legend>
          {PAYMENT_CHOICES.map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={`pay-${hold.holdId}`}
                value={value}
                checked={payment === value}
                onChange={() => setPayment(value)}
              />{' '}
              {t.hold[value]}
            </label>
          ))}
        </fieldset>
      )}
      <div class="actions">
        <button type="button" class="primary" disabled={intent.busy || expired} onClick={pay}>
          {intent.busy ? t.app.working : t.hold.pay(total)}
        </button>
        <button type="button" disabled={intent.busy || expired} onClick={extend}>
          {t.hold.extend}
        </button>
        <button type="button" disabled={intent.busy} onClick={expired ? () => props.onChange(null) : release}>
          {expired ? t.hold.dismiss : t.hold.release}
        </button>
      </div>
      {waitNote && <Notice tone="warning">{waitNote}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
    </article>
  )
}
