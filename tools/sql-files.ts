import { readFileSync } from 'node:fs'

/**
 * A loader for a closed list of statement files in one directory (`<dir>/<name>.sql`, `$1..$n`
 * parameters), read on first use and cached for the process, the way the product's adapters read
 * theirs (src/adapters/postgres/sql.ts). The tools' statements (lab, invariants) use it.
 */
export function sqlFiles<Name extends string>(dir: URL): (name: Name) => string {
  const cache = new Map<Name, string>()
  return (name) => {
    let text = cache.get(name)
    if (text === undefined) {
      text = readFileSync(new URL(`${name}.sql`, dir), 'utf8').trim()
      cache.set(name, text)
    }
    return text
  }
}
