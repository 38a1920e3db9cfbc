/**
 * `npm run gen:client`: writes the TypeScript types of the HTTP API (`client/openapi.ts`) from
 * its OpenAPI document, with openapi-typescript. The document comes from the route schemas
 * (`openApiDocument`), so the types follow every schema change once this runs again; a test
 * (`test/http/client.test.ts`) fails while the checked-in file is stale.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { openApiDocument } from '../src/http/openapi-document.ts'

/** Where the generated types live. */
export const CLIENT_TYPES = fileURLToPath(new URL('../client/openapi.ts', import.meta.url))

const HEADER = `/**
 * The HTTP API's paths, operations and shapes, generated from its OpenAPI document by
 * openapi-typescript. Do not edit: change the route schemas (src/http/schemas/) and run
 * \`npm run gen:client\`.
 */

`

/** The text of {@link CLIENT_TYPES} as the route schemas make it now. */
export async function clientTypes(): Promise<string> {
  const doc = await openApiDocument()
  const ast = await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0], { alphabetize: true })
  return HEADER + astToString(ast)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(CLIENT_TYPES, await clientTypes())
  console.log(`wrote ${CLIENT_TYPES}`)
}
