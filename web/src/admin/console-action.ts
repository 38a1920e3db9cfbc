import { useState } from 'preact/hooks'
import { describe } from '../api/client.ts'
import type { Tone } from '../ui/notice.tsx'

/** What a console page says after an action: the outcome, or the failure in the page's language. */
export interface ActionMessage {
  tone: Tone
  text: string
}

/**
 * The console pages' actions: one at a time (`busy` disables the buttons), each ending with a
 * message (what it did, or why it failed) and a reload of what the page shows.
 */
export function useConsoleAction(reload: () => void) {
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<ActionMessage | null>(null)
  const act = async (run: () => Promise<string>) => {
    setBusy(true)
    try {
      setMessage({ tone: 'success', text: await run() })
    } catch (err) {
      setMessage({ tone: 'error', text: describe(err) })
    } finally {
      setBusy(false)
      reload()
    }
  }
  return { busy, setBusy, message, setMessage, act }
}
