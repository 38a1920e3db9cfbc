/**
 * How message values become bytes and back. Keys are always strings (what needs ordering:
 * a seat id, a user id) and headers string-to-string, so only the value varies.
 */
export interface ValueCodec<V> {
  encode(value: V): Buffer
  decode(bytes: Buffer): V
}

/**
 * JSON values. Decoding trusts the producer: the type parameter is an assertion, so consumers
 * of untrusted topics should validate what they get.
 */
export function jsonCodec<V>(): ValueCodec<V> {
  return {
    encode: (value) => Buffer.from(JSON.stringify(value)),
    decode: (bytes) => JSON.parse(bytes.toString('utf8')) as V
  }
}

/** UTF-8 strings. */
export const stringCodec: ValueCodec<string> = {
  encode: (value) => Buffer.from(value, 'utf8'),
  decode: (bytes) => bytes.toString('utf8')
}

/** Raw bytes, untouched. */
export const bufferCodec: ValueCodec<Buffer> = {
  encode: (value) => value,
  decode: (bytes) => bytes
}
