import { randomBytes } from 'node:crypto'
import type {
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEventType,
  WebhookStore,
  WebhookTransport
} from '../../domain/webhook-ports.ts'
import { FcError } from '../../errors.ts'
import { generateSecret } from './signature.ts'
import type { TargetPolicy } from './target-policy.ts'

export interface WebhookServiceOptions {
  store: WebhookStore
  /** Resolves an endpoint's host to check where it points. */
  transport: Pick<WebhookTransport, 'resolve'>
  targets: TargetPolicy
}

/**
 * The operator's side of webhooks: register an endpoint (its URL checked against the target
 * policy: nothing is stored when it is refused), list and remove endpoints, see an endpoint's
 * recent deliveries and send one again.
 */
export class WebhookService {
  readonly #store: WebhookStore
  readonly #transport: Pick<WebhookTransport, 'resolve'>
  readonly #targets: TargetPolicy

  constructor(options: WebhookServiceOptions) {
    this.#store = options.store
    this.#transport = options.transport
    this.#targets = options.targets
  }

  /** Registers an endpoint; returns its id and signing secret (the only time the secret is shown). */
  async create(input: {
    url: string
    events: readonly WebhookEventType[]
    secret?: string
  }): Promise<{ id: string; secret: string }> {
    await this.#targets.pick(input.url, this.#transport)
    const id = `wh_${randomBytes(12).toString('hex')}`
    const secret = input.secret ?? generateSecret()
    await this.#store.createEndpoint({ id, url: input.url, events: [...new Set(input.events)], secret })
    return { id, secret }
  }

  list(): Promise<WebhookEndpoint[]> {
    return this.#store.listEndpoints()
  }

  async remove(id: string): Promise<void> {
    if (!(await this.#store.deleteEndpoint(id))) throw new FcError('FC_NOT_FOUND', 'no such webhook endpoint')
  }

  async deliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]> {
    if (!(await this.#store.getEndpoint(endpointId))) {
      throw new FcError('FC_NOT_FOUND', 'no such webhook endpoint')
    }
    return this.#store.listDeliveries(endpointId, limit)
  }

  async redeliver(endpointId: string, deliveryId: string): Promise<WebhookDelivery> {
    const delivery = await this.#store.redeliver(endpointId, deliveryId)
    if (!delivery) throw new FcError('FC_NOT_FOUND', 'no such delivery of this webhook endpoint')
    return delivery
  }
}
