import { useState } from 'preact/hooks'
import type { AdmissionPatchRequest, AdmissionSettingsView } from '../../../src/http/api-types.ts'
import { type Answer, ApiFailure, api, type CallInit, callWithRetry, describe } from '../api/client.ts'
import { useIntent } from '../hooks.ts'
import { msg, useT } from '../i18n/index.ts'
import type { Identity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'

interface Props {
  saleId: string
  admin: Identity
  /** The admission settings as last known (from stats or a previous change). */
  admission: AdmissionSettingsView | null
  onAdmission(a: AdmissionSettingsView): void
}

function explain(err: unknown): string {
  if (err instanceof ApiFailure && err.routeMissing) return msg().console.notOffered
  return `${describe(err)}${err instanceof ApiFailure && err.detail && !err.routeMissing ? ` (${err.detail})` : ''}`
}

/** Operator controls: admission rate and cap, pause/resume, dead-letter replay, reconcile with its report. */
export function Controls(props: Props) {
  const { saleId, admin } = props
  const [rate, setRate] = useState('')
  const [maxActive, setMaxActive] = useState('')
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [report, setReport] = useState<{ title: string; body: unknown } | null>(null)
  const intent = useIntent()
  const t = useT()
  const paused = props.admission?.paused ?? false

  const patch = (body: AdmissionPatchRequest, done: string) =>
    run('admission', async (key) => {
      const r = await callWithRetry(
        (init) =>
          api.PATCH('/v1/admin/events/{id}/admission', { params: { path: { id: saleId } }, body, ...init }),
        { token: admin.token, idempotencyKey: key }
      )
      props.onAdmission(r.admission)
      setMessage({ tone: 'success', text: done })
    })

  const run = async (name: string, work: (key: string) => Promise<void>) => {
    setMessage(null)
    try {
      await intent.run(name, work)
    } catch (err) {
      setMessage({ tone: 'error', text: explain(err) })
    }
  }

  const post = (name: string, send: (init: CallInit) => Promise<Answer<unknown>>, title: string) =>
    run(name, async (key) => {
      const body = await callWithRetry(send, { token: admin.token, idempotencyKey: key })
      setReport({ title, body })
      setMessage({ tone: 'success', text: msg().console.done(title) })
    })

  return (
    <section class="card controls" aria-labelledby="controls-title">
      <h2 id="controls-title">{t.console.controls}</h2>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault()
          const body: AdmissionPatchRequest = {}
          if (rate !== '') body.ratePerSec = Math.round(Number(rate))
          if (maxActive !== '') body.maxActive = Math.round(Number(maxActive))
          if (Object.keys(body).length === 0) return setMessage({ tone: 'error', text: t.console.enterFirst })
          void patch(body, t.console.changed)
        }}
      >
        <div class="field">
          <label for="ctl-rate">{t.console.rate}</label>
          <input
            id="ctl-rate"
            type="number"
            min={1}
            placeholder={String(props.admission?.ratePerSec ?? '')}
            value={rate}
            onInput={(e) => setRate(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="ctl-max">{t.console.maxActive}</label>
          <input
            id="ctl-max"
            type="number"
            min={1}
            placeholder={String(props.admission?.maxActive ?? '')}
            value={maxActive}
            onInput={(e) => setMaxActive(e.currentTarget.value)}
          />
        </div>
        <button type="submit" disabled={intent.busy}>
          {t.console.apply}
        </button>
      </form>
      <div class="actions">
        <button
          type="button"
          class={paused ? 'primary' : 'danger'}
          disabled={intent.busy}
          onClick={() => void patch({ paused: !paused }, paused ? t.console.resumed : t.console.paused)}
        >
          {paused ? t.console.resume : t.console.pause}
        </button>
        <button
          type="button"
          disabled={intent.busy}
          onClick={() =>
            void post(
              'replay',
              (init) => api.POST('/v1/admin/dead-letters/replay', { ...init }),
              t.console.replayTitle
            )
          }
        >
          {t.console.replay}
        </button>
        <button
          type="button"
          disabled={intent.busy}
          onClick={() =>
            void post(
              'reconcile',
              (init) =>
                api.POST('/v1/admin/events/{id}/reconcile', { params: { path: { id: saleId } }, ...init }),
              t.console.reconcile
            )
          }
        >
          {t.console.reconcile}
        </button>
      </div>
      {message && (
        <Notice tone={message.tone} testId="control-message">
          {message.text}
        </Notice>
      )}
      {report && (
        <details open class="report">
          <summary>{t.console.report(report.title)}</summary>
          <pre data-testid="report">{JSON.stringify(report.body, null, 2)}</pre>
        </details>
      )}
    </section>
  )
}
