import { useEffect, useState } from 'preact/hooks'
import { api, call, describe } from '../api/client.ts'
import { dateTime, num } from '../format.ts'
import { useT } from '../i18n/index.ts'
import { useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { useConsoleAction } from './console-action.ts'
import { ConsoleNav, type Ok } from './console-nav.tsx'

type Block = Ok<'/v1/admin/blocks', 'get'>['blocks'][number]
type Limits = Ok<'/v1/admin/rate-limits', 'get'>
type Overrides = Limits['overrides']
type Subject = 'user' | 'ip' | 'event'
const SUBJECTS: Subject[] = ['user', 'ip', 'event']
const AUTO_FIELDS = [
  'userPerSec',
  'ipDistinctUsers',
  'fingerprintDistinctUsers',
  'distinctWindowSec',
  'blockSec'
] as const

/** The query that names one block: `ip`, `userId` or `fingerprint`. */
function targetOf(kind: string, value: string): { ip?: string; userId?: string; fingerprint?: string } {
  return kind === 'ip' ? { ip: value } : kind === 'user' ? { userId: value } : { fingerprint: value }
}

/** `/admin/traffic`: the blocklist (operator blocks and auto-blocks) and the rate-limit policies. */
export function TrafficPage() {
  const admin = useIdentity('admin')
  const t = useT()
  const [blocks, setBlocks] = useState<Block[] | null>(null)
  const [limits, setLimits] = useState<Limits | null>(null)
  const [error, setError] = useState<string | null>(null)
  const token = admin?.token ?? null

  const load = () => {
    if (!token) return
    call((init) => api.GET('/v1/admin/blocks', { ...init }), { token })
      .then((b) => {
        setBlocks(b.blocks)
        setError(null)
      })
      .catch((err: unknown) => setError(describe(err)))
    call((init) => api.GET('/v1/admin/rate-limits', { ...init }), { token })
      .then(setLimits)
      .catch((err: unknown) => setError(describe(err)))
  }
  useEffect(load, [token])

  const { busy, message, act } = useConsoleAction(load)
  const putOverrides = (body: Overrides, done: string) =>
    act(async () => {
      setLimits(await call((init) => api.PUT('/v1/admin/rate-limits', { body, ...init }), { token }))
      return done
    })

  if (!admin) return <SignIn kind="admin" />
  return (
    <div class="dashboard" data-testid="traffic-page">
      <ConsoleNav />
      <header class="card dash-head">
        <h1>{t.ops.traffic.title}</h1>
      </header>
      {error && <Notice tone="warning">{error}</Notice>}
      {message && (
        <Notice tone={message.tone} testId="traffic-message">
          {message.text}
        </Notice>
      )}
      <BlocksSection blocks={blocks} busy={busy} act={act} token={token} />
      <LimitsSection limits={limits} busy={busy} put={putOverrides} />
    </div>
  )
}

function BlocksSection(props: {
  blocks: Block[] | null
  busy: boolean
  token: string | null
  act: (run: () => Promise<string>) => Promise<void>
}) {
  const t = useT()
  const r = t.ops.traffic
  const [kind, setKind] = useState<'ip' | 'user' | 'fp'>('ip')
  const [value, setValue] = useState('')
  const [ttl, setTtl] = useState('3600')
  const [reason, setReason] = useState('')
  const { token } = props
  const add = () =>
    props.act(async () => {
      const v = value.trim()
      await call(
        (init) =>
          api.POST('/v1/admin/blocks', {
            body: { ...targetOf(kind, v), ttlSec: Math.round(Number(ttl)), reason: reason.trim() },
            ...init
          }),
        { token }
      )
      setValue('')
      setReason('')
      return r.added(v)
    })
  const remove = (b: Block) =>
    props.act(async () => {
      await call(
        (init) => api.DELETE('/v1/admin/blocks', { params: { query: targetOf(b.kind, b.value) }, ...init }),
        { token }
      )
      return r.removed(b.value)
    })
  return (
    <section class="card" aria-labelledby="blocks-title">
      <h2 id="blocks-title">{r.blocks}</h2>
      <p class="muted">{r.blocksIntro}</p>
      <form
        class="inline"
        aria-label={r.addTitle}
        onSubmit={(e) => {
          e.preventDefault()
          void add()
        }}
      >
        <div class="field">
          <label for="block-kind">{r.blockKind}</label>
          <select
            id="block-kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as 'ip' | 'user' | 'fp')}
          >
            {(['ip', 'user', 'fp'] as const).map((k) => (
              <option key={k} value={k}>
                {r.kindNames[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="block-value">{r.blockValue}</label>
          <input id="block-value" required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="block-ttl">{r.ttl}</label>
          <input
            id="block-ttl"
            type="number"
            min={1}
            required
            value={ttl}
            onInput={(e) => setTtl(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="block-reason">{r.blockReason}</label>
          <input
            id="block-reason"
            required
            maxLength={200}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary" disabled={props.busy}>
          {r.add}
        </button>
      </form>
      {props.blocks === null ? (
        <p class="muted">{t.ops.loading}</p>
      ) : props.blocks.length === 0 ? (
        <p data-testid="blocks-empty">{r.noBlocks}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="blocks-table">
            <thead>
              <tr>
                <th scope="col">{t.ops.kind}</th>
                <th scope="col">{r.value}</th>
                <th scope="col">{t.ops.reason}</th>
                <th scope="col">{r.origin}</th>
                <th scope="col">{r.expires}</th>
                <th scope="col">{t.ops.actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.blocks.map((b) => (
                <tr key={`${b.kind}:${b.value}`} data-block={b.value}>
                  <td>{r.kindNames[b.kind] ?? b.kind}</td>
                  <td>
                    <code>{b.value}</code>
                  </td>
                  <td>{b.reason}</td>
                  <td>{b.auto ? <span class="badge">{r.auto}</span> : r.manual}</td>
                  <td>{dateTime(b.expiresAt)}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={r.removeOne(b.value)}
                      disabled={props.busy}
                      onClick={() => void remove(b)}
                    >
                      {r.remove}
                    </button>
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

function LimitsSection(props: {
  limits: Limits | null
  busy: boolean
  put: (body: Overrides, done: string) => Promise<void>
}) {
  const t = useT()
  const r = t.ops.traffic
  const { limits } = props
  const names = limits ? Object.keys(limits.effective.policies).sort() : []
  const [policy, setPolicy] = useState('')
  const [subject, setSubject] = useState<Subject>('user')
  const [burst, setBurst] = useState('')
  const [perSec, setPerSec] = useState('')
  const [windowLimit, setWindowLimit] = useState('0')
  const [windowSec, setWindowSec] = useState('60')
  const [auto, setAuto] = useState<Record<string, string>>({})
  const chosen = policy || names[0] || ''
  if (!limits) return <p class="muted">{t.ops.loading}</p>
  const overridden = (name: string, s: Subject) =>
    (limits.overrides.policies as Record<string, Record<string, unknown> | undefined> | undefined)?.[name]?.[
      s
    ] !== undefined
  const saveLimit = () => {
    const current = (limits.overrides.policies ?? {}) as Record<string, Record<string, unknown>>
    const limit = {
      burst: Math.round(Number(burst)),
      perSec: Number(perSec),
      windowLimit: Math.round(Number(windowLimit)),
      windowSec: Math.round(Number(windowSec))
    }
    const body = {
      ...limits.overrides,
      policies: { ...current, [chosen]: { ...current[chosen], [subject]: limit } }
    } as Overrides
    void props.put(body, r.saved)
  }
  const saveAuto = () => {
    const given = Object.fromEntries(
      Object.entries(auto)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, Math.round(Number(v))])
    )
    void props.put({ ...limits.overrides, autoBlock: { ...limits.overrides.autoBlock, ...given } }, r.saved)
    setAuto({})
  }
  return (
    <>
      <section class="card" aria-labelledby="limits-title">
        <h2 id="limits-title">{r.limits}</h2>
        <p class="muted">{r.limitsIntro}</p>
        <p>{r.ipLimits(limits.ipLimits ? r.on : r.off)}</p>
        <div class="table-wrap">
          <table data-testid="limits-table">
            <thead>
              <tr>
                <th scope="col">{r.policy}</th>
                <th scope="col">{r.subject}</th>
                <th scope="col">{r.burst}</th>
                <th scope="col">{r.perSec}</th>
                <th scope="col">{r.window}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {names.flatMap((name) =>
                SUBJECTS.map((s) => {
                  const l = limits.effective.policies[name]?.[s]
                  return (
                    <tr key={`${name}-${s}`} data-limit={`${name}.${s}`}>
                      <th scope="row">{name}</th>
                      <td>{r.subjects[s]}</td>
                      <td>{l ? num(l.burst) : r.none}</td>
                      <td>{l ? num(l.perSec, 2) : r.none}</td>
                      <td>
                        {l && l.windowLimit > 0 ? r.windowN(num(l.windowLimit), num(l.windowSec)) : r.none}
                      </td>
                      <td>{overridden(name, s) && <span class="badge">{r.overridden}</span>}</td>
                    </tr>
                  )
                })
              )}
            </tbody>
          </table>
        </div>
        <form
          class="inline"
          aria-label={r.editTitle}
          onSubmit={(e) => {
            e.preventDefault()
            saveLimit()
          }}
        >
          <div class="field">
            <label for="rl-policy">{r.policy}</label>
            <select id="rl-policy" value={chosen} onChange={(e) => setPolicy(e.currentTarget.value)}>
              {names.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="rl-subject">{r.subject}</label>
            <select
              id="rl-subject"
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value as Subject)}
            >
              {SUBJECTS.map((s) => (
                <option key={s} value={s}>
                  {r.subjects[s]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="rl-burst">{r.burst}</label>
            <input
              id="rl-burst"
              type="number"
              min={0}
              required
              value={burst}
              onInput={(e) => setBurst(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="rl-persec">{r.perSec}</label>
            <input
              id="rl-persec"
              type="number"
              min={0.01}
              step="any"
              required
              value={perSec}
              onInput={(e) => setPerSec(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="rl-wlimit">{r.windowLimit}</label>
            <input
              id="rl-wlimit"
              type="number"
              min={0}
              required
              value={windowLimit}
              onInput={(e) => setWindowLimit(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="rl-wsec">{r.windowSec}</label>
            <input
              id="rl-wsec"
              type="number"
              min={1}
              required
              value={windowSec}
              onInput={(e) => setWindowSec(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="primary" disabled={props.busy}>
            {r.saveLimit}
          </button>
        </form>
        <div class="actions">
          <button
            type="button"
            class="danger"
            disabled={props.busy}
            onClick={() => void props.put({}, r.reset)}
          >
            {r.resetAll}
          </button>
        </div>
      </section>
      <section class="card" aria-labelledby="auto-title">
        <h2 id="auto-title">{r.autoBlock}</h2>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault()
            saveAuto()
          }}
        >
          {AUTO_FIELDS.map((f) => (
            <div class="field" key={f}>
              <label for={`auto-${f}`}>{r.autoFields[f]}</label>
              <input
                id={`auto-${f}`}
                type="number"
                min={0}
                placeholder={String(limits.effective.autoBlock[f])}
                value={auto[f] ?? ''}
                onInput={(e) => setAuto({ ...auto, [f]: e.currentTarget.value })}
              />
            </div>
          ))}
          <button type="submit" disabled={props.busy}>
            {r.saveAuto}
          </button>
        </form>
      </section>
    </>
  )
}
