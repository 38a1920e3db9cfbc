import type { RequestStatus } from '../../../src/http/api-types.ts'

/** This browser's own bookings and claims, so "My bookings" works even before the server lists them. */
export interface LocalBooking {
  kind: 'reservation' | 'claim'
  id: string
  saleId: string
  saleName?: string
  seatId?: string
  seatIds?: string[]
  amount?: number
  currency?: string
  at: number
  status: RequestStatus
}

const key = (userId: string) => `fc.history.${userId}`

export const history = {
  list(userId: string): LocalBooking[] {
    try {
      return JSON.parse(localStorage.getItem(key(userId)) ?? '[]') as LocalBooking[]
    } catch {
      return []
    }
  },
  put(userId: string, b: LocalBooking): void {
    const rest = history.list(userId).filter((x) => x.id !== b.id)
    try {
      localStorage.setItem(key(userId), JSON.stringify([b, ...rest].slice(0, 50)))
    } catch {
      // Storage full or off: the server's list is the record anyway.
    }
  },
  setStatus(userId: string, id: string, status: RequestStatus): void {
    const b = history.list(userId).find((x) => x.id === id)
    if (b && b.status !== status) history.put(userId, { ...b, status })
  }
}
