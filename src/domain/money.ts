/**
 * Money: a sale's currency (ISO 4217) and amounts as integers in that currency's minor unit (KRW
 * and JPY have none, USD has cents). Only `Intl`: no table of our own to keep up to date, and the
 * same functions run in the web app.
 */

/** The ISO 4217 codes this runtime's ICU knows (current currencies, upper case). */
const KNOWN: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'))

/** Three upper-case letters: the only spelling firstcome stores and answers. */
const CODE = /^[A-Z]{3}$/

/** True for an upper-case ISO 4217 code that `Intl` knows ("KRW", "JPY", "USD"; not "krw", "XYZ"). */
export function isKnownCurrency(code: string): boolean {
  return CODE.test(code) && KNOWN.has(code)
}

/**
 * Why `code` is not a currency firstcome accepts, as a sentence for an operator, or undefined
 * when it is one. A lower-case code is refused (not silently upper-cased), with the spelling to use.
 */
export function currencyProblem(code: string): string | undefined {
  if (isKnownCurrency(code)) return undefined
  const shown = JSON.stringify(code.slice(0, 16))
  const upper = code.toUpperCase()
  if (upper !== code && isKnownCurrency(upper))
    return `currency ${shown} must be written in upper case: use "${upper}"`
  return `currency ${shown} is not an ISO 4217 code (three upper-case letters such as "KRW", "JPY" or "USD")`
}

const digitsCache = new Map<string, number>()

/**
 * How many digits the currency's minor unit has: 0 for KRW and JPY, 2 for USD and EUR, 3 for BHD.
 * A price of 60000 is 60,000 won but 600.00 dollars.
 */
export function currencyDigits(code: string): number {
  let digits = digitsCache.get(code)
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits as number
    digitsCache.set(code, digits)
  }
  return digits
}

/**
 * An amount in minor units as the decimal string of major units, exactly (no floating point):
 * (60000, KRW) -> "60000", (1999, USD) -> "19.99", (-5, USD) -> "-0.05".
 */
export function toMajorUnits(minor: number, code: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount ${minor} is not an integer of minor units`)
  const digits = currencyDigits(code)
  const sign = minor < 0 ? '-' : ''
  const text = String(Math.abs(minor))
  if (digits === 0) return `${sign}${text}`
  const padded = text.padStart(digits + 1, '0')
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`
}

/** The locales firstcome writes amounts and dates in: Korean first, English otherwise. */
export type MoneyLocale = 'ko-KR' | 'en'

/**
 * The locale to write for a buyer, from an `Accept-Language` header: 'ko-KR' when Korean comes
 * before English in the buyer's preferences, 'en' otherwise (and when the header is missing).
 */
export function pickLocale(acceptLanguage: string | undefined): MoneyLocale {
  if (!acceptLanguage) return 'en'
  let best: { locale: MoneyLocale; q: number } | undefined
  for (const part of acceptLanguage.slice(0, 512).split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!Number.isFinite(q) || q <= 0) continue
    const locale: MoneyLocale | undefined =
      tag === 'ko' || tag.startsWith('ko-')
        ? 'ko-KR'
        : tag === 'en' || tag.startsWith('en-')
          ? 'en'
          : undefined
    if (locale && (!best || q > best.q)) best = { locale, q }
  }
  return best?.locale ?? 'en'
}

const formatters = new Map<string, Intl.NumberFormat>()

/**
 * An amount in minor units written for people: formatAmount(60000, 'KRW', 'ko-KR') is "₩60,000",
 * formatAmount(1999, 'USD', 'en') is "$19.99". Never a hard-coded symbol or division by 100.
 */
export function formatAmount(minor: number, code: string, locale: string): string {
  const key = `${locale}\u0000${code}`
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: code })
    formatters.set(key, format)
  }
  // A decimal string is formatted exactly (Intl.NumberFormat v3), whatever its size.
  return format.format(toMajorUnits(minor, code) as unknown as number)
}
