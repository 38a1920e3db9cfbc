/** The chaos run's own PostgreSQL and its firstcome processes: started, supervised, killed, stopped. */
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { ensurePostgres } from '../stack/postgres-service.ts'
import { isPidAlive, killGracefully } from '../stack/processes.ts'
import type { StartedService } from '../stack/service-runner.ts'
import { pollUntil } from '../stack/wait.ts'
import { childPids, spawnFirstcome } from '../sut.ts'

/** The run's own PostgreSQL (never the machine's shared one), restartable for the PG fault. */
export async function startOwnPostgres(dir: string, url: string, say: (line: string) => void) {
  const ctx = {
    root: dir,
    dataRoot: join(dir, 'pg'),
    env: process.env,
    detached: false,
    progress: (_phase: string, message: string) => say(`postgres: ${message}`)
  }
  const holder: { current: StartedService | undefined; restart(): Promise<number> } = {
    current: undefined,
    async restart() {
      await holder.current?.stop()
      const t = Date.now()
      holder.current = await ensurePostgres(ctx, url)
      return Date.now() - t
    }
  }
  holder.current = await ensurePostgres(ctx, url)
  return holder
}

export interface Proc {
  name: string
  args: string[]
  env: Record<string, string>
  /** The running child; replaced when a supervised process is started again. */
  child: ChildProcess
  /** Started again 1 s after any exit, as systemd or Kubernetes would (workers). */
  supervised: boolean
  restarts: number
}

/** The run's firstcome processes: started, supervised, killed, and finally stopped. */
export class Processes {
  readonly #list: Proc[] = []
  #stopping = false
  constructor(
    readonly root: string,
    readonly dir: string,
    readonly say: (line: string) => void
  ) {}

  start(name: string, args: string[], env: Record<string, string>, supervised = false): Proc {
    const proc: Proc = { name, args, env, child: this.#spawn(name, args, env), supervised, restarts: 0 }
    this.#watch(proc)
    this.#list.push(proc)
    return proc
  }

  #spawn(name: string, args: string[], env: Record<string, string>): ChildProcess {
    const child = spawnFirstcome(this.root, args, { env })
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString().trim()
      if (text && !/listening|running|API process/.test(text))
        this.say(`${name}: ${text.split('\n')[0]?.slice(0, 200)}`)
    })
    return child
  }

  #watch(proc: Proc): void {
    proc.child.once('exit', (code, signal) => {
      if (!proc.supervised || this.#stopping) return
      this.say(`chaos: ${proc.name} exited (${signal ?? code}); restarting it in 1 s`)
      setTimeout(() => {
        if (this.#stopping) return
        proc.restarts++
        proc.child = this.#spawn(proc.name, proc.args, proc.env)
        this.#watch(proc)
      }, 1000).unref()
    })
  }

  /**
   * Ends a supervised process (SIGTERM, so it drains) and waits until its supervisor has started it
   * again, with `env` from now on.
   */
  async replace(proc: Proc, env: Record<string, string>): Promise<void> {
    proc.env = env
    const old = proc.child
    if (old.pid !== undefined) await killGracefully(old.pid, { signal: 'SIGTERM', graceMs: 15_000 })
    const started = await pollUntil(async () => (proc.child !== old ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 50
    })
    if (!started) throw new Error(`chaos: ${proc.name} was not started again`)
  }

  /** Stops a process for good (SIGTERM to it and its children): its supervisor leaves it stopped. */
  async stop(proc: Proc): Promise<void> {
    proc.supervised = false
    for (const child of this.children(proc))
      await killGracefully(child, { signal: 'SIGTERM', graceMs: 10_000 })
    if (proc.child.pid !== undefined)
      await killGracefully(proc.child.pid, { signal: 'SIGTERM', graceMs: 15_000 })
  }

  async run(name: string, args: string[], env: Record<string, string>, mustSucceed: boolean): Promise<void> {
    const proc = this.start(name, args, env)
    const code = await new Promise<number | null>((resolve) => proc.child.once('exit', resolve))
    if (mustSucceed && code !== 0) throw new Error(`firstcome ${args.join(' ')} exited with ${code}`)
  }

  /** Pids of a process's children (the node:cluster workers of `serve --processes`). */
  children(proc: Proc): number[] {
    return childPids(proc.child.pid).filter((pid) => isPidAlive(pid))
  }

  async stopAll(): Promise<void> {
    this.#stopping = true
    await Promise.all(
      this.#list.map(async (p) => {
        const pid = p.child.pid
        if (pid === undefined) return
        try {
          process.kill(pid, 'SIGCONT')
        } catch {
          // Gone.
        }
        for (const child of this.children(p))
          await killGracefully(child, { signal: 'SIGTERM', graceMs: 10_000 })
        await killGracefully(pid, { signal: 'SIGTERM', graceMs: 15_000 })
      })
    )
  }
}
