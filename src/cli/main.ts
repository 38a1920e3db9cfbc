/**
 * The `firstcome` command: start the local stack and the service, stop it, migrate.
 */

import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { migrate } from '../adapters/postgres/migrate.ts'
import { ConfigError, loadConfig } from '../config/index.ts'
import { installGracefulShutdown, listen } from '../http/server.ts'
import { createRuntime } from '../main/runtime.ts'
import { ensureStack, StackError, stopDetachedStack } from '../stack/index.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

function say(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** Starts the API and workers against the configured services; resolves once listening. */
async function serve(env: Record<string, string | undefined>, onStopped?: () => Promise<void>) {
  const config = loadConfig(env)
  const rt = await createRuntime(config)
  const address = await listen(rt.app, config)
  installGracefulShutdown(rt.app, {
    onClose: async () => {
      await rt.close()
      await onStopped?.()
    }
  })
  return { config, address }
}

const program = new Command()
  .name('firstcome')
  .description('First-come-first-served sales: waiting room, atomic inventory, booking pipeline')

program
  .command('up')
  .description('start Redis, PostgreSQL and Kafka when they do not answer, then the API and the workers')
  .option('--detach', 'leave the services running after this command exits (stop them with `firstcome down`)')
  .action(async (opts: { detach?: boolean }) => {
    const started = Date.now()
    say('firstcome: checking Redis, PostgreSQL and Kafka...')
    const stack = await ensureStack({
      root,
      env: process.env,
      detached: opts.detach ?? false,
      onProgress: ({ service, phase, message }) => say(`  ${service.padEnd(8)} ${phase.padEnd(7)} ${message}`)
    })
    say(`firstcome: services ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    // The development profile: dev tokens on (every client is local), inventory rules unchanged.
    const env = {
      FC_DEV_AUTH: '1',
      ...process.env,
      REDIS_URL: stack.redisUrl,
      DATABASE_URL: stack.databaseUrl,
      KAFKA_BROKERS: stack.kafkaBrokers.join(',')
    }
    let config: ReturnType<typeof loadConfig>
    try {
      ;({ config } = await serve(env, () => (opts.detach ? Promise.resolve() : stack.stop())))
    } catch (err) {
      if (!opts.detach) await stack.stop()
      throw err
    }
    const base = `http://${config.http.host}:${config.http.port}`
    say('')
    say(`firstcome is up (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    say(`  API        ${base}   (health ${base}/health, readiness ${base}/ready, metrics ${base}/metrics)`)
    say(`  Redis      ${stack.redisUrl}`)
    say(`  PostgreSQL ${stack.databaseUrl.replace(/\/\/[^@/]*@/, '//')}`)
    say(`  Kafka      ${stack.kafkaBrokers.join(',')}`)
    if (config.auth.devAuth)
      say(
        `  dev tokens ON: POST ${base}/v1/dev/token {"userId":"alice","role":"admin"} (never in production)`
      )
    say(`  started here: ${stack.started.length > 0 ? stack.started.join(', ') : 'nothing (all reused)'}`)
    say('Press Ctrl-C to stop.')
  })

program
  .command('down')
  .description('stop the services a detached `firstcome up` started')
  .action(async () => {
    const stopped = await stopDetachedStack(root)
    say(stopped.length > 0 ? `stopped: ${stopped.join(', ')}` : 'nothing to stop')
  })

program
  .command('serve')
  .description('run the API and the workers against the services named by the environment')
  .action(async () => {
    const { address } = await serve(process.env)
    say(`firstcome listening on ${address}`)
  })

program
  .command('migrate')
  .description('apply the database migrations (safe to run from several processes at once)')
  .action(async () => {
    const config = loadConfig(process.env)
    const { applied } = await migrate(config.postgres.url)
    say(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema up to date')
  })

try {
  await program.parseAsync(process.argv)
} catch (err) {
  if (err instanceof ConfigError || err instanceof StackError) {
    say(`firstcome: ${err.message}`)
    process.exit(1)
  }
  throw err
}
