import { fileURLToPath } from 'node:url'
import type { RedisClient } from '../../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../../src/adapters/redis/scripts.ts'

/** The lab's own Lua scripts (`lua/<name>-<keys>.lua`). */
export type LabScriptName = 'release-lock'

const LAB_LUA_DIR = fileURLToPath(new URL('./lua/', import.meta.url))

/** The product's script runner over the lab's directory: EVALSHA, EVAL when the server lacks it. */
export function labScripts(client: RedisClient): ScriptRunner<LabScriptName> {
  return new ScriptRunner<LabScriptName>(client, { dir: LAB_LUA_DIR })
}
