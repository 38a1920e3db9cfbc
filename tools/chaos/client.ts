import { setTimeout as delay } from 'node:timers/promises'

/** A small HTTP client that retries what a fault may interrupt (5xx, resets) with the same body and key. */
export class Client {
  ok = 0
  retried = 0
  constructor(readonly base: string) {}

  async token(userId: string, role?: string): Promise<string> {
    const res = await this.call('POST', '/v1/dev/token', undefined, role ? { userId, role } : { userId })
    return String((res.body as { token: string }).token)
  }

  async call(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
    deadline = Date.now() + 60_000
  ): Promise<{ status: number; body: unknown }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${this.base}${path}`, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...headers
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(10_000)
        })
        const parsed = (await res.json().catch(() => ({}))) as unknown
        if (res.status === 429) {
          await delay(Number(res.headers.get('retry-after') ?? '1') * 1000)
          continue
        }
        if (res.status < 500 || Date.now() > deadline) {
          this.ok++
          return { status: res.status, body: parsed }
        }
      } catch (error) {
        if (Date.now() > deadline) throw error
      }
      this.retried++
      await delay(Math.min(100 * 2 ** attempt, 1000))
    }
  }
}
