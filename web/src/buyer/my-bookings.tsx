import { useEffect, useState } from 'preact/hooks'
import type { MyBooking } from '../../../src/http/api-types.ts'
import { ApiFailure, call, describe } from '../api/client.ts'
import { money } from '../format.ts'
import { useInterval } from '../hooks.ts'
import { Link } from '../router.tsx'
import { useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { history, type LocalBooking } from './history.ts'

function rowsOf(data: unknown): MyBooking[] {
  if (Array.isArray(data)) return data as MyBooking[]
  if (typeof data === 'object' && data !== null) {
    for (const k of ['reservations', 'bookings', 'items']) {
      const v = (data as Record<string, unknown>)[k]
      if (Array.isArray(v)) return v as MyBooking[]
    }
  }
  return []
}

const STATUS_LABEL: Record<string, string> = {
  pending: 'In progress',
  confirmed: 'Confirmed',
  failed: 'Failed',
  expired: 'Expired'
}

/** `/me`: the buyer's bookings from the server, or this browser's own record where the server has no list yet. */
export function MyBookings() {
  const user = useIdentity('user')
  const [server, setServer] = useState<MyBooking[] | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [local, setLocal] = useState<LocalBooking[]>([])

  const load = async () => {
    if (!user) return
    setLocal(history.list(user.userId))
    try {
      setServer(rowsOf(await call<unknown>('GET', '/v1/me/reservations', { token: user.token })))
      setNote(null)
    } catch (err) {
      setServer(null)
      setNote(
        err instanceof ApiFailure && err.routeMissing
          ? 'The server does not list bookings yet: showing the ones made in this browser.'
          : describe(err)
      )
    }
  }
  useEffect(() => void load(), [user?.userId])
  useInterval(() => void load(), 3000, user !== null)

  if (!user) return <SignIn kind="buyer" title="Sign in to see your bookings" />
  type Row = { id: string; what: string; sale: string; saleId: string; status: string; amount?: number }
  const fromServer: Row[] = (server ?? []).map((b) => ({
    id: b.reservationId ?? b.claimId ?? b.id ?? '?',
    what:
      b.type === 'claim' || (!b.seatId && b.claimId)
        ? `Coupon${b.couponCode ? ` ${b.couponCode}` : ''}`
        : `Seat ${b.seatId ?? ''}`,
    sale: b.saleId ?? '',
    saleId: b.saleId ?? '',
    status: b.status,
    ...(typeof b.amount === 'number' ? { amount: b.amount } : {})
  }))
  // The server is the record; requests this browser made that it does not list yet are added.
  const known = new Set(fromServer.map((r) => r.id))
  const fromHere: Row[] = local
    .filter((b) => !known.has(b.id))
    .map((b) => ({
      id: b.id,
      what: b.kind === 'claim' ? 'Coupon' : `Seat ${b.seatId ?? ''}`,
      sale: b.saleName ?? b.saleId,
      saleId: b.saleId,
      status: b.status,
      ...(b.amount !== undefined ? { amount: b.amount } : {})
    }))
  const rows = [...fromServer, ...fromHere]
  return (
    <section class="card" aria-labelledby="mine-title">
      <h1 id="mine-title">My bookings</h1>
      {note && <Notice tone="info">{note}</Notice>}
      {rows.length === 0 ? (
        <p>Nothing yet. Find a sale and get in line!</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="bookings">
            <caption class="sr-only">Your bookings and coupons</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Sale</th>
                <th scope="col">Price</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.what}</td>
                  <td>
                    <Link href={`/events/${r.saleId}`}>{r.sale}</Link>
                  </td>
                  <td>{r.amount === undefined ? '—' : money(r.amount)}</td>
                  <td>
                    <span class={`badge badge-${r.status}`}>{STATUS_LABEL[r.status] ?? r.status}</span>
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
