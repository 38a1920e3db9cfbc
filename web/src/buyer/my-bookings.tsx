import { useEffect, useState } from 'preact/hooks'
import type { MyBooking } from '../../../src/http/api-types.ts'
import { ApiFailure, api, call, describe } from '../api/client.ts'
import { DEFAULT_CURRENCY } from '../api/currency.ts'
import { dateTime, money } from '../format.ts'
import { useInterval } from '../hooks.ts'
import { msg, useT } from '../i18n/index.ts'
import { Link } from '../router.tsx'
import { useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { history, type LocalBooking } from './history.ts'

function statusLabel(status: string): string {
  const b = msg().bookings
  const labels: Record<string, string> = {
    pending: b.statusPending,
    confirmed: b.statusConfirmed,
    failed: b.statusFailed,
    expired: b.statusExpired
  }
  return labels[status] ?? status
}

const seatList = (ids: readonly string[]) => ids.join(', ')

/** `/me`: the buyer's bookings from the server, or this browser's own record where the server has no list yet. */
export function MyBookings() {
  const user = useIdentity('user')
  const [server, setServer] = useState<MyBooking[] | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [local, setLocal] = useState<LocalBooking[]>([])
  const t = useT()

  const load = async () => {
    if (!user) return
    setLocal(history.list(user.userId))
    try {
      const mine = await call((init) => api.GET('/v1/me/reservations', { ...init }), { token: user.token })
      setServer(mine.items)
      setNote(null)
    } catch (err) {
      setServer(null)
      setNote(err instanceof ApiFailure && err.routeMissing ? msg().bookings.noList : describe(err))
    }
  }
  useEffect(() => void load(), [user?.userId])
  useInterval(() => void load(), 3000, user !== null)

  if (!user) return <SignIn kind="buyer" title={t.signIn.bookingsTitle} />
  type Row = {
    id: string
    what: string
    sale: string
    saleId: string
    status: string
    amount?: number
    currency: string
    at?: string | number
  }
  const fromServer: Row[] = (server ?? []).map((b) => {
    const seatIds = Array.isArray(b.seatIds) ? (b.seatIds as string[]) : b.seatId ? [b.seatId] : []
    return {
      id: b.id,
      what:
        b.type === 'claim'
          ? `${t.bookings.coupon}${b.couponCode ? ` ${b.couponCode}` : ''}`
          : seatIds.length === 1
            ? t.hold.seat(seatIds[0] ?? '')
            : t.bookings.seats(seatList(seatIds)),
      sale: b.saleId ?? '',
      saleId: b.saleId ?? '',
      status: b.status,
      currency: typeof b.currency === 'string' ? b.currency : DEFAULT_CURRENCY,
      ...(typeof b.amount === 'number' ? { amount: b.amount } : {}),
      ...(b.createdAt ? { at: b.createdAt } : {})
    }
  })
  // The server is the record; requests this browser made that it does not list yet are added.
  const known = new Set(fromServer.map((r) => r.id))
  const fromHere: Row[] = local
    .filter((b) => !known.has(b.id))
    .map((b) => ({
      id: b.id,
      what:
        b.kind === 'claim'
          ? t.bookings.coupon
          : (b.seatIds?.length ?? 1) === 1
            ? t.hold.seat(b.seatId ?? '')
            : t.bookings.seats(seatList(b.seatIds ?? [])),
      sale: b.saleName ?? b.saleId,
      saleId: b.saleId,
      status: b.status,
      currency: b.currency ?? DEFAULT_CURRENCY,
      at: b.at,
      ...(b.amount !== undefined ? { amount: b.amount } : {})
    }))
  const rows = [...fromServer, ...fromHere]
  return (
    <section class="card" aria-labelledby="mine-title">
      <h1 id="mine-title">{t.bookings.title}</h1>
      {note && <Notice tone="info">{note}</Notice>}
      {rows.length === 0 ? (
        <p>{t.bookings.empty}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="bookings">
            <caption class="sr-only">{t.bookings.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.bookings.what}</th>
                <th scope="col">{t.bookings.sale}</th>
                <th scope="col">{t.bookings.price}</th>
                <th scope="col">{t.bookings.status}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.what}
                    {r.at !== undefined && <small class="muted when">{dateTime(r.at)}</small>}
                  </td>
                  <td>
                    <Link href={`/events/${r.saleId}`}>{r.sale}</Link>
                  </td>
                  <td>{r.amount === undefined ? '—' : money(r.amount, r.currency)}</td>
                  <td>
                    <span class={`badge badge-${r.status}`}>{statusLabel(r.status)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
