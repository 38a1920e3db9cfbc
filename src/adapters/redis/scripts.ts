import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isClusterClient, type RedisClient } from './redis-client.ts'

/**
 * The atomic operations, one Lua file each under `lua/`, named `<operation>-<number of keys>.lua`
 * (`-n` when the number varies from call to call).
 * Files are read once; each script runs by SHA (EVALSHA) and falls back to EVAL when the server does
 * not know it yet (first use, or after a restart), which also caches it there. A script's identity
 * is the hash of its text, so two releases sharing one Redis never run each other's scripts.
 */
export type ScriptName =
  | 'access-lookup'
  | 'adopt-pending'
  | 'admission-tick'
  | 'block-add'
  | 'block-remove'
  | 'cancel-unit'
  | 'claim-unit'
  | 'edit-sale'
  | 'expire-holds'
  | 'extend-hold'
  | 'hold-seat'
  | 'hold-seats'
  | 'hold-to-pending'
  | 'idempotency-begin'
  | 'inventory-version'
  | 'join-queue'
  | 'leave-queue'
  | 'load-access'
  | 'pass-through'
  | 'pending-to-released'
  | 'pending-to-sold'
  | 'pending-to-sold-many'
  | 'queue-status'
  | 'redeem-code'
  | 'rate-sync'
  | 'release-lease'
  | 'release-hold'
  | 'revert-claim'
  | 'revert-pending'
  | 'seal-prequeue'
  | 'seat-states'
  | 'take-lease'
  | 'touch-queue'
  | 'unredeem-code'
  | 'warm-sale'

interface Script {
  name: string
  /** The number of keys every call passes, or -1 when it varies (at least one). */
  keys: number
  text: string
  sha: string
}

const luaDir = join(dirname(fileURLToPath(import.meta.url)), 'lua')

/** Reads every `<name>-<keys>.lua` of a directory. */
function readScripts(dir: string): Map<string, Script> {
  const scripts = new Map<string, Script>()
  for (const file of readdirSync(dir)) {
    const m = /^(.+)-(\d+|n)\.lua$/.exec(file)
    if (!m) continue
    const text = readFileSync(join(dir, file), 'utf8')
    const name = m[1]!
    const keys = m[2] === 'n' ? -1 : Number(m[2])
    scripts.set(name, { name, keys, text, sha: createHash('sha1').update(text).digest('hex') })
  }
  return scripts
}

const productScripts = readScripts(luaDir)

/** How long a script call may take before its caller gets an error (the command itself is not cancelled). */
export const SCRIPT_DEADLINE_MS = 5000

interface Waiter {
  startedAt: number
  name: string
  reject: (err: Error) => void
}

/**
 * Deadlines for script calls, checked by one coarse timer. node-redis gives every command its own
 * `AbortSignal.timeout()`, which on the hot path cost as much as the rest of the Redis client
 * together; script calls opt out of it and are watched here instead, at the price of firing up to
 * one tick late. A connection that breaks still fails its commands at once (no offline queue).
 */
class Deadlines {
  readonly #waiting = new Set<Waiter>()
  readonly #timeoutMs: number
  #timer: NodeJS.Timeout | undefined

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs
  }

  watch<T>(name: string, run: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = { startedAt: Date.now(), name, reject }
      this.#waiting.add(waiter)
      if (this.#timer === undefined) this.#start()
      run.then(
        (value) => {
          this.#waiting.delete(waiter)
          resolve(value)
        },
        (err: unknown) => {
          this.#waiting.delete(waiter)
          reject(err)
        }
      )
    })
  }

  #start(): void {
    const tick = Math.max(10, Math.floor(this.#timeoutMs / 10))
    this.#timer = setInterval(() => {
      if (this.#waiting.size === 0) {
        clearInterval(this.#timer)
        this.#timer = undefined
        return
      }
      const cutoff = Date.now() - this.#timeoutMs
      // A Set iterates in insertion order, so the oldest waiters come first.
      for (const waiter of this.#waiting) {
        if (waiter.startedAt > cutoff) break
        this.#waiting.delete(waiter)
        waiter.reject(new Error(`Redis script ${waiter.name} did not answer within ${this.#timeoutMs} ms`))
      }
    }, tick)
    this.#timer.unref()
  }
}

/**
 * Runs the product's scripts (`lua/` beside this file); given another directory of
 * `<name>-<keys>.lua` files (the strategy lab's), runs those the same way instead.
 */
export class ScriptRunner<Name extends string = ScriptName> {
  readonly #client: RedisClient
  /** The same connection without node-redis's per-command timer; see {@link Deadlines}. */
  readonly #untimed: RedisClient
  readonly #deadlines: Deadlines
  readonly #scripts: Map<string, Script>

  constructor(client: RedisClient, options: { deadlineMs?: number; dir?: string } = {}) {
    this.#client = client
    this.#untimed = client.withCommandOptions({ timeout: 0 }) as RedisClient
    this.#deadlines = new Deadlines(options.deadlineMs ?? SCRIPT_DEADLINE_MS)
    this.#scripts = options.dir === undefined ? productScripts : readScripts(options.dir)
  }

  /**
   * Loads every script into the server once, so the first real call needs no fallback. On a
   * cluster that means every primary (a keyless SCRIPT LOAD reaches only one node); a replica
   * promoted later starts with an empty cache and is served by the NOSCRIPT -> EVAL fallback.
   */
  async load(): Promise<void> {
    const client = this.#client
    const targets = isClusterClient(client)
      ? await Promise.all(client.masters.map((master) => client.nodeClient(master)))
      : [client]
    for (const target of targets) {
      for (const s of this.#scripts.values()) await target.scriptLoad(s.text)
    }
  }

  /** Runs one script. The number of keys must match the file name: a mismatch is a programming error. */
  async run(name: Name, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown[]> {
    const script = this.#scripts.get(name)
    if (!script) throw new Error(`unknown script ${name}`)
    if (script.keys === -1 ? keys.length === 0 : keys.length !== script.keys)
      throw new Error(
        `script ${name} takes ${script.keys === -1 ? 'one or more' : script.keys} keys, got ${keys.length}`
      )
    const options = { keys: [...keys], arguments: args.map(String) }
    try {
      return (await this.#deadlines.watch(name, this.#untimed.evalSha(script.sha, options))) as unknown[]
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('NOSCRIPT')) {
        return (await this.#deadlines.watch(name, this.#untimed.eval(script.text, options))) as unknown[]
      }
      throw err
    }
  }
}
