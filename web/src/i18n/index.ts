import { useEffect, useState } from 'preact/hooks'
import type { ErrorCode } from '../../../src/errors.ts'
import { en, type Messages } from './en.ts'
import { ko } from './ko.ts'

/**
 * The page's language: Korean or English, from the browser's first preferred language (ko* is
 * Korean, anything else English) until the buyer picks one with the switch, which is remembered
 * in localStorage. `<html lang>` follows, and so do the `Intl` formats (format.ts).
 */
export type Lang = 'en' | 'ko'
export const LANGS: readonly Lang[] = ['ko', 'en']
export const CATALOGUES: Record<Lang, Messages> = { en, ko }

// Every refusal code of src/errors.ts has a message: a new code fails the web build until it does.
const _everyCode: Record<ErrorCode, string> = en.errors
void _everyCode

const KEY = 'fc.lang'
const listeners = new Set<() => void>()

/** The language a browser asks for: its first preferred language decides. */
export function detectLang(languages: readonly string[]): Lang {
  return languages[0]?.toLowerCase().startsWith('ko') ? 'ko' : 'en'
}

function initial(): Lang {
  try {
    const saved = localStorage.getItem(KEY)
    if (saved === 'en' || saved === 'ko') return saved
  } catch {
    // Storage off: the browser's preference decides every time.
  }
  const prefs =
    typeof navigator === 'undefined'
      ? []
      : navigator.languages?.length
        ? navigator.languages
        : [navigator.language]
  return detectLang(prefs)
}

let current: Lang = initial()
if (typeof document !== 'undefined') document.documentElement.lang = current

export function lang(): Lang {
  return current
}

/** The current catalogue, for code outside components (error descriptions, formats). */
export function msg(): Messages {
  return CATALOGUES[current]
}

/** The BCP 47 locale for `Intl`: the browser's own variant when it speaks the chosen language. */
export function locale(): string {
  const nav = typeof navigator === 'undefined' ? undefined : navigator.language
  if (nav?.toLowerCase().startsWith(current)) return nav
  return current === 'ko' ? 'ko-KR' : 'en-US'
}

export function setLang(next: Lang): void {
  if (next === current) return
  current = next
  try {
    localStorage.setItem(KEY, next)
  } catch {
    // Remembered for this page only.
  }
  document.documentElement.lang = next
  for (const l of listeners) l()
}

/** The catalogue, re-rendering the component when the language changes. */
export function useT(): Messages {
  const [, setL] = useState(current)
  useEffect(() => {
    const update = () => setL(current)
    listeners.add(update)
    return () => {
      listeners.delete(update)
    }
  }, [])
  return CATALOGUES[current]
}
