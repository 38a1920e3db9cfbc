import { useState } from 'preact/hooks'
import type { ChallengeResponse, PublicSale, QueueJoinResponse } from '../../../src/http/api-types.ts'
import { ApiFailure, callWithRetry, describe } from '../api/client.ts'
import { useIntent } from '../hooks.ts'
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
  const [note, setNote] = useState<string | null>(null)
  const difficulty = sale.challenge.difficulty

  const solve = async (): Promise<{ challengeId: string; nonce: string } | undefined> => {
    if (difficulty <= 0) return undefined
    setNote('Getting a puzzle from the server…')
    const ch = await callWithRetry<ChallengeResponse>('POST', `/v1/events/${sale.id}/challenge`, {
      token: user.token
    })
    setNote('Solving a small puzzle that keeps bots out…')
    setProgress({ tried: 0, expected: 2 ** ch.difficulty, hashesPerSec: 0 })
    const nonce = await solveChallenge({ salt: ch.salt, difficulty: ch.difficulty }, setProgress)
    return { challengeId: ch.challengeId, nonce }
  }

  const join = async () => {
    setError(null)
    try {
      const r = await intent.run(
        'join',
        async (key) => {
          const challenge = await solve()
          setNote('Joining the line…')
          return callWithRetry<QueueJoinResponse>('POST', `/v1/events/${sale.id}/queue`, {
            token: user.token,
            idempotencyKey: key,
            ...(challenge ? { body: { challenge } } : {}),
            onWait: (_, sec) => setNote(`Slow down: joining again in ${sec} s…`)
          })
        },
        finished
      )
      if (r) props.onJoined(r)
    } catch (err) {
      if (err instanceof ApiFailure && err.routeMissing) props.onUnavailable()
      else setError(describe(err))
    } finally {
      setNote(null)
      setProgress(null)
    }
  }

  if (props.unavailable) {
    return (
      <Notice tone="warning" testId="queue-unavailable">
        The waiting room is not available on this server yet, so buyers cannot be admitted from here. An
        operator can admit you directly; this page picks that up when you reload.
      </Notice>
    )
  }
  const pct = progress ? Math.min(99, Math.round((progress.tried / progress.expected) * 100)) : 0
  return (
    <section class="card join" aria-labelledby="join-title">
      <h2 id="join-title">Get in line</h2>
      <p>
        Everyone who joins gets a place in line, first come first served. Keep this page open: you will be let
        in automatically when it is your turn.
      </p>
      <button type="button" class="primary big" disabled={intent.busy} onClick={() => void join()}>
        {intent.busy ? 'Joining…' : 'Join the waiting room'}
      </button>
      {note && <p role="status">{note}</p>}
      {progress && (
        <div class="pow">
          <label for="pow-progress">Puzzle progress</label>
          <progress id="pow-progress" max={100} value={pct}>
            {pct}%
          </progress>
          <span class="muted">
            {progress.tried.toLocaleString()} tries
            {progress.hashesPerSec > 0 ? ` · ${progress.hashesPerSec.toLocaleString()}/s` : ''}
          </span>
        </div>
      )}
      {error && <Notice tone="error">{error}</Notice>}
    </section>
  )
}
