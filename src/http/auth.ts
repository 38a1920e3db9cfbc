import { webcrypto } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose'
import type { Config } from '../config/index.ts'
import { FcError } from '../errors.ts'
import {
  DevTokenRequest,
  DevTokenResponse,
  errorResponses,
  PUBLIC_ROUTE,
  USER_ID_PATTERN,
  WITH_BODY
} from './schemas.ts'

/** What a caller may do: admins manage sales, buyers buy. */
export type Role = 'admin' | 'buyer'

/** The authenticated caller, set on `request.user` by {@link authenticate}. */
export interface AuthUser {
  /** The token's `sub`. */
  id: string
  role: Role
  /**
   * The token's `email` claim, when it has one (and does not say `email_verified: false`): the
   * access rules match it against a sale's allowlist of e-mail hashes.
   */
  email?: string
}

/** Checks a bearer token and returns its user, or throws FC_UNAUTHORIZED (FC_UNAVAILABLE when the key set can't be fetched). */
export interface TokenVerifier {
  verify(token: string): Promise<AuthUser>
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, once {@link authenticate} has run; null before. */
    user: AuthUser | null
  }
  interface FastifyInstance {
    tokenVerifier: TokenVerifier
  }
}

/** Verified bearer tokens kept in memory per process. */
const VERIFIED_CACHE_SIZE = 100_000

/** Dev tokens live half a day (or the oldest token age allowed, if less): one working session. */
export const DEV_TOKEN_TTL_SEC = 12 * 3600
// How often an unknown `kid` may make us fetch the key set again: a flood of made-up kids must
// not become a flood of requests to the identity provider.
const JWKS_COOLDOWN_MS = 30_000
// Clocks of the token issuer and of this host may differ by a few seconds; no more is forgiven.
const CLOCK_TOLERANCE_SEC = 5
// A JWT is a few hundred bytes; refusing huge headers early keeps parsing cheap under attack.
const MAX_TOKEN_LENGTH = 4096
const USER_ID = new RegExp(USER_ID_PATTERN)
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i

function unauthorized(message = 'A valid bearer token is required', cause?: unknown): FcError {
  return new FcError('FC_UNAUTHORIZED', message, { cause })
}

/** True when the token's claims grant admin: the configured claim is the value, or a list holding it. */
export function isAdminClaim(payload: Record<string, unknown>, auth: Config['auth']): boolean {
  const v = payload[auth.adminClaim]
  return v === auth.adminValue || (Array.isArray(v) && v.includes(auth.adminValue))
}

/**
 * Builds the verifier for the configured keys: HS256 with the shared secret and/or RS256/ES256
 * with keys from the JWKS URL. Each algorithm is only accepted with its own key source, so a token
 * can't pick an algorithm the operator did not configure (no `alg: none`, no RS/HS confusion).
 *
 * Policy: `aud` must match, `exp` and `iat` are required, a token older than `maxAgeSec` (from its
 * `iat`) is refused whatever its `exp`, and `iss` must match when `issuer` is set. A key removed
 * from the key set stops working within `jwksMaxAgeSec`: the set is fetched again after half that
 * (jose's `cacheMaxAge`), and a token it verified is trusted from memory for at most the other half.
 */
export function createTokenVerifier(auth: Config['auth']): TokenVerifier {
  const secret = auth.jwtSecret === '' ? undefined : new TextEncoder().encode(auth.jwtSecret)
  const jwksTrustMs = (auth.jwksMaxAgeSec * 1000) / 2
  const jwks =
    auth.jwksUrl === ''
      ? undefined
      : createRemoteJWKSet(new URL(auth.jwksUrl), {
          timeoutDuration: 3000,
          cacheMaxAge: jwksTrustMs,
          cooldownDuration: Math.min(JWKS_COOLDOWN_MS, jwksTrustMs)
        })
  const algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ['RS256', 'ES256'] : [])]
  // Imported once: handing jose the raw secret made it import the key again on every verify.
  let hmacKey: Promise<webcrypto.CryptoKey> | undefined
  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256' && secret) {
      hmacKey ??= webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
        'verify'
      ])
      return hmacKey
    }
    if (jwks) return jwks(header, token)
    throw new errors.JOSEAlgNotAllowed('no key for this algorithm')
  }

  // Verified tokens, until they expire or grow too old (and, for a key-set token, no longer than
  // the key set itself is trusted). A buyer sends the same bearer token with every request;
  // verifying it each time was a third of the hold path's CPU (jose goes through WebCrypto). Only
  // tokens that verified are cached, so a forged one always pays the full check. Map order is
  // insertion order: the oldest entry goes first when the cache is full.
  const verified = new Map<string, { user: AuthUser; expMs: number }>()

  return {
    async verify(token) {
      const hit = verified.get(token)
      if (hit) {
        if (hit.expMs > Date.now()) return hit.user
        verified.delete(token)
      }
      let payload: Record<string, unknown>
      let fromKeySet: boolean
      try {
        const result = await jwtVerify(token, getKey, {
          algorithms,
          audience: auth.audience,
          ...(auth.issuer === '' ? {} : { issuer: auth.issuer }),
          maxTokenAge: auth.maxAgeSec,
          clockTolerance: CLOCK_TOLERANCE_SEC,
          requiredClaims: ['sub', 'exp', 'iat']
        })
        payload = result.payload
        fromKeySet = result.protectedHeader.alg !== 'HS256'
      } catch (err) {
        throw toAuthError(err)
      }
      const sub = payload.sub
      if (typeof sub !== 'string' || !USER_ID.test(sub))
        throw unauthorized('The bearer token has no valid subject')
      // Only the configured admin claim grants admin; anything else is a buyer.
      const user: AuthUser = { id: sub, role: isAdminClaim(payload, auth) ? 'admin' : 'buyer' }
      const email = payload.email
      if (typeof email === 'string' && email.length <= 254 && payload.email_verified !== false)
        user.email = email
      const expMs = Math.min(
        Number(payload.exp) * 1000,
        (Number(payload.iat) + auth.maxAgeSec) * 1000,
        fromKeySet ? Date.now() + jwksTrustMs : Number.POSITIVE_INFINITY
      )
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string)
      verified.set(token, { user, expMs })
      return user
    }
  }
}

