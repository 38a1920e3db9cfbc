import { type ChildProcess, fork } from 'node:child_process'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

// tsx's loader by absolute URL: `--import tsx` would resolve from the caller's working directory.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/** A forked lab helper process and its inbox of messages (`type` tags them). */
export interface Child<M extends { type: string }> {
  process: ChildProcess
  /** The next message; a `failed` one if the child exited first. */
  next(): Promise<M | { type: 'failed'; message: string }>
  /** Resolves once the child has exited (at once if it already has). */
  exited(): Promise<void>
}

/** Forks `file` (a .ts module) under tsx with an IPC channel; its output goes to ours. */
export function spawnChild<M extends { type: string }>(file: string): Child<M> {
  type In = M | { type: 'failed'; message: string }
  const child = fork(file, [], {
    execArgv: ['--import', TSX],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  const inbox: In[] = []
  const waiting: Array<(m: In) => void> = []
  child.on('message', (m: M) => {
    const w = waiting.shift()
    if (w) w(m)
    else inbox.push(m)
  })
  // 'close' comes after the IPC channel is drained, so every message the child sent is in by then.
  const closed = new Promise<In>((resolve) => {
    child.once('close', (code) => resolve({ type: 'failed', message: `child exited with code ${code}` }))
  })
  return {
    process: child,
    next: () => {
      const m = inbox.shift()
      if (m) return Promise.resolve(m)
      return Promise.race([
        new Promise<In>((resolve) => waiting.push(resolve)),
        closed.then((failed) => inbox.shift() ?? failed)
      ])
    },
    exited: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve()
        else child.once('exit', () => resolve())
      })
  }
}

/** The child's next message, which must be of `type` (a `failed` one becomes the error). */
export async function expectMessage<M extends { type: string }, T extends M['type']>(
  child: Child<M>,
  type: T,
  who: string
): Promise<Extract<M, { type: T }>> {
  const m = await child.next()
  if (m.type !== type) {
    const got = m.type === 'failed' && 'message' in m ? String(m.message) : m.type
    throw new Error(`${who}: expected ${type}, got ${got}`)
  }
  return m as Extract<M, { type: T }>
}
