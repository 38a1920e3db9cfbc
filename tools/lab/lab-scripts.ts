import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { RedisClient } from '../../src/adapters/redis/redis-client.ts'

/**
 * The lab's own Lua scripts (`lua/<name>-<keys>.lua`), run the way the product's ScriptRunner
 * runs its scripts: EVALSHA, falling back to EVAL when the server does not know the script yet.
 * The product's runner only reads the product's directory, hence this small twin.
 */
export type LabScriptName = 'release-lock'

const files: Record<LabScriptName, { file: string; keys: number }> = {
  'release-lock': { file: 'release-lock-1.lua', keys: 1 }
}

interface LoadedScript {
  text: string
  sha: string
  keys: number
}

const loaded = new Map<LabScriptName, LoadedScript>()

function script(name: LabScriptName): LoadedScript {
  let s = loaded.get(name)
  if (!s) {
    const { file, keys } = files[name]
    const text = readFileSync(new URL(`./lua/${file}`, import.meta.url), 'utf8')
    s = { text, keys, sha: createHash('sha1').update(text).digest('hex') }
    loaded.set(name, s)
  }
  return s
}

/** Runs one lab script; the key count must match the file name. */
export async function runLabScript(
  client: RedisClient,
  name: LabScriptName,
  keys: readonly string[],
  args: ReadonlyArray<string | number>
): Promise<unknown> {
  const s = script(name)
  if (keys.length !== s.keys) throw new Error(`lab script ${name} takes ${s.keys} keys, got ${keys.length}`)
  const options = { keys: [...keys], arguments: args.map(String) }
  try {
    return await client.evalSha(s.sha, options)
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return client.eval(s.text, options)
    throw err
  }
}
