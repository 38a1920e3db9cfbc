import { useState } from 'preact/hooks'
import { useT } from './i18n/index.ts'
import { Link, navigate } from './router.tsx'
import { knownSales, useIdentity } from './session.ts'
import { SignIn } from './ui/sign-in.tsx'

const SALE_ID = /^[a-z0-9]{6,40}$/

/** `/`: sign in, then open a sale by its id (or one created from this browser). */
export function Home() {
  const user = useIdentity('user')
  const t = useT()
  const [id, setId] = useState('')
  const [error, setError] = useState<string | null>(null)
  const sales = knownSales.list()
  return (
    <>
      <section class="card hero">
        <h1>{t.home.hero}</h1>
        <p>{t.home.heroText}</p>
      </section>
      {!user && <SignIn kind="buyer" />}
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault()
          const v = id.trim()
          if (!SALE_ID.test(v)) return setError(t.home.badId)
          navigate(`/events/${v}`)
        }}
      >
        <h2>{t.home.goTitle}</h2>
        <label for="sale-id">{t.home.saleId}</label>
        <div class="inline">
          <input
            id="sale-id"
            value={id}
            onInput={(e) => setId(e.currentTarget.value)}
            aria-describedby="sale-id-err"
          />
          <button type="submit" class="primary">
            {t.home.open}
          </button>
        </div>
        {error && (
          <p id="sale-id-err" class="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
      {sales.length > 0 && (
        <section class="card" aria-labelledby="recent-title">
          <h2 id="recent-title">{t.home.recent}</h2>
          <ul class="plain">
            {sales.map((s) => (
              <li key={s.id}>
                <Link href={`/events/${s.id}`}>{s.name}</Link>{' '}
                <span class="muted">({s.kind === 'seated' ? t.home.kindSeated : t.home.kindCoupon})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
