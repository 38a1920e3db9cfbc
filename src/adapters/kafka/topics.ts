/**
 * The pipeline's topics on Kafka, in one place: their names under a prefix, how each is created
 * (partitions, copies), and the header a replay carries. The API's hand-off, the consumers, the
 * outbox relay, the runtime (which creates the topics at start), the tests and the benchmarks all
 * take them from here.
 */
import type { Config } from '../../config/index.ts'
import type { TopicSpec } from './kafka-admin.ts'

/** The Kafka header that counts how often a message was replayed from the dead-letter topic. */
export const REPLAYS_HEADER = 'fc-replays'

/** The pipeline's topic names under a prefix (`FC_KAFKA_TOPIC_PREFIX`). */
export function pipelineTopicNames(prefix: string) {
  return {
    /** Booking requests, keyed by `<saleId>:<seatId>`. */
    bookings: `${prefix}.booking-requests`,
    /** Coupon claims, keyed by user id. */
    claims: `${prefix}.coupon-issues`,
    /** Booking and claim outcomes (from the outbox), keyed by user id. */
    results: `${prefix}.results`,
    /** Messages a consumer gave up on. */
    deadLetters: `${prefix}.dead-letters`
  }
}

/**
 * The pipeline's topics as the runtime creates them, with explicit partition counts: requests are
 * keyed by seat or user, not by sale, so one sale spreads over every partition. The dead-letter
 * topic has one partition (a trickle, read in order by the recorder).
 */
export function pipelineTopics(config: Pick<Config, 'kafka'>): TopicSpec[] {
  const names = pipelineTopicNames(config.kafka.topicPrefix)
  const n = config.kafka.partitions
  // 'auto': min(3, brokers) copies, decided by the admin when it creates the topic.
  const r = config.kafka.replication
  const copies = r === 'auto' ? {} : { replicationFactor: r }
  return [
    { name: names.bookings, partitions: n, ...copies },
    { name: names.claims, partitions: n, ...copies },
    { name: names.results, partitions: n, ...copies },
    { name: names.deadLetters, partitions: 1, ...copies }
  ]
}
