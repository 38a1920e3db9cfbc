/**
 * An idempotent Kafka producer (acks=all) whose `send` resolves only once the broker has
 * acknowledged the messages, with optional lingering to batch concurrent sends.
 */
import { type CompressionAlgorithmValue, ProduceAcks, Producer, stringSerializer } from '@platformatic/kafka'
import { jsonCodec, type ValueCodec } from './codec.ts'

/** A message to publish. */
export interface OutgoingMessage<V> {
  topic: string
  /** Partitioning key: what needs ordering (a seat, a user). Messages without key are spread. */
  key?: string
  value: V
  headers?: Record<string, string>
  /** Explicit partition; normally left to the key hash. */
  partition?: number
}

/** Options of {@link createKafkaProducer}. */
export interface KafkaProducerOptions<V> {
  brokers: readonly string[]
  /** Client id shown in broker logs; defaults to `firstcome-producer`. */
  clientId?: string
  /** Value encoding; JSON by default. */
  codec?: ValueCodec<V>
  /**
   * How long a `send` may wait for other sends to join its batch, in ms. 0 (default) sends at
   * once; a few ms trade latency for far fewer produce requests under load, since an idempotent
   * producer keeps one request in flight per broker.
   */
  lingerMs?: number
  /** A lingering batch is sent as soon as it holds this many messages (default 500). */
  maxBatchMessages?: number
  compression?: CompressionAlgorithmValue
  /** Per-request timeout in ms (default 10 s). */
  timeoutMs?: number
  /**
   * Retries of a failed produce request before `send` rejects (default 3, at least 2: the client
   * turns 0 or 1 into "retry forever" for idempotent producers).
   */
  retries?: number
  /** Pause between two retries in ms (default 250). */
  retryDelayMs?: number
}

/** An idempotent, acks=all producer. */
export interface KafkaProducer<V> {
  /**
   * Publishes the messages; resolves once all in-sync replicas have them. When it rejects, some
   * of them may still have been written (a request to one partition leader failed after another
   * succeeded), so consumers must tolerate duplicates and callers may retry.
   */
  send(messages: readonly OutgoingMessage<V>[]): Promise<void>
  /** Sends whatever is lingering now and waits for it. */
  flush(): Promise<void>
  /** Flushes, then closes the connections. Later sends reject. */
  close(): Promise<void>
}

interface Pending {
  messages: EncodedMessage[]
  resolve: () => void
  reject: (error: unknown) => void
}

interface EncodedMessage {
  topic: string
  key?: string
  value: Buffer
  headers?: Record<string, string>
  partition?: number
}

type RawProducer = Producer<string, Buffer, string, string>

/**
 * Creates an idempotent producer (acks=all).
 *
 * Exactly one produce request is in flight at a time: @platformatic/kafka 1.x assigns idempotent
 * sequence numbers when a request is built and advances them only when its response arrives, so
 * concurrent `send()` calls on one client reuse sequence numbers, which the broker either rejects
 * (OUT_OF_ORDER_SEQUENCE_NUMBER) or silently acknowledges as duplicates of an earlier batch
 * (platformatic/kafka#326). Sends that arrive meanwhile are queued and go out together as the
 * next request, which is also where the batching comes from. After a failed request the client
 * is replaced (new producer id), because its sequence numbers may no longer match the broker's.
 */
export function createKafkaProducer<V = unknown>(options: KafkaProducerOptions<V>): KafkaProducer<V> {
  const codec = options.codec ?? jsonCodec<V>()
  const lingerMs = options.lingerMs ?? 0
  const maxBatch = Math.max(1, options.maxBatchMessages ?? 500)
  const makeProducer = (): RawProducer =>
    new Producer<string, Buffer, string, string>({
      clientId: options.clientId ?? 'firstcome-producer',
      bootstrapBrokers: [...options.brokers],
      idempotent: true,
      acks: ProduceAcks.ALL,
      compression: options.compression,
      timeout: options.timeoutMs ?? 10_000,
      retries: Math.max(2, options.retries ?? 3),
      retryDelay: options.retryDelayMs ?? 250,
      // Values arrive encoded by the codec; keys and headers are strings.
      serializers: { key: stringSerializer, headerKey: stringSerializer, headerValue: stringSerializer },
      autocreateTopics: false
    })

  let producer = makeProducer()
  let closed = false
  const queue: Pending[] = []
  let queued = 0
  let inflight: Promise<void> | undefined
  let timer: NodeJS.Timeout | undefined

  const sendNext = (): void => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (inflight || queue.length === 0) return
    // Whole send() calls only: each caller's messages succeed or fail together.
    const batch: Pending[] = []
    let count = 0
    while (queue.length > 0 && (batch.length === 0 || count + (queue[0]?.messages.length ?? 0) <= maxBatch)) {
      const entry = queue.shift()!
      batch.push(entry)
      count += entry.messages.length
    }
    queued -= count
    const client = producer
    inflight = client
      .send({ messages: batch.flatMap((entry) => entry.messages) })
      .then(
        () => {
          for (const entry of batch) entry.resolve()
        },
        (error: unknown) => {
          for (const entry of batch) entry.reject(error)
          if (producer === client) {
            producer = makeProducer()
            forceClose(client)
          }
        }
      )
      .finally(() => {
        inflight = undefined
        // What queued up during the request has waited long enough: send it at once.
        sendNext()
      })
  }

  const schedule = (): void => {
    if (inflight) return
    if (lingerMs <= 0 || queued >= maxBatch) sendNext()
    else timer ??= setTimeout(sendNext, lingerMs)
  }

  const flush = async (): Promise<void> => {
    while (inflight || queue.length > 0) {
      if (!inflight) sendNext()
      await inflight
    }
  }

  const encode = (message: OutgoingMessage<V>): EncodedMessage => ({
    topic: message.topic,
    key: message.key,
    value: codec.encode(message.value),
    headers: message.headers,
    partition: message.partition
  })

  return {
    send(messages) {
      if (closed) return Promise.reject(new Error('Kafka producer is closed'))
      if (messages.length === 0) return Promise.resolve()
      let encoded: EncodedMessage[]
      try {
        encoded = messages.map(encode)
      } catch (error) {
        return Promise.reject(error)
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ messages: encoded, resolve, reject })
        queued += encoded.length
        schedule()
      })
    },
    flush,
    async close() {
      if (closed) return
      closed = true
      await flush()
      await producer.close()
    }
  }
}

/** Closes a client that is being replaced, without waiting and without failing the caller. */
function forceClose(client: RawProducer): void {
  client.close(true, () => {})
}
