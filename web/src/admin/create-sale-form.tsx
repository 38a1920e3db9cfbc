import { useState } from 'preact/hooks'
import type { CreateSaleRequest, SaleKind } from '../../../src/http/api-types.ts'
import { api, callWithRetry, describe } from '../api/client.ts'
import { DEFAULT_CURRENCY } from '../api/currency.ts'
import { currencyDigits, toMinor } from '../format.ts'
import { useIntent } from '../hooks.ts'
import { msg, useT } from '../i18n/index.ts'
import { navigate } from '../router.tsx'
import { type Identity, knownSales } from '../session.ts'
import { Notice } from '../ui/notice.tsx'

interface SectionDraft {
  name: string
  rows: string
  seatsPerRow: string
  price: string
}

function NumberField(props: {
  id: string
  label: string
  value: string
  onInput(v: string): void
  min?: number
  step?: string
  hint?: string
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        min={props.min ?? 0}
        step={props.step ?? '1'}
        required
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      />
      {props.hint && (
        <small id={`${props.id}-hint`} class="muted">
          {props.hint}
        </small>
      )}
    </div>
  )
}

const int = (v: string) => Math.round(Number(v))

/** Offered in the currency field; any other ISO 4217 code can be typed. */
const CURRENCIES = ['KRW', 'USD', 'EUR', 'JPY', 'GBP', 'CNY', 'TWD', 'SGD', 'AUD', 'CAD']
const CURRENCY = /^[A-Z]{3}$/

/** Whether `Intl` knows the code (the server checks it too: 400 FC_UNKNOWN_CURRENCY). */
function knownCurrency(code: string): boolean {
  if (!CURRENCY.test(code)) return false
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().currency === code
    )
  } catch {
    return false
  }
}

/**
 * The create-a-sale form: coupon quantity or a seat map of sections (rows x seats, price) in the
 * order buyers will see them (move up/down), the sale's currency (prices typed in its major unit,
 * sent in its minor unit), limits, hold TTL, opening time, admission (rate, max active, access TTL)
 * and proof-of-work difficulty.
 */
