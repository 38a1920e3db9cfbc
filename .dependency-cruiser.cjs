/**
 * The import rules of firstcome, checked by `npm run check` (and so by `npm test`):
 * `depcruise src tools bench test web --config .dependency-cruiser.cjs`. docs/architecture.md draws them.
 *
 * Layers of src/, lowest first; a layer imports only from itself and the layers named in its rule:
 *   domain                  nothing of ours
 *   errors.ts               nothing of ours
 *   config                  domain, errors.ts
 *   services                domain, errors.ts
 *   adapters                domain, errors.ts, config
 *   http                    domain, services, errors.ts, config
 *   workers                 domain, services, adapters, errors.ts, config
 *   app                     all of the above (the composition root)
 *   cli                     all of src/
 *   client                  nothing of ours (the typed HTTP client; no layer of the product uses it)
 * Outside src/: tools/ and bench/ (development tooling) may import anything in src/ and tools/,
 * test/ anything, web/ only the shared API types, the error catalogue and the client. src/ imports none of them,
 * except the lazily loaded tool commands of src/cli/main.ts (see `cli-loads-tooling-lazily`).
 *
 * Type-only imports count (tsPreCompilationDeps): a port is a type, and who may see it is the point.
 */

/** Paths of src/ a layer may import, as one regular expression. */
const allowed = (...parts) => `^src/(${parts.join('|')})`
const DOMAIN = 'domain/'
const ERRORS = 'errors\\.ts$'
const CONFIG = 'config/'
const SERVICES = 'services/'
const ADAPTERS = 'adapters/'

/** A rule: files under `from` (a folder of src/) import nothing in src/ but `may`. */
const layer = (name, from, may, comment) => ({
  name,
  severity: 'error',
  comment,
  from: { path: `^src/${from}` },
  to: { path: '^src/', pathNot: allowed(from, ...may) }
})

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycle in any tree (src, tools, bench, test, web), type-only imports included: ' +
        'a shared module that imports its caller cannot be read or moved on its own.',
      from: {},
      to: { circular: true }
    },
    layer(
      'domain-imports-nothing',
      DOMAIN,
      [],
      'domain/ holds the types and ports every layer shares: it depends on nothing of ours.'
    ),
    {
      name: 'errors-import-nothing',
      severity: 'error',
      comment: 'The error catalogue is imported by every layer (and by web/): it imports nothing of ours.',
      from: { path: `^src/${ERRORS}` },
      to: { path: '^src/', pathNot: `^src/${ERRORS}` }
    },
    layer(
      'config-only-domain-and-errors',
      CONFIG,
      [DOMAIN, ERRORS],
      'Configuration is read by every layer; it uses only the domain (e.g. the currency rules) and the error catalogue.'
    ),
    layer(
      'services-only-domain',
      SERVICES,
      [DOMAIN, ERRORS],
      'Services see ports (domain/) and raise catalogue errors; never a client, an adapter, HTTP or a worker.'
    ),
    layer(
      'adapters-only-domain',
      ADAPTERS,
      [DOMAIN, ERRORS, CONFIG],
      'Adapters implement the ports of domain/ beside the services, not above them.'
    ),
    layer(
      'http-not-to-adapters-workers-app',
      'http/',
      [DOMAIN, SERVICES, ERRORS, CONFIG],
      'Routes call services through their types; the composition root (app/) hands them in.'
    ),
    layer(
      'workers-not-to-http-app',
      'workers/',
      [DOMAIN, SERVICES, ADAPTERS, ERRORS, CONFIG],
      'Background jobs run services over adapters; they never reach into HTTP or the composition root.'
    ),
    layer(
      'app-not-to-cli',
      'app/',
      [DOMAIN, SERVICES, ADAPTERS, 'http/', 'workers/', ERRORS, CONFIG],
      'The composition root wires every layer; only the command line sits above it.'
    ),
    {
      name: 'client-imports-nothing',
      severity: 'error',
      comment:
        'The typed HTTP client (client/) runs in browsers and tools: it imports nothing of ours ' +
        'but its own generated types.',
      from: { path: '^client/' },
      to: { path: '^(src|tools|bench|test|web)/' }
    },
    {
      name: 'product-not-to-client',
      severity: 'error',
      comment:
        'The client is for callers of the API (the web app, tools, tests); the server never calls ' +
        'itself through it, and its dependency (openapi-fetch) is not shipped with the product.',
      from: { path: '^src/' },
      to: { path: '^client/' }
    },
    {
      name: 'src-not-to-tests-or-web',
      severity: 'error',
      comment: 'src/ is the product: it never imports the tests or the web app.',
      from: { path: '^src/' },
      to: { path: '^(test|web)/' }
    },
    {
      name: 'src-not-to-tooling',
      severity: 'error',
      comment:
        'src/ is the product (all the container image ships): it never imports the tooling (tools/, ' +
        'bench/). The one way in is the next rule: the command line loads the tool commands.',
      from: { path: '^src/', pathNot: '^src/cli/main\\.ts$' },
      to: { path: '^(tools|bench)/' }
    },
    {
      name: 'cli-loads-tooling-lazily',
      severity: 'error',
      comment:
        'src/cli/main.ts loads the tool commands (up, down, lab, chaos, bench) from tools/ and bench/ ' +
        "by dynamic import when they run, typed by the module's own exports (type-only imports, erased " +
        'at run time), so the service commands run where the tooling is not installed (the image).',
      from: { path: '^src/cli/main\\.ts$' },
      to: {
        path: '^(tools|bench)/',
        dependencyTypesNot: ['dynamic-import', 'type-only', 'type-import']
      }
    },
    {
      name: 'tooling-not-to-tests',
      severity: 'error',
      comment: 'tools/ and bench/ run on their own: they never import test/ (tools/ not bench/ either).',
      from: { path: '^(tools|bench)/' },
      to: { path: '^test/' }
    },
    {
      name: 'tools-not-to-bench',
      severity: 'error',
      comment: 'bench/ builds on tools/ (the stack), not the other way round.',
      from: { path: '^tools/' },
      to: { path: '^bench/' }
    },
    {
      name: 'web-only-api-types-and-errors',
      severity: 'error',
      comment:
        'The web app compiles the shared API types, the error catalogue, the typed client (client/) and ' +
        'the draw verification (pure WebCrypto, the same checks as `firstcome verify`) of src/, nothing ' +
        'else (it runs in a browser: no server code).',
      from: { path: '^web/' },
      to: {
        path: '^(src|tools|bench|test)/',
        pathNot:
          '^(src/(http/api-types\\.ts|errors\\.ts|domain/draw-verification\\.ts)|client/(index|openapi)\\.ts)$'
      }
    },
    {
      name: 'nothing-into-web',
      severity: 'error',
      comment: 'Only the web app itself and its tests import web/.',
      from: { pathNot: '^(web|test)/' },
      to: { path: '^web/' }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.data|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } }
  }
}
