import { useEffect, useState } from 'preact/hooks'
import type { AuditEntryView, PublicSale, SaleEditRequest } from '../../../src/http/api-types.ts'
import { api, call, describe } from '../api/client.ts'
import { currencyOf } from '../api/currency.ts'
import { dateTime, money, toMinor } from '../format.ts'
import { useT } from '../i18n/index.ts'
import { Notice } from '../ui/notice.tsx'
import { useConsoleAction } from './console-action.ts'

/** A whole number typed in a field, or null when the field is empty or not one. */
function wholeNumber(text: string): number | null {
  if (text.trim() === '') return null
  const n = Number(text)
  return Number.isInteger(n) ? n : Number.NaN
}

/** A `datetime-local` value (the browser's zone) as an ISO instant. */
function instant(local: string): string | null {
  const ms = Date.parse(local)
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

/**
 * An audit value as the operator reads it: dates through Intl, prices per section as money in the
 * sale's currency, other lists and objects as JSON.
 */
function shown(v: unknown, currency: string | null): string {
  if (v === null || v === undefined) return '—'
  if (currency && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v)
    if (entries.length > 0 && entries.every(([, x]) => typeof x === 'number'))
      return entries.map(([k, x]) => `${k} ${money(x as number, currency)}`).join(', ')
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return dateTime(v)
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

/** A whole-number field of the panel, showing the sale's current value as its placeholder. */
function NumberField(props: {
  id: string
  label: string
  max?: number
  current: number | undefined
  value: string
  onValue(v: string): void
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={1}
        max={props.max}
        placeholder={props.current === undefined ? '' : String(props.current)}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </div>
  )
}

/**
 * The "Edit sale" panel of a running sale's console page: one `PATCH /v1/admin/events/:id` with
 * the fields the operator filled (per-user limit, hold time, close time, and the coupon quantity
 * or the section prices and a withdrawn section), then the sale's audit log, reloaded after each edit.
 */
export function SaleEdit(props: { saleId: string; token: string }) {
  const { saleId, token } = props
  const t = useT().saleEdit
  const [sale, setSale] = useState<PublicSale | null>(null)
  const [audit, setAudit] = useState<AuditEntryView[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [limit, setLimit] = useState('')
  const [holdTtl, setHoldTtl] = useState('')
  const [closesAt, setClosesAt] = useState('')
  const [quantity, setQuantity] = useState('')
  const [prices, setPrices] = useState<Record<string, string>>({})
  const [withdraw, setWithdraw] = useState('')

  const load = async () => {
    try {
      const [s, page] = await Promise.all([
        call((init) => api.GET('/v1/events/{id}', { params: { path: { id: saleId } }, ...init })),
        call(
          (init) =>
            api.GET('/v1/admin/events/{id}/audit', {
              params: { path: { id: saleId }, query: { limit: 50 } },
              ...init
            }),
          { token }
        )
      ])
      setSale(s)
      setAudit(page.entries)
      setLoadError(null)
    } catch (err) {
      setLoadError(describe(err))
    }
  }
  useEffect(() => {
    void load()
  }, [saleId, token])
  const { busy, message, setMessage, act } = useConsoleAction(() => void load())

  const body = (): SaleEditRequest | string => {
    const b: SaleEditRequest = {}
    const l = wholeNumber(limit)
    if (l !== null) {
      if (!(l >= 1 && l <= 100)) return t.badLimit
      b.perUserLimit = l
    }
    const h = wholeNumber(holdTtl)
    if (h !== null) {
      if (!(h >= 1 && h <= 3600)) return t.badHoldTtl
      b.holdTtlSec = h
    }
    if (closesAt !== '') {
      const at = instant(closesAt)
      if (!at) return t.badClosesAt
      b.closesAt = at
    }
    if (sale?.kind === 'coupon') {
      const q = wholeNumber(quantity)
      if (q !== null) {
        if (!(q >= 1)) return t.badQuantity
        b.quantity = q
      }
    } else if (sale) {
      const currency = currencyOf(sale)
      const changed: { section: string; price: number }[] = []
      for (const [section, text] of Object.entries(prices)) {
        if (text.trim() === '') continue
        const minor = toMinor(text, currency)
        if (minor === null) return t.badPrice(section)
        changed.push({ section, price: minor })
      }
      if (changed.length > 0) b.prices = changed
      if (withdraw !== '') b.withdrawSections = [withdraw]
    }
    return Object.keys(b).length === 0 ? t.nothing : b
  }

  const submit = () => {
    const b = body()
    if (typeof b === 'string') return setMessage({ tone: 'error', text: b })
    void act(async () => {
      await call(
        (init) => api.PATCH('/v1/admin/events/{id}', { params: { path: { id: saleId } }, body: b, ...init }),
        { token }
      )
      setLimit('')
      setHoldTtl('')
      setClosesAt('')
      setQuantity('')
      setPrices({})
      setWithdraw('')
      return t.saved
    })
  }

  const currency = sale ? currencyOf(sale) : null
  const label = (field: string) => (t.fields as Record<string, string>)[field] ?? field
  return (
    <>
      <section class="card" aria-labelledby="sale-edit-title" data-testid="sale-edit">
        <h2 id="sale-edit-title">{t.title}</h2>
        <p class="muted">{t.hint}</p>
        {loadError && <Notice tone="warning">{loadError}</Notice>}
        <form
          onSubmit={(e) => {
            e.preventDefault()
            submit()
          }}
        >
          <NumberField
            id="edit-limit"
            label={t.fields.perUserLimit}
            max={100}
            current={sale?.perUserLimit}
            value={limit}
            onValue={setLimit}
          />
          <NumberField
            id="edit-hold"
            label={t.fields.holdTtlSec}
            max={3600}
            current={sale?.holdTtlSec}
            value={holdTtl}
            onValue={setHoldTtl}
          />
          <div class="field">
            <label for="edit-closes">{t.fields.closesAt}</label>
            <input
              id="edit-closes"
              type="datetime-local"
              value={closesAt}
              onInput={(e) => setClosesAt(e.currentTarget.value)}
            />
            <small class="muted">{sale?.closesAt ? t.closesNow(dateTime(sale.closesAt)) : t.noClose}</small>
          </div>
          {sale?.kind === 'coupon' && (
            <NumberField
              id="edit-quantity"
              label={t.fields.quantity}
              current={sale.capacity}
              value={quantity}
              onValue={setQuantity}
            />
          )}
          {sale?.kind === 'seated' &&
            currency &&
            sale.sections.map((s) => (
              <div class="field" key={s.name}>
                <label for={`edit-price-${s.name}`}>{t.priceOf(s.name, currency)}</label>
                <input
                  id={`edit-price-${s.name}`}
                  type="number"
                  min={0}
                  step="any"
                  placeholder={money(s.price, currency)}
                  value={prices[s.name] ?? ''}
                  onInput={(e) => {
                    const v = e.currentTarget.value
                    setPrices((p) => ({ ...p, [s.name]: v }))
                  }}
                />
              </div>
            ))}
          {sale?.kind === 'seated' && (
            <div class="field">
              <label for="edit-withdraw">{t.fields.withdrawSections}</label>
              <select
                id="edit-withdraw"
                value={withdraw}
                onChange={(e) => setWithdraw(e.currentTarget.value)}
              >
                <option value="">{t.withdrawNone}</option>
                {sale.sections.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit" class="primary" disabled={busy || !sale}>
            {t.submit}
          </button>
        </form>
        {message && (
          <Notice tone={message.tone} testId="sale-edit-message">
            {message.text}
          </Notice>
        )}
      </section>
      <section class="card" aria-labelledby="audit-title">
        <h2 id="audit-title">{t.auditTitle}</h2>
        {audit === null ? null : audit.length === 0 ? (
          <p class="muted">{t.auditEmpty}</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="audit-log">
              <thead>
                <tr>
                  <th scope="col">{t.colAt}</th>
                  <th scope="col">{t.colActor}</th>
                  <th scope="col">{t.colAction}</th>
                  <th scope="col">{t.colChange}</th>
                </tr>
              </thead>
              <tbody>
                {audit.map((e) => (
                  <tr key={e.id} data-audit-id={e.id}>
                    <td>{dateTime(e.at)}</td>
                    <td>{e.actor}</td>
                    <td>{t.actions[e.action]}</td>
                    <td>
                      {[...new Set([...Object.keys(e.before), ...Object.keys(e.after)])].map((k) => (
                        <div key={k}>
                          {label(k)}: {shown(e.before[k], currency)} → {shown(e.after[k], currency)}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}
