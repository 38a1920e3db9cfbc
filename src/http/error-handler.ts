import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify'
import { type ErrorBody, type ErrorCode, errorCatalogue, FcError, httpReason } from '../errors.ts'
import { refusalCodes } from './purchase-metrics.ts'
import { API_CSP } from './security.ts'

/**
 * Turns anything thrown inside a request into the one error shape `{statusCode, code, error,
 * message, details?}`. Only FcError messages and fastify's own 4xx messages reach the client:
 * an unexpected error's message may hold internals (SQL, hostnames), so the client gets the
 * catalogue's generic text and the log gets the rest under the request id.
 */

/** What a failed request answers, before it is written. */
export interface ErrorReply {
  body: ErrorBody
  /** Seconds for the Retry-After header, when a retry may succeed later. */
  retryAfterSec?: number
  /** True when the failure is ours (5xx): logged as an error with its stack. */
  internal: boolean
}

/** A validation problem in one field, as listed in `details`. */
export interface FieldProblem {
  path: string
  message: string
}

// Fastify's own 4xx errors whose code deserves a firstcome message of its own.
const frameworkErrors: Record<string, { code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'FC_PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'FC_UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'FC_VALIDATION', message: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'FC_VALIDATION', message: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'FC_VALIDATION',
    message: 'The body length does not match Content-Length'
  },
  FST_ERR_BAD_URL: { code: 'FC_VALIDATION', message: 'The URL is not valid' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'FC_VALIDATION', message: 'A URL parameter is too long' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'FC_INTERNAL' }
}

const byStatus: Record<number, ErrorCode> = {
  400: 'FC_VALIDATION',
  401: 'FC_UNAUTHORIZED',
  403: 'FC_FORBIDDEN',
  404: 'FC_NOT_FOUND',
  413: 'FC_PAYLOAD_TOO_LARGE',
  415: 'FC_UNSUPPORTED_MEDIA_TYPE',
  429: 'FC_RATE_LIMITED',
  503: 'FC_UNAVAILABLE'
}

/** Codes a client should retry after a pause even when the thrower named no delay. */
const DEFAULT_RETRY_AFTER_SEC: Partial<Record<ErrorCode, number>> = { FC_RATE_LIMITED: 1, FC_UNAVAILABLE: 1 }

function bodyOf(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  const status = errorCatalogue[code].status
  const body: ErrorBody = {
    statusCode: status,
    code,
    error: httpReason(status),
    message: message ?? errorCatalogue[code].message
  }
  if (details !== undefined) body.details = details
  return body
}

function withRetry(body: ErrorBody, retryAfterSec: number | undefined, internal: boolean): ErrorReply {
  const retry = retryAfterSec ?? DEFAULT_RETRY_AFTER_SEC[body.code]
  return retry === undefined
    ? { body, internal }
    : { body, internal, retryAfterSec: Math.max(1, Math.ceil(retry)) }
}

function isFastifyError(err: unknown): err is FastifyError {
  return err instanceof Error && ('code' in err || 'statusCode' in err || 'validation' in err)
}

/**
 * 5xx answers that are decisions, not faults: an overload refusal is counted in
 * `firstcome_shed_total`, and logging each one at error (with its stack) would make an overloaded
 * process busier still.
 */
const PLANNED = new Set<ErrorCode>(['FC_OVERLOADED'])

/** Maps any thrown value to the reply it deserves. */
export function toErrorReply(err: unknown): ErrorReply {
  if (err instanceof FcError) {
    // FC_RESPONSE_SCHEMA says what did not match: it exists only where the check runs (never production).
    if (
      err.statusCode >= 500 &&
      err.code !== 'FC_UNAVAILABLE' &&
      err.code !== 'FC_RESPONSE_SCHEMA' &&
      !PLANNED.has(err.code)
    ) {
      // An FC_INTERNAL raised on purpose may still describe internals in its message.
      return withRetry(bodyOf(err.code), err.retryAfterSec, true)
    }
    return withRetry(err.toBody(), err.retryAfterSec, err.statusCode >= 500 && !PLANNED.has(err.code))
  }
  if (isFastifyError(err)) {
    if (Array.isArray(err.validation)) {
      const { message, details } = describeValidation(err.validationContext, err.validation)
      return withRetry(bodyOf('FC_VALIDATION', message, details), undefined, false)
    }
    const known = typeof err.code === 'string' ? frameworkErrors[err.code] : undefined
    if (known) return withRetry(bodyOf(known.code, known.message), undefined, known.code === 'FC_INTERNAL')
    const status = err.statusCode
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Fastify's own 4xx messages are written for clients; anyone else's may not be.
      const ownMessage = typeof err.code === 'string' && err.code.startsWith('FST_') ? err.message : undefined
      return withRetry(bodyOf(byStatus[status] ?? 'FC_VALIDATION', ownMessage), undefined, false)
    }
    if (status === 503) return withRetry(bodyOf('FC_UNAVAILABLE'), undefined, true)
  }
  return withRetry(bodyOf('FC_INTERNAL'), undefined, true)
}

