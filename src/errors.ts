/**
 * The one error catalogue. Every refusal firstcome makes has a stable `code`, an HTTP status and a
 * message a client can show. `docs/errors.md` documents the same list; a test keeps the two in sync.
 * The failures that stop a command instead are further down ({@link operationalErrorCatalogue}).
 */
export const errorCatalogue = {
  FC_VALIDATION: { status: 400, message: 'The request is not valid', canRetry: false },
  FC_UNKNOWN_CURRENCY: {
    status: 400,
    message: 'This is not an ISO 4217 currency code firstcome knows (three upper-case letters, e.g. KRW)',
    canRetry: false
  },
  FC_UNAUTHORIZED: { status: 401, message: 'A valid bearer token is required', canRetry: false },
  FC_SIGNATURE_INVALID: {
    status: 401,
    message: 'This callback is not signed by the payment provider, or its signature is too old',
    canRetry: false
  },
  FC_FORBIDDEN: { status: 403, message: 'You may not do this', canRetry: false },
  FC_NOT_ADMITTED: { status: 403, message: 'You have not been admitted to this sale yet', canRetry: false },
  FC_BLOCKED: {
    status: 403,
    message: 'This client is blocked for a while',
    canRetry: true
  },
  FC_CHALLENGE_INVALID: {
    status: 403,
    message: 'A valid, unused proof-of-work solution is required',
    canRetry: false
  },
  FC_ACCESS_DENIED: {
    status: 403,
    message: 'This sale is not open to you: it needs an invitation or a presale code',
    canRetry: false
  },
  FC_CODE_INVALID: { status: 403, message: 'This code is not valid for this sale', canRetry: false },
  FC_NOT_FOUND: { status: 404, message: 'Not found', canRetry: false },
  FC_SOLD_OUT: { status: 409, message: 'Sold out', canRetry: false },
  FC_SEAT_TAKEN: { status: 409, message: 'This seat is taken', canRetry: false },
  FC_NO_SEATS_TOGETHER: {
    status: 409,
    message: 'No block of that many seats side by side is left in this section',
    canRetry: false
  },
  FC_LIMIT_REACHED: {
    status: 409,
    message: 'You have reached the per-user limit for this sale',
    canRetry: false
  },
  FC_CODE_USED: { status: 409, message: 'This code has already been used', canRetry: false },
  FC_NOT_OPEN: { status: 409, message: 'This sale is not open', canRetry: true },
  FC_QUEUE_NOT_OPEN: {
    status: 409,
    message: "This sale's waiting room is not open yet: join from its preQueueOpensAt",
    canRetry: true
  },
  FC_QUEUE_FULL: {
    status: 409,
    message: "This sale's waiting room is full: no new place can be taken now",
    canRetry: true
  },
  FC_SALE_CLOSED: {
    status: 409,
    message: 'This sale is closed: holds can no longer be extended or paid for',
    canRetry: false
  },
  FC_EXTEND_LIMIT: { status: 409, message: 'This hold cannot be extended any further', canRetry: false },
  FC_INVALID_STATE: {
    status: 409,
    message: 'This is no longer possible in the current state',
    canRetry: false
  },
  FC_SALE_LIVE: {
    status: 409,
    message: 'Redis holds this sale live: reconcile it instead of warming it',
    canRetry: false
  },
  FC_NOT_CANCELLABLE: {
    status: 409,
    message: 'This booking cannot be cancelled: it is not confirmed, or its sale does not allow cancelling',
    canRetry: false
  },
  FC_CANCEL_WINDOW_CLOSED: {
    status: 409,
    message: "This booking's cancellation window has passed",
    canRetry: false
  },
  FC_SALE_NOT_EDITABLE: {
    status: 409,
    message: 'Only an open or paused sale can be edited',
    canRetry: false
  },
  FC_LIMIT_BELOW_OWNED: {
    status: 409,
    message: 'A buyer already holds or owns more units than this per-user limit',
    canRetry: false
  },
  FC_CAPACITY_BELOW_TAKEN: {
    status: 409,
    message: 'More units are held, pending or sold than this quantity',
    canRetry: false
  },
  FC_SEAT_SOLD: { status: 409, message: 'A sold seat cannot be withdrawn', canRetry: false },
  FC_HOLD_EXPIRED: { status: 410, message: 'Your hold has expired', canRetry: false },
  FC_PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large', canRetry: false },
  FC_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json', canRetry: false },
  FC_IDEMPOTENCY_MISMATCH: {
    status: 422,
    message: 'This Idempotency-Key was used with a different request',
    canRetry: false
  },
  FC_WEBHOOK_TARGET_REFUSED: {
    status: 422,
    message:
      'This webhook URL resolves to an address firstcome does not call (loopback, private, link-local or reserved)',
    canRetry: false
  },
  FC_RATE_LIMITED: { status: 429, message: 'Too many requests: slow down', canRetry: true },
  FC_CODE_RATE_LIMITED: {
    status: 429,
    message: 'Too many wrong codes: wait before trying again',
    canRetry: true
  },
  FC_TOO_MANY_STREAMS: {
    status: 429,
    message: 'Too many open streams: close one, or retry later',
    canRetry: true
  },
  FC_INTERNAL: { status: 500, message: 'Something went wrong on our side', canRetry: true },
  FC_RESPONSE_SCHEMA: {
    status: 500,
    message: 'The answer did not match the schema its route declares',
    canRetry: false
  },
  FC_UNAVAILABLE: {
    status: 503,
    message: 'The service is temporarily unavailable: try again',
    canRetry: true
  },
  FC_OVERLOADED: {
    status: 503,
    message: 'The service is overloaded: try again shortly',
    canRetry: true
  }
} as const

