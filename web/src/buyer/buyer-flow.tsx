import { useState } from 'preact/hooks'
import type { PublicSale, QueueJoinResponse } from '../../../src/http/api-types.ts'
import { clock } from '../format.ts'
import { useNow } from '../hooks.ts'
import { useT } from '../i18n/index.ts'
import { accessTokenExpiry, type Identity, passes, type SalePass } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { CouponClaim } from './coupon-claim.tsx'
import { JoinPanel } from './join.tsx'
import { SeatShop } from './seat-shop.tsx'
import { WaitingRoom } from './waiting-room.tsx'

type Stage =
  | { name: 'start' }
  | { name: 'waiting'; queueToken: string }
  | { name: 'shop'; accessToken: string }

function stageOf(pass: SalePass): Stage {
  const exp = pass.accessExpiresAt ?? 0
  if (pass.accessToken && (exp === 0 || exp > Date.now()))
    return { name: 'shop', accessToken: pass.accessToken }
  if (pass.queueToken) return { name: 'waiting', queueToken: pass.queueToken }
  return { name: 'start' }
}

/**
 * One buyer's way through a sale: join, wait, shop. Where they are is kept per user and sale in
 * localStorage, so a refresh resumes the same stage with the same tokens.
 */
export function BuyerFlow(props: { sale: PublicSale; user: Identity }) {
  const { sale, user } = props
  const [stage, setStage] = useState<Stage>(() => stageOf(passes.get(user.userId, sale.id)))
  const [ended, setEnded] = useState<string | null>(null)
  const [queueMissing, setQueueMissing] = useState(false)
  const now = useNow(1000)
  const t = useT()

  const admitted = (accessToken: string, expiresAt?: string) => {
    const exp = (expiresAt ? Date.parse(expiresAt) : undefined) ?? accessTokenExpiry(accessToken)
    passes.update(user.userId, sale.id, { accessToken, ...(exp ? { accessExpiresAt: exp } : {}) })
    setStage({ name: 'shop', accessToken })
  }
  const joined = (r: QueueJoinResponse) => {
    passes.update(user.userId, sale.id, {
      queueToken: r.queueToken,
      ...(r.ticket ? { ticket: r.ticket } : {})
    })
    setEnded(null)
    if (r.state === 'admitted' && r.accessToken) admitted(r.accessToken, r.expiresAt)
    else setStage({ name: 'waiting', queueToken: r.queueToken })
  }
  const lost = (message: string) => {
    passes.update(user.userId, sale.id, {
      accessToken: undefined,
      queueToken: undefined,
      firstPosition: undefined
    })
    setEnded(message)
    setStage({ name: 'start' })
  }

  const exp = passes.get(user.userId, sale.id).accessExpiresAt
  return (
    <div class="flow">
      {ended && (
        <Notice tone="error" testId="flow-ended">
          {ended}
        </Notice>
      )}
      {stage.name === 'start' && (
        <JoinPanel
          sale={sale}
          user={user}
          onJoined={joined}
          unavailable={queueMissing}
          onUnavailable={() => setQueueMissing(true)}
        />
      )}
      {stage.name === 'waiting' && (
        <WaitingRoom
          sale={sale}
          user={user}
          queueToken={stage.queueToken}
          onAdmitted={admitted}
          onEnded={(message) => {
            passes.update(user.userId, sale.id, { queueToken: undefined, firstPosition: undefined })
            setEnded(message)
            setStage({ name: 'start' })
          }}
        />
      )}
      {stage.name === 'shop' && (
        <>
          <Notice tone="success" testId="admitted">
            {t.sale.yourTurn} {exp ? t.sale.shopFor(clock(exp - now)) : ''}
          </Notice>
          {sale.kind === 'seated' ? (
            <SeatShop sale={sale} user={user} accessToken={stage.accessToken} onAccessLost={lost} />
          ) : (
            <CouponClaim sale={sale} user={user} accessToken={stage.accessToken} onAccessLost={lost} />
          )}
        </>
      )}
    </div>
  )
}
