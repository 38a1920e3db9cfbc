import { AdminPage } from './admin/admin-page.tsx'
import { Dashboard } from './admin/dashboard.tsx'
import { DeadLettersPage } from './admin/dead-letters-page.tsx'
import { ReportPage } from './admin/report-page.tsx'
import { TrafficPage } from './admin/traffic-page.tsx'
import { WebhooksPage } from './admin/webhooks-page.tsx'
import { DrawCheck } from './buyer/draw-check.tsx'
import { MyBookings } from './buyer/my-bookings.tsx'
import { SalePage } from './buyer/sale-page.tsx'
import { Home } from './home.tsx'
import { useT } from './i18n/index.ts'
import { Link, usePath } from './router.tsx'
import { session, useIdentity } from './session.ts'
import { LangSwitch } from './ui/lang-switch.tsx'

function Page(props: { path: string }) {
  const { path } = props
  const t = useT()
  const sale = /^\/events\/([a-z0-9]+)\/?$/.exec(path)
  if (sale?.[1]) return <SalePage saleId={sale[1]} />
  const draw = /^\/events\/([a-z0-9]+)\/draw\/?$/.exec(path)
  if (draw?.[1]) return <DrawCheck saleId={draw[1]} />
  const report = /^\/admin\/events\/([a-z0-9]+)\/report\/?$/.exec(path)
  if (report?.[1]) return <ReportPage saleId={report[1]} />
  const dash = /^\/admin\/events\/([a-z0-9]+)\/?$/.exec(path)
  if (dash?.[1]) return <Dashboard saleId={dash[1]} />
  if (path === '/admin' || path === '/admin/') return <AdminPage />
  if (/^\/admin\/dead-letters\/?$/.test(path)) return <DeadLettersPage />
  if (/^\/admin\/traffic\/?$/.test(path)) return <TrafficPage />
  if (/^\/admin\/webhooks\/?$/.test(path)) return <WebhooksPage />
  if (path === '/me') return <MyBookings />
  if (path === '/') return <Home />
  return (
    <section class="card">
      <h1>{t.app.notFound}</h1>
      <p>
        <Link href="/">{t.app.goStart}</Link>
      </p>
    </section>
  )
}

export function App() {
  const path = usePath()
  const admin = path.startsWith('/admin')
  const who = useIdentity(admin ? 'admin' : 'user')
  const t = useT()
  return (
    <>
      <a class="skip" href="#main">
        {t.app.skip}
      </a>
      <header class="top">
        <Link href="/" class="brand">
          firstcome
        </Link>
        <nav aria-label={t.app.mainNav}>
          <Link href="/me">{t.app.myBookings}</Link>
          <Link href="/admin">{t.app.admin}</Link>
        </nav>
        {who && (
          <span class="who">
            <span class="sr-only">{t.app.signedInAs}</span>
            {who.userId}
            <button
              type="button"
              class="link"
              onClick={() => (admin ? session.setAdmin(null) : session.setUser(null))}
            >
              {t.app.signOut}
            </button>
          </span>
        )}
        <LangSwitch />
      </header>
      <main id="main" class={admin ? 'wide' : ''} tabIndex={-1}>
        <Page path={path} />
      </main>
    </>
  )
}
