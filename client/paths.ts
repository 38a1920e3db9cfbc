/**
 * The API's paths and shapes as types, for callers that send requests with their own HTTP stack
 * (the load harness's virtual buyers use undici's request, the cheapest way Node has to send one)
 * and still want the compiler to check each path, its parameters and its body against the OpenAPI
 * document: `apiPath('/v1/events/{id}/queue', { id })`.
 */
import type { paths } from './openapi.ts'

/** A path of the API as the document writes it (`/v1/events/{id}/queue`). */
export type ApiPath = keyof paths

type Lower = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** The methods the document declares for a path, upper case. */
export type ApiMethod<P extends ApiPath> = {
  [M in Lower]: [NonNullable<paths[P][M]>] extends [never] ? never : Uppercase<M>
}[Lower]

type Operation<P extends ApiPath, M extends string> = NonNullable<paths[P][Lowercase<M> & Lower]>

/** The path parameters of one operation (`{ id: string }`), or none. */
export type ApiPathParams<P extends ApiPath, M extends ApiMethod<P>> =
  Operation<P, M> extends {
    parameters: { path: infer X }
  }
    ? X
    : Record<string, never>

/** The JSON body of one operation, or undefined when it takes none. */
export type ApiBody<P extends ApiPath, M extends ApiMethod<P>> =
  Operation<P, M> extends {
    requestBody?: { content: { 'application/json': infer B } }
  }
    ? B
    : undefined

/** The JSON of one operation's successful answer (its 200, 201 or 202). */
export type ApiAnswer<P extends ApiPath, M extends ApiMethod<P>> =
  Operation<P, M> extends {
    responses: infer R
  }
    ? R extends { 200: { content: { 'application/json': infer A } } }
      ? A
      : R extends { 201: { content: { 'application/json': infer A } } }
        ? A
        : R extends { 202: { content: { 'application/json': infer A } } }
          ? A
          : unknown
    : unknown

/** The path with its `{parameters}` filled in (URI-encoded). */
export function apiPath<P extends ApiPath>(template: P, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${template}: no value for {${name}}`)
    return encodeURIComponent(value)
  })
}
