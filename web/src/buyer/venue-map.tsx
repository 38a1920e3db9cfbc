import { memo } from 'preact/compat'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { LayoutSection, SeatLayout } from '../../../src/http/api-types.ts'
import { money, num } from '../format.ts'
import { lang, msg, useT } from '../i18n/index.ts'
import { availableBySection, seatId } from './venue.ts'

/** What a seat is to this buyer. */
type Look = 'available' | 'selected' | 'mine' | 'taken'

/**
 * The section overview: every section in the order the operator created it, with its price and
 * the seats left, live. Choosing one opens its rows below.
 */
export function SectionOverview(props: {
  layout: SeatLayout
  states: string
  currency: string
  current: string | null
  onSection(name: string): void
}) {
  const t = useT()
  const left = availableBySection(props.layout, props.states)
  return (
    <nav class="section-list" aria-label={t.venue.overview}>
      <h3>{t.venue.overview}</h3>
      <ul class="plain sections">
        {props.layout.sections.map((s, i) => {
          const n = left[i] ?? 0
          return (
            <li key={s.name}>
              <button
                type="button"
                class={`section-pick ${props.current === s.name ? 'current' : ''}`}
                data-section={s.name}
                aria-pressed={props.current === s.name}
                onClick={() => props.onSection(s.name)}
              >
                <span class="section-name">{t.venue.section(s.name)}</span>
                <span class="price">{money(s.price, props.currency)}</span>
                <span class={`left ${n === 0 ? 'none' : ''}`} data-testid={`left-${s.name}`}>
                  {n === 0 ? t.venue.soldOutSection : t.venue.seatsLeft(num(n))}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

interface RowProps {
  section: string
  row: number
  /** This row's state codes, one per seat. */
  codes: string
  /** Seat numbers in this row that are this buyer's / selected, as "1,2" (compared by value). */
  mineKey: string
  selectedKey: string
  /** The seat number that takes Tab in this row, or 0. */
  tabNumber: number
  priceLabel: string
  disabled: boolean
  lang: string
}

/**
 * One row of seats. Memoised: a delta re-renders only the rows whose codes changed. Clicks and
 * focus are handled once for the whole map (event delegation), so a 10,000-seat section creates no
 * listener per seat.
 */
const SeatRow = memo(function SeatRow(p: RowProps) {
  const t = msg()
  const mine = new Set(p.mineKey === '' ? [] : p.mineKey.split(',').map(Number))
  const selected = new Set(p.selectedKey === '' ? [] : p.selectedKey.split(',').map(Number))
  const words: Record<Look, string> = {
    available: t.venue.available,
    selected: t.venue.selected,
    mine: t.venue.yours,
    taken: t.venue.taken
  }
  const seats = []
  for (let n = 1; n <= p.codes.length; n++) {
    const look: Look = mine.has(n)
      ? 'mine'
      : p.codes[n - 1] !== 'a'
        ? 'taken'
        : selected.has(n)
          ? 'selected'
          : 'available'
    const id = seatId(p.section, p.row, n)
    const inert = look === 'taken' || look === 'mine' || p.disabled
    seats.push(
      <button
        type="button"
        key={n}
        class={`seat ${look}`}
        data-seat={id}
        data-state={look}
        tabIndex={p.tabNumber === n ? 0 : -1}
        aria-label={t.venue.seatLabel(p.section, String(p.row), String(n), p.priceLabel, words[look])}
        aria-pressed={look === 'selected' || look === 'mine'}
        aria-disabled={inert}
        data-row={p.row}
        data-number={n}
      >
        {n}
      </button>
    )
  }
  return (
    <fieldset class="seat-row">
      <legend class="sr-only">{t.venue.row(String(p.row))}</legend>
      <span class="row-label" aria-hidden="true">
        {p.row}
      </span>
      {seats}
    </fieldset>
  )
})

const ZOOMS = [0, 1, 2, 3]
/** Seats rendered in the first frame of a section, then per following frame: a huge section paints its front rows at once. */
const SEATS_PER_FRAME = 1500

/**
 * One section's rows, front row first, in a box of its own that scrolls and zooms: the page never
 * does. One Tab stop for the whole map (roving tabindex); arrow keys, Home and End move between
 * seats; Enter or Space picks.
 */
export function SectionMap(props: {
  section: LayoutSection
  states: string
  currency: string
  mine: ReadonlySet<string>
  selected: ReadonlySet<string>
  disabled: boolean
  onSeat(id: string): void
}) {
  const t = useT()
  const { section: sec } = props
  const [zoom, setZoom] = useState(1)
  const rowsPerFrame = Math.max(1, Math.floor(SEATS_PER_FRAME / sec.seatsPerRow))
  const [shownRows, setShownRows] = useState(rowsPerFrame)
  const [focus, setFocus] = useState<{ row: number; number: number }>({ row: 1, number: 1 })
  const moved = useRef(false)
  const box = useRef<HTMLElement>(null)
  const seatOf = (e: Event) =>
    (e.target as HTMLElement | null)?.closest<HTMLButtonElement>('button[data-seat]')
  const onClick = (e: MouseEvent) => {
    const b = seatOf(e)
    if (b?.dataset.seat && b.getAttribute('aria-disabled') !== 'true') props.onSeat(b.dataset.seat)
  }
  const onFocusIn = (e: FocusEvent) => {
    const b = seatOf(e)
    if (b) setFocus({ row: Number(b.dataset.row), number: Number(b.dataset.number) })
  }

  // A section opens at its front rows, centred: the best seats are in view on a phone too.
  useEffect(() => {
    setFocus({ row: 1, number: Math.ceil(sec.seatsPerRow / 2) })
    const el = box.current
    if (el) {
      el.scrollLeft = (el.scrollWidth - el.clientWidth) / 2
      el.scrollTop = 0
    }
  }, [sec.name])
  // The front rows first; the rest follow a frame at a time (rows already drawn are memoised).
  useEffect(() => {
    if (shownRows >= sec.rows) return
    const id = requestAnimationFrame(() => setShownRows((n) => n + rowsPerFrame))
    return () => cancelAnimationFrame(id)
  }, [shownRows, sec.rows, rowsPerFrame])
  useEffect(() => {
    if (!moved.current) return
    moved.current = false
    box.current
      ?.querySelector<HTMLButtonElement>(`[data-seat="${seatId(sec.name, focus.row, focus.number)}"]`)
      ?.focus()
  }, [focus, sec.name])

  const onKeyDown = (e: KeyboardEvent) => {
    let { row, number } = focus
    if (e.key === 'ArrowRight') number++
    else if (e.key === 'ArrowLeft') number--
    else if (e.key === 'ArrowDown') row++
    else if (e.key === 'ArrowUp') row--
    else if (e.key === 'Home') number = 1
    else if (e.key === 'End') number = sec.seatsPerRow
    else return
    e.preventDefault()
    row = Math.min(sec.rows, Math.max(1, row))
    number = Math.min(sec.seatsPerRow, Math.max(1, number))
    moved.current = true
    setFocus({ row, number })
  }

  const keyOf = (set: ReadonlySet<string>, row: number) => {
    const prefix = `${sec.name}-${row}-`
    const out: number[] = []
    for (const id of set) if (id.startsWith(prefix)) out.push(Number(id.slice(prefix.length)))
    return out.sort((a, b) => a - b).join(',')
  }
  const priceLabel = money(sec.price, props.currency)
  const rows = []
  for (let r = 1; r <= Math.min(sec.rows, shownRows); r++) {
    const start = sec.offset + (r - 1) * sec.seatsPerRow
    rows.push(
      <SeatRow
        key={r}
        section={sec.name}
        row={r}
        codes={props.states.slice(start, start + sec.seatsPerRow)}
        mineKey={keyOf(props.mine, r)}
        selectedKey={keyOf(props.selected, r)}
        tabNumber={focus.row === r ? focus.number : 0}
        priceLabel={priceLabel}
        disabled={props.disabled}
        lang={lang()}
      />
    )
  }
  return (
    <div class="section-map">
      <div class="map-tools">
        <h3 id="map-title">{t.venue.showing(sec.name)}</h3>
        <span class="price">{priceLabel}</span>
        <span class="zoom">
          <button
            type="button"
            aria-label={t.venue.zoomOut}
            disabled={zoom === ZOOMS[0]}
            onClick={() => setZoom((z) => Math.max(0, z - 1))}
          >
            −
          </button>
          <button
            type="button"
            aria-label={t.venue.zoomIn}
            disabled={zoom === ZOOMS.at(-1)}
            onClick={() => setZoom((z) => Math.min(3, z + 1))}
          >
            +
          </button>
        </span>
      </div>
      <p class="seat-legend">
        <span class="seat-key available" aria-hidden="true" /> {t.venue.available}
        <span class="seat-key selected" aria-hidden="true" /> {t.venue.selected}
        <span class="seat-key mine" aria-hidden="true" /> {t.venue.yours}
        <span class="seat-key taken" aria-hidden="true" /> {t.venue.taken}
      </p>
      <section
        ref={box}
        class={`map-box zoom-${zoom}`}
        aria-label={t.venue.mapLabel(sec.name)}
        data-testid="map-box"
        onKeyDown={onKeyDown}
        onClick={onClick}
        onFocusIn={onFocusIn}
      >
        <div class="map-inner">
          <div class="stage" aria-hidden="true">
            {t.venue.stage}
          </div>
          {rows}
        </div>
      </section>
    </div>
  )
}
