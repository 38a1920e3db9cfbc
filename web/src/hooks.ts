import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { newKey } from './ids.ts'

/** The current time, refreshed every `ms` (for countdowns). */
export function useNow(ms = 250): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(t)
  }, [ms])
  return now
}

/** Runs `fn` every `ms` while mounted and `enabled`; the latest `fn` is used each time. */
export function useInterval(fn: () => void, ms: number, enabled = true): void {
  const saved = useRef(fn)
  saved.current = fn
  useEffect(() => {
    if (!enabled) return
    const t = setInterval(() => saved.current(), ms)
    return () => clearInterval(t)
  }, [ms, enabled])
}

/**
 * One user intent (hold this seat, claim, pay): a guard against double clicks and one
 * Idempotency-Key for the intent, reused by every retry until the intent finishes. The guard is a
 * ref, not state: two clicks in the same frame both see it set, where a state update would not
 * have rendered yet.
 */
export function useIntent() {
  const busyRef = useRef(false)
  const keys = useRef(new Map<string, string>())
  const [busy, setBusy] = useState(false)

  const run = useCallback(
    async <T>(
      intent: string,
      work: (idempotencyKey: string) => Promise<T>,
      finished: (err: unknown) => boolean = () => true
    ): Promise<T | undefined> => {
      if (busyRef.current) return undefined
      busyRef.current = true
      setBusy(true)
      let key = keys.current.get(intent)
      if (!key) {
        key = newKey()
        keys.current.set(intent, key)
      }
      try {
        const out = await work(key)
        keys.current.delete(intent)
        return out
      } catch (err) {
        // A definitive answer ends the intent; a transient one keeps the key for the retry.
        if (finished(err)) keys.current.delete(intent)
        throw err
      } finally {
        busyRef.current = false
        setBusy(false)
      }
    },
    []
  )
  return { busy, run }
}
