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
  amount: number
  payment: { simulate?: 'approve' | 'decline' | 'timeout' }
  acceptedAt: number
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
