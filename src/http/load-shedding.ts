import type { Server } from 'node:http'
import underPressure from '@fastify/under-pressure'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { Counter, type Registry } from 'prom-client'
import { FcError } from '../errors.ts'
import { rawErrorResponse } from './error-handler.ts'

/**
 * Overload shedding. When this process falls behind (event-loop delay over a bound) or runs short
 * of memory (heap or RSS over a bound), a new request is refused at once with 503 `FC_OVERLOADED`
 * and `Retry-After`, before any work is done for it, instead of waiting in line behind thousands of
 * others for seconds. What is already under way is left alone: a request that passed this check
 * completes, an open stream keeps streaming, and a buyer's place in the waiting room is in Redis, so
 * a refused poll or rejoin costs nothing. `/health` is never refused: a load balancer that sees this
 * process as dead would send its load to the others, which are as busy.
 *
 * The numbers are sampled every `sampleIntervalMs` (@fastify/under-pressure); each refusal is
 * counted in `firstcome_shed_total{reason}`.
 */
export interface SheddingOptions {
  /** Mean event-loop delay (ms) over which new requests are refused; 0: not checked. */
  maxEventLoopDelayMs: number
  /**
   * Share of the last sample interval the event loop was busy (0-1) over which new requests are
   * refused; 0: not checked. Under a flood of short requests the loop is never late by much, only
   * never idle: this is the bound that sees it.
   */
  maxEventLoopUtilization: number
  /** V8 heap used (bytes) over which new requests are refused; 0: not checked. */
  maxHeapUsedBytes: number
  /** Resident set size (bytes) over which new requests are refused; 0: not checked. */
  maxRssBytes: number
  /** What `Retry-After` says. */
  retryAfterSec: number
  registry: Registry
  /** How often the numbers are sampled (ms). */
  sampleIntervalMs?: number
}

/** `firstcome_shed_total{reason}`, registered once per registry. */
function shedCounter(registry: Registry): Counter<'reason'> {
  return (
    (registry.getSingleMetric('firstcome_shed_total') as Counter<'reason'> | undefined) ??
    new Counter({
      name: 'firstcome_shed_total',
      help: 'Requests refused with 503 FC_OVERLOADED because this process was over a load bound, by bound',
      labelNames: ['reason'],
      registers: [registry]
    })
  )
}

/** Requests never refused. */
const EXEMPT = new Set(['/health'])

const plugin: FastifyPluginAsync<SheddingOptions> = async (app, opts) => {
  if (
    opts.maxEventLoopDelayMs === 0 &&
    opts.maxEventLoopUtilization === 0 &&
    opts.maxHeapUsedBytes === 0 &&
    opts.maxRssBytes === 0
  )
    return
  const shed = shedCounter(opts.registry)
  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    maxHeapUsedBytes: opts.maxHeapUsedBytes,
    maxRssBytes: opts.maxRssBytes,
    maxEventLoopUtilization: opts.maxEventLoopUtilization,
    eventLoopUtilizationMode: 'interval',
    sampleInterval: opts.sampleIntervalMs ?? 100,
    exposeStatusRoute: false,
    pressureHandler: (req, _reply, type) => {
      if (EXEMPT.has(req.url)) return undefined
      shed.inc({ reason: type })
      // A rejected promise goes to the error handler: the one error shape, with Retry-After.
      return Promise.reject(
        new FcError('FC_OVERLOADED', 'The service is overloaded: try again shortly', {
          retryAfterSec: opts.retryAfterSec
        })
      )
    }
  })
}

/** Registers overload shedding when any bound is set. */
export const sheddingPlugin = fp(plugin, { name: 'firstcome-load-shedding', fastify: '5.x' })

/**
 * Shedding at accept: past `max` open connections, a new connection is answered 503
 * `FC_OVERLOADED` with `Retry-After` at once and closed, before its request is read. A spike of
 * new connections otherwise waits in arrival order for the process to read and parse each one
 * (docs/BENCHMARKS.md, "Overload shedding"): this answer costs a write, not a request.
 */
export function shedConnections(
  server: Server,
  opts: { max: number; retryAfterSec: number; registry: Registry }
): void {
  if (opts.max <= 0) return
  const shed = shedCounter(opts.registry)
  const answer = rawErrorResponse(
    'FC_OVERLOADED',
    'The service is overloaded: try again shortly',
    opts.retryAfterSec
  )
  let open = 0
  server.on('connection', (socket) => {
    if (open >= opts.max) {
      shed.inc({ reason: 'connections' })
      // Never read: the HTTP parser gets no data, so no request of it runs.
      socket.pause()
      socket.end(answer, () => socket.destroy())
      return
    }
    open++
    socket.once('close', () => {
      open--
    })
  })
}