const MAX_PATH = 96

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

function fieldPath(context: string | undefined, instancePath: string, extra: unknown): string {
  const segments = instancePath === '' ? [] : instancePath.split('/').slice(1).map(unescapePointer)
  if (typeof extra === 'string') segments.push(extra)
  let path = context ?? 'body'
  for (const s of segments) path += /^\d+$/.test(s) ? `[${s}]` : `.${s}`
  // Field names come from the client: bound what we echo back.
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path
}

function describe(error: FastifySchemaValidationError, all: FastifySchemaValidationError[]): string {
  const p = error.params
  switch (error.keyword) {
    case 'required':
      return 'is required'
    case 'additionalProperties':
      return 'is not an allowed field'
    case 'pattern':
      return 'has an invalid format'
    case 'format':
      return `must be a valid ${String(p.format)}`
    case 'anyOf': {
      // TypeBox unions of literals compile to anyOf/const: list the allowed values instead.
      const allowed = all
        .filter((e) => e.keyword === 'const' && e.instancePath === error.instancePath)
        .map((e) => String(e.params.allowedValue))
      return allowed.length > 0 ? `must be one of: ${allowed.join(', ')}` : 'does not match any allowed form'
    }
    default:
      return error.message ?? 'is not valid'
  }
}

/** A short message naming the offending field, and the field problems for `details`. */
export function describeValidation(
  context: string | undefined,
  errors: FastifySchemaValidationError[]
): { message: string; details: FieldProblem[] } {
  // With allErrors off ajv stops at the first failure; for an anyOf it reports each branch first
  // and the anyOf itself last, and the last one is the one that speaks about the whole field.
  const last = errors[errors.length - 1]
  const primary = last?.keyword === 'anyOf' ? last : errors[0]
  if (!primary) return { message: 'The request is not valid', details: [] }
  const path = fieldPath(
    context,
    primary.instancePath,
    primary.params.missingProperty ?? primary.params.additionalProperty
  )
  const message = `${path} ${describe(primary, errors)}`
  return { message, details: [{ path, message }] }
}

/**
 * An error answer as raw HTTP/1.1 text, for the places that answer on the socket itself, before
 * or without fastify (an unreadable request, a connection over the cap): the same body shape and
 * security headers as every other answer, and `Connection: close`.
 */
export function rawErrorResponse(code: ErrorCode, message: string, retryAfterSec?: number): string {
  const status = errorCatalogue[code].status
  const body = JSON.stringify({ statusCode: status, code, error: httpReason(status), message })
  return (
    `HTTP/1.1 ${status} ${httpReason(status)}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    (retryAfterSec === undefined ? '' : `Retry-After: ${retryAfterSec}\r\n`) +
    `X-Content-Type-Options: nosniff\r\nContent-Security-Policy: ${API_CSP}\r\n` +
    `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`
  )
}

/** Writes an error reply (status, Retry-After, JSON body). Used by the error and not-found handlers. */
export function sendErrorReply(reply: FastifyReply, result: ErrorReply): FastifyReply {
  refusalCodes.set(reply, result.body.code)
  reply.code(result.body.statusCode).type('application/json; charset=utf-8')
  if (result.retryAfterSec !== undefined) reply.header('retry-after', String(result.retryAfterSec))
  return reply.send(result.body)
}

/** The fastify error handler: one shape for every failure, internals only in the log. */
export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const result = toErrorReply(err)
  if (reply.sent || reply.raw.headersSent) {
    // A stream (SSE) failed after its headers went out: nothing can be answered any more.
    req.log.error({ err }, 'request failed after the response started')
    reply.raw.destroy()
    return
  }
  if (result.internal) {
    req.log.error({ err, code: result.body.code }, 'request failed')
  } else {
    // Refusals are routine (a sold-out sale answers thousands of 409s): keep them out of info logs.
    req.log.debug({ code: result.body.code, statusCode: result.body.statusCode }, result.body.message)
  }
  sendErrorReply(reply, result)
}

/** Unknown routes answer 404 FC_NOT_FOUND in the same shape as every other error. */
export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): void {
  const path = req.url.split('?')[0] ?? ''
  const shown = path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path
  sendErrorReply(reply, {
    body: bodyOf('FC_NOT_FOUND', `No route ${req.method} ${shown}`),
    internal: false
  })
}
