/**
 * A Redis Cluster on loopback: N primaries with R replicas each (3 x 1 by default), one
 * `redis-server --cluster-enabled yes` per node, joined with `redis-cli --cluster create`.
 * Used by `firstcome up --redis-cluster`, the cluster tests and the chaos run.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from 'redis'
import { freePorts } from './cluster-ports.ts'
import {
  findExecutable,
  isPidAlive,
  killGracefully,
  runCommand,
  spawnService,
  tailFile
} from './processes.ts'
import { StackError } from './stack-error.ts'
import { pollUntil } from './wait.ts'

/** Options of {@link startRedisCluster}. */
export interface RedisClusterOptions {
  /** Data directory; node `p` keeps its AOF, nodes.conf and log under `${dir}/${p}`. */
  dir: string
  /** Node ports (primaries x (1 + replicas) of them); free ports in 20000-39999 by default. */
  ports?: number[]
  primaries?: number
  replicasPerPrimary?: number
  /**
   * cluster-node-timeout in ms (default 2000): how long a primary may be unreachable before its
   * replica takes over. Measured on this machine: a SIGKILLed primary is replaced 2.5-3.5 s later.
   */
  nodeTimeoutMs?: number
  env?: NodeJS.ProcessEnv
  /** Nodes outlive this process (`firstcome up --detach`). */
  detached?: boolean
  /** Remove `dir` on stop (temporary clusters of tests and chaos runs). */
  removeOnStop?: boolean
  onProgress?: (message: string) => void
}

/** One node of the cluster. */
export interface RedisClusterNode {
  port: number
  /** Pid of the running process, or undefined while it is down. */
  pid: number | undefined
}

/** A running cluster. */
export interface RedisClusterHandle {
  /** `redis+cluster://127.0.0.1:p1,...` for `REDIS_URL`. */
  url: string
  nodes: RedisClusterNode[]
  /** Ports of the nodes that are primaries now, as a live node sees it. */
  primaries(): Promise<number[]>
  /** Port of the primary that serves `key`'s slot now. */
  primaryFor(key: string): Promise<number>
  /** Sends `signal` (SIGKILL by default) to a node and waits until it is gone (SIGSTOP: until stopped). */
  kill(port: number, signal?: NodeJS.Signals): Promise<void>
  /**
   * FLUSHALL on every primary (their replicas follow): the cluster keeps running with no data, as
   * after a restart that lost it. The ports that were flushed.
   */
  flushAll(): Promise<number[]>
  /** Starts a node that was killed again; it rejoins (an old primary as a replica of its successor). */
  restart(port: number): Promise<void>
  /**
   * Resolves once every running node reports cluster_state:ok, all slots are served, and (when
   * every node runs) each primary has a replica with its link up. False on timeout.
   */
  waitHealthy(timeoutMs: number): Promise<boolean>
  /** Stops every node (SIGTERM, so AOF is flushed) and removes the data when asked to. Idempotent. */
  stop(): Promise<void>
}

