import { useEffect, useState } from 'preact/hooks'
import type { HoldRequest, PublicSale, RequestStatus } from '../../../src/http/api-types.ts'
import { ApiFailure, api, callWithRetry, describe } from '../api/client.ts'
import { currencyOf } from '../api/currency.ts'
import { money, num } from '../format.ts'
import { useIntent } from '../hooks.ts'
import { msg, useT } from '../i18n/index.ts'
import { type HeldSeat, type Identity, passes } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { history } from './history.ts'
import { HoldCard } from './hold-card.tsx'
import { useSeatFeed } from './use-seat-feed.ts'
import { codeOf, indexOf, priceOf, sectionOf } from './venue.ts'
import { SectionMap, SectionOverview } from './venue-map.tsx'

interface Props {
  sale: PublicSale
  user: Identity
  accessToken: string
  onAccessLost(message: string): void
}

const finished = (err: unknown) => !(err instanceof ApiFailure && err.transient)
const seatsOf = (h: HeldSeat) => h.seatIds ?? [h.seatId]

/**
 * The venue-scale shop: the section overview, one section's rows, and this buyer's holds. The map
 * is loaded once and kept current by the seat stream (what others take disappears as it happens);
 * a buyer picks 1..limit seats and holds them in one request, or asks for the best N together.
 */
