import { useEffect, useState } from 'preact/hooks'
import type { PublicSale } from '../../../src/http/api-types.ts'
import { ApiFailure, api, call, describe } from '../api/client.ts'
import { dateTime, duration, num } from '../format.ts'
import { useInterval, useNow } from '../hooks.ts'
import { msg, useT } from '../i18n/index.ts'
import { Link } from '../router.tsx'
import { useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { BuyerFlow } from './buyer-flow.tsx'

const SALE_POLL_MS = 2000

function SaleHeader(props: { sale: PublicSale }) {
  const { sale } = props
  const now = useNow(1000)
  const t = useT()
  const opensAt = sale.opensAt ? Date.parse(sale.opensAt) : null
  const untilOpen = opensAt !== null ? opensAt - now : 0
  const untilQueue = sale.preQueueOpensAt ? Date.parse(sale.preQueueOpensAt) - now : 0
  const closed = sale.phase === 'closed' || sale.status === 'closed'
  const pct = sale.capacity > 0 ? Math.round((sale.remaining / sale.capacity) * 100) : 0
  return (
    <header class="card sale-header" data-phase={sale.phase}>
      <p class="eyebrow">{sale.kind === 'seated' ? t.sale.seated : t.sale.coupon}</p>
      <h1>{sale.name}</h1>
      {closed ? (
        <p class="status-line" data-testid="sale-closed">
          {t.sale.closed}
        </p>
      ) : untilQueue > 0 ? (
        <p class="countdown-open" data-testid="queue-opens-in">
          {t.sale.queueOpensIn}
          <strong>{duration(untilQueue / 1000)}</strong>
        </p>
      ) : untilOpen > 0 ? (
        <p class="countdown-open" data-testid="opens-in">
          {t.sale.opensIn}
          <strong>{duration(untilOpen / 1000)}</strong>
        </p>
      ) : (
        <p class="status-line">
          {sale.status === 'open'
            ? t.sale.onSale
            : t.sale.status(t.sale.statusNames[sale.status] ?? sale.status)}
        </p>
      )}
      {!closed && untilQueue <= 0 && untilOpen > 0 && sale.preQueueOpensAt && (
        <p class="muted" data-testid="pre-queue-open">
          {t.sale.preQueueOpen(duration(untilOpen / 1000))}
        </p>
      )}
      {!closed && sale.closesAt && (
        <p class="muted" data-testid="closes-at">
          {t.sale.closesAt(dateTime(sale.closesAt))}
        </p>
      )}
      <div class="stock">
        <span data-testid="remaining">{t.sale.left(num(sale.remaining), num(sale.capacity))}</span>
        <meter min={0} max={sale.capacity} value={sale.remaining} aria-label={t.sale.remainingLabel}>
          {pct}%
        </meter>
        <span class="muted">{t.sale.perBuyer(num(sale.perUserLimit))}</span>
      </div>
      {opensAt !== null && untilOpen <= 0 && (
        <p>
          <Link href={`/events/${sale.id}/draw`}>{t.draw.link}</Link>
        </p>
      )}
    </header>
  )
}

/** `/events/:id`: the sale's header (countdown, stock) and the buyer's flow through it. */
export function SalePage(props: { saleId: string }) {
  const user = useIdentity('user')
  const [sale, setSale] = useState<PublicSale | null>(null)
  const [error, setError] = useState<string | null>(null)
  const t = useT()

  const load = async () => {
    try {
      setSale(
        await call((init) => api.GET('/v1/events/{id}', { params: { path: { id: props.saleId } }, ...init }))
      )
      setError(null)
    } catch (err) {
      setError(err instanceof ApiFailure && err.code === 'FC_NOT_FOUND' ? msg().sale.noSuch : describe(err))
    }
  }
  useEffect(() => void load(), [props.saleId])
  useInterval(() => void load(), SALE_POLL_MS)

  useEffect(() => {
    if (sale) document.title = `${sale.name} · firstcome`
  }, [sale?.name])

  if (!sale) return error ? <Notice tone="error">{error}</Notice> : <p>{t.sale.loading}</p>
  return (
    <>
      <SaleHeader sale={sale} />
      {error && <Notice tone="warning">{error}</Notice>}
      {user ? (
        <BuyerFlow key={`${user.userId}/${sale.id}`} sale={sale} user={user} />
      ) : (
        <SignIn kind="buyer" title={t.signIn.buyerTitle} />
      )}
    </>
  )
}
