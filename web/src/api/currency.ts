/** The currency a sale without one is in (the server's default, FC_DEFAULT_CURRENCY). */
export const DEFAULT_CURRENCY = 'KRW'

/** The currency of a sale, an amount or a booking; the default when it names none. */
export const currencyOf = (x: { currency?: unknown }): string =>
  typeof x.currency === 'string' && x.currency !== '' ? x.currency : DEFAULT_CURRENCY
