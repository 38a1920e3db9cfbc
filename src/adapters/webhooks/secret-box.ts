import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const INFO = 'firstcome webhook endpoint secrets v1'

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), INFO, 32))
}

/**
 * Encrypts webhook signing secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the
 * server's token secret (FC_TOKEN_SECRET), so a copy of the database alone signs nothing. A value
 * is `v1.<iv>.<tag>.<ciphertext>` (base64url). While FC_TOKEN_SECRET is being rotated, values
 * written under FC_TOKEN_SECRET_PREVIOUS are still read (and rewritten only when the endpoint is
 * registered again).
 */
export class SecretBox {
  readonly #key: Buffer
  readonly #previous: Buffer | undefined

  constructor(secrets: { secret: string; previousSecret: string }) {
    this.#key = keyOf(secrets.secret)
    this.#previous = secrets.previousSecret === '' ? undefined : keyOf(secrets.previousSecret)
  }

  seal(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return ['v1', iv, cipher.getAuthTag(), sealed]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.')
  }

  /** Throws when the value was not sealed with the current (or the previous) secret. */
  open(value: string): string {
    const [version, iv, tag, sealed] = value.split('.')
    if (version !== 'v1' || iv === undefined || tag === undefined || sealed === undefined) {
      throw new Error('not a sealed webhook secret')
    }
    for (const key of [this.#key, this.#previous]) {
      if (!key) continue
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString(
          'utf8'
        )
      } catch {
        // Not this key: try the previous one.
      }
    }
    throw new Error('a webhook secret was sealed with another FC_TOKEN_SECRET')
  }
}
