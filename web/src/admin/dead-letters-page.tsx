import { useEffect, useState } from 'preact/hooks'
import { api, call, describe } from '../api/client.ts'
import { duration, num } from '../format.ts'
import { useT } from '../i18n/index.ts'
import { useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { useConsoleAction } from './console-action.ts'
import { ageSec, ConsoleNav, type Ok } from './console-nav.tsx'

type DeadLetter = Ok<'/v1/admin/dead-letters', 'get'>['items'][number]
type LedgerDeadLetter = Ok<'/v1/admin/ledger-dead-letters', 'get'>['items'][number]

/** The message value (base64 as received): its JSON fields, or its text when it is not JSON. */
function decode(value: string): { fields: Array<[string, string]> | null; text: string } {
  let text: string
  try {
    const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0))
    text = new TextDecoder().decode(bytes)
  } catch {
    return { fields: null, text: value }
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const fields = Object.entries(parsed).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : JSON.stringify(v)
      ])
      return { fields, text }
    }
  } catch {
    // Not JSON: the text stands as received.
  }
  return { fields: null, text }
}

/**
 * `/admin/dead-letters`: the booking pipeline's dead letters (inspect one, retry its sale or all,
 * discard one after a confirmation) and the stock ledger's (replay one).
 */
export function DeadLettersPage() {
  const admin = useIdentity('admin')
  const t = useT()
  const d = t.ops.dl
  const [all, setAll] = useState(false)
  const [list, setList] = useState<Ok<'/v1/admin/dead-letters', 'get'> | null>(null)
  const [ledger, setLedger] = useState<Ok<'/v1/admin/ledger-dead-letters', 'get'> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [open, setOpen] = useState<DeadLetter | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const token = admin?.token

  const load = () => {
    if (!token) return
    call((init) => api.GET('/v1/admin/dead-letters', { params: { query: { all, limit: 200 } }, ...init }), {
      token
    })
      .then((body) => {
        setList(body)
        setError(null)
      })
      .catch((err: unknown) => setError(describe(err)))
    call(
      (init) => api.GET('/v1/admin/ledger-dead-letters', { params: { query: { all, limit: 200 } }, ...init }),
      { token }
    )
      .then(setLedger)
      .catch((err: unknown) => setError(describe(err)))
  }
  useEffect(load, [token, all])

  const { busy, message, act } = useConsoleAction(load)
  const replay = (saleId?: string) =>
    act(async () => {
      const r = await call(
        (init) => api.POST('/v1/admin/dead-letters/replay', { body: saleId ? { saleId } : null, ...init }),
        { token: token ?? null }
      )
      return d.replayed(r.replayed.join(', ') || '0', r.skipped.join(', ') || '0')
    })
  const discard = (id: string) =>
    act(async () => {
      await call(
        (init) => api.POST('/v1/admin/dead-letters/{id}/fail', { params: { path: { id } }, ...init }),
        { token: token ?? null }
      )
      setConfirming(null)
      if (open?.id === id) setOpen(null)
      return d.discarded(id)
    })
  const replayLedger = (id: string) =>
    act(async () => {
      await call(
        (init) =>
          api.POST('/v1/admin/ledger-dead-letters/{id}/replay', { params: { path: { id } }, ...init }),
        { token: token ?? null }
      )
      return d.ledgerReplayed(id)
    })

  if (!admin) return <SignIn kind="admin" />
  const items = list?.items ?? []
  return (
    <div class="dashboard" data-testid="dead-letters-page">
      <ConsoleNav />
      <header class="card dash-head">
        <h1>{d.title}</h1>
        <p class="muted">{d.intro}</p>
        <div class="actions middle">
          <span data-testid="dlq-depth">{d.waiting(num(list?.depth ?? 0))}</span>
          <label class="check">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />{' '}
            {d.showResolved}
          </label>
          <button type="button" onClick={load} disabled={busy}>
            {t.ops.refresh}
          </button>
          <button
            type="button"
            class="primary"
            onClick={() => void replay()}
            disabled={busy || (list?.depth ?? 0) === 0}
          >
            {d.retryAll}
          </button>
        </div>
      </header>
      {error && <Notice tone="warning">{error}</Notice>}
      {message && (
        <Notice tone={message.tone} testId="dlq-message">
          {message.text}
        </Notice>
      )}
      <section class="card" aria-labelledby="dlq-title">
        <h2 id="dlq-title">{d.title}</h2>
        {list === null ? (
          !error && <p class="muted">{t.ops.loading}</p>
        ) : items.length === 0 ? (
          <p data-testid="dlq-empty">{d.none}</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="dlq-table">
              <thead>
                <tr>
                  <th scope="col">id</th>
                  <th scope="col">{t.ops.kind}</th>
                  <th scope="col">{t.ops.sale}</th>
                  <th scope="col">{t.ops.reason}</th>
                  <th scope="col">{d.attempts}</th>
                  <th scope="col">{d.replays}</th>
                  <th scope="col">{t.ops.age}</th>
                  <th scope="col">{t.ops.status}</th>
                  <th scope="col">{t.ops.actions}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((x) => (
                  <tr key={x.id} data-id={x.id}>
                    <td>{x.id}</td>
                    <td>{x.kind}</td>
                    <td>
                      <code>{x.saleId ?? '—'}</code>
                    </td>
                    <td>{x.reason}</td>
                    <td>{num(x.attempts)}</td>
                    <td>{num(x.replays)}</td>
                    <td>{duration(ageSec(x.failedAt))}</td>
                    <td>{x.resolution ? (d.resolution[x.resolution] ?? x.resolution) : d.open}</td>
                    <td class="row-actions">
                      <button type="button" aria-label={d.inspectOne(x.id)} onClick={() => setOpen(x)}>
                        {d.inspect}
                      </button>
                      {x.resolution === null && (
                        <>
                          {x.saleId && (
                            <button
                              type="button"
                              aria-label={d.retryOne(x.id)}
                              title={d.retryHint}
                              disabled={busy}
                              onClick={() => void replay(x.saleId ?? undefined)}
                            >
                              {d.retry}
                            </button>
                          )}
                          <button
                            type="button"
                            class="danger"
                            aria-label={d.discardOne(x.id)}
                            disabled={busy}
                            onClick={() => setConfirming(x.id)}
                          >
                            {d.discard}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {confirming && (
          <div class="confirm" role="alertdialog" aria-labelledby="dlq-confirm-text">
            <p id="dlq-confirm-text">{d.confirmDiscard(confirming)}</p>
            <div class="actions">
              <button type="button" class="danger" disabled={busy} onClick={() => void discard(confirming)}>
                {d.confirm}
              </button>
              <button type="button" onClick={() => setConfirming(null)}>
                {t.ops.cancel}
              </button>
            </div>
          </div>
        )}
      </section>
      {open && <Inspect letter={open} onClose={() => setOpen(null)} />}
      <LedgerSection ledger={ledger} busy={busy} onReplay={(id) => void replayLedger(id)} />
    </div>
  )
}

function Inspect(props: { letter: DeadLetter; onClose: () => void }) {
  const t = useT()
  const d = t.ops.dl
  const x = props.letter
  const { fields, text } = decode(x.value)
  return (
    <section class="card" aria-labelledby="dlq-inspect-title" data-testid="dlq-inspect">
      <h2 id="dlq-inspect-title">{d.message(x.id)}</h2>
      <dl>
        <dt>{d.topic}</dt>
        <dd>
          <code>{x.topic}</code>
        </dd>
        <dt>{d.position}</dt>
        <dd>
          {x.partition} / {x.offset}
        </dd>
        <dt>{d.key}</dt>
        <dd>
          <code>{x.key ?? '—'}</code>
        </dd>
        <dt>{t.ops.reason}</dt>
        <dd>{x.reason}</dd>
        {Object.keys(x.headers).length > 0 && (
          <>
            <dt>{d.headers}</dt>
            <dd>
              {Object.entries(x.headers).map(([k, v]) => (
                <div key={k}>
                  <code>
                    {k}: {v}
                  </code>
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
      {fields ? (
        <>
          <h3>{d.fields}</h3>
          <table data-testid="dlq-fields">
            <tbody>
              {fields.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>
                    <code>{v}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <>
          <h3>{d.raw}</h3>
          <p class="muted">{d.undecodable}</p>
          <pre>{text}</pre>
        </>
      )}
      <button type="button" onClick={props.onClose}>
        {d.close}
      </button>
    </section>
  )
}

function LedgerSection(props: {
  ledger: Ok<'/v1/admin/ledger-dead-letters', 'get'> | null
  busy: boolean
  onReplay: (id: string) => void
}) {
  const t = useT()
  const d = t.ops.dl
  const items: LedgerDeadLetter[] = props.ledger?.items ?? []
  return (
    <section class="card" aria-labelledby="ledger-dlq-title">
      <h2 id="ledger-dlq-title">{d.ledgerTitle}</h2>
      <p class="muted">{d.ledgerIntro}</p>
      {props.ledger === null ? (
        <p class="muted">{t.ops.loading}</p>
      ) : items.length === 0 ? (
        <p data-testid="ledger-dlq-empty">{d.ledgerNone}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="ledger-dlq-table">
            <thead>
              <tr>
                <th scope="col">id</th>
                <th scope="col">{t.ops.sale}</th>
                <th scope="col">{d.source}</th>
                <th scope="col">{t.ops.kind}</th>
                <th scope="col">{d.unit}</th>
                <th scope="col">{d.user}</th>
                <th scope="col">{d.delta}</th>
                <th scope="col">{t.ops.reason}</th>
                <th scope="col">{t.ops.age}</th>
                <th scope="col">{t.ops.status}</th>
                <th scope="col">{t.ops.actions}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr key={x.id}>
                  <td>{x.id}</td>
                  <td>
                    <code>{x.saleId}</code>
                  </td>
                  <td>
                    <code>{x.sourceId}</code>
                  </td>
                  <td>{x.entry.kind}</td>
                  <td>{x.entry.seatId ?? x.entry.unitId}</td>
                  <td>{x.entry.userId}</td>
                  <td>{x.entry.delta}</td>
                  <td>{x.reason}</td>
                  <td>{duration(ageSec(x.createdAt))}</td>
                  <td>{x.resolution ? (d.ledgerResolution[x.resolution] ?? x.resolution) : d.open}</td>
                  <td>
                    {x.resolution === null && (
                      <button
                        type="button"
                        aria-label={d.replayOne(x.id)}
                        disabled={props.busy}
                        onClick={() => props.onReplay(x.id)}
                      >
                        {d.replay}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
