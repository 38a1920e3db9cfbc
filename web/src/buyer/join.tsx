import { useEffect, useState } from 'preact/hooks'
import type { PublicSale, QueueJoinResponse } from '../../../src/http/api-types.ts'
import { ApiFailure, api, call, callWithRetry, describe } from '../api/client.ts'
import { num } from '../format.ts'
import { useIntent } from '../hooks.ts'
import { useT } from '../i18n/index.ts'
import { type SolveProgress, solveChallenge } from '../pow/solve.ts'
import type { Identity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'

interface Props {
  sale: PublicSale
  user: Identity
  onJoined(r: QueueJoinResponse): void
  /** The server has no waiting room (not deployed yet). */
  unavailable: boolean
  onUnavailable(): void
}

const finished = (err: unknown) => !(err instanceof ApiFailure && err.transient)

/**
 * Joins the waiting room. When the sale asks for proof-of-work, the challenge is solved in a Web
 * Worker first, with a progress bar; joining twice returns the same place, so retries are safe.
 */
export function JoinPanel(props: Props) {
  const { sale, user } = props
  const intent = useIntent()
  const [progress, setProgress] = useState<SolveProgress | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [full, setFull] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const [needsCode, setNeedsCode] = useState(false)
  const [code, setCode] = useState('')
  const difficulty = sale.challenge.difficulty
  const t = useT()

  // A presale (access by code) shows a code field; a server without access rules has none.
  useEffect(() => {
    call((init) => api.GET('/v1/events/{id}/access', { params: { path: { id: sale.id } }, ...init }))
      .then((a) => setNeedsCode(a.needsCode))
      .catch(() => setNeedsCode(false))
  }, [sale.id])

  const solve = async (): Promise<{ challengeId: string; nonce: string } | undefined> => {
    if (difficulty <= 0) return undefined
    setNote(t.join.gettingPuzzle)
    const ch = await callWithRetry(
      (init) => api.POST('/v1/events/{id}/challenge', { params: { path: { id: sale.id } }, ...init }),
      { token: user.token }
    )
    setNote(t.join.solving)
    setProgress({ tried: 0, expected: 2 ** ch.difficulty, hashesPerSec: 0 })
    const nonce = await solveChallenge({ salt: ch.salt, difficulty: ch.difficulty }, setProgress)
    return { challengeId: ch.challengeId, nonce }
  }

  const join = async () => {
    setError(null)
    setFull(false)
    try {
      const r = await intent.run(
        'join',
        async (key) => {
          const challenge = await solve()
          setNote(t.join.joining)
          return callWithRetry(
            (init) =>
              api.POST('/v1/events/{id}/queue', {
                params: { path: { id: sale.id } },
                ...(challenge || code.trim() !== ''
                  ? {
                      body: {
                        ...(challenge ? { challenge } : {}),
                        ...(code.trim() !== '' ? { code: code.trim() } : {})
                      }
                    }
                  : {}),
                ...init
              }),
            {
              token: user.token,
              idempotencyKey: key,
              onWait: (_, sec) => setNote(t.join.slowJoin(String(sec)))
            }
          )
        },
        finished
      )
      if (r) props.onJoined(r)
    } catch (err) {
      if (err instanceof ApiFailure && err.routeMissing) props.onUnavailable()
      else {
        setFull(err instanceof ApiFailure && err.code === 'FC_QUEUE_FULL')
        setError(describe(err))
      }
    } finally {
      setNote(null)
      setProgress(null)
    }
  }

  if (props.unavailable) {
    return (
      <Notice tone="warning" testId="queue-unavailable">
        {t.join.unavailable}
      </Notice>
    )
  }
  // Before the waiting room opens (the countdown above) and after the close, there is no line to join.
  if (sale.phase === 'closed') return null
  const notYet = sale.phase === 'scheduled'
  const pct = progress ? Math.min(99, Math.round((progress.tried / progress.expected) * 100)) : 0
  return (
    <section class="card join" aria-labelledby="join-title">
      <h2 id="join-title">{t.join.title}</h2>
      <p>{t.join.text}</p>
      {needsCode && (
        <div class="field">
          <p class="muted">{t.join.codeHint}</p>
          <label for="presale-code">{t.join.codeLabel}</label>
          <input
            id="presale-code"
            data-testid="presale-code"
            autocomplete="off"
            value={code}
            onInput={(e) => setCode((e.target as HTMLInputElement).value)}
          />
        </div>
      )}
      <button type="button" class="primary big" disabled={intent.busy || notYet} onClick={() => void join()}>
        {intent.busy ? t.join.busy : t.join.button}
      </button>
      {notYet && (
        <p class="muted" data-testid="join-not-yet">
          {t.sale.notYet}
        </p>
      )}
      {note && <p role="status">{note}</p>}
      {progress && (
        <div class="pow">
          <label for="pow-progress">{t.join.puzzleProgress}</label>
          <progress id="pow-progress" max={100} value={pct}>
            {pct}%
          </progress>
          <span class="muted">
            {t.join.tries(num(progress.tried))}
            {progress.hashesPerSec > 0 ? ` · ${t.join.perSec(num(progress.hashesPerSec))}` : ''}
          </span>
        </div>
      )}
      {error && (
        <Notice tone="error" {...(full ? { testId: 'queue-full' } : {})}>
          {error}
        </Notice>
      )}
    </section>
  )
}
