import type { paths } from '../../../client/index.ts'
import { useT } from '../i18n/index.ts'
import { Link, usePath } from '../router.tsx'

/** The body of a 2xx answer of `GET`, `POST`, `PUT` on a path of the API, from the OpenAPI types. */
export type Ok<
  P extends keyof paths,
  M extends 'get' | 'post' | 'put',
  S extends number = 200
> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer B } } }
}
  ? B
  : never

const PAGES = [
  ['/admin', 'navSales'],
  ['/admin/dead-letters', 'navDeadLetters'],
  ['/admin/traffic', 'navTraffic'],
  ['/admin/webhooks', 'navWebhooks']
] as const

/** The console's own navigation: sales, dead letters, traffic, webhooks. */
export function ConsoleNav() {
  const t = useT()
  const path = usePath().replace(/\/$/, '')
  return (
    <nav class="console-nav" aria-label={t.ops.nav}>
      {PAGES.map(([href, key]) => (
        <span key={href} aria-current={path === href ? 'page' : undefined}>
          <Link href={href}>{t.ops[key]}</Link>
        </span>
      ))}
    </nav>
  )
}

/** Seconds since an ISO time. */
export function ageSec(iso: string): number {
  return (Date.now() - Date.parse(iso)) / 1000
}
