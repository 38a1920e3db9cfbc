import { useEffect, useState } from 'preact/hooks'
import { api, call, describe } from '../api/client.ts'
import { dateTime, num } from '../format.ts'
import { useT } from '../i18n/index.ts'
import { useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { useConsoleAction } from './console-action.ts'
import { ConsoleNav, type Ok } from './console-nav.tsx'

type Endpoint = Ok<'/v1/admin/webhooks', 'get'>['items'][number]
type Delivery = Ok<'/v1/admin/webhooks/{id}/deliveries', 'get'>['items'][number]
type EventType = Endpoint['events'][number]

/** The event types an endpoint may subscribe to (docs/webhooks.md). */
const EVENT_TYPES: readonly EventType[] = [
  'reservation.confirmed',
  'reservation.failed',
  'reservation.cancelled',
  'claim.issued',
  'claim.failed',
  'refund.completed',
  'sale.sold_out'
]

/**
 * `/admin/webhooks`: the webhook endpoints (add one, its secret shown once; delete one after a
 * confirmation) and an endpoint's recent deliveries, each of which may be sent again.
 */
export function WebhooksPage() {
  const admin = useIdentity('admin')
  const t = useT()
  const w = t.ops.hooks
  const [endpoints, setEndpoints] = useState<Endpoint[] | null>(null)
  const [selected, setSelected] = useState<Endpoint | null>(null)
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [secret, setSecret] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<Endpoint | null>(null)
  const [url, setUrl] = useState('')
  const [events, setEvents] = useState<EventType[]>(['reservation.confirmed'])
  const token = admin?.token ?? null

  const load = () => {
    if (!token) return
    call((init) => api.GET('/v1/admin/webhooks', { ...init }), { token })
      .then((b) => {
        setEndpoints(b.items)
        setError(null)
      })
      .catch((err: unknown) => setError(describe(err)))
  }
  const loadDeliveries = () => {
    if (!token || !selected) return
    const id = selected.id
    call(
      (init) =>
        api.GET('/v1/admin/webhooks/{id}/deliveries', {
          params: { path: { id }, query: { limit: 50 } },
          ...init
        }),
      { token }
    )
      .then((b) => setDeliveries(b.items))
      .catch((err: unknown) => setError(describe(err)))
  }
  useEffect(load, [token])
  useEffect(() => {
    setDeliveries(null)
    loadDeliveries()
  }, [token, selected?.id])

  const { busy, setBusy, message, setMessage, act } = useConsoleAction(() => {
    load()
    loadDeliveries()
  })
  const create = () => {
    if (events.length === 0) return setMessage({ tone: 'error', text: w.pickEvent })
    setSecret(null)
    setBusy(true)
    call((init) => api.POST('/v1/admin/webhooks', { body: { url: url.trim(), events }, ...init }), { token })
      .then((created) => {
        setSecret(created.secret)
        setMessage(null)
        setUrl('')
      })
      .catch((err: unknown) => setMessage({ tone: 'error', text: describe(err) }))
      .finally(() => {
        setBusy(false)
        load()
      })
  }
  const remove = (e: Endpoint) =>
    act(async () => {
      await call(
        (init) => api.DELETE('/v1/admin/webhooks/{id}', { params: { path: { id: e.id } }, ...init }),
        { token }
      )
      setConfirming(null)
      if (selected?.id === e.id) setSelected(null)
      return w.removed(e.url)
    })
  const redeliver = (d: Delivery) =>
    act(async () => {
      await call(
        (init) =>
          api.POST('/v1/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
            params: { path: { id: d.endpointId, deliveryId: d.id } },
            ...init
          }),
        { token }
      )
      return w.redelivered(d.id)
    })

  if (!admin) return <SignIn kind="admin" />
  return (
    <div class="dashboard" data-testid="webhooks-page">
      <ConsoleNav />
      <header class="card dash-head">
        <h1>{w.title}</h1>
        <p class="muted">{w.intro}</p>
      </header>
      {error && <Notice tone="warning">{error}</Notice>}
      {message && (
        <Notice tone={message.tone} testId="webhooks-message">
          {message.text}
        </Notice>
      )}
      <section class="card" aria-labelledby="hook-create-title">
        <h2 id="hook-create-title">{w.createTitle}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            create()
          }}
        >
          <div class="field">
            <label for="hook-url">{w.url}</label>
            <input
              id="hook-url"
              type="url"
              required
              placeholder="https://example.com/hooks/firstcome"
              value={url}
              onInput={(e) => setUrl(e.currentTarget.value)}
            />
          </div>
          <fieldset>
            <legend>{w.events}</legend>
            {EVENT_TYPES.map((ev) => (
              <label key={ev}>
                <input
                  type="checkbox"
                  checked={events.includes(ev)}
                  onChange={(e) =>
                    setEvents(e.currentTarget.checked ? [...events, ev] : events.filter((x) => x !== ev))
                  }
                />{' '}
                {ev}
              </label>
            ))}
          </fieldset>
          <button type="submit" class="primary" disabled={busy}>
            {w.create}
          </button>
        </form>
        {secret && (
          <Notice tone="info" testId="webhook-secret">
            {w.secretOnce} <code>{secret}</code>
          </Notice>
        )}
      </section>
      <section class="card" aria-labelledby="hook-list-title">
        <h2 id="hook-list-title">{w.endpoints}</h2>
        {endpoints === null ? (
          !error && <p class="muted">{t.ops.loading}</p>
        ) : endpoints.length === 0 ? (
          <p data-testid="webhooks-empty">{w.none}</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="webhooks-table">
              <thead>
                <tr>
                  <th scope="col">{w.url}</th>
                  <th scope="col">{w.events}</th>
                  <th scope="col">{t.ops.status}</th>
                  <th scope="col">{w.created}</th>
                  <th scope="col">{t.ops.actions}</th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr key={e.id} data-endpoint={e.id}>
                    <td>
                      <code>{e.url}</code>
                    </td>
                    <td>{e.events.join(', ')}</td>
                    <td>{e.disabled ? w.disabled : w.active}</td>
                    <td>{dateTime(e.createdAt)}</td>
                    <td class="row-actions">
                      <button
                        type="button"
                        aria-label={w.showDeliveries(e.url)}
                        onClick={() => setSelected(e)}
                      >
                        {w.deliveries}
                      </button>
                      <button
                        type="button"
                        class="danger"
                        aria-label={w.removeOne(e.url)}
                        disabled={busy}
                        onClick={() => setConfirming(e)}
                      >
                        {w.remove}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {confirming && (
          <div class="confirm" role="alertdialog" aria-labelledby="hook-confirm-text">
            <p id="hook-confirm-text">{w.confirmRemove(confirming.url)}</p>
            <div class="actions">
              <button type="button" class="danger" disabled={busy} onClick={() => void remove(confirming)}>
                {w.confirm}
              </button>
              <button type="button" onClick={() => setConfirming(null)}>
                {t.ops.cancel}
              </button>
            </div>
          </div>
        )}
      </section>
      {selected && (
        <section class="card" aria-labelledby="hook-deliveries-title" data-testid="webhook-deliveries">
          <h2 id="hook-deliveries-title">{w.deliveriesOf(selected.url)}</h2>
          <div class="actions">
            <button type="button" onClick={loadDeliveries}>
              {t.ops.refresh}
            </button>
          </div>
          {deliveries === null ? (
            <p class="muted">{t.ops.loading}</p>
          ) : deliveries.length === 0 ? (
            <p>{w.noDeliveries}</p>
          ) : (
            <div class="table-wrap">
              <table data-testid="deliveries-table">
                <thead>
                  <tr>
                    <th scope="col">id</th>
                    <th scope="col">{w.event}</th>
                    <th scope="col">{t.ops.status}</th>
                    <th scope="col">{w.attempts}</th>
                    <th scope="col">{w.lastStatus}</th>
                    <th scope="col">{w.lastError}</th>
                    <th scope="col">{w.updated}</th>
                    <th scope="col">{t.ops.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.map((d) => (
                    <tr key={d.id} data-delivery={d.id} data-status={d.status}>
                      <td>
                        <code>{d.id}</code>
                      </td>
                      <td>{d.eventType}</td>
                      <td>
                        <span class={`badge badge-${d.status === 'delivered' ? 'confirmed' : d.status}`}>
                          {w.statusNames[d.status] ?? d.status}
                        </span>
                      </td>
                      <td>{num(d.attempts)}</td>
                      <td>{d.lastStatusCode ?? '—'}</td>
                      <td>{d.lastError ?? '—'}</td>
                      <td>{dateTime(d.updatedAt)}</td>
                      <td>
                        <button
                          type="button"
                          aria-label={w.redeliverOne(d.id)}
                          disabled={busy}
                          onClick={() => void redeliver(d)}
                        >
                          {w.redeliver}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  )
}