/** Starts a fresh cluster, or restarts one whose nodes.conf files exist under `dir`. */
export async function startRedisCluster(options: RedisClusterOptions): Promise<RedisClusterHandle> {
  const env = options.env ?? process.env
  const primaries = options.primaries ?? 3
  const replicas = options.replicasPerPrimary ?? 1
  const count = primaries * (1 + replicas)
  const ports = options.ports ?? (await freePorts(count, 10_000))
  if (ports.length !== count)
    throw new StackError('redis', `a ${primaries}x${replicas} cluster needs ${count} ports`)
  const server = findExecutable('redis-server', env, ['/usr/bin', '/usr/local/bin'])
  const cli = findExecutable('redis-cli', env, ['/usr/bin', '/usr/local/bin'])
  if (!server || !cli) {
    throw new StackError(
      'redis',
      'redis-server and redis-cli are needed for a Redis Cluster',
      'sudo apt-get install -y redis-server'
    )
  }
  const progress = options.onProgress ?? (() => {})
  const nodeTimeout = options.nodeTimeoutMs ?? 2000
  const nodes: RedisClusterNode[] = ports.map((port) => ({ port, pid: undefined }))
  const exists = ports.every((port) => existsSync(join(options.dir, String(port), 'nodes.conf')))

  const startNode = async (node: RedisClusterNode) => {
    const dir = join(options.dir, String(node.port))
    mkdirSync(dir, { recursive: true })
    const logFile = join(dir, 'redis.log')
    const args = [
      '--port',
      String(node.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      'nodes.conf',
      '--cluster-node-timeout',
      String(nodeTimeout),
      // A replica always takes over, however long its primary was gone: availability first; the
      // data it may lack (the last ~1 s of AOF everysec) is rebuilt from PostgreSQL (I5).
      '--cluster-replica-validity-factor',
      '0',
      // One shard down must not stop the others: a sale lives in one slot.
      '--cluster-require-full-coverage',
      'no',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--daemonize',
      'no',
      '--logfile',
      logFile
    ]
    const child = spawnService(server, args, { cwd: dir, env, logFile, detached: options.detached ?? false })
    if (child.pid === undefined) throw new StackError('redis', `could not start ${server}`, `see ${logFile}`)
    node.pid = child.pid
    const pid = child.pid
    const up = await pollUntil(
      async () => ((await command(node.port, ['PING'])) === 'PONG' ? true : undefined),
      {
        // A minute: on two cores busy with other work a node has taken 20 s to answer its first PING.
        timeoutMs: 60_000,
        intervalMs: 50,
        abort: () => !isPidAlive(pid)
      }
    )
    if (!up) {
      throw new StackError(
        'redis',
        `cluster node ${node.port} did not start`,
        `see ${logFile}:\n${tailFile(logFile, 5)}`
      )
    }
  }

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      await Promise.all(
        nodes.map(async (node) => {
          if (node.pid === undefined) return
          // A SIGSTOPped node would ignore SIGTERM until continued.
          try {
            process.kill(node.pid, 'SIGCONT')
          } catch {
            // Already gone.
          }
          await killGracefully(node.pid, { signal: 'SIGTERM', graceMs: 5_000 })
          node.pid = undefined
        })
      )
      if (options.removeOnStop) rmSync(options.dir, { recursive: true, force: true })
    })()
    return stopping
  }

  try {
    const started = Date.now()
    progress(`starting ${count} Redis Cluster nodes on 127.0.0.1:${ports.join(',')}`)
    await Promise.all(nodes.map(startNode))
    if (!exists) {
      const result = await runCommand(
        cli,
        [
          '--cluster',
          'create',
          ...ports.map((p) => `127.0.0.1:${p}`),
          '--cluster-replicas',
          String(replicas),
          '--cluster-yes'
        ],
        { env, timeoutMs: 60_000 }
      )
      if (result.code !== 0) {
        throw new StackError(
          'redis',
          'redis-cli --cluster create failed',
          `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-6).join('\n')
        )
      }
    }
    const handle = makeHandle(nodes, startNode, stop)
    if (!(await handle.waitHealthy(60_000))) {
      throw new StackError(
        'redis',
        'the Redis Cluster did not become healthy within 60 s',
        `see ${options.dir}/*/redis.log`
      )
    }
    progress(
      `Redis Cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${primaries} primaries, ${replicas} replica each)`
    )
    return handle
  } catch (error) {
    await stop()
    throw error
  }
}

function makeHandle(
  nodes: RedisClusterNode[],
  startNode: (node: RedisClusterNode) => Promise<void>,
  stop: () => Promise<void>
): RedisClusterHandle {
  const byPort = (port: number): RedisClusterNode => {
    const node = nodes.find((n) => n.port === port)
    if (!node) throw new Error(`no cluster node on port ${port}`)
    return node
  }
  const live = () => nodes.filter((n) => n.pid !== undefined && isPidAlive(n.pid))
  /** CLUSTER NODES from the first live node that answers. */
  const clusterNodes = async (): Promise<ParsedNode[]> => {
    for (const node of live()) {
      const text = await command(node.port, ['CLUSTER', 'NODES'])
      if (typeof text === 'string') return parseClusterNodes(text)
    }
    throw new Error('no cluster node answers')
  }
  return {
    url: `redis+cluster://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`,
    nodes,
    async primaries() {
      return (await clusterNodes()).filter((n) => n.primary && !n.failed).map((n) => n.port)
    },
    async primaryFor(key) {
      const anyNode = live()[0]
      if (!anyNode) throw new Error('no cluster node is running')
      const slot = Number(await command(anyNode.port, ['CLUSTER', 'KEYSLOT', key]))
      const owner = (await clusterNodes()).find(
        (n) => n.primary && !n.failed && n.slots.some(([from, to]) => slot >= from && slot <= to)
      )
      if (!owner) throw new Error(`no primary serves slot ${slot}`)
      return owner.port
    },
    async kill(port, signal = 'SIGKILL') {
      const node = byPort(port)
      const pid = node.pid
      if (pid === undefined) return
      process.kill(pid, signal)
      if (signal === 'SIGSTOP') return
      await pollUntil(async () => (isPidAlive(pid) ? undefined : true), { timeoutMs: 10_000, intervalMs: 20 })
      node.pid = undefined
    },
    async flushAll() {
      const primaries = (await clusterNodes()).filter((n) => n.primary && !n.failed).map((n) => n.port)
      // FLUSHALL may be sent again: a connection refused on a busy machine is tried again.
      const answers = await Promise.all(
        primaries.map((port) =>
          pollUntil(async () => ((await command(port, ['FLUSHALL'], 10_000)) === 'OK' ? true : undefined), {
            timeoutMs: 30_000,
            intervalMs: 100
          })
        )
      )
      const refused = primaries.filter((_, i) => answers[i] !== true)
      if (refused.length > 0) throw new Error(`FLUSHALL not answered OK by ${refused.join(', ')} within 30 s`)
      return primaries
    },
    async restart(port) {
      const node = byPort(port)
      if (node.pid !== undefined && isPidAlive(node.pid)) return
      await startNode(node)
    },
    async waitHealthy(timeoutMs) {
      const ok = await pollUntil(
        async () => {
          const running = live()
          for (const node of running) {
            const info = await command(node.port, ['CLUSTER', 'INFO'])
            if (
              typeof info !== 'string' ||
              !/cluster_state:ok/.test(info) ||
              !/cluster_slots_ok:16384/.test(info)
            ) {
              return undefined
            }
          }
          if (running.length < nodes.length) return true
          const parsed = await clusterNodes().catch(() => [])
          const primaries = parsed.filter((n) => n.primary && !n.failed && n.slots.length > 0)
          if (primaries.length === 0 || parsed.some((n) => n.failed)) return undefined
          // Every primary needs a replica whose replication link is up before a failover can succeed.
          for (const primary of primaries) {
            const replicas = parsed.filter((n) => n.replicaOf === primary.id)
            if (replicas.length === 0) return undefined
            for (const replica of replicas) {
              const info = await command(replica.port, ['INFO', 'replication'])
              if (typeof info !== 'string' || !/master_link_status:up/.test(info)) return undefined
            }
          }
          return true
        },
        { timeoutMs, intervalMs: 100 }
      )
      return ok === true
    },
    stop
  }
}

interface ParsedNode {
  id: string
  port: number
  primary: boolean
  failed: boolean
  replicaOf: string | undefined
  slots: Array<[number, number]>
}

/** Parses CLUSTER NODES: `<id> <ip:port@bus> <flags> <primary id|-> ... <slot ranges>`. */
function parseClusterNodes(text: string): ParsedNode[] {
  return text
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parts = line.split(' ')
      const flags = (parts[2] ?? '').split(',')
      const port = Number(/:(\d+)@/.exec(parts[1] ?? '')?.[1] ?? 0)
      const slots = parts
        .slice(8)
        .filter((s) => !s.startsWith('['))
        .map((s): [number, number] => {
          const [from, to] = s.split('-').map(Number)
          return [from ?? 0, to ?? from ?? 0]
        })
      return {
        id: parts[0] ?? '',
        port,
        primary: flags.includes('master'),
        failed: flags.includes('fail') || flags.includes('fail?') || flags.includes('noaddr'),
        replicaOf: parts[3] && parts[3] !== '-' ? parts[3] : undefined,
        slots
      }
    })
}

/** One command to one node over a short-lived connection; undefined when it does not answer. */
async function command(port: number, args: string[], silentMs = 1500): Promise<unknown> {
  const client = createClient({
    url: `redis://127.0.0.1:${port}`,
    socket: { connectTimeout: 1000, reconnectStrategy: false }
  })
  client.on('error', () => {})
  let timer: NodeJS.Timeout | undefined
  // A SIGSTOPped node accepts the connection (the kernel does) but never answers.
  const silent = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), silentMs)
  })
  try {
    return await Promise.race([client.connect().then(() => client.sendCommand(args)), silent])
  } catch {
    return undefined
  } finally {
    clearTimeout(timer)
    client.destroy()
  }
}