export function CreateSaleForm(props: { admin: Identity }) {
  const t = useT()
  const [name, setName] = useState(() => msg().console.defaultName)
  const [currency, setCurrency] = useState(DEFAULT_CURRENCY)
  const [kind, setKind] = useState<SaleKind>('seated')
  const [quantity, setQuantity] = useState('100')
  const [sections, setSections] = useState<SectionDraft[]>([
    { name: 'A', rows: '4', seatsPerRow: '10', price: '60000' }
  ])
  const [perUserLimit, setPerUserLimit] = useState('2')
  const [holdTtlSec, setHoldTtlSec] = useState('300')
  const [opensAt, setOpensAt] = useState('')
  const [preQueueOpensAt, setPreQueueOpensAt] = useState('')
  const [closesAt, setClosesAt] = useState('')
  const [maxWaiting, setMaxWaiting] = useState('')
  const [safetyNet, setSafetyNet] = useState(false)
  const [ratePerSec, setRatePerSec] = useState('10')
  const [maxActive, setMaxActive] = useState('100')
  const [accessTtlSec, setAccessTtlSec] = useState('600')
  const [difficulty, setDifficulty] = useState('0')
  const [error, setError] = useState<string | null>(null)
  const intent = useIntent()

  const setSection = (i: number, patch: Partial<SectionDraft>) =>
    setSections(sections.map((s, j) => (j === i ? { ...s, ...patch } : s)))
  const move = (i: number, by: -1 | 1) => {
    const j = i + by
    if (j < 0 || j >= sections.length) return
    const next = [...sections]
    ;[next[i], next[j]] = [next[j] as SectionDraft, next[i] as SectionDraft]
    setSections(next)
  }
  const code = currency.trim().toUpperCase()
  const step = knownCurrency(code) ? String(10 ** -currencyDigits(code)) : 'any'

  const submit = async (e: Event) => {
    e.preventDefault()
    setError(null)
    const code = currency.trim().toUpperCase()
    if (kind === 'seated' && !knownCurrency(code)) return setError(msg().errors.FC_VALIDATION)
    const prices = sections.map((s) => toMinor(s.price, code))
    if (kind === 'seated' && prices.some((p) => p === null)) return setError(msg().errors.FC_VALIDATION)
    const body: CreateSaleRequest & { currency?: string } = {
      name: name.trim(),
      kind,
      perUserLimit: int(perUserLimit),
      holdTtlSec: int(holdTtlSec),
      admission: { ratePerSec: int(ratePerSec), maxActive: int(maxActive), accessTtlSec: int(accessTtlSec) },
      challenge: { difficulty: int(difficulty) }
    }
    if (kind === 'coupon') body.quantity = int(quantity)
    else
      body.seats = {
        sections: sections.map((s) => ({
          name: s.name.trim(),
          rows: int(s.rows),
          seatsPerRow: int(s.seatsPerRow),
          price: toMinor(s.price, code) ?? 0
        }))
      }
    if (kind === 'seated') body.currency = code
    if (opensAt !== '') body.opensAt = new Date(opensAt).toISOString()
    if (preQueueOpensAt !== '') body.preQueueOpensAt = new Date(preQueueOpensAt).toISOString()
    if (closesAt !== '') body.closesAt = new Date(closesAt).toISOString()
    if (maxWaiting.trim() !== '') body.maxWaiting = int(maxWaiting)
    if (safetyNet) body.admission.safetyNet = true
    try {
      const sale = await intent.run('create', (key) =>
        callWithRetry((init) => api.POST('/v1/admin/events', { body, ...init }), {
          token: props.admin.token,
          idempotencyKey: key
        })
      )
      if (!sale) return
      knownSales.add({ id: sale.id, name: sale.name, kind: sale.kind })
      navigate(`/admin/events/${sale.id}`)
    } catch (err) {
      setError(describe(err))
    }
  }

  return (
    <form class="card create-sale" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">{t.console.createTitle}</h2>
      <div class="field">
        <label for="sale-name">{t.console.saleName}</label>
        <input
          id="sale-name"
          required
          maxLength={200}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <fieldset class="kind">
        <legend>{t.console.kind}</legend>
        <label>
          <input type="radio" name="kind" checked={kind === 'seated'} onChange={() => setKind('seated')} />{' '}
          {t.console.kindSeated}
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === 'coupon'} onChange={() => setKind('coupon')} />{' '}
          {t.console.kindCoupon}
        </label>
      </fieldset>
      {kind === 'coupon' ? (
        <NumberField id="quantity" label={t.console.coupons} value={quantity} onInput={setQuantity} min={1} />
      ) : (
        <fieldset>
          <legend>{t.console.sections}</legend>
          <div class="field">
            <label for="currency">{t.console.currency}</label>
            <input
              id="currency"
              list="currency-codes"
              required
              maxLength={3}
              autoCapitalize="characters"
              value={currency}
              onInput={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
              aria-describedby="currency-hint"
              aria-invalid={!knownCurrency(code)}
            />
            <datalist id="currency-codes">
              {CURRENCIES.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
            <small id="currency-hint" class="muted">
              {t.console.currencyHint}
            </small>
          </div>
          <p class="muted">{t.console.sectionsHint}</p>
          {sections.map((s, i) => (
            <fieldset class="section-row" key={i} data-section-row={i}>
              <legend class="sr-only">{t.console.sectionN(String(i + 1))}</legend>
              <div class="field">
                <label for={`sec-name-${i}`}>{t.console.sectionName}</label>
                <input
                  id={`sec-name-${i}`}
                  required
                  pattern="[A-Za-z0-9]{1,8}"
                  value={s.name}
                  onInput={(e) => setSection(i, { name: e.currentTarget.value })}
                />
              </div>
              <NumberField
                id={`sec-rows-${i}`}
                label={t.console.rows}
                value={s.rows}
                min={1}
                onInput={(v) => setSection(i, { rows: v })}
              />
              <NumberField
                id={`sec-seats-${i}`}
                label={t.console.seatsPerRow}
                value={s.seatsPerRow}
                min={1}
                onInput={(v) => setSection(i, { seatsPerRow: v })}
              />
              <NumberField
                id={`sec-price-${i}`}
                label={t.console.price(code)}
                value={s.price}
                step={step}
                onInput={(v) => setSection(i, { price: v })}
              />
              {sections.length > 1 && (
                <div class="section-tools">
                  <button type="button" disabled={i === 0} onClick={() => move(i, -1)}>
                    <span aria-hidden="true">↑</span>
                    <span class="sr-only">{t.console.moveUp(s.name)}</span>
                  </button>
                  <button type="button" disabled={i === sections.length - 1} onClick={() => move(i, 1)}>
                    <span aria-hidden="true">↓</span>
                    <span class="sr-only">{t.console.moveDown(s.name)}</span>
                  </button>
                  <button
                    type="button"
                    class="link"
                    onClick={() => setSections(sections.filter((_, j) => j !== i))}
                  >
                    {t.console.remove(s.name)}
                  </button>
                </div>
              )}
            </fieldset>
          ))}
          <button
            type="button"
            onClick={() =>
              setSections([
                ...sections,
                {
                  name: String.fromCharCode(65 + sections.length),
                  rows: '4',
                  seatsPerRow: '10',
                  price: sections.at(-1)?.price ?? '0'
                }
              ])
            }
          >
            {t.console.addSection}
          </button>
        </fieldset>
      )}
      <div class="grid-3">
        <NumberField
          id="per-user"
          label={t.console.perUser}
          value={perUserLimit}
          min={1}
          onInput={setPerUserLimit}
        />
        <NumberField
          id="hold-ttl"
          label={t.console.holdTtl}
          value={holdTtlSec}
          min={1}
          onInput={setHoldTtlSec}
        />
        <div class="field">
          <label for="opens-at">{t.console.opensAt}</label>
          <input
            id="opens-at"
            type="datetime-local"
            value={opensAt}
            onInput={(e) => setOpensAt(e.currentTarget.value)}
            aria-describedby="opens-at-hint"
          />
          <small id="opens-at-hint" class="muted">
            {t.console.opensNow}
          </small>
        </div>
        <div class="field">
          <label for="pre-queue-opens-at">{t.console.preQueueOpensAt}</label>
          <input
            id="pre-queue-opens-at"
            type="datetime-local"
            value={preQueueOpensAt}
            onInput={(e) => setPreQueueOpensAt(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="closes-at">{t.console.closesAt}</label>
          <input
            id="closes-at"
            type="datetime-local"
            value={closesAt}
            onInput={(e) => setClosesAt(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="max-waiting">{t.console.maxWaiting}</label>
          <input
            id="max-waiting"
            type="number"
            inputMode="numeric"
            min={1}
            step="1"
            value={maxWaiting}
            onInput={(e) => setMaxWaiting(e.currentTarget.value)}
          />
        </div>
      </div>
      <fieldset>
        <legend>{t.console.admission}</legend>
        <div class="grid-3">
          <NumberField id="rate" label={t.console.rate} value={ratePerSec} min={1} onInput={setRatePerSec} />
          <NumberField
            id="max-active"
            label={t.console.maxActive}
            value={maxActive}
            min={1}
            onInput={setMaxActive}
          />
          <NumberField
            id="access-ttl"
            label={t.console.accessTtl}
            value={accessTtlSec}
            min={10}
            onInput={setAccessTtlSec}
          />
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={safetyNet}
            onChange={(e) => setSafetyNet(e.currentTarget.checked)}
          />{' '}
          {t.console.safetyNet}
        </label>
      </fieldset>
      <NumberField
        id="pow"
        label={t.console.pow}
        value={difficulty}
        onInput={setDifficulty}
        hint={t.console.powHint}
      />
      <button type="submit" class="primary" disabled={intent.busy}>
        {intent.busy ? t.console.creating : t.console.create}
      </button>
      {error && <Notice tone="error">{error}</Notice>}
    </form>
  )
}
