import { locale, msg } from './i18n/index.ts'

/**
 * Numbers, money and dates through `Intl`, in the page's locale. Amounts are integers in the
 * currency's minor unit (KRW and JPY have none: 60000 is 60,000 won; USD has two: 6000 is $60.00),
 * the way the API sends them with the sale's ISO 4217 `currency`.
 */
const cache = new Map<string, Intl.NumberFormat>()

function moneyFormat(currency: string): Intl.NumberFormat | null {
  const key = `${locale()}|${currency}`
  let f = cache.get(key)
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale(), { style: 'currency', currency })
    } catch {
      return null
    }
    cache.set(key, f)
  }
  return f
}

/** How many minor-unit digits a currency has (KRW 0, USD 2, BHD 3), as the server counts them. */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    )
  } catch {
    return 0
  }
}

/** An amount in minor units as a price label: "₩60,000", "60,000원"-style per locale, "$60.00". */
export function money(minor: number, currency: string): string {
  const f = moneyFormat(currency)
  const major = minor / 10 ** currencyDigits(currency)
  return f ? f.format(major) : `${num(major)} ${currency}`
}

/** A major-unit amount typed by an operator ("60000", "12.5") to minor units, or null if not a number. */
export function toMinor(major: string, currency: string): number | null {
  const n = Number(major)
  if (major.trim() === '' || !Number.isFinite(n) || n < 0) return null
  return Math.round(n * 10 ** currencyDigits(currency))
}

/** Minor units to the major-unit text an operator edits. */
export function toMajor(minor: number, currency: string): string {
  return String(minor / 10 ** currencyDigits(currency))
}

/** A count: "1,234". */
export function num(n: number, maxFractionDigits = 0): string {
  return n.toLocaleString(locale(), { maximumFractionDigits: maxFractionDigits })
}

/** A date and time, short: "2026. 12. 7. 오전 12:24", "12/7/26, 12:24 AM". */
export function dateTime(at: number | string): string {
  const d = typeof at === 'number' ? new Date(at) : new Date(Date.parse(at))
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(d)
}

/** A duration as "1 h 02 min", "3 min 05 s" or "12 s" (or their Korean forms). */
export function duration(sec: number): string {
  const s = Math.max(0, Math.round(sec))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const r = s % 60
  const d = msg().duration
  if (h > 0) return d.hm(String(h), String(m).padStart(2, '0'))
  if (m > 0) return d.ms(String(m), String(r).padStart(2, '0'))
  return d.s(String(r))
}

/** A clock countdown, "04:59". */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000))
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}
