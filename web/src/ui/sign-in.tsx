import { useState } from 'preact/hooks'
import { ApiFailure, api, call, describe } from '../api/client.ts'
import { useT } from '../i18n/index.ts'
import { type Identity, session } from '../session.ts'
import { Notice } from './notice.tsx'

const NAME = /^[A-Za-z0-9_.:@-]{1,64}$/

/**
 * Demo sign-in: a name becomes a bearer token through `POST /v1/dev/token` (development profile
 * only). Where that endpoint is off, the operator pastes a token instead.
 */
export function SignIn(props: { kind: 'buyer' | 'admin'; title?: string }) {
  const [name, setName] = useState(props.kind === 'admin' ? 'operator' : '')
  const [pasted, setPasted] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [devOff, setDevOff] = useState(false)
  const t = useT()
  const save = (id: Identity) => (props.kind === 'admin' ? session.setAdmin(id) : session.setUser(id))
  const id = `signin-${props.kind}`

  const submit = async (e: Event) => {
    e.preventDefault()
    if (busy) return
    if (devOff) {
      if (pasted.trim() === '' || name.trim() === '') return setError(t.signIn.needBoth)
      return save({ userId: name.trim(), token: pasted.trim() })
    }
    if (!NAME.test(name.trim())) return setError(t.signIn.badName)
    setBusy(true)
    setError(null)
    try {
      const res = await call((init) =>
        api.POST('/v1/dev/token', { body: { userId: name.trim(), role: props.kind }, ...init })
      )
      save({ userId: name.trim(), token: res.token })
    } catch (err) {
      if (err instanceof ApiFailure && err.routeMissing) {
        setDevOff(true)
        setError(t.signIn.devOff)
      } else setError(describe(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="card sign-in" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {props.title ?? (props.kind === 'admin' ? t.signIn.adminTitle : t.signIn.title)}
      </h2>
      <label for={`${id}-name`}>{t.signIn.name}</label>
      <input
        id={`${id}-name`}
        name="name"
        autoComplete="username"
        required
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      {devOff && (
        <>
          <label for={`${id}-token`}>{t.signIn.token}</label>
          <input id={`${id}-token`} value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} />
        </>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t.signIn.busy : t.signIn.submit}
      </button>
      {error && <Notice tone="error">{error}</Notice>}
    </form>
  )
}