export type ErrorCode = keyof typeof errorCatalogue

/** The JSON body of every error response. */
export interface ErrorBody {
  statusCode: number
  code: ErrorCode
  error: string
  message: string
  details?: unknown
}

/** The base of every error firstcome raises on purpose. */
export class FcError extends Error {
  readonly code: ErrorCode
  readonly statusCode: number
  readonly canRetry: boolean
  readonly details: unknown
  /** Seconds after which a retry may succeed (429 and 503 answers carry it as Retry-After). */
  readonly retryAfterSec: number | undefined

  constructor(
    code: ErrorCode,
    message?: string,
    options: { cause?: unknown; details?: unknown; retryAfterSec?: number } = {}
  ) {
    const entry = errorCatalogue[code]
    super(message ?? entry.message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'FcError'
    this.code = code
    this.statusCode = entry.status
    this.canRetry = entry.canRetry
    this.details = options.details
    this.retryAfterSec = options.retryAfterSec
  }

  toBody(): ErrorBody {
    const body: ErrorBody = {
      statusCode: this.statusCode,
      code: this.code,
      error: httpReason(this.statusCode),
      message: this.message
    }
    if (this.details !== undefined) body.details = this.details
    return body
  }
}

/** True when `err` is an {@link FcError} with one of the given codes (or any code when none given). */
export function isFcError(err: unknown, ...codes: ErrorCode[]): err is FcError {
  return err instanceof FcError && (codes.length === 0 || codes.includes(err.code))
}

/**
 * The rest of the catalogue: failures that are not an answer to a request but stop a command (a
 * process that cannot start, a tool that cannot run) or a step of the booking pipeline. They never
 * reach a client, so they have no HTTP status; like {@link FcError} they carry a stable `code` and
 * `canRetry` (whether doing the same again, unchanged, can succeed: the pipeline's consumers retry
 * only those that can). `docs/errors.md` lists them in its second table.
 */
export const operationalErrorCatalogue = {
  FC_CONFIG_INVALID: { message: 'The configuration cannot be used', canRetry: false },
  FC_MIGRATION_FAILED: {
    message: 'The database migrations could not be applied',
    canRetry: false
  },
  FC_STACK_FAILED: {
    message: 'A service of the local stack could not be reused or started',
    canRetry: false
  },
  FC_LAB_OPTION: { message: 'An option of the strategy lab is not valid', canRetry: false },
  FC_INVENTORY_NOT_READY: {
    message: "The sale's inventory is not loaded in Redis (a re-warm is pending)",
    canRetry: true
  },
  FC_PUBLISH_DEADLINE: { message: 'Kafka did not acknowledge a publish in time', canRetry: true }
} as const

export type OperationalErrorCode = keyof typeof operationalErrorCatalogue

/** The base of the errors of {@link operationalErrorCatalogue}: a code and `canRetry`, no HTTP status. */
export class OperationalError extends Error {
  readonly code: OperationalErrorCode
  readonly canRetry: boolean

  constructor(code: OperationalErrorCode, message?: string, options: { cause?: unknown } = {}) {
    const entry = operationalErrorCatalogue[code]
    super(message ?? entry.message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'OperationalError'
    this.code = code
    this.canRetry = entry.canRetry
  }
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable'
}

export function httpReason(status: number): string {
  return reasons[status] ?? 'Error'
}
