/**
 * Wiring of the public seat map: the shared snapshots read from Redis, the change streams and
 * their routes. Kept apart so the composition root only has to plug it in.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { KeyBuilder } from '../adapters/redis/keys.ts'
import type { ScriptRunner } from '../adapters/redis/scripts.ts'
import { RedisSeatStateSource } from '../adapters/redis/seat-state-source.ts'
import type { Config } from '../config/index.ts'
import type { FeaturePlugin } from '../http/app.ts'
import { seatMapRoutes } from '../http/routes/seat-map.ts'
import type { SaleService } from '../services/sales/sale-service.ts'
import { SeatFanout } from '../services/seat-map/seat-fanout.ts'
import { SeatMapService } from '../services/seat-map/seat-map-service.ts'

/** The seat map, wired. */
export interface SeatMapFeature {
  seatMap: SeatMapService
  seatStreams: SeatFanout
  plugin: FeaturePlugin
}

export function createSeatMap(deps: {
  config: Config
  scripts: ScriptRunner
  keys: KeyBuilder
  sales: SaleService
  log: () => FastifyBaseLogger | undefined
}): SeatMapFeature {
  const seatMap = new SeatMapService({
    sales: deps.sales,
    source: new RedisSeatStateSource(deps.scripts, deps.keys),
    refreshMs: deps.config.seatMap.snapshotMs
  })
  const seatStreams = new SeatFanout({
    map: seatMap,
    tickMs: deps.config.seatMap.snapshotMs,
    onError: (err) => deps.log()?.error({ err, worker: 'seat-fanout' }, 'seat stream tick failed')
  })
  return { seatMap, seatStreams, plugin: seatMapRoutes(seatMap, seatStreams) }
}
