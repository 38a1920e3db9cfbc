import pg from 'pg'
import { type SqlName, sql } from './sql.ts'

/**
 * Calls `onNotify` for every notification a `LISTEN` statement subscribes to, on a dedicated
 * connection (a pooled one could be handed to someone else), and once when listening starts (what
 * was written before is not missed). Resolves once listening, to a function that stops. A broken
 * connection is reported through `onError` and reopened after a second; the caller's poll covers
 * what is missed meanwhile.
 */
export async function listenFor(
  url: string,
  statement: SqlName,
  applicationName: string,
  onNotify: () => void,
  onError: (err: unknown) => void
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined
  let stopped = false
  let retry: NodeJS.Timeout | undefined
  const open = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: applicationName })
    c.on('notification', () => onNotify())
    c.on('error', (err) => {
      onError(err)
      c.end().catch(() => undefined)
      if (client === c) client = undefined
      if (!stopped) retry = setTimeout(() => void open().catch(onError), 1000)
    })
    await c.connect()
    await c.query(sql(statement))
    if (stopped) await c.end()
    else {
      client = c
      onNotify()
    }
  }
  await open()
  return async () => {
    stopped = true
    clearTimeout(retry)
    await client?.end().catch(() => undefined)
    client = undefined
  }
}
