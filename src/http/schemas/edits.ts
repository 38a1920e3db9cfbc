import { Type } from '@sinclair/typebox'
import { SECTION_NAME } from '../../domain/ids.ts'
import { IsoTime, SaleId, SeatId, StrictObject } from './common.ts'
import { CreatedSale, Price, SectionSpec } from './sales.ts'

const SectionName = Type.String({ pattern: SECTION_NAME.source })

/** `PATCH /v1/admin/events/:id`: an edit of a running sale; every field optional, at least one given. */
export const SaleEditRequest = StrictObject({
  perUserLimit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 100,
      description: 'never below what a buyer already holds, has pending or owns (FC_LIMIT_BELOW_OWNED)'
    })
  ),
  holdTtlSec: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 3600, description: 'applies to holds taken from now on' })
  ),
  closesAt: Type.Optional(
    Type.Union([Type.String({ format: 'date-time', maxLength: 40 }), Type.Null()], {
      description: 'moves the planned close (in the future, after opensAt); null removes it'
    })
  ),
  prices: Type.Optional(
    Type.Array(StrictObject({ section: SectionName, price: Price }), {
      minItems: 1,
      maxItems: 100,
      description: "seated sales: a section's new price, for every seat of it not yet booked"
    })
  ),
  quantity: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 10_000_000,
      description: 'coupon sales: units for sale, never below held + pending + sold (FC_CAPACITY_BELOW_TAKEN)'
    })
  ),
  addSections: Type.Optional(
    Type.Array(SectionSpec, { minItems: 1, maxItems: 100, description: 'seated sales: new sections' })
  ),
  addRows: Type.Optional(
    Type.Array(StrictObject({ section: SectionName, rows: Type.Integer({ minimum: 1, maximum: 1000 }) }), {
      minItems: 1,
      maxItems: 100,
      description: "seated sales: rows added behind a section's last row (its seats per row and price)"
    })
  ),
  withdrawSeats: Type.Optional(
    Type.Array(SeatId, {
      minItems: 1,
      maxItems: 10_000,
      description:
        'seated sales: a free seat goes now, a held or pending one when its hold ends, a sold one is refused'
    })
  ),
  withdrawSections: Type.Optional(
    Type.Array(SectionName, {
      minItems: 1,
      maxItems: 100,
      description: 'seated sales: every seat of the section still in the sale, as withdrawSeats'
    })
  )
})

/** One accepted edit, as the audit log keeps it. */
export const AuditEntryView = Type.Object({
  id: Type.String({ description: 'increasing with time; page with ?before=' }),
  saleId: SaleId,
  actor: Type.String({ description: "the admin token's subject" }),
  action: Type.Union([Type.Literal('edit'), Type.Literal('admission'), Type.Literal('status')]),
  before: Type.Record(Type.String(), Type.Unknown(), { description: 'the changed fields as they were' }),
  after: Type.Record(Type.String(), Type.Unknown(), { description: 'the changed fields as they are' }),
  at: IsoTime
})

/** The answer to `PATCH /v1/admin/events/:id`. */
export const SaleEditResponse = Type.Object({
  sale: CreatedSale,
  audit: AuditEntryView,
  withdrawn: Type.Object({
    now: Type.Integer({ description: 'withdrawn seats that were free: gone' }),
    later: Type.Integer({ description: 'withdrawn seats held or pending: gone when their hold ends' })
  })
})

/** `GET /v1/admin/events/:id/audit?limit=&before=` */
export const AuditQuery = StrictObject({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  before: Type.Optional(
    Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'an entry id: the entries before it' })
  )
})

/** A page of a sale's audit log, newest first; `next` is the `before` of the next page (null: the last). */
export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntryView),
  next: Type.Union([Type.String(), Type.Null()])
})
