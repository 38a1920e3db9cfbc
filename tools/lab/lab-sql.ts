import { sqlFiles } from '../../src/adapters/postgres/sql.ts'

/**
 * Every statement the strategy lab runs, one per file in `sql/` (`$1..$n` parameters). The list is
 * closed so a misspelt name fails at compile time; a test checks it against the directory.
 */
export const labSqlNames = [
  'create-database',
  'create-schema',
  'decrement-remaining',
  'drop-database',
  'insert-purchase',
  'insert-purchases',
  'insert-sale',
  'select-db-stats',
  'select-outcome',
  'select-remaining',
  'select-remaining-for-update',
  'set-remaining',
  'set-remaining-fenced',
  'set-remaining-versioned'
] as const

/** The name of one statement file in `tools/lab/sql/`, without `.sql`. */
export type LabSqlName = (typeof labSqlNames)[number]

/** Where the lab's statement files live. */
export const LAB_SQL_DIR = new URL('./sql/', import.meta.url)

/** The text of `sql/<name>.sql`, comments included (PostgreSQL ignores them), cached per process. */
export const labSql = sqlFiles<LabSqlName>(LAB_SQL_DIR)

const LAB_DATABASE = /^fc_lab_[0-9a-f]+$/

/**
 * `create-database` / `drop-database` for one lab database. A database name is an identifier and
 * cannot be a bind parameter, so it is substituted here, and only a name of the lab's own form.
 */
export function labDatabaseSql(name: 'create-database' | 'drop-database', database: string): string {
  if (!LAB_DATABASE.test(database)) throw new Error(`not a lab database name: ${database}`)
  return labSql(name).replaceAll('{{database}}', database)
}
