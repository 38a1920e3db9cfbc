import { useEffect, useState } from 'preact/hooks'
import type { PublicSale } from '../../../src/http/api-types.ts'
import { ApiFailure, call, describe } from '../api/client.ts'
import { duration } from '../format.ts'
import { useInterval, useNow } from '../hooks.ts'
import { useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { BuyerFlow } from './buyer-flow.tsx'

const SALE_POLL_MS = 2000

function SaleHeader(props: { sale: PublicSale }) {
  const { sale } = props
  const now = useNow(1000)
  const opensAt = sale.opensAt ? Date.parse(sale.opensAt) : null
  const untilOpen = opensAt !== null ? opensAt - now : 0
  const pct = sale.capacity > 0 ? Math.round((sale.remaining / sale.capacity) * 100) : 0
  return (
    <header class="card sale-header">
      <p class="eyebrow">{sale.kind === 'seated' ? 'Seated sale' : 'Coupon drop'}</p>
      <h1>{sale.name}</h1>
      {untilOpen > 0 ? (
        <p class="countdown-open" data-testid="opens-in">
          Opens in <strong>{duration(untilOpen / 1000)}</strong>
        </p>
      ) : (
        <p class="status-line">{sale.status === 'open' ? 'On sale now' : `Sale ${sale.status}`}</p>
      )}
      <div class="stock">
        <span data-testid="remaining">
          <strong>{sale.remaining.toLocaleString()}</strong> of {sale.capacity.toLocaleString()} left
        </span>
        <meter min={0} max={sale.capacity} value={sale.remaining} aria-label="Remaining stock">
          {pct}%
        </meter>
        <span class="muted">Up to {sale.perUserLimit} per buyer</span>
      </div>
    </header>
  )
}

/** `/events/:id`: the sale's header (countdown, stock) and the buyer's flow through it. */
export function SalePage(props: { saleId: string }) {
  const user = useIdentity('user')
  const [sale, setSale] = useState<PublicSale | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    try {
      setSale(await call<PublicSale>('GET', `/v1/events/${props.saleId}`))
      setError(null)
    } catch (err) {
      setError(
        err instanceof ApiFailure && err.code === 'FC_NOT_FOUND' ? 'There is no such sale.' : describe(err)
      )
    }
  }
  useEffect(() => void load(), [props.saleId])
  useInterval(() => void load(), SALE_POLL_MS)

  useEffect(() => {
    if (sale) document.title = `${sale.name} · firstcome`
  }, [sale?.name])

  if (!sale) return error ? <Notice tone="error">{error}</Notice> : <p>Loading the sale…</p>
  return (
    <>
      <SaleHeader sale={sale} />
      {error && <Notice tone="warning">{error}</Notice>}
      {user ? (
        <BuyerFlow key={`${user.userId}/${sale.id}`} sale={sale} user={user} />
      ) : (
        <SignIn kind="buyer" title="Sign in to take part" />
      )}
    </>
  )
}
