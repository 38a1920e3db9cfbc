import { Type } from '@sinclair/typebox'
import { SECTION_NAME } from '../../domain/ids.ts'
import { Currency, CurrencyDigits, IsoTime, SaleId, SeatId, StrictObject } from './common.ts'

/** What kind of sale: numbered seats, or interchangeable coupons. */
export const SaleKind = Type.Union([Type.Literal('coupon'), Type.Literal('seated')])
/** Life of a sale: `warming` while its stock loads into Redis, `open`, `paused`, `closed`. */
export const SaleStatus = Type.Union([
  Type.Literal('warming'),
  Type.Literal('open'),
  Type.Literal('paused'),
  Type.Literal('closed')
])
/** Where a sale stands on its timeline (docs/queue.md, "Lifecycle"). */
export const SalePhase = Type.Union(
  [
    Type.Literal('scheduled'),
    Type.Literal('pre_queue'),
    Type.Literal('open'),
    Type.Literal('queueing'),
    Type.Literal('paused'),
    Type.Literal('closed')
  ],
  {
    description:
      'scheduled (joins refused) → pre_queue (joins pre-queued) → open ⇄ queueing (safety-net mode) → closed; paused between'
  }
)
/** A seat's state on the public map. */
export const SeatState = Type.Union([Type.Literal('available'), Type.Literal('held'), Type.Literal('sold')])
/** Where a reservation or claim stands. */
export const RequestStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('confirmed'),
  Type.Literal('failed'),
  Type.Literal('expired'),
  Type.Literal('cancelled')
])

/** Price: minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won). */
export const Price = Type.Integer({
  minimum: 0,
  maximum: 100_000_000,
  description: "minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won)"
})

/** One section of a seated sale, in the order the operator created them (the layout order). */
export const SectionSpec = StrictObject({
  name: Type.String({ pattern: SECTION_NAME.source }),
  rows: Type.Integer({ minimum: 1, maximum: 1000 }),
  seatsPerRow: Type.Integer({ minimum: 1, maximum: 1000 }),
  price: Price
})

/** Seconds after confirmation during which buyers may cancel; 0: not cancellable. */
export const CancelWindowSec = Type.Integer({
  minimum: 0,
  maximum: 31_536_000,
  description: 'seconds after confirmation during which buyers may cancel; 0 (default): not cancellable'
})

/** A sale's admission settings as created. */
export const AdmissionSettingsRequest = StrictObject({
  ratePerSec: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  maxActive: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  accessTtlSec: Type.Integer({ minimum: 10, maximum: 86_400 }),
  safetyNet: Type.Optional(
    Type.Boolean({
      description:
        'arrivals pass straight through while nobody waits and the sale is under maxActive and ratePerSec; the queue forms only past them'
    })
  )
})

/** Most buyers waiting at once (pre-queue included): a new arrival past it is refused, FC_QUEUE_FULL. */
export const MaxWaiting = Type.Integer({ minimum: 1, maximum: 100_000_000 })

/** The proof-of-work setting of a sale: `difficulty` leading zero bits, 0 = off. */
export const ChallengeSetting = StrictObject({ difficulty: Type.Integer({ minimum: 0, maximum: 32 }) })

/** `POST /v1/admin/events` */
export const CreateSaleRequest = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: SaleKind,
  quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
  seats: Type.Optional(StrictObject({ sections: Type.Array(SectionSpec, { minItems: 1, maxItems: 100 }) })),
  perUserLimit: Type.Integer({ minimum: 1, maximum: 100 }),
  holdTtlSec: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
  opensAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  preQueueOpensAt: Type.Optional(
    Type.String({
      format: 'date-time',
      maxLength: 40,
      description: 'before opensAt (which it needs): joins before it are refused, FC_QUEUE_NOT_OPEN'
    })
  ),
  closesAt: Type.Optional(
    Type.String({
      format: 'date-time',
      maxLength: 40,
      description: 'in the future and after opensAt: the sale closes by itself then'
    })
  ),
  maxWaiting: Type.Optional(MaxWaiting),
  admission: AdmissionSettingsRequest,
  challenge: Type.Optional(ChallengeSetting),
  // Checked against ISO 4217 by the sale service, which refuses with FC_UNKNOWN_CURRENCY (a
  // pattern here would answer a plain FC_VALIDATION for "krw" or "XYZ").
  currency: Type.Optional(Type.String({ minLength: 1, maxLength: 16, description: 'ISO 4217, e.g. KRW' })),
  cancelWindowSec: Type.Optional(CancelWindowSec)
})

