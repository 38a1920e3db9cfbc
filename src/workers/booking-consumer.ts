/**
 * The booking consumer: reads `<prefix>.booking-requests` as a consumer group (any number of
 * instances), and hands each batch to the {@link BookingPipeline}. Offsets are committed only after
 * the batch's database commit and Redis finalisation, so a crash replays the batch, which the
 * pipeline's idempotent SQL and replay-safe scripts absorb.
 */

import { pipelineTopicNames } from '../adapters/kafka/topics.ts'
import type { BookingRequest, PipelinePublisher } from '../domain/pipeline-ports.ts'
import { type BookingPipeline, InventoryNotReadyError } from '../services/pipeline/booking-pipeline.ts'
import { parseBookingRequest } from '../services/pipeline/pipeline-messages.ts'
import {
  createPipelineConsumer,
  type PipelineConsumer,
  type PipelineConsumerOptions,
  type RetryPolicy
} from './pipeline-consumer.ts'

/** Options of {@link createBookingConsumer}. */
export interface BookingConsumerOptions extends RetryPolicy {
  brokers: readonly string[]
  topicPrefix: string
  pipeline: BookingPipeline
  publisher: PipelinePublisher
  maxBatchSize?: number
  onError?: PipelineConsumerOptions<BookingRequest>['onError']
}

/** The consumer group of the booking consumers under a topic prefix. */
export function bookingGroupId(topicPrefix: string): string {
  return `${topicPrefix}.booking-consumer`
}

/**
 * Creates a booking consumer. Within a batch, payments run concurrently: requests of one seat are
 * keyed to one partition, and each step acts on its own reservation and hold id, so two requests
 * in one batch never touch each other's state (a seat's earlier reservation is terminal before a
 * later hold of that seat can even be confirmed).
 */
export function createBookingConsumer(options: BookingConsumerOptions): PipelineConsumer {
  return createPipelineConsumer<BookingRequest>({
    ...options,
    groupId: bookingGroupId(options.topicPrefix),
    topic: pipelineTopicNames(options.topicPrefix).bookings,
    kind: 'booking',
    parse: parseBookingRequest,
    idOf: (r) => r.reservationId,
    saleOf: (r) => r.saleId,
    process: (requests) => options.pipeline.processBookings(requests),
    finalFail: (requests, reason) => options.pipeline.failBookings(requests, reason),
    notReady: (err) => err instanceof InventoryNotReadyError
  })
}
