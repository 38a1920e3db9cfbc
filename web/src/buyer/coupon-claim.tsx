import { useState } from 'preact/hooks'
import type { PublicSale } from '../../../src/http/api-types.ts'
import { ApiFailure, api, callWithRetry, describe } from '../api/client.ts'
import { num } from '../format.ts'
import { useIntent } from '../hooks.ts'
import { useT } from '../i18n/index.ts'
import { type Identity, passes } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { history } from './history.ts'
import { useResult } from './results.ts'

interface Props {
  sale: PublicSale
  user: Identity
  accessToken: string
  onAccessLost(message: string): void
}

const finished = (err: unknown) => !(err instanceof ApiFailure && err.transient)

/**
 * The coupon button. One click is one intent with one Idempotency-Key; the button is disabled
 * while the claim is in flight and the guard is synchronous, so a double click sends one request,
 * and even a retried request is answered with the same claim.
 */
export function CouponClaim(props: Props) {
  const { sale, user } = props
  const [claimId, setClaimId] = useState<string | null>(
    () => passes.get(user.userId, sale.id).claimId ?? null
  )
  const [error, setError] = useState<string | null>(null)
  const [waitNote, setWaitNote] = useState<string | null>(null)
  const intent = useIntent()
  const t = useT()
  const result = useResult('claim', claimId, user.token)

  const claim = async () => {
    setError(null)
    try {
      const r = await intent.run(
        'claim',
        (key) =>
          callWithRetry(
            (init) => api.POST('/v1/events/{id}/claims', { params: { path: { id: sale.id } }, ...init }),
            {
              token: user.token,
              accessToken: props.accessToken,
              idempotencyKey: key,
              onWait: (_, sec) => setWaitNote(t.coupon.slowDown(String(sec)))
            }
          ),
        finished
      )
      if (!r) return
      setClaimId(r.claimId)
      passes.update(user.userId, sale.id, { claimId: r.claimId })
      history.put(user.userId, {
        kind: 'claim',
        id: r.claimId,
        saleId: sale.id,
        saleName: sale.name,
        at: Date.now(),
        status: 'pending'
      })
    } catch (err) {
      setError(describe(err))
      if (err instanceof ApiFailure && err.code === 'FC_NOT_ADMITTED') props.onAccessLost(describe(err))
    } finally {
      setWaitNote(null)
    }
  }

  if (claimId && result.status !== 'pending') history.setStatus(user.userId, claimId, result.status)

  return (
    <section class="card coupon" aria-labelledby="coupon-title">
      <h2 id="coupon-title">{t.coupon.title}</h2>
      {claimId === null ? (
        <>
          <p>{t.coupon.text(num(sale.perUserLimit))}</p>
          <button type="button" class="primary big" disabled={intent.busy} onClick={() => void claim()}>
            {intent.busy ? t.coupon.busy : t.coupon.button}
          </button>
        </>
      ) : (
        <div data-testid="claim-result" data-status={result.status} data-claim={claimId}>
          {result.status === 'pending' && (
            <Notice tone="info">
              <span class="spinner" aria-hidden="true" /> {t.coupon.pending}
            </Notice>
          )}
          {result.status === 'confirmed' && (
            <Notice tone="success">
              {t.coupon.issued}
              {result.couponCode ? (
                <>
                  : <strong>{result.couponCode}</strong>
                </>
              ) : (
                ''
              )}
              {t.coupon.enjoy}
            </Notice>
          )}
          {(result.status === 'failed' || result.status === 'expired') && (
            <Notice tone="error">{t.coupon.failed}</Notice>
          )}
          <p class="muted">
            {t.coupon.claim}
            <code>{claimId}</code>
          </p>
        </div>
      )}
      {waitNote && <Notice tone="warning">{waitNote}</Notice>}
      {error && (
        <Notice tone="error" testId="claim-error">
          {error}
        </Notice>
      )}
    </section>
  )
}
