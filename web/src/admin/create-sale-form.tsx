import { useState } from 'preact/hooks'
import type { CreatedSale, CreateSaleRequest, SaleKind } from '../../../src/http/api-types.ts'
import { callWithRetry, describe } from '../api/client.ts'
import { useIntent } from '../hooks.ts'
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

/**
 * The create-a-sale form: coupon quantity or a seat map of sections (rows x seats, price), limits,
 * hold TTL, opening time, admission (rate, max active, access TTL) and proof-of-work difficulty.
 */
export function CreateSaleForm(props: { admin: Identity }) {
  const [name, setName] = useState('Spring concert')
  const [kind, setKind] = useState<SaleKind>('seated')
  const [quantity, setQuantity] = useState('100')
  const [sections, setSections] = useState<SectionDraft[]>([
    { name: 'A', rows: '4', seatsPerRow: '10', price: '50.00' }
  ])
  const [perUserLimit, setPerUserLimit] = useState('2')
  const [holdTtlSec, setHoldTtlSec] = useState('300')
  const [opensAt, setOpensAt] = useState('')
  const [ratePerSec, setRatePerSec] = useState('10')
  const [maxActive, setMaxActive] = useState('100')
  const [accessTtlSec, setAccessTtlSec] = useState('600')
  const [difficulty, setDifficulty] = useState('0')
  const [error, setError] = useState<string | null>(null)
  const intent = useIntent()

  const setSection = (i: number, patch: Partial<SectionDraft>) =>
    setSections(sections.map((s, j) => (j === i ? { ...s, ...patch } : s)))

  const submit = async (e: Event) => {
    e.preventDefault()
    setError(null)
    const body: CreateSaleRequest = {
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
          price: Math.round(Number(s.price) * 100)
        }))
      }
    if (opensAt !== '') body.opensAt = new Date(opensAt).toISOString()
    try {
      const sale = await intent.run('create', (key) =>
        callWithRetry<CreatedSale>('POST', '/v1/admin/events', {
          token: props.admin.token,
          idempotencyKey: key,
          body
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
      <h2 id="create-title">Create a sale</h2>
      <div class="field">
        <label for="sale-name">Sale name</label>
        <input
          id="sale-name"
          required
          maxLength={200}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <fieldset class="kind">
        <legend>Kind</legend>
        <label>
          <input type="radio" name="kind" checked={kind === 'seated'} onChange={() => setKind('seated')} />{' '}
          Seat map
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === 'coupon'} onChange={() => setKind('coupon')} />{' '}
          Coupon drop
        </label>
      </fieldset>
      {kind === 'coupon' ? (
        <NumberField id="quantity" label="Coupons" value={quantity} onInput={setQuantity} min={1} />
      ) : (
        <fieldset>
          <legend>Sections</legend>
          {sections.map((s, i) => (
            <fieldset class="section-row" key={i}>
              <legend class="sr-only">{`Section ${i + 1}`}</legend>
              <div class="field">
                <label for={`sec-name-${i}`}>Section name</label>
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
                label="Rows"
                value={s.rows}
                min={1}
                onInput={(v) => setSection(i, { rows: v })}
              />
              <NumberField
                id={`sec-seats-${i}`}
                label="Seats per row"
                value={s.seatsPerRow}
                min={1}
                onInput={(v) => setSection(i, { seatsPerRow: v })}
              />
              <NumberField
                id={`sec-price-${i}`}
                label="Price ($)"
                value={s.price}
                step="0.01"
                onInput={(v) => setSection(i, { price: v })}
              />
              {sections.length > 1 && (
                <button
                  type="button"
                  class="link"
                  onClick={() => setSections(sections.filter((_, j) => j !== i))}
                >
                  Remove section {s.name}
                </button>
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
                  price: '30.00'
                }
              ])
            }
          >
            Add a section
          </button>
        </fieldset>
      )}
      <div class="grid-3">
        <NumberField
          id="per-user"
          label="Per-user limit"
          value={perUserLimit}
          min={1}
          onInput={setPerUserLimit}
        />
        <NumberField id="hold-ttl" label="Hold TTL (s)" value={holdTtlSec} min={1} onInput={setHoldTtlSec} />
        <div class="field">
          <label for="opens-at">Opens at (local time)</label>
          <input
            id="opens-at"
            type="datetime-local"
            value={opensAt}
            onInput={(e) => setOpensAt(e.currentTarget.value)}
            aria-describedby="opens-at-hint"
          />
          <small id="opens-at-hint" class="muted">
            Empty: open now
          </small>
        </div>
      </div>
      <fieldset>
        <legend>Admission</legend>
        <div class="grid-3">
          <NumberField
            id="rate"
            label="Admissions per second"
            value={ratePerSec}
            min={1}
            onInput={setRatePerSec}
          />
          <NumberField
            id="max-active"
            label="Max active buyers"
            value={maxActive}
            min={1}
            onInput={setMaxActive}
          />
          <NumberField
            id="access-ttl"
            label="Access TTL (s)"
            value={accessTtlSec}
            min={10}
            onInput={setAccessTtlSec}
          />
        </div>
      </fieldset>
      <NumberField
        id="pow"
        label="Proof-of-work difficulty (bits)"
        value={difficulty}
        onInput={setDifficulty}
        hint="0 = off; 16 takes a phone about a second"
      />
      <button type="submit" class="primary" disabled={intent.busy}>
        {intent.busy ? 'Creating…' : 'Create sale'}
      </button>
      {error && <Notice tone="error">{error}</Notice>}
    </form>
  )
}
