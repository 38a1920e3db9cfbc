import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { AccessPhase, AccessRules, CodeUsage } from '../../domain/access-ports.ts'
import { type AccessService, modeAt } from '../../services/access/access-service.ts'
import { authenticate, currentUser, requireAdmin } from '../auth.ts'
import {
  AccessInfoResponse,
  AccessRulesRequest,
  AccessRulesResponse,
  ADMIN,
  AllowlistRequest,
  AllowlistResponse,
  BEARER,
  CodeUsageResponse,
  errorResponses,
  GenerateCodesRequest,
  GenerateCodesResponse,
  NAMES_SALE,
  PUBLIC_ROUTE,
  RedeemRequest,
  RedeemResponse,
  SaleIdParam,
  WITH_BODY
} from '../schemas.ts'
import { addressKey, clientAddress } from '../traffic-guard.ts'

const tags = ['access']
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

function rulesView(rules: AccessRules) {
  return {
    mode: rules.mode,
    current: modeAt(rules, Date.now()),
    phases: rules.phases.map((p) => ({
      name: p.name,
      access: p.access,
      startsAt: new Date(p.startsAt).toISOString(),
      endsAt: iso(p.endsAt),
      units: p.units
    }))
  }
}

/** Codes grouped by batch, with their uses: what the console shows. */
function usageView(codes: readonly CodeUsage[]) {
  const batches = new Map<string, CodeUsage[]>()
  for (const c of codes) batches.set(c.batchId, [...(batches.get(c.batchId) ?? []), c])
  return {
    total: codes.length,
    redeemed: codes.reduce((n, c) => n + c.uses, 0),
    batches: [...batches.values()].map((list) => {
      const first = list[0] as CodeUsage
      return {
        batchId: first.batchId,
        kind: first.kind,
        codes: list.length,
        maxUses: first.maxUses,
        uses: list.reduce((n, c) => n + c.uses, 0),
        usedUp: list.filter((c) => c.uses >= c.maxUses).length,
        perUserLimit: first.perUserLimit,
        startsAt: iso(first.startsAt),
        endsAt: iso(first.endsAt),
        createdAt: new Date(first.createdAt).toISOString()
      }
    })
  }
}

/**
 * The address a code guess is counted against: the client's (IPv6 by its /64), or '' when
 * addresses are not counted (FC_IP_LIMITS=0: everyone arrives from one proxy or from loopback).
 */
export function guessAddress(req: FastifyRequest, ipLimits: boolean): string {
  return ipLimits ? addressKey(clientAddress(req)) : ''
}

/** The operator's access rules: mode and phases, the allowlist, code batches and their usage. */
export function accessAdminRoutes(access: AccessService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)

    app.get(
      '/v1/admin/events/:id/access',
      {
        schema: {
          summary: "A sale's access rules",
          tags,
          params: SaleIdParam,
          response: { 200: AccessRulesResponse, ...errorResponses(ADMIN, NAMES_SALE) }
        }
      },
      async (req) => rulesView(await access.rules(req.params.id))
    )

    app.put(
      '/v1/admin/events/:id/access',
      {
        schema: {
          summary: "Set a sale's access mode, or its phases",
          description:
            'Phases `[{name, access, startsAt, endsAt?, units?}]` in order; only the first may set `units`: it sells ' +
            'at most that many until the next phase starts, when what it left rolls into the next.',
          tags,
          params: SaleIdParam,
          body: AccessRulesRequest,
          response: { 200: AccessRulesResponse, ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE) }
        }
      },
      async (req) => {
        const phases: AccessPhase[] = (req.body.phases ?? []).map((p) => ({
          name: p.name,
          access: p.access,
          startsAt: Date.parse(p.startsAt),
          endsAt: p.endsAt ? Date.parse(p.endsAt) : null,
          units: p.units ?? null
        }))
        return rulesView(await access.setRules(req.params.id, { mode: req.body.mode, phases }))
      }
    )

    app.post(
      '/v1/admin/events/:id/access/allowlist',
      {
        schema: {
          summary: 'Add user ids and e-mail addresses (or their SHA-256) to the allowlist',
          tags,
          params: SaleIdParam,
          body: AllowlistRequest,
          response: { 200: AllowlistResponse, ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE) }
        }
      },
      async (req) => ({ added: await access.allow(req.params.id, req.body) })
    )

    app.post(
      '/v1/admin/events/:id/access/codes',
      {
        schema: {
          summary: 'Generate presale or VIP codes (answered in plain text this once)',
          tags,
          params: SaleIdParam,
          body: GenerateCodesRequest,
          response: { 201: GenerateCodesResponse, ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE) }
        }
      },
      async (req, reply) => {
        const b = req.body
        const out = await access.generate(req.params.id, {
          count: b.count,
          kind: b.kind ?? 'presale',
          maxUses: b.maxUses ?? 1,
          perUserLimit: b.perUserLimit,
          startsAt: b.startsAt === undefined ? undefined : Date.parse(b.startsAt),
          endsAt: b.endsAt === undefined ? undefined : Date.parse(b.endsAt)
        })
        reply.code(201)
        return out
      }
    )

    app.get(
      '/v1/admin/events/:id/access/codes',
      {
        schema: {
          summary: 'Code batches and their usage',
          tags,
          params: SaleIdParam,
          response: { 200: CodeUsageResponse, ...errorResponses(ADMIN, NAMES_SALE) }
        }
      },
      async (req) => usageView(await access.usage(req.params.id))
    )
  }
}

/** The buyer's side: what a sale asks for, and redeeming a code. */
export function accessBuyerRoutes(
  access: AccessService,
  options: { ipLimits: boolean }
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/events/:id/access',
      {
        schema: {
          summary: 'What this sale asks of a buyer to join (a presale code?)',
          tags,
          params: SaleIdParam,
          response: { 200: AccessInfoResponse, ...errorResponses(PUBLIC_ROUTE, NAMES_SALE) }
        }
      },
      async (req) => {
        const rules = await access.rules(req.params.id)
        const now = Date.now()
        const mode = modeAt(rules, now)
        const phase = [...rules.phases].reverse().find((p) => p.startsAt <= now) ?? rules.phases[0]
        return { mode, needsCode: mode === 'codes', phase: phase?.name ?? null }
      }
    )

    app.post(
      '/v1/events/:id/access',
      {
        onRequest: authenticate,
        schema: {
          summary: 'Redeem a presale or VIP code',
          description:
            'Binds the code to the caller (one code per buyer per sale). A VIP code admits at once: the answer ' +
            'carries the access token. Unknown codes count toward a guess limit (FC_CODE_RATE_LIMITED).',
          tags,
          security: [{ bearer: [] }],
          params: SaleIdParam,
          body: RedeemRequest,
          response: {
            200: RedeemResponse,
            ...errorResponses(PUBLIC_ROUTE, BEARER, WITH_BODY, NAMES_SALE, [
              'FC_CODE_INVALID',
              'FC_CODE_USED',
              'FC_CODE_RATE_LIMITED'
            ])
          }
        }
      },
      async (req) =>
        access.redeem(req.params.id, currentUser(req), req.body.code, guessAddress(req, options.ipLimits))
    )
  }
}
