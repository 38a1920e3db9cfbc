/**
 * A fresh idempotency key. `crypto.randomUUID` exists only in secure contexts (https, localhost);
 * a phone on the LAN over plain http still has `getRandomValues`.
 */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}
