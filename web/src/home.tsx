import { useState } from 'preact/hooks'
import { Link, navigate } from './router.tsx'
import { knownSales, useIdentity } from './session.ts'
import { SignIn } from './ui/sign-in.tsx'

const SALE_ID = /^[a-z0-9]{6,40}$/

/** `/`: sign in, then open a sale by its id (or one created from this browser). */
export function Home() {
  const user = useIdentity('user')
  const [id, setId] = useState('')
  const [error, setError] = useState<string | null>(null)
  const sales = knownSales.list()
  return (
    <>
      <section class="card hero">
        <h1>First come, first served — fairly.</h1>
        <p>
          Join the line, keep your place, and buy when it's your turn. No refresh-mashing needed: the page
          updates itself.
        </p>
      </section>
      {!user && <SignIn kind="buyer" />}
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault()
          const v = id.trim()
          if (!SALE_ID.test(v)) return setError('A sale id is lowercase letters and digits.')
          navigate(`/events/${v}`)
        }}
      >
        <h2>Go to a sale</h2>
        <label for="sale-id">Sale id</label>
        <div class="inline">
          <input
            id="sale-id"
            value={id}
            onInput={(e) => setId(e.currentTarget.value)}
            aria-describedby="sale-id-err"
          />
          <button type="submit" class="primary">
            Open
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
          <h2 id="recent-title">Sales on this device</h2>
          <ul class="plain">
            {sales.map((s) => (
              <li key={s.id}>
                <Link href={`/events/${s.id}`}>{s.name}</Link> <span class="muted">({s.kind})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
