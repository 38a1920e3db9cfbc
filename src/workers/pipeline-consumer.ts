/**
 * The shared loop of the pipeline's consumers: validate every message, dead-letter poison at once,
 * retry transient failures a bounded number of times with exponential backoff (a batch failing as a
 * whole, a store out, for up to `outageMs` more), then dead-letter what still fails (or, for a message that was already replayed once, fail it for good). A failure
 * from the catalogue that says it cannot succeed again (`canRetry: false`) is not retried.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { bufferCodec } from '../adapters/kafka/codec.ts'
import { type ConsumedMessage, createKafkaConsumer } from '../adapters/kafka/index.ts'
import { REPLAYS_HEADER } from '../adapters/kafka/topics.ts'
import type { DeadLetter, PipelineKind, PipelinePublisher } from '../domain/pipeline-ports.ts'
import { FcError, OperationalError } from '../errors.ts'
import type { ItemFailures } from '../services/pipeline/booking-pipeline.ts'
import type { Parsed } from '../services/pipeline/pipeline-messages.ts'

/** Retry policy and batching of a pipeline consumer. */
export interface RetryPolicy {
  /** Attempts per message before it is dead-lettered (default 5). */
  maxAttempts?: number
  /** Delay before the second attempt, doubled for each further one (default 200 ms: 3 s in all). */
  backoffMs?: number
  /**
   * How long a batch that fails as a whole (the step threw: PostgreSQL refusing writes or out of
   * reach, Redis not answering) keeps being retried past `maxAttempts`, from its first failure
   * (default 60 s, retries at most 2 s apart). An outage of a store is not the messages' fault:
   * dead-lettering them would fail bookings a short wait confirms.
   */
  outageMs?: number
  /**
   * How long requests that failed on their own because their sale's inventory is not loaded yet
   * (Redis lost it; the re-warm reloads it within seconds) keep being retried past `maxAttempts`
   * (default 15 s). The rest of their batch has gone on meanwhile.
   */
  notReadyMs?: number
}

/** The longest wait between two attempts of a batch that fails as a whole. */
const OUTAGE_BACKOFF_CAP_MS = 2000

/** What a pipeline consumer needs. */
export interface PipelineConsumerOptions<T> extends RetryPolicy {
  brokers: readonly string[]
  groupId: string
  topic: string
  kind: Exclude<PipelineKind, 'unknown'>
  parse: (bytes: Buffer) => Parsed<T>
  idOf: (value: T) => string
  saleOf: (value: T) => string
  /** True for a failure that says the request's sale is not loaded yet (retried for `notReadyMs`). */
  notReady?: (err: unknown) => boolean
  /** Handles valid messages; throws when all failed, returns the ones that failed on their own. */
  process: (values: T[]) => Promise<ItemFailures>
  /** Gives up on messages for good (they were replayed and failed again). */
  finalFail: (values: T[], reason: string) => Promise<void>
  publisher: PipelinePublisher
  maxBatchSize?: number
  clientId?: string
  /** Told about every failure worth a log line. */
  onError?: (err: unknown, context: { stage: string; attempt?: number; count?: number }) => void
}

/** A running pipeline consumer. */
export interface PipelineConsumer {
  start(): Promise<void>
  /** Finishes the batch in hand (drain), commits it, and leaves the group. */
  close(): Promise<void>
  /** True while a batch is being handled. */
  readonly busy: boolean
}

interface Item<T> {
  message: ConsumedMessage<Buffer>
  value: T
  replays: number
  /** Attempts made so far. */
  attempts: number
}

