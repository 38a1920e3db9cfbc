import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/index.ts'
import {
  currencyDigits,
  currencyProblem,
  formatAmount,
  isKnownCurrency,
  pickLocale,
  toMajorUnits
} from '../../src/domain/money.ts'
import { configProblems } from '../http/helpers.ts'

describe('currencies', () => {
  it('knows every ISO 4217 code Intl lists, upper case only', () => {
    for (const code of Intl.supportedValuesOf('currency')) expect(isKnownCurrency(code), code).toBe(true)
    for (const code of ['krw', 'Usd', 'XYZ', 'KR', 'KRWW', '', ' KRW', 'K1W']) {
      expect(isKnownCurrency(code), code).toBe(false)
      expect(currencyProblem(code), code).toBeDefined()
    }
  })

  it('refuses a lower-case code with the spelling to use, and an unknown one as not ISO 4217', () => {
    expect(currencyProblem('krw')).toMatch(/upper case: use "KRW"/)
    expect(currencyProblem('XYZ')).toMatch(/"XYZ" is not an ISO 4217 code/)
    expect(currencyProblem('KRW')).toBeUndefined()
  })

  it('gives the digits of the minor unit from Intl', () => {
    expect(currencyDigits('KRW')).toBe(0)
    expect(currencyDigits('JPY')).toBe(0)
    expect(currencyDigits('USD')).toBe(2)
    expect(currencyDigits('EUR')).toBe(2)
    expect(currencyDigits('BHD')).toBe(3)
  })
})

describe('amounts', () => {
  it('turns minor units into exact major units, whatever the digits', () => {
    expect(toMajorUnits(60000, 'KRW')).toBe('60000')
    expect(toMajorUnits(1999, 'USD')).toBe('19.99')
    expect(toMajorUnits(5, 'USD')).toBe('0.05')
    expect(toMajorUnits(-5, 'USD')).toBe('-0.05')
    expect(toMajorUnits(1234, 'BHD')).toBe('1.234')
    // Past 2^53 / 100 a float division would lose cents; the string does not.
    expect(toMajorUnits(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91')
    for (let minor = 0; minor < 2000; minor += 7) {
      expect(Number(toMajorUnits(minor, 'USD')) * 100).toBeCloseTo(minor, 6)
    }
    expect(() => toMajorUnits(1.5, 'KRW')).toThrow(RangeError)
  })

  it('formats for the buyer: won without decimals, dollars with cents, never a hard-coded symbol', () => {
    expect(formatAmount(60000, 'KRW', 'ko-KR')).toBe('₩60,000')
    expect(formatAmount(60000, 'KRW', 'en')).toBe('₩60,000')
    expect(formatAmount(60000, 'JPY', 'en')).toBe('¥60,000')
    expect(formatAmount(1999, 'USD', 'en')).toBe('$19.99')
    expect(formatAmount(60000, 'USD', 'en')).toBe('$600.00')
    expect(formatAmount(1999, 'USD', 'ko-KR')).toBe('US$19.99')
  })

  it('picks Korean or English from Accept-Language, English by default', () => {
    expect(pickLocale(undefined)).toBe('en')
    expect(pickLocale('')).toBe('en')
    expect(pickLocale('ko-KR,ko;q=0.9,en-US;q=0.8')).toBe('ko-KR')
    expect(pickLocale('en-US,en;q=0.9,ko;q=0.8')).toBe('en')
    expect(pickLocale('fr-FR, ko;q=0.5')).toBe('ko-KR')
    expect(pickLocale('ko;q=0, en;q=0.1')).toBe('en')
    expect(pickLocale('de, fr')).toBe('en')
  })
})

describe('FC_DEFAULT_CURRENCY', () => {
  it('defaults to KRW and takes any ISO 4217 code', () => {
    expect(loadConfig({}).defaultCurrency).toBe('KRW')
    expect(loadConfig({ FC_DEFAULT_CURRENCY: 'JPY' }).defaultCurrency).toBe('JPY')
  })

  it('refuses an unknown or lower-case code at start-up, naming the variable', () => {
    expect(configProblems({ FC_DEFAULT_CURRENCY: 'XYZ' }).FC_DEFAULT_CURRENCY).toMatch(/not a currency/)
    expect(configProblems({ FC_DEFAULT_CURRENCY: 'krw' }).FC_DEFAULT_CURRENCY).toMatch(/ISO 4217/)
    expect(configProblems({ FC_DEFAULT_CURRENCY: 'WON' }).FC_DEFAULT_CURRENCY).toMatch(/ISO 4217/)
  })
})
