/** The buyers of the chaos run: join, wait for admission, hold and confirm, until the deadline. */
import { setTimeout as delay } from 'node:timers/promises'
import type { Client } from './client.ts'
import { type Accepted, PER_USER } from './scenario.ts'

/** Every buyer: join, wait for admission, then hold and confirm seats until the limit or sold out. */
export async function runLoad(
  client: Client,
  saleId: string,
  users: number,
  capacity: number,
  deadline: number
) {
  const accepted = new Map<string, Accepted>()
  const tickets = new Map<string, number>()
  // When each buyer was admitted, as the scheduler recorded it: the access expiry it signed.
  const admissions = new Map<string, { ticket: number; until: number }>()
  const buyer = async (u: number) => {
    const userId = `buyer${u}`
    const token = await client.token(userId)
    const joined = await client.call('POST', `/v1/events/${saleId}/queue`, token, {})
    tickets.set(userId, Number((joined.body as { ticket?: number }).ticket ?? 0))
    let access: string | undefined
    while (!access && Date.now() < deadline) {
      const s = await client.call('GET', `/v1/events/${saleId}/queue`, token)
      const body = s.body as { state?: string; accessToken?: string; expiresAt?: string }
      if (body.accessToken) {
        access = body.accessToken
        admissions.set(userId, {
          ticket: tickets.get(userId) ?? 0,
          until: Date.parse(body.expiresAt ?? '') || Number.NaN
        })
      } else if (body.state === 'closed') return
      else await delay(300)
    }
    if (!access) return
    let mine = 0
    // Each buyer walks the seats from a different start; taken seats answer 409 and are skipped.
    for (let i = 0; i < capacity && mine < PER_USER && Date.now() < deadline; i++) {
      const n = (u * 7 + i) % capacity
      const seatId = `A-${Math.floor(n / 20) + 1}-${(n % 20) + 1}`
      const hold = await client.call(
        'POST',
        `/v1/events/${saleId}/holds`,
        token,
        { seatId },
        { 'x-access-token': access, 'idempotency-key': `h-${userId}-${seatId}` }
      )
      if (hold.status === 409 && (hold.body as { code?: string }).code === 'FC_SOLD_OUT') return
      if (hold.status === 409 && (hold.body as { code?: string }).code === 'FC_LIMIT_REACHED') return
      if (hold.status !== 201) continue
      const holdId = String((hold.body as { holdId: string }).holdId)
      const key = `c-${holdId}`
      const confirm = await client.call(
        'POST',
        `/v1/holds/${holdId}/confirm`,
        token,
        { payment: {} },
        { 'x-access-token': access, 'idempotency-key': key }
      )
      if (confirm.status === 202) {
        accepted.set(String((confirm.body as { reservationId: string }).reservationId), {
          userId,
          holdId,
          key,
          access,
          acceptedAt: Date.now()
        })
        mine++
      }
    }
  }
  const all: Array<Promise<void>> = []
  for (let u = 0; u < users; u++) {
    all.push(buyer(u).catch(() => undefined))
    // Arrivals spread over the first seconds, like a sale opening.
    if (u % 50 === 49) await delay(100)
  }
  await Promise.all(all)
  return { accepted, tickets, admissions }
}