/** A sale's admission settings, as the operator's API shows them. */
export const AdmissionSettingsView = Type.Object({
  ratePerSec: Type.Integer(),
  maxActive: Type.Integer(),
  accessTtlSec: Type.Integer(),
  paused: Type.Boolean(),
  safetyNet: Type.Optional(Type.Boolean())
})

/** A sale as the operator's API shows it: the answer to `POST /v1/admin/events`, each item of the list. */
export const CreatedSale = Type.Object({
  id: SaleId,
  name: Type.String(),
  kind: SaleKind,
  status: SaleStatus,
  capacity: Type.Integer(),
  perUserLimit: Type.Integer(),
  holdTtlSec: Type.Integer(),
  opensAt: Type.Union([IsoTime, Type.Null()]),
  preQueueOpensAt: Type.Optional(Type.Union([IsoTime, Type.Null()])),
  closesAt: Type.Optional(Type.Union([IsoTime, Type.Null()])),
  maxWaiting: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  phase: Type.Optional(SalePhase),
  admission: AdmissionSettingsView,
  challenge: Type.Object({ difficulty: Type.Integer() }),
  sections: Type.Array(SectionSpec, { description: 'in the order the operator created them' }),
  currency: Currency,
  currencyDigits: CurrencyDigits,
  cancelWindowSec: Type.Integer(),
  createdAt: IsoTime
})

/** `GET /v1/admin/events?status=&limit=` */
export const AdminSaleListQuery = StrictObject({
  status: Type.Optional(SaleStatus),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 })
})
/** `GET /v1/admin/events`: the newest sales first. */
export const AdminSaleList = Type.Object({ events: Type.Array(CreatedSale) })

/** `GET /v1/events/:id`: public info and remaining stock. */
export const PublicSale = Type.Object({
  id: SaleId,
  name: Type.String(),
  kind: SaleKind,
  status: SaleStatus,
  opensAt: Type.Union([IsoTime, Type.Null()]),
  preQueueOpensAt: Type.Optional(Type.Union([IsoTime, Type.Null()])),
  closesAt: Type.Optional(Type.Union([IsoTime, Type.Null()])),
  phase: Type.Optional(SalePhase),
  capacity: Type.Integer(),
  remaining: Type.Integer(),
  perUserLimit: Type.Integer(),
  holdTtlSec: Type.Integer(),
  challenge: Type.Object({ difficulty: Type.Integer() }),
  sections: Type.Array(SectionSpec, {
    description: 'in the order the operator created them (the layout order)'
  }),
  currency: Currency,
  currencyDigits: CurrencyDigits,
  cancelWindowSec: Type.Integer(),
  simulatedPayments: Type.Optional(
    Type.Boolean({
      description: 'true where a confirm may carry `payment.simulate` (development and test profiles)'
    })
  )
})

/** One section of the stats: its seats by state (pending = paid for, booking under way). */
export const SectionStatsView = Type.Object({
  name: Type.String(),
  price: Price,
  capacity: Type.Integer(),
  available: Type.Integer(),
  held: Type.Integer(),
  pending: Type.Integer(),
  sold: Type.Integer()
})

