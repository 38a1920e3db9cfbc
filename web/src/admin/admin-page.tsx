import { useEffect, useState } from 'preact/hooks'
import type { CreatedSale } from '../../../src/http/api-types.ts'
import { api, call, describe } from '../api/client.ts'
import { num } from '../format.ts'
import { useT } from '../i18n/index.ts'
import { Link } from '../router.tsx'
import { type Identity, useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { ConsoleNav } from './console-nav.tsx'
import { CreateSaleForm } from './create-sale-form.tsx'

/** `/admin`: operator sign-in, the create-a-sale form, and the newest sales (from the API). */
export function AdminPage() {
  const admin = useIdentity('admin')
  if (!admin) return <SignIn kind="admin" />
  return (
    <>
      <ConsoleNav />
      <div class="admin-grid">
        <CreateSaleForm admin={admin} />
        <SaleList admin={admin} />
      </div>
    </>
  )
}

function SaleList(props: { admin: Identity }) {
  const [sales, setSales] = useState<CreatedSale[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const t = useT()
  useEffect(() => {
    call((init) => api.GET('/v1/admin/events', { params: { query: { limit: 50 } }, ...init }), {
      token: props.admin.token
    })
      .then((list) => setSales(list.events))
      .catch((err: unknown) => setError(describe(err)))
  }, [props.admin.token])

  return (
    <section class="card" aria-labelledby="sales-title">
      <h2 id="sales-title">{t.console.salesTitle}</h2>
      {error ? (
        <Notice tone="warning">{error}</Notice>
      ) : sales === null ? (
        <p class="muted">{t.app.loading}</p>
      ) : sales.length === 0 ? (
        <p>{t.console.noSales}</p>
      ) : (
        <ul class="plain">
          {sales.map((s) => (
            <li key={s.id}>
              <Link href={`/admin/events/${s.id}`}>{s.name}</Link>{' '}
              <span class="muted">
                {t.console.saleLine(
                  s.kind === 'seated' ? t.home.kindSeated : t.home.kindCoupon,
                  s.kind === 'seated' ? t.console.seatsN(num(s.capacity)) : t.console.unitsN(num(s.capacity)),
                  t.sale.statusNames[s.status] ?? s.status
                )}
              </span>{' '}
              {s.phase && s.phase !== s.status && (
                <span class="muted" data-testid="listed-phase">
                  · {t.sale.phaseNames[s.phase]}{' '}
                </span>
              )}
              · <Link href={`/events/${s.id}`}>{t.console.buyerPage}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
