/**
 * The API's hand-off to the booking pipeline over Kafka, and the pipeline's own publishing
 * (dead letters, replays). One idempotent acks=all producer with a short linger: concurrent
 * confirms share produce requests, and each `publish*` resolves only once the broker acknowledged.
 */
import type {
  BookingHandoff,
  BookingRequest,
  ClaimRequest,
  DeadLetter,
  PipelinePublisher
} from '../../domain/pipeline-ports.ts'
import { OperationalError } from '../../errors.ts'
import { bufferCodec } from './codec.ts'
import { createKafkaProducer, type KafkaProducer, type OutgoingMessage } from './kafka-producer.ts'
import { pipelineTopicNames, REPLAYS_HEADER } from './topics.ts'

/** Options of {@link KafkaBookingHandoff}. */
export interface KafkaBookingHandoffOptions {
  brokers: readonly string[]
  topicPrefix: string
  /** How long a publish waits for others to share its request (default 2 ms). */
  lingerMs?: number
  /**
   * The longest a publish may take before it rejects (default 4000 ms). The API answers 503 after
   * it and compensates in Redis, so a dead broker costs a buyer seconds, not the client's timeout.
   */
  publishDeadlineMs?: number
  clientId?: string
}

/** Rejection of a publish that outlived its deadline. */
export class PublishDeadlineError extends OperationalError {
  constructor(ms: number) {
    super('FC_PUBLISH_DEADLINE', `Kafka did not acknowledge within ${ms} ms`)
    this.name = 'PublishDeadlineError'
  }
}

/**
 * {@link BookingHandoff} on Kafka: bookings keyed by `<saleId>:<seatId>` (one seat's requests stay
 * in order on one partition), claims by user. Also the {@link PipelinePublisher} of the workers.
 */
export class KafkaBookingHandoff implements BookingHandoff, PipelinePublisher {
  readonly #producer: KafkaProducer<Buffer>
  readonly #topics: ReturnType<typeof pipelineTopicNames>
  readonly #deadlineMs: number

  constructor(options: KafkaBookingHandoffOptions) {
    this.#topics = pipelineTopicNames(options.topicPrefix)
    this.#deadlineMs = options.publishDeadlineMs ?? 4000
    this.#producer = createKafkaProducer<Buffer>({
      brokers: options.brokers,
      clientId: options.clientId ?? 'firstcome-pipeline',
      codec: bufferCodec,
      lingerMs: options.lingerMs ?? 2,
      maxBatchMessages: 1000,
      // Per attempt; with two retries a refused connection fails in well under the deadline, and
      // the deadline bounds the rest (a broker that accepts connections but never answers).
      timeoutMs: Math.max(500, Math.floor(this.#deadlineMs / 2)),
      retries: 2,
      retryDelayMs: 200
    })
  }

  publishBooking(request: BookingRequest): Promise<void> {
    return this.#send([
      { topic: this.#topics.bookings, key: `${request.saleId}:${request.seatId}`, value: json(request) }
    ])
  }

  publishClaim(request: ClaimRequest): Promise<void> {
    return this.#send([{ topic: this.#topics.claims, key: request.userId, value: json(request) }])
  }

  deadLetter(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return Promise.resolve()
    // Keyed like the original, so the dead letters of one seat or user stay in order too.
    return this.#send(
      letters.map((letter) => ({
        topic: this.#topics.deadLetters,
        ...(letter.key === null ? {} : { key: letter.key }),
        value: json(letter)
      }))
    )
  }

  replay(letter: DeadLetter, replays: number): Promise<void> {
    return this.#send([
      {
        topic: letter.topic,
        ...(letter.key === null ? {} : { key: letter.key }),
        value: Buffer.from(letter.value, 'base64'),
        headers: { ...letter.headers, [REPLAYS_HEADER]: String(replays) }
      }
    ])
  }

  /** Sends whatever lingers now and waits for it. */
  flush(): Promise<void> {
    return this.#producer.flush()
  }

  close(): Promise<void> {
    return this.#producer.close()
  }

  /**
   * Sends with a deadline. A publish rejected by the deadline may still reach the broker later;
   * the booking consumer recognises such a message (its unit is no longer pending in Redis,
   * because the caller compensated) and drops it instead of booking.
   */
  #send(messages: OutgoingMessage<Buffer>[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PublishDeadlineError(this.#deadlineMs)), this.#deadlineMs)
    })
    const sent = this.#producer.send(messages)
    // The loser of the race must not surface as an unhandled rejection.
    sent.catch(() => {})
    return Promise.race([sent, deadline]).finally(() => clearTimeout(timer))
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value))
}
