/**
 * The hand-off from the API to the booking pipeline. `publish*` resolves only once the request is
 * durably accepted (Kafka: acknowledged by the brokers); if it throws, nothing was accepted and the
 * caller compensates.
 */
export interface BookingRequest {
  v: 1
  reservationId: string
  holdId: string
  saleId: string
  seatId: string
  userId: string
  /** What is charged, once, for the whole hold: the sum of its seats' prices. */
  amount: number
  /**
   * A hold of several seats: its other seats, each its own unit and reservation (one booking row
   * per seat), booked together with the first or not at all. Absent for a hold of one seat.
   */
  seats?: BookedSeat[]
  payment: { simulate?: 'approve' | 'decline' | 'timeout' }
  acceptedAt: number
}

/** One more seat of a hold of several seats (see {@link BookingRequest.seats}). */
export interface BookedSeat {
  holdId: string
  reservationId: string
  seatId: string
}

export interface ClaimRequest {
  v: 1
  claimId: string
  saleId: string
  userId: string
  acceptedAt: number
}

export interface BookingQueue {
  publishBooking(request: BookingRequest): Promise<void>
  publishClaim(request: ClaimRequest): Promise<void>
}
