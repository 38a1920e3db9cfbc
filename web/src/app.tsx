import { AdminPage } from './admin/admin-page.tsx'
import { Dashboard } from './admin/dashboard.tsx'
import { MyBookings } from './buyer/my-bookings.tsx'
import { SalePage } from './buyer/sale-page.tsx'
import { Home } from './home.tsx'
import { Link, usePath } from './router.tsx'
import { session, useIdentity } from './session.ts'

function Page(props: { path: string }) {
  const { path } = props
  const sale = /^\/events\/([a-z0-9]+)\/?$/.exec(path)
  if (sale?.[1]) return <SalePage saleId={sale[1]} />
  const dash = /^\/admin\/events\/([a-z0-9]+)\/?$/.exec(path)
  if (dash?.[1]) return <Dashboard saleId={dash[1]} />
  if (path === '/admin' || path === '/admin/') return <AdminPage />
  if (path === '/me') return <MyBookings />
  if (path === '/') return <Home />
  return (
    <section class="card">
      <h1>Page not found</h1>
      <p>
        <Link href="/">Go to the start page</Link>
      </p>
    </section>
  )
}

export function App() {
  const path = usePath()
  const admin = path.startsWith('/admin')
  const who = useIdentity(admin ? 'admin' : 'user')
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/" class="brand">
          firstcome
        </Link>
        <nav aria-label="Main">
          <Link href="/me">My bookings</Link>
          <Link href="/admin">Admin</Link>
        </nav>
        {who && (
          <span class="who">
            <span class="sr-only">Signed in as </span>
            {who.userId}
            <button
              type="button"
              class="link"
              onClick={() => (admin ? session.setAdmin(null) : session.setUser(null))}
            >
              Sign out
            </button>
          </span>
        )}
      </header>
      <main id="main" class={admin ? 'wide' : ''} tabIndex={-1}>
        <Page path={path} />
      </main>
    </>
  )
}
