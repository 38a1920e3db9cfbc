/**
 * Ports of the public seat map's read path (`SeatMapService`, `SeatFanout`): what it needs from the
 * inventory, with no datastore client in sight.
 */

/** A seat's public state in one character: `a` available, `h` held or pending payment, `s` sold. */
export type SeatCode = 'a' | 'h' | 's'

/** One read of a sale's seat states (see {@link SeatStateSource}). */
export interface SeatStateRead {
  /**
   * The inventory version the states belong to: opaque, the same in every process for the same
   * inventory, and different after any change.
   */
  version: string
  /** Every seat Redis holds with its code; absent when the version is the one the caller gave. */
  seats?: ReadonlyArray<readonly [seatId: string, code: SeatCode]>
}

/** The seat states of a sale with their version, read together (one atomic read). */
export interface SeatStateSource {
  /**
   * Reads the sale's version, and its seats only if the version differs from `knownVersion`
   * (`''`: always): an unchanged sale costs one small reply however large its map.
   */
  readSeatStates(saleId: string, knownVersion: string): Promise<SeatStateRead>
}
