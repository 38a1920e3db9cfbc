import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { tryLock } from './lock.ts'
import { StackError, type StackService } from './stack-error.ts'
import type { ServiceRecord } from './state-file.ts'

/** Phases reported while the stack comes up. */
export type StackPhase = 'check' | 'reuse' | 'install' | 'fetch' | 'start' | 'ready' | 'failed'

/** One progress event. */
export interface StackProgressEvent {
  service: StackService
  phase: StackPhase
  message: string
}

/** What a service module gets from the stack. */
export interface ServiceContext {
  /** Repo root. */
  root: string
  /** `${root}/.data`. */
  dataRoot: string
  env: NodeJS.ProcessEnv
  detached: boolean
  progress(phase: StackPhase, message: string): void
}

/** A service this process started. */
export interface StartedService {
  record: ServiceRecord
  /** Stops it (idempotent). */
  stop(): Promise<void>
}

/** What a probe found: answering, nothing there, or something there that is still starting. */
export type ProbeState = 'up' | 'down' | 'starting'

/** Options of {@link ensureService}. */
export interface EnsureServiceOptions {
  service: StackService
  ctx: ServiceContext
  /** Where it should answer, for messages (no secrets). */
  endpoint: string
  probe: () => Promise<ProbeState>
  /** Starts it; called with the service's start lock held, after a last probe said 'down'. */
  start: () => Promise<StartedService>
  /** How long to wait for another process that is starting it (or for a service that is 'starting'). */
  waitTimeoutMs: number
}

/**
 * Reuses a service that answers, or starts it, making sure only one process starts it:
 * the starter holds `.data/locks/<service>.lock`; everyone else polls until it answers.
 * Resolves undefined when an existing service was reused.
 */
export async function ensureService(options: EnsureServiceOptions): Promise<StartedService | undefined> {
  const { service, ctx, endpoint } = options
  const lockDir = join(ctx.dataRoot, 'locks')
  mkdirSync(lockDir, { recursive: true })
  const lockPath = join(lockDir, `${service}.lock`)
  ctx.progress('check', `checking ${endpoint}`)
  const started = Date.now()
  let lastNotice = 0
  for (;;) {
    const state = await options.probe()
    if (state === 'up') {
      ctx.progress('reuse', `${endpoint} answers; reusing it`)
      return undefined
    }
    let waitingFor = 'it to finish starting'
    if (state === 'down') {
      const attempt = tryLock(lockPath)
      if (attempt.held) {
        try {
          // Another process may have finished starting it between our probe and the lock.
          if ((await options.probe()) === 'up') {
            ctx.progress('reuse', `${endpoint} answers; reusing it`)
            return undefined
          }
          return await options.start()
        } finally {
          attempt.lock.release()
        }
      }
      waitingFor = `process ${attempt.holderPid ?? '?'} that is starting it`
    }
    const elapsed = Date.now() - started
    if (elapsed > options.waitTimeoutMs) {
      throw new StackError(
        service,
        `${service} at ${endpoint} did not answer within ${Math.round(options.waitTimeoutMs / 1000)}s while waiting for ${waitingFor}`,
        `remove ${lockPath} if no other firstcome process is running, then retry`
      )
    }
    if (elapsed - lastNotice >= 5_000) {
      lastNotice = elapsed
      ctx.progress(
        'check',
        `${endpoint} does not answer yet; waiting for ${waitingFor} (${Math.round(elapsed / 1000)}s)`
      )
    }
    await delay(250)
  }
}
