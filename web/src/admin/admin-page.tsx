import { Link } from '../router.tsx'
import { knownSales, useIdentity } from '../session.ts'
import { SignIn } from '../ui/sign-in.tsx'
import { CreateSaleForm } from './create-sale-form.tsx'

/** `/admin`: operator sign-in, the create-a-sale form, and the sales made from this browser. */
export function AdminPage() {
  const admin = useIdentity('admin')
  if (!admin) return <SignIn kind="admin" />
  const sales = knownSales.list()
  return (
    <div class="admin-grid">
      <CreateSaleForm admin={admin} />
      <section class="card" aria-labelledby="sales-title">
        <h2 id="sales-title">Sales</h2>
        {sales.length === 0 ? (
          <p>No sales created from this browser yet.</p>
        ) : (
          <ul class="plain">
            {sales.map((s) => (
              <li key={s.id}>
                <Link href={`/admin/events/${s.id}`}>{s.name}</Link> <span class="muted">({s.kind})</span> ·{' '}
                <Link href={`/events/${s.id}`}>buyer page</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
