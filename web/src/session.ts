import { useEffect, useState } from 'preact/hooks'

/**
 * What the browser keeps between page loads: the demo sign-in (localStorage: it outlives the tab)
 * and, per user and sale, the waiting-room ticket and the access token, so a refresh keeps the
 * buyer's place in line and in the shop.
 */

export interface Identity {
  userId: string
  token: string
}

const USER_KEY = 'fc.user'
const ADMIN_KEY = 'fc.admin'
const listeners = new Set<() => void>()

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key)
    return raw === null ? null : (JSON.parse(raw) as T)
  } catch {
    return null
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Private mode or a full quota: the page still works, it just forgets on refresh.
  }
  for (const l of listeners) l()
}

export const session = {
  user: () => read<Identity>(USER_KEY),
  setUser: (id: Identity | null) => write(USER_KEY, id),
  admin: () => read<Identity>(ADMIN_KEY),
  setAdmin: (id: Identity | null) => write(ADMIN_KEY, id)
}

/** Re-renders when the sign-in changes (here or in another tab). */
export function useIdentity(kind: 'user' | 'admin'): Identity | null {
  const get = kind === 'user' ? session.user : session.admin
  const [value, setValue] = useState(get)
  useEffect(() => {
    const update = () => setValue(get())
    update()
    listeners.add(update)
    window.addEventListener('storage', update)
    return () => {
      listeners.delete(update)
      window.removeEventListener('storage', update)
    }
  }, [get])
  return value
}

/** A buyer's standing in one sale: the queue ticket and, once admitted, the access token. */
export interface SalePass {
  queueToken?: string
  ticket?: number
  accessToken?: string
  /** ms since epoch; the access token is not used after it. */
  accessExpiresAt?: number
  /** The first position seen, for the waiting room's progress bar. */
  firstPosition?: number
  /** Seats held and not yet settled, so a refresh shows them with their countdown. */
  holds?: HeldSeat[]
  /** The coupon claim accepted for this buyer, if any. */
  claimId?: string
}

/** The seats of one hold of this buyer (one or several, paid together), as the page remembers it. */
export interface HeldSeat {
  holdId: string
  /** The first seat (old single-seat holds have only this). */
  seatId: string
  /** Every seat of the hold, in layout order. */
  seatIds?: string[]
  /** ms since epoch */
  expiresAt: number
  /** The whole hold's amount, minor units of `currency`. */
  price: number
  currency?: string
  /** Set once the payment was accepted (202). */
  reservationId?: string
}

const passKey = (userId: string, saleId: string) => `fc.pass.${userId}.${saleId}`

export const passes = {
  get(userId: string, saleId: string): SalePass {
    return read<SalePass>(passKey(userId, saleId)) ?? {}
  },
  update(userId: string, saleId: string, patch: Partial<SalePass>): SalePass {
    const next = { ...passes.get(userId, saleId), ...patch }
    write(passKey(userId, saleId), next)
    return next
  },
  clear(userId: string, saleId: string): void {
    write(passKey(userId, saleId), null)
  }
}

/** The expiry an access token states about itself (`<base64url JSON {e}>.<mac>`), when readable. */
export function accessTokenExpiry(token: string): number | undefined {
  try {
    const payload = token.split('.')[0] ?? ''
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
    const e = (JSON.parse(json) as { e?: unknown; exp?: unknown }).e
    return typeof e === 'number' ? e : undefined
  } catch {
    return undefined
  }
}

/** Sales this browser's operator created or opened, newest first (there is no list endpoint). */
export interface KnownSale {
  id: string
  name: string
  kind: string
}
const SALES_KEY = 'fc.sales'
export const knownSales = {
  list: () => read<KnownSale[]>(SALES_KEY) ?? [],
  add(s: KnownSale) {
    write(SALES_KEY, [s, ...knownSales.list().filter((k) => k.id !== s.id)].slice(0, 20))
  }
}
