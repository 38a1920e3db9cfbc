import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ClientBase, Pool } from 'pg'
import pg from 'pg'
import { OperationalError } from '../../errors.ts'
import { sql } from './sql.ts'

/**
 * The advisory lock every migrator takes (an arbitrary constant, reserved for this purpose). Kept as
 * text because it does not fit a double exactly.
 */
export const MIGRATION_LOCK_KEY = '7230516283926510001'

/** Where the numbered migration files live. */
export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url)

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/

/** A migration could not be applied, or the applied history disagrees with the files (`FC_MIGRATION_FAILED`). */
export class MigrationError extends OperationalError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('FC_MIGRATION_FAILED', message, options)
    this.name = 'MigrationError'
  }
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Receives one line per applied migration. */
  log?: (message: string) => void
  /** Directory of migration files (default: the shipped `migrations/`); tests point it elsewhere. */
  dir?: string | URL
}

interface MigrationFile {
  /** File name without `.sql`, e.g. `0001_init`; the key in schema_migrations. */
  name: string
  text: string
  checksum: string
}

/**
 * Brings the database schema up to date. Safe to run from any number of processes at once: all of
 * them queue on one advisory lock, held by one dedicated connection, and each re-reads the applied
 * list once it holds the lock, so every migration runs exactly once. Each migration runs in its
 * own transaction together with its schema_migrations row, so a failure leaves no half-applied file.
 *
 * Refuses (with {@link MigrationError}, before applying anything) when an applied file was changed
 * or when a new file sorts before one already applied: migrations are append-only.
 *
 * @param target a pool (one connection is borrowed) or a connection URL (one connection is opened).
 * @returns the names of the migrations this call applied, in order (empty when up to date).
 */
export async function migrate(
  target: Pool | string,
  options: MigrateOptions = {}
): Promise<{ applied: string[] }> {
  const files = await readMigrations(options.dir ?? MIGRATIONS_DIR)
  if (typeof target === 'string') {
    const client = new pg.Client({ connectionString: target, application_name: 'firstcome-migrate' })
    await client.connect()
    try {
      return await migrateLocked(client, files, options.log)
    } finally {
      await client.end()
    }
  }
  const client = await target.connect()
  let broken: Error | undefined
  try {
    return await migrateLocked(client, files, options.log)
  } catch (err) {
    // The session may still hold the lock or an aborted transaction: don't hand it back to the pool.
    broken = err instanceof Error ? err : new Error(String(err))
    throw err
  } finally {
    client.release(broken)
  }
}

async function migrateLocked(
  client: ClientBase,
  files: readonly MigrationFile[],
  log: ((message: string) => void) | undefined
): Promise<{ applied: string[] }> {
  // DDL on a big table may take longer than the pool's statement_timeout, and waiting for the lock
  // while another process migrates must not time out either.
  await client.query('SET statement_timeout = 0')
  await client.query(sql('advisory-lock'), [MIGRATION_LOCK_KEY])
  let applied: string[]
  try {
    applied = await applyPending(client, files, log)
  } catch (err) {
    // Keep the original error; the caller drops this connection, which releases the lock anyway.
    await client.query(sql('advisory-unlock'), [MIGRATION_LOCK_KEY]).catch(() => undefined)
    throw err
  }
  await client.query(sql('advisory-unlock'), [MIGRATION_LOCK_KEY])
  await client.query('RESET statement_timeout')
  return { applied }
}

async function applyPending(
  client: ClientBase,
  files: readonly MigrationFile[],
  log: ((message: string) => void) | undefined
): Promise<string[]> {
  await client.query(sql('create-schema-migrations'))
  const { rows } = await client.query<{ name: string; checksum: string }>(sql('select-schema-migrations'))
  const applied: string[] = []
  for (const file of plan(files, rows)) {
    try {
      await client.query('BEGIN')
      // No parameters: the simple query protocol runs every statement of the file.
      await client.query(file.text)
      await client.query(sql('insert-schema-migration'), [file.name, file.checksum])
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      const reason = err instanceof Error ? err.message : String(err)
      throw new MigrationError(`migration ${file.name} failed and was rolled back: ${reason}`, { cause: err })
    }
    applied.push(file.name)
    log?.(`applied migration ${file.name}`)
  }
  return applied
}

/** The files still to apply, after checking the applied history against the files. */
function plan(
  files: readonly MigrationFile[],
  applied: ReadonlyArray<{ name: string; checksum: string }>
): MigrationFile[] {
  const byName = new Map(files.map((f) => [f.name, f]))
  for (const row of applied) {
    const file = byName.get(row.name)
    // A migration applied by a newer release is not an error: during a rolling deploy the older
    // processes still start against the newer schema.
    if (file && file.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${row.name} was changed after it was applied (checksum ${row.checksum} in the ` +
          `database, ${file.checksum} on disk): migrations are append-only; restore the file and ` +
          'put the change in a new numbered migration'
      )
    }
  }
  const done = new Set(applied.map((r) => r.name))
  const latest = applied.reduce<string | undefined>(
    (max, r) => (max === undefined || r.name > max ? r.name : max),
    undefined
  )
  const pending = files.filter((f) => !done.has(f.name))
  const early = pending.find((f) => latest !== undefined && f.name < latest)
  if (early) {
    throw new MigrationError(
      `migration ${early.name} is new but sorts before ${latest}, which is already applied: ` +
        'renumber it after the latest applied migration'
    )
  }
  return pending
}

async function readMigrations(dir: string | URL): Promise<MigrationFile[]> {
  const path = dir instanceof URL ? fileURLToPath(dir) : dir
  const names = (await readdir(path)).filter((n) => n.endsWith('.sql')).sort()
  const files: MigrationFile[] = []
  const numbers = new Set<string>()
  for (const fileName of names) {
    const m = FILE_NAME.exec(fileName)
    if (!m?.[1]) {
      throw new MigrationError(`migration file ${fileName} is misnamed: use NNNN_lower_snake_case.sql`)
    }
    if (numbers.has(m[1])) throw new MigrationError(`two migration files are numbered ${m[1]}`)
    numbers.add(m[1])
    // Line endings are normalised so a checkout with CRLF does not look like an edit.
    const text = (await readFile(join(path, fileName), 'utf8')).replace(/\r\n/g, '\n')
    files.push({ name: fileName.slice(0, -'.sql'.length), text, checksum: sha256(text) })
  }
  return files
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
