import { useEffect, useState } from 'preact/hooks'
import type {
  HoldResponse,
  PublicSale,
  RequestStatus,
  SeatsResponse,
  SeatView
} from '../../../src/http/api-types.ts'
import { ApiFailure, call, callWithRetry, describe } from '../api/client.ts'
import { useIntent, useInterval } from '../hooks.ts'
import { type HeldSeat, type Identity, passes } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { history } from './history.ts'
import { HoldCard } from './hold-card.tsx'
import { SeatMap } from './seat-map.tsx'

interface Props {
  sale: PublicSale
  user: Identity
  accessToken: string
  onAccessLost(message: string): void
}

const SEATS_POLL_MS = 1000
const finished = (err: unknown) => !(err instanceof ApiFailure && err.transient)

/** The seat map (polled every second, so seats others take vanish as it happens) and this buyer's holds. */
export function SeatShop(props: Props) {
  const { sale, user } = props
  const [seats, setSeats] = useState<SeatView[] | null>(null)
  const [holds, setHolds] = useState<HeldSeat[]>(() => passes.get(user.userId, sale.id).holds ?? [])
  const [picking, setPicking] = useState<string | null>(null)
  const [message, setMessage] = useState<{ tone: 'error' | 'warning' | 'success'; text: string } | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const intent = useIntent()

  const load = async () => {
    try {
      const r = await call<SeatsResponse>('GET', `/v1/events/${sale.id}/seats`)
      setSeats(r.seats)
      setLoadError(null)
    } catch (err) {
      setLoadError(`The seat map could not be refreshed: ${describe(err)}`)
    }
  }
  useEffect(() => void load(), [sale.id])
  useInterval(() => void load(), SEATS_POLL_MS)

  const saveHolds = (next: HeldSeat[]) => {
    setHolds(next)
    passes.update(user.userId, sale.id, { holds: next })
  }

  const pick = async (seat: SeatView) => {
    setMessage(null)
    setPicking(seat.id)
    try {
      const r = await intent.run(
        `hold:${seat.id}`,
        (key) =>
          callWithRetry<HoldResponse>('POST', `/v1/events/${sale.id}/holds`, {
            token: user.token,
            accessToken: props.accessToken,
            idempotencyKey: key,
            body: { seatId: seat.id },
            onWait: (_, sec) => setMessage({ tone: 'warning', text: `Slow down: retrying in ${sec} s…` })
          }),
        finished
      )
      if (!r) return
      setMessage(null)
      saveHolds([
        ...holds.filter((h) => h.holdId !== r.holdId),
        { holdId: r.holdId, seatId: r.seatId, expiresAt: Date.parse(r.expiresAt), price: seat.price }
      ])
    } catch (err) {
      const text =
        err instanceof ApiFailure && err.code === 'FC_SEAT_TAKEN'
          ? `Seat ${seat.id} was just taken by someone else. Pick another one.`
          : describe(err)
      setMessage({ tone: 'error', text })
      if (err instanceof ApiFailure && err.code === 'FC_NOT_ADMITTED') props.onAccessLost(text)
    } finally {
      setPicking(null)
      void load()
    }
  }

  const onHoldChange = (hold: HeldSeat, next: HeldSeat | null, outcome?: { status: RequestStatus }) => {
    if (next?.reservationId && !hold.reservationId) {
      history.put(user.userId, {
        kind: 'reservation',
        id: next.reservationId,
        saleId: sale.id,
        saleName: sale.name,
        seatId: hold.seatId,
        amount: hold.price,
        at: Date.now(),
        status: 'pending'
      })
    }
    if (outcome && hold.reservationId) history.setStatus(user.userId, hold.reservationId, outcome.status)
    saveHolds(
      next
        ? holds.map((h) => (h.holdId === hold.holdId ? next : h))
        : holds.filter((h) => h.holdId !== hold.holdId)
    )
    void load()
  }

  const mine = new Set(holds.map((h) => h.seatId))
  const available = seats?.filter((s) => s.state === 'available').length ?? 0
  return (
    <div class="shop">
      <section class="card" aria-labelledby="seats-title">
        <h2 id="seats-title">Pick your seat</h2>
        {message && (
          <Notice tone={message.tone} testId="shop-message">
            {message.text}
          </Notice>
        )}
        {loadError && <Notice tone="warning">{loadError}</Notice>}
        {seats === null ? (
          <p>Loading the seat map…</p>
        ) : (
          <>
            {available === 0 && holds.length === 0 && (
              <Notice tone="error" testId="sold-out">
                Sold out: every seat has been taken.
              </Notice>
            )}
            <SeatMap
              seats={seats}
              mine={mine}
              pending={picking}
              disabled={intent.busy}
              onPick={(s) => void pick(s)}
            />
          </>
        )}
      </section>
      {holds.length > 0 && (
        <section aria-labelledby="holds-title" class="holds">
          <h2 id="holds-title">Your seats</h2>
          {holds.map((h) => (
            <HoldCard
              key={h.holdId}
              hold={h}
              token={user.token}
              accessToken={props.accessToken}
              simulatedPayments={sale.simulatedPayments === true}
              seatState={() => seats?.find((s) => s.id === h.seatId)?.state}
              onChange={(next, outcome) => onHoldChange(h, next, outcome)}
            />
          ))}
        </section>
      )}
    </div>
  )
}
