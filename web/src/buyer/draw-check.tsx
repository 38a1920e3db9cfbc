import { useEffect, useState } from 'preact/hooks'
import {
  type PublishedCommitment,
  type PublishedEntrant,
  type PublishedProof,
  type Verdict,
  verifyDraw,
  verifyProof
} from '../../../src/domain/draw-verification.ts'
import { ApiFailure, api, call, describe } from '../api/client.ts'
import { useT } from '../i18n/index.ts'
import { Link } from '../router.tsx'
import { useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'

const PAGE = 5000

/** The published commitment and the whole entrant list, page by page. */
async function loadPublished(saleId: string) {
  const params = { path: { id: saleId } }
  const commitment: PublishedCommitment = await call((init) =>
    api.GET('/v1/events/{id}/queue/fairness/commitment', { params, ...init })
  )
  const entrants: PublishedEntrant[] = []
  if (commitment.entrants) {
    for (;;) {
      const page = await call((init) =>
        api.GET('/v1/events/{id}/queue/fairness/entrants', {
          params: { ...params, query: { offset: entrants.length, limit: PAGE } },
          ...init
        })
      )
      entrants.push(...page.entrants)
      if (page.entrants.length < PAGE) break
    }
  }
  return { commitment, entrants }
}

interface Outcome {
  commitment: PublishedCommitment
  count: number
  draw: Verdict
  mine: { proof: PublishedProof; verdict: Verdict } | 'not-entered' | null
}

function Checks(props: { verdict: Verdict }) {
  return (
    <ul class="checks">
      {props.verdict.checks.map((c) => (
        <li key={c.name} data-ok={c.ok ? '1' : '0'}>
          <strong>{c.ok ? '✓' : '✗'}</strong> {c.name}: <code>{c.detail}</code>
        </li>
      ))}
    </ul>
  )
}

/**
 * `/events/:id/draw`: checks the sale's pre-queue draw in this browser, from the published data
 * only (the same module as `firstcome verify`): the seed against its hash, the entrant list against
 * the committed root, every rank. A signed-in buyer also gets their own inclusion proof checked and
 * their rank shown as verified, or a mismatch.
 */
export function DrawCheck(props: { saleId: string }) {
  const { saleId } = props
  const user = useIdentity('user')
  const t = useT()
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    setOutcome(null)
    setError(null)
    void (async () => {
      try {
        const { commitment, entrants } = await loadPublished(saleId)
        const draw = await verifyDraw(commitment, entrants)
        let mine: Outcome['mine'] = null
        if (user && commitment.entrants) {
          try {
            const proof = await call(
              (init) =>
                api.GET('/v1/events/{id}/queue/fairness/proof', {
                  params: { path: { id: saleId } },
                  ...init
                }),
              { token: user.token }
            )
            mine = { proof, verdict: await verifyProof(commitment, proof, { entrants }) }
          } catch (err) {
            if (!(err instanceof ApiFailure && err.status === 404)) throw err
            mine = 'not-entered'
          }
        }
        if (live) setOutcome({ commitment, count: entrants.length, draw, mine })
      } catch (err) {
        if (live) setError(describe(err))
      }
    })()
    return () => {
      live = false
    }
  }, [saleId, user?.userId])

  const d = t.draw
  return (
    <section class="card draw-check">
      <h1>{d.title}</h1>
      <p>{d.intro}</p>
      {error && <Notice tone="error">{error}</Notice>}
      {!error && !outcome && <p aria-busy="true">{d.checking}</p>}
      {outcome && !outcome.commitment.entrants && <Notice tone="info">{d.notYet}</Notice>}
      {outcome?.mine && outcome.mine !== 'not-entered' && (
        <div data-testid="my-rank" data-verified={outcome.mine.verdict.ok ? 'yes' : 'no'}>
          <Notice tone={outcome.mine.verdict.ok ? 'success' : 'error'}>
            {outcome.mine.verdict.ok
              ? d.myRankVerified(String(outcome.mine.proof.rank))
              : d.myRankMismatch(String(outcome.mine.proof.rank))}
          </Notice>
          <details>
            <summary>{d.myDetails}</summary>
            <p>
              {d.entrant} <code>{outcome.mine.proof.entrantId}</code>
            </p>
            <Checks verdict={outcome.mine.verdict} />
          </details>
        </div>
      )}
      {outcome?.mine === 'not-entered' && <Notice tone="info">{d.notEntered}</Notice>}
      {outcome?.commitment.entrants && (
        <div data-testid="draw-verdict" data-verified={outcome.draw.ok ? 'yes' : 'no'}>
          <Notice tone={outcome.draw.ok ? 'success' : 'error'}>
            {outcome.draw.ok ? d.drawVerified(String(outcome.count)) : d.drawMismatch}
          </Notice>
          <Checks verdict={outcome.draw} />
        </div>
      )}
      <p>
        <Link href={`/events/${saleId}`}>{d.back}</Link>
      </p>
    </section>
  )
}