/** Creates a consumer of one pipeline topic; `start()` joins its group. */
export function createPipelineConsumer<T>(options: PipelineConsumerOptions<T>): PipelineConsumer {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5)
  const backoffMs = options.backoffMs ?? 200
  const outageMs = options.outageMs ?? 60_000
  const notReadyMs = options.notReadyMs ?? 15_000
  const notReady = options.notReady ?? (() => false)
  const report = options.onError ?? (() => {})
  let busy = false
  let closing = false

  const letter = (
    message: ConsumedMessage<Buffer>,
    reason: string,
    attempts: number,
    saleId: string | null
  ) =>
    ({
      v: 1,
      kind: options.kind,
      saleId,
      topic: message.topic,
      partition: message.partition,
      offset: String(message.offset),
      key: message.key ?? null,
      value: message.rawValue.toString('base64'),
      headers: message.headers,
      reason,
      attempts,
      replays: replaysOf(message),
      failedAt: new Date().toISOString()
    }) satisfies DeadLetter

  const handle = async (batch: ConsumedMessage<Buffer>[]): Promise<void> => {
    const poison: DeadLetter[] = []
    let items: Item<T>[] = []
    for (const message of batch) {
      const parsed = options.parse(message.rawValue)
      if (parsed.ok) items.push({ message, value: parsed.value, replays: replaysOf(message), attempts: 0 })
      else poison.push(letter(message, parsed.reason, 0, saleIdOf(message.rawValue)))
    }
    // Poison can never succeed: straight to the dead letters, and the rest of the batch goes on.
    if (poison.length > 0) {
      report(new Error(poison[0]?.reason), { stage: 'poison', count: poison.length })
      await options.publisher.deadLetter(poison)
    }

    const reasons = new Map<string, string>()
    // Out of retries: out of attempts, or failed with an error that says a retry cannot succeed.
    const exhausted: Item<T>[] = []
    // Since when every attempt has failed as a whole (a store out), undefined once one did not.
    let outageSince: number | undefined
    for (let attempt = 1; items.length > 0; attempt++) {
      let failures: ItemFailures
      let whole = false
      try {
        failures = await options.process(items.map((i) => i.value))
      } catch (err) {
        failures = new Map(items.map((i) => [options.idOf(i.value), err]))
        whole = true
      }
      items = items.filter((i) => failures.has(options.idOf(i.value)))
      if (items.length === 0) break
      // A store out (the whole batch failed) or the sale not loaded yet (every failure says so):
      // waited out for a while past maxAttempts, not blamed on the messages.
      const waitFor = whole ? outageMs : [...failures.values()].every(notReady) ? notReadyMs : 0
      outageSince = waitFor > 0 ? (outageSince ?? Date.now()) : undefined
      const first = failures.values().next().value
      report(first, { stage: whole ? 'process-outage' : 'process', attempt, count: items.length })
      for (const [id, err] of failures) reasons.set(id, describe(err))
      for (const i of items) i.attempts = attempt
      const waitOut = outageSince !== undefined && !closing && Date.now() - outageSince < waitFor
      if (attempt >= maxAttempts && !waitOut) {
        exhausted.push(...items)
        break
      }
      exhausted.push(...items.filter((i) => !retryable(failures.get(options.idOf(i.value)))))
      items = items.filter((i) => retryable(failures.get(options.idOf(i.value))))
      if (items.length === 0) break
      const backoff = backoffMs * 2 ** Math.min(attempt - 1, 20)
      await delay(waitOut ? Math.min(backoff, Math.max(backoffMs, OUTAGE_BACKOFF_CAP_MS)) : backoff)
    }
    items = exhausted
    if (items.length === 0) return

    // Out of retries. A first failure goes to the dead letters for the reprocessor; a message
    // that failed again after a replay is final: the buyer is told and the stock is released.
    const reasonOf = (i: Item<T>) => reasons.get(options.idOf(i.value)) ?? 'unknown error'
    const replayed = items.filter((i) => i.replays > 0)
    const first = items.filter((i) => i.replays === 0)
    if (first.length > 0) {
      await options.publisher.deadLetter(
        first.map((i) => letter(i.message, reasonOf(i), i.attempts, options.saleOf(i.value)))
      )
      report(new Error(reasonOf(first[0] as Item<T>)), { stage: 'dead-letter', count: first.length })
    }
    if (replayed.length > 0) {
      report(new Error(reasonOf(replayed[0] as Item<T>)), { stage: 'final-failure', count: replayed.length })
      await options.finalFail(
        replayed.map((i) => i.value),
        `failed after a replay: ${reasonOf(replayed[0] as Item<T>)}`
      )
    }
  }

  const consumer = createKafkaConsumer<Buffer>({
    brokers: options.brokers,
    groupId: options.groupId,
    topics: [options.topic],
    codec: bufferCodec,
    clientId: options.clientId ?? `firstcome-${options.kind}-consumer`,
    maxBatchSize: options.maxBatchSize ?? 500,
    maxWaitTimeMs: 100,
    // Kafka-level retries only happen when even dead-lettering failed (the broker is down too):
    // then the batch is retried whole, without limit, since dropping it would lose bookings.
    retryDelayMs: 500,
    handler: async (batch) => {
      busy = true
      try {
        await handle(batch)
      } finally {
        busy = false
      }
    },
    // A lost group membership (the broker or the coordinator went away) is replaced by the
    // adapter itself, from the committed offsets: these are reports, not the end of consumption.
    onError: (err, context) => {
      if (!closing) report(err, { stage: `kafka-${context.stage}`, attempt: context.attempt })
    }
  })

  return {
    start: () => consumer.start(),
    async close() {
      closing = true
      await consumer.close()
    },
    get busy() {
      return busy
    }
  }
}

function replaysOf(message: ConsumedMessage<Buffer>): number {
  const n = Number(message.headers[REPLAYS_HEADER] ?? 0)
  return Number.isInteger(n) && n > 0 ? n : 0
}

/** The sale of a message that failed validation, when it still names one (for DLQ depth per sale). */
function saleIdOf(bytes: Buffer): string | null {
  const m = /"saleId"\s*:\s*"(e[0-9a-z]{15})"/.exec(bytes.toString('utf8', 0, Math.min(bytes.length, 4096)))
  return m?.[1] ?? null
}

/** False for a failure of the catalogue that says the same step cannot succeed again. */
function retryable(err: unknown): boolean {
  return !((err instanceof FcError || err instanceof OperationalError) && !err.canRetry)
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : ''
    return `${err.name}: ${err.message}${cause}`.slice(0, 500)
  }
  return String(err).slice(0, 500)
}