function toAuthError(err: unknown): FcError {
  if (err instanceof errors.JWTExpired) {
    return err.claim === 'iat'
      ? unauthorized('The bearer token is too old: get a new one', err)
      : unauthorized('The bearer token has expired', err)
  }
  if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'aud') {
    return unauthorized('The bearer token is not meant for this service', err)
  }
  if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'iss') {
    return unauthorized('The bearer token was not issued by the expected issuer', err)
  }
  if (err instanceof errors.JWKSNoMatchingKey) return unauthorized('The bearer token is not valid', err)
  // The key set could not be fetched or read: the token may be fine, the outage is ours.
  if (
    err instanceof errors.JWKSTimeout ||
    err instanceof errors.JWKSInvalid ||
    !(err instanceof errors.JOSEError) ||
    err.code === 'ERR_JOSE_GENERIC'
  ) {
    return new FcError('FC_UNAVAILABLE', 'The token keys cannot be fetched: try again', {
      cause: err,
      retryAfterSec: 2
    })
  }
  return unauthorized('The bearer token is not valid', err)
}

/** The token in an `Authorization: Bearer <JWT>` header, or a 401. */
export function bearerToken(header: string | undefined): string {
  if (header === undefined || header === '') throw unauthorized()
  if (header.length > MAX_TOKEN_LENGTH) throw unauthorized('The bearer token is not valid')
  const token = BEARER.exec(header)?.[1]
  if (token === undefined) throw unauthorized('Send the token as: Authorization: Bearer <token>')
  return token
}

/**
 * Signs an HS256 token for `userId` with the configured secret, audience and issuer (the dev token
 * endpoint uses it; so do tests). An admin's carries the configured admin claim. `ttlSec` defaults
 * to 12 hours, or the oldest token age allowed when that is less.
 */
export async function signDevToken(
  config: Config,
  userId: string,
  role: Role = 'buyer',
  options: { ttlSec?: number; email?: string } = {}
): Promise<string> {
  if (config.auth.jwtSecret === '') throw new Error('signDevToken needs FC_JWT_SECRET')
  const now = Math.floor(Date.now() / 1000)
  const claims: Record<string, unknown> = { role }
  if (role === 'admin') claims[config.auth.adminClaim] = config.auth.adminValue
  if (options.email !== undefined) claims.email = options.email
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setAudience(config.auth.audience)
    .setIssuer(config.auth.issuer === '' ? 'firstcome-dev' : config.auth.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSec ?? Math.min(DEV_TOKEN_TTL_SEC, config.auth.maxAgeSec)))
    .sign(new TextEncoder().encode(config.auth.jwtSecret))
}

/**
 * Verifies the bearer token and sets `request.user`. Use it as an `onRequest` hook (or preHandler):
 * as `onRequest` it refuses strangers before their body is even read.
 */
export async function authenticate(req: FastifyRequest, reply?: FastifyReply): Promise<void> {
  if (req.user) return
  try {
    req.user = await req.server.tokenVerifier.verify(bearerToken(req.headers.authorization))
  } catch (err) {
    // RFC 6750: a 401 names the scheme it wants.
    if (reply && err instanceof FcError && err.code === 'FC_UNAUTHORIZED') {
      reply.header('www-authenticate', 'Bearer realm="firstcome", error="invalid_token"')
    }
    throw err
  }
}

/** Like {@link authenticate}, then refuses anyone but an admin with 403 FC_FORBIDDEN. */
export async function requireAdmin(req: FastifyRequest, reply?: FastifyReply): Promise<void> {
  await authenticate(req, reply)
  if (req.user?.role !== 'admin') throw new FcError('FC_FORBIDDEN', 'This needs an admin token')
}

/** The caller of a route guarded by {@link authenticate}; a 401 if the guard was forgotten. */
export function currentUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw unauthorized()
  return req.user
}

function devTokenRoute(app: FastifyInstance, config: Config): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/v1/dev/token',
    {
      schema: {
        summary: 'Mint a bearer token (development only: FC_DEV_AUTH=1)',
        tags: ['auth'],
        body: DevTokenRequest,
        response: { 200: DevTokenResponse, ...errorResponses(PUBLIC_ROUTE, WITH_BODY) }
      }
    },
    async (req) => ({ token: await signDevToken(config, req.body.userId, req.body.role ?? 'buyer') })
  )
}

/** Options of {@link authPlugin}. */
export interface AuthPluginOptions {
  config: Config
}

const auth: FastifyPluginAsync<AuthPluginOptions> = async (app, { config }) => {
  app.decorate('tokenVerifier', createTokenVerifier(config.auth))
  app.decorateRequest('user', null)
  if (config.auth.devAuth) {
    if (config.auth.jwtSecret === '') {
      throw new Error('FC_DEV_AUTH=1 needs FC_JWT_SECRET: dev tokens are signed with it')
    }
    // Only registered when enabled: otherwise the path does not exist at all and answers 404.
    devTokenRoute(app, config)
  }
}

/**
 * Bearer-token authentication: decorates the app with the verifier and `request.user`, and, only
 * when `config.auth.devAuth` is on, adds `POST /v1/dev/token {userId, role?} -> {token}`.
 */
export const authPlugin = fp(auth, { name: 'firstcome-auth', fastify: '5.x' })