/** `GET /v1/admin/events/:id/stats`; more fields may come (clients must ignore unknown ones). */
export const SaleStatsResponse = Type.Object(
  {
    queue: Type.Object(
      {
        waiting: Type.Integer(),
        admitted: Type.Integer(),
        active: Type.Integer(),
        abandoned: Type.Optional(Type.Integer()),
        finished: Type.Optional(Type.Integer()),
        left: Type.Optional(Type.Integer()),
        frontier: Type.Optional(Type.Integer()),
        closed: Type.Optional(Type.Boolean()),
        passedThrough: Type.Optional(
          Type.Integer({ description: 'safety-net mode: arrivals let straight through, without a wait' })
        )
      },
      { additionalProperties: true }
    ),
    stock: Type.Object({
      capacity: Type.Integer(),
      available: Type.Integer(),
      held: Type.Integer(),
      pending: Type.Integer(),
      confirmed: Type.Integer()
    }),
    dlq: Type.Integer({ description: 'dead letters waiting for the operator' }),
    consumerLag: Type.Integer(),
    ledgerBacklog: Type.Optional(Type.Integer()),
    ledgerDeadLetters: Type.Optional(
      Type.Integer({ description: 'ledger entries PostgreSQL refused (`/v1/admin/ledger-dead-letters`)' })
    ),
    refunds: Type.Optional(
      Type.Object({ due: Type.Integer(), refunded: Type.Integer(), nothingCharged: Type.Integer() })
    ),
    warm: Type.Optional(Type.Boolean()),
    phase: Type.Optional(SalePhase),
    currency: Type.Optional(Currency),
    currencyDigits: Type.Optional(CurrencyDigits),
    sections: Type.Optional(Type.Array(SectionStatsView, { description: '[] for a coupon sale' })),
    revenue: Type.Optional(Type.Integer({ description: 'what the sold seats are worth, minor units' }))
  },
  { additionalProperties: true }
)

/** `PATCH /v1/admin/events/:id/admission` */
export const AdmissionPatchRequest = StrictObject({
  ratePerSec: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  maxActive: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
  accessTtlSec: Type.Optional(Type.Integer({ minimum: 10, maximum: 86_400 })),
  paused: Type.Optional(Type.Boolean()),
  safetyNet: Type.Optional(Type.Boolean())
})
export const AdmissionPatchResponse = Type.Object({ admission: AdmissionSettingsView })

/** `PATCH /v1/admin/events/:id/status` */
export const SaleStatusRequest = StrictObject({
  status: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')])
})
export const SaleStatusResponse = Type.Object({
  id: SaleId,
  status: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')])
})

/** `POST /v1/admin/events/:id/warm` */
export const WarmResponse = Type.Object({ id: SaleId, status: SaleStatus, warm: Type.Literal(true) })

/** One seat of `GET /v1/events/:id/seats`. */
export const SeatView = Type.Object({
  id: SeatId,
  section: Type.String(),
  row: Type.Integer(),
  number: Type.Integer(),
  price: Price,
  state: SeatState
})
/** `GET /v1/events/:id/seats`: every seat, in layout order. */
export const SeatsResponse = Type.Object({ seats: Type.Array(SeatView) })

/** One section of the seat layout, with the index of its first seat in layout order. */
export const LayoutSection = Type.Object({
  name: Type.String(),
  price: Price,
  rows: Type.Integer(),
  seatsPerRow: Type.Integer(),
  offset: Type.Integer({ description: "index of the section's first seat in the states" })
})
/** `GET /v1/events/:id/seats/layout`: the fixed part of the map. */
export const SeatLayout = Type.Object({
  saleId: SaleId,
  currency: Currency,
  seatCount: Type.Integer(),
  sections: Type.Array(LayoutSection)
})

/** `GET /v1/events/:id/seats/state`: one character per seat in layout order (a, h, s). */
export const SeatStateBody = Type.Object({
  saleId: SaleId,
  version: Type.String({ description: 'opaque; send it back as ?version= to the stream' }),
  states: Type.String({ pattern: '^[ahs]*$', description: 'a = available, h = held, s = sold' })
})

/** One character of the seat states: available, held, sold. */
export const SeatCode = Type.Union([Type.Literal('a'), Type.Literal('h'), Type.Literal('s')])

/** The data of a `delta` event of the seat stream: what changed from `from` to `version`. */
export const SeatDelta = Type.Object({
  from: Type.String(),
  version: Type.String(),
  changes: Type.Array(Type.Tuple([Type.Integer(), SeatCode]))
})

/** `?version=` of the seat stream: a version as the server hands it out. */
export const SEAT_MAP_VERSION = '^[0-9A-Za-z._~-]{1,100}$'
export const SeatStreamQuery = Type.Object({
  version: Type.Optional(Type.String({ pattern: SEAT_MAP_VERSION }))
})
