/**
 * `firstcome <command>` as a child process of a test, and a wait for a line of its stderr (the
 * addresses it listens on). The caller passes every variable that isolates it (database, Redis
 * prefix, Kafka topic prefix, `FC_INTERNAL_PORT`) and kills the child when done.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A running `firstcome` child. */
export interface FirstcomeChild {
  child: ChildProcess
  /** Resolves with the first match of `pattern` in stderr; rejects if the child exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>
}

export function spawnFirstcome(args: string[], env: Record<string, string | undefined>): FirstcomeChild {
  const child = spawn(process.execPath, [join(root, 'bin', 'firstcome.mjs'), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let text = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    text += chunk
  })
  return {
    child,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(text)
          if (!m) return false
          child.stderr?.off('data', check)
          child.off('exit', onExit)
          resolve(m)
          return true
        }
        const onExit = (code: number | null) => reject(new Error(`firstcome exited with ${code}: ${text}`))
        if (check()) return
        child.stderr?.on('data', check)
        child.once('exit', onExit)
      })
  }
}
