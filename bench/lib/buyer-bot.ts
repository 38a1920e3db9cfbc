/** The bots among the bench's virtual buyers: what the API's defences must refuse. */
import { randomBytes } from 'node:crypto'
import type { Answer, BuyerClient } from './buyer-client.ts'
import type { WorkerStart } from './types.ts'

/** What the bots of one worker met. */
export interface BotCounts {
  count: number
  refused: number
  refusedBy: Record<string, number>
  admittedThrough: number
}

/** A bot: joins far faster than a person, then tries to buy without admission; true if it was refused. */
export async function runBot(
  http: BuyerClient,
  s: Pick<WorkerStart, 'saleId' | 'kind' | 'seatOrder'>,
  bots: BotCounts,
  token: string
): Promise<boolean> {
  bots.count++
  const refused = (a: Answer) => {
    if (a.status === 429 || a.status === 403 || a.status === 401) {
      bots.refused++
      bots.refusedBy[a.code] = (bots.refusedBy[a.code] ?? 0) + 1
      return true
    }
    return false
  }
  let blocked = false
  // 30 joins at once: past the per-user burst of the queue-join policy.
  const joins = await Promise.all(
    Array.from({ length: 30 }, () =>
      http.call('POST', '/v1/events/{id}/queue', { id: s.saleId }, token, { body: {} })
    )
  )
  for (const a of joins) blocked = refused(a) || blocked
  // Straight to the purchase with a forged access token: the script refuses it.
  const forged = randomBytes(24).toString('base64url')
  const headers = { 'x-access-token': forged, 'idempotency-key': `bot-${randomBytes(6).toString('hex')}` }
  const grab =
    s.kind === 'coupon'
      ? await http.call('POST', '/v1/events/{id}/claims', { id: s.saleId }, token, { headers })
      : await http.call('POST', '/v1/events/{id}/holds', { id: s.saleId }, token, {
          headers,
          body: { seatId: s.seatOrder[0] ?? 'A-1-1' }
        })
  if (grab.status >= 200 && grab.status < 300) bots.admittedThrough++
  blocked = refused(grab) || blocked
  return blocked
}