export function SeatShop(props: Props) {
  const { sale, user } = props
  const t = useT()
  const currency = currencyOf(sale)
  const feed = useSeatFeed(sale.id, currency)
  const [holds, setHolds] = useState<HeldSeat[]>(() => passes.get(user.userId, sale.id).holds ?? [])
  const [section, setSection] = useState<string | null>(null)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [quantity, setQuantity] = useState(Math.min(2, sale.perUserLimit))
  const [message, setMessage] = useState<{ tone: 'error' | 'warning' | 'success'; text: string } | null>(null)
  const intent = useIntent()

  const layout = feed.layout
  const room = Math.max(0, sale.perUserLimit - holds.flatMap(seatsOf).length)
  // A single section opens by itself; otherwise the buyer picks one from the overview.
  const open = section ?? (layout?.sections.length === 1 ? (layout.sections[0]?.name ?? null) : null)
  const sec = layout && open ? sectionOf(layout, open) : undefined
  // A selected seat someone else took leaves the selection.
  const picked = layout ? [...selected].filter((id) => codeOf(layout, feed.states, id) === 'a') : []
  const pickedTotal = layout ? picked.reduce((sum, id) => sum + priceOf(layout, id), 0) : 0

  // A picked seat someone else takes leaves the selection, and the buyer is told which.
  useEffect(() => {
    if (!layout || selected.size === 0) return
    const lost = [...selected].filter((id) => codeOf(layout, feed.states, id) !== 'a')
    if (lost.length === 0) return
    const m = msg().venue
    setMessage({ tone: 'error', text: lost.length === 1 ? m.takenOne : m.takenSeats(lost.join(', ')) })
    setSelected(new Set([...selected].filter((id) => !lost.includes(id))))
  }, [feed.states])

  const saveHolds = (next: HeldSeat[]) => {
    setHolds(next)
    passes.update(user.userId, sale.id, { holds: next })
  }

  const toggle = (id: string) => {
    setMessage(null)
    const next = new Set(picked)
    if (next.has(id)) next.delete(id)
    else if (next.size < room) next.add(id)
    else if (room === 1) {
      next.clear()
      next.add(id)
    } else {
      setMessage({ tone: 'warning', text: msg().venue.limitNote(num(sale.perUserLimit)) })
      return
    }
    setSelected(next)
  }

  const hold = async (body: HoldRequest, intentName: string) => {
    setMessage(null)
    try {
      const r = await intent.run(
        intentName,
        (key) =>
          callWithRetry(
            (init) => api.POST('/v1/events/{id}/holds', { params: { path: { id: sale.id } }, body, ...init }),
            {
              token: user.token,
              accessToken: props.accessToken,
              idempotencyKey: key,
              onWait: (_, sec) => setMessage({ tone: 'warning', text: msg().venue.slowDown(String(sec)) })
            }
          ),
        finished
      )
      if (!r) return
      const ids = r.seatIds ?? [r.seatId]
      if (layout) ids.sort((a, b) => indexOf(layout, a) - indexOf(layout, b))
      const amount = r.amount ?? (layout ? ids.reduce((s, id) => s + priceOf(layout, id), 0) : 0)
      setSelected(new Set())
      saveHolds([
        ...holds.filter((h) => h.holdId !== r.holdId),
        {
          holdId: r.holdId,
          seatId: ids[0] ?? r.seatId,
          seatIds: ids,
          expiresAt: Date.parse(r.expiresAt),
          price: amount,
          currency: r.currency ?? currency
        }
      ])
    } catch (err) {
      const m = msg().venue
      let text = describe(err)
      if (err instanceof ApiFailure && err.code === 'FC_SEAT_TAKEN')
        text = 'seatIds' in body ? m.takenSeats(body.seatIds.join(', ')) : m.takenOne
      else if (
        err instanceof ApiFailure &&
        (err.code as string) === 'FC_NO_SEATS_TOGETHER' &&
        'section' in body
      )
        text = m.noneTogether(num(body.quantity), body.section)
      setMessage({ tone: 'error', text })
      if (err instanceof ApiFailure && err.code === 'FC_NOT_ADMITTED') props.onAccessLost(text)
    }
  }

  const onHoldChange = (h: HeldSeat, next: HeldSeat | null, outcome?: { status: RequestStatus }) => {
    if (next?.reservationId && !h.reservationId) {
      history.put(user.userId, {
        kind: 'reservation',
        id: next.reservationId,
        saleId: sale.id,
        saleName: sale.name,
        seatId: h.seatId,
        seatIds: seatsOf(h),
        amount: h.price,
        currency: h.currency ?? currency,
        at: Date.now(),
        status: 'pending'
      })
    }
    if (outcome && h.reservationId) history.setStatus(user.userId, h.reservationId, outcome.status)
    saveHolds(
      next ? holds.map((x) => (x.holdId === h.holdId ? next : x)) : holds.filter((x) => x.holdId !== h.holdId)
    )
  }

  const mine = new Set(holds.flatMap(seatsOf))
  const available = feed.states.split('a').length - 1
  const quantities = Array.from({ length: Math.max(1, room) }, (_, i) => i + 1)
  return (
    <div class="shop">
      <section class="card" aria-labelledby="seats-title">
        <div class="shop-head">
          <h2 id="seats-title">{t.venue.title}</h2>
          <span class="muted live-note">
            <span class={`live-dot ${feed.live ? 'on' : ''}`} aria-hidden="true" />{' '}
            {feed.live ? t.venue.live : layout && feed.mode === 'stream' ? t.venue.offline : ''}
          </span>
        </div>
        {message && (
          <Notice tone={message.tone} testId="shop-message">
            {message.text}
          </Notice>
        )}
        {feed.error && <Notice tone="warning">{t.venue.reloadFailed(feed.error)}</Notice>}
        {layout === null ? (
          <p>{t.venue.loading}</p>
        ) : (
          <>
            {available === 0 && holds.length === 0 && feed.states !== '' && (
              <Notice tone="error" testId="sold-out">
                {t.venue.soldOut}
              </Notice>
            )}
            {room === 0 && holds.length > 0 && <Notice tone="info">{t.venue.holdsFull}</Notice>}
            <SectionOverview
              layout={layout}
              states={feed.states}
              currency={currency}
              current={open}
              onSection={(name) => {
                setSection(name)
                setMessage(null)
              }}
            />
            {sec && (
              <>
                <SectionMap
                  key={sec.name}
                  section={sec}
                  states={feed.states}
                  currency={currency}
                  mine={mine}
                  selected={new Set(picked)}
                  disabled={intent.busy || room === 0}
                  onSeat={toggle}
                />
                {room > 0 && (
                  <>
                    <div class="pick-bar" aria-live="polite">
                      <span data-testid="selection">{t.venue.selection(num(picked.length), num(room))}</span>
                      <button
                        type="button"
                        class="primary"
                        data-testid="hold-selected"
                        disabled={intent.busy || picked.length === 0}
                        onClick={() =>
                          void hold(
                            picked.length === 1 && picked[0] ? { seatId: picked[0] } : { seatIds: picked },
                            `hold:${picked.join(',')}`
                          )
                        }
                      >
                        {picked.length <= 1
                          ? t.venue.holdOne(money(pickedTotal, currency))
                          : t.venue.holdSelected(num(picked.length), money(pickedTotal, currency))}
                      </button>
                      {picked.length > 0 && (
                        <button type="button" class="link" onClick={() => setSelected(new Set())}>
                          {t.venue.clear}
                        </button>
                      )}
                    </div>
                    <form
                      class="best"
                      onSubmit={(e) => {
                        e.preventDefault()
                        const n = Math.min(quantity, room)
                        void hold({ section: sec.name, quantity: n, adjacent: true }, `best:${sec.name}:${n}`)
                      }}
                    >
                      <h3>{t.venue.bestTitle}</h3>
                      <p class="muted">{t.venue.bestText}</p>
                      <div class="inline">
                        <label for="best-qty">{t.venue.quantity}</label>
                        <select
                          id="best-qty"
                          value={String(Math.min(quantity, Math.max(1, room)))}
                          onChange={(e) => setQuantity(Number(e.currentTarget.value))}
                        >
                          {quantities.map((q) => (
                            <option key={q} value={String(q)}>
                              {num(q)}
                            </option>
                          ))}
                        </select>
                        <button
                          type="submit"
                          data-testid="best-available"
                          disabled={intent.busy || room === 0}
                        >
                          {t.venue.bestButton(num(Math.min(quantity, Math.max(1, room))))}
                        </button>
                      </div>
                    </form>
                  </>
                )}
              </>
            )}
          </>
        )}
      </section>
      {holds.length > 0 && (
        <section aria-labelledby="holds-title" class="holds">
          <h2 id="holds-title">{t.venue.yourSeats}</h2>
          {holds.map((h) => (
            <HoldCard
              key={h.holdId}
              hold={h}
              currency={h.currency ?? currency}
              token={user.token}
              accessToken={props.accessToken}
              simulatedPayments={sale.simulatedPayments === true}
              seatState={() => (layout ? codeOf(layout, feed.states, h.seatId) : undefined)}
              onChange={(next, outcome) => onHoldChange(h, next, outcome)}
            />
          ))}
        </section>
      )}
    </div>
  )
}
