import type { SeatView } from '../../../src/http/api-types.ts'
import { money } from '../format.ts'

interface Props {
  seats: SeatView[]
  /** Seats this buyer holds or is buying: shown as theirs, not as taken. */
  mine: ReadonlySet<string>
  /** The seat a hold is being requested for. */
  pending: string | null
  disabled: boolean
  onPick(seat: SeatView): void
}

interface Section {
  name: string
  price: number
  rows: Map<number, SeatView[]>
}

function bySection(seats: SeatView[]): Section[] {
  const out = new Map<string, Section>()
  for (const s of seats) {
    let sec = out.get(s.section)
    if (!sec) {
      sec = { name: s.section, price: s.price, rows: new Map() }
      out.set(s.section, sec)
    }
    const row = sec.rows.get(s.row) ?? []
    row.push(s)
    sec.rows.set(s.row, row)
  }
  for (const sec of out.values()) for (const row of sec.rows.values()) row.sort((a, b) => a.number - b.number)
  return [...out.values()]
}

/**
 * The seat map: one group per section, one line per row. Available seats are buttons; seats
 * others hold or bought disappear (an empty slot keeps the row's shape), so a buyer never aims at
 * a seat that is gone.
 */
export function SeatMap(props: Props) {
  const sections = bySection(props.seats)
  const available = props.seats.filter((s) => s.state === 'available').length
  return (
    <div class="seat-map">
      <p class="seat-legend" aria-live="polite">
        <span class="seat-key available" aria-hidden="true" /> available ({available})
        <span class="seat-key mine" aria-hidden="true" /> yours
        <span class="seat-key gone" aria-hidden="true" /> taken
      </p>
      <div class="stage" aria-hidden="true">
        stage
      </div>
      {sections.map((sec) => (
        <section class="seat-section" key={sec.name} aria-labelledby={`sec-${sec.name}`}>
          <h3 id={`sec-${sec.name}`}>
            Section {sec.name} <span class="price">{money(sec.price)}</span>
          </h3>
          {[...sec.rows.entries()].map(([row, seats]) => (
            <fieldset class="seat-row" key={row}>
              <legend class="sr-only">{`Section ${sec.name}, row ${row}`}</legend>
              <span class="row-label" aria-hidden="true">
                {row}
              </span>
              {seats.map((s) => {
                const mine = props.mine.has(s.id)
                if (s.state !== 'available' && !mine)
                  return <span key={s.id} class="seat gone" data-seat={s.id} data-state={s.state} />
                const label = `Section ${s.section}, row ${s.row}, seat ${s.number}, ${money(s.price)}${mine ? ', yours' : ''}`
                return (
                  <button
                    type="button"
                    key={s.id}
                    class={`seat ${mine ? 'mine' : 'available'}`}
                    data-seat={s.id}
                    data-state={mine ? 'mine' : s.state}
                    aria-label={label}
                    aria-pressed={mine}
                    aria-busy={props.pending === s.id}
                    disabled={mine || props.disabled}
                    onClick={() => props.onPick(s)}
                  >
                    {s.number}
                  </button>
                )
              })}
            </fieldset>
          ))}
        </section>
      ))}
    </div>
  )
}
