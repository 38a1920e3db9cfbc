import { StackError } from './stack-error.ts'

/** Defaults used when the environment names no service. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/firstcome'
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092'

/** Where each service should answer, resolved from the environment. */
export interface StackEndpoints {
  redisUrl: string
  databaseUrl: string
  kafkaBrokers: string[]
}

/** Reads REDIS_URL, DATABASE_URL and KAFKA_BROKERS (comma-separated host:port) with their defaults. */
export function resolveEndpoints(env: NodeJS.ProcessEnv): StackEndpoints {
  const brokers = (env.KAFKA_BROKERS?.trim() || DEFAULT_KAFKA_BROKERS)
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '')
  return {
    redisUrl: env.REDIS_URL?.trim() || DEFAULT_REDIS_URL,
    databaseUrl: env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
    kafkaBrokers: brokers
  }
}

/** Whether a host name is this machine: the stack only starts services that listen on loopback. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare)
}

/** Host and port of a Redis URL. */
export function parseRedisUrl(url: string): { host: string; port: number; password: string | undefined } {
  const parsed = parseUrl('redis', url, ['redis:', 'rediss:'])
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined
  }
}

/** Connection parts of a PostgreSQL URL. */
export interface PostgresTarget {
  host: string
  port: number
  user: string
  password: string | undefined
  database: string
}

/** Parses DATABASE_URL (postgres:// or postgresql://). */
export function parseDatabaseUrl(url: string): PostgresTarget {
  const parsed = parseUrl('postgres', url, ['postgres:', 'postgresql:'])
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.username ? decodeURIComponent(parsed.username) : 'postgres',
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: database || 'firstcome'
  }
}

/** Host and port of one `host:port` Kafka broker address. */
export function parseBroker(broker: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(broker)
  if (!match?.[1]) {
    throw new StackError(
      'kafka',
      `KAFKA_BROKERS entry "${broker}" is not host:port`,
      'e.g. KAFKA_BROKERS=127.0.0.1:9092'
    )
  }
  return { host: match[1], port: match[2] ? Number(match[2]) : 9092 }
}

function parseUrl(service: 'redis' | 'postgres', url: string, protocols: string[]): URL {
  const name = service === 'redis' ? 'REDIS_URL' : 'DATABASE_URL'
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (error) {
    throw new StackError(
      service,
      `${name} is not a valid URL: ${url}`,
      `e.g. ${name}=${exampleUrl(service)}`,
      {
        cause: error
      }
    )
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new StackError(
      service,
      `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}: ${url}`,
      `e.g. ${name}=${exampleUrl(service)}`
    )
  }
  return parsed
}

function exampleUrl(service: 'redis' | 'postgres'): string {
  return service === 'redis' ? DEFAULT_REDIS_URL : DEFAULT_DATABASE_URL
}

/** A URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}
