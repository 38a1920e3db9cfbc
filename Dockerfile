# Image of the firstcome service (API and workers), used by docker-compose.yml.
#
# Not built on the development machines (they have no container engine): what is exercised there is
# `npm start` / `npm test`, on the same Node.js version (.nvmrc, and `engines` in package.json).
#
# Like bin/firstcome.mjs everywhere else, the image runs the TypeScript sources through tsx (a
# production dependency): the same entry point as development and tests, and the Lua and SQL files
# stay where the code reads them. What is built is the web app (web/dist).
#
# What the image holds: the product only, that is bin/, src/, web/dist and the production
# dependencies. The development tooling (tools/: the local stack, the lab, the chaos run; bench/;
# test/) is outside src/ and outside the build context (.dockerignore). The `firstcome` commands that
# use it (up, down, lab, chaos, bench) load it only when run, so they fail in the image and every
# service command (serve, worker, migrate, reconcile, dlq) works.

ARG NODE_IMAGE=node:24.22.3-bookworm-slim

# Production dependencies only. The Node binary that npm installs from the registry for machines
# without Node 24 (the optional node-linux-<arch> packages) is dropped: the base image has it.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/node-linux-* node_modules/.bin/node \
  && npm cache clean --force

# The web app: every dependency (Vite, Preact), then `vite build web`. The pages compile the shared
# API types and the error catalogue from src/.
FROM ${NODE_IMAGE} AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY web ./web
RUN node node_modules/vite/bin/vite.js build web --logLevel warn

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=3000
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY --from=web /app/web/dist ./web/dist
# Files stay root's and read-only to the service: it runs as the image's unprivileged `node` user
# (tsx keeps its transform cache under /tmp).
USER node
EXPOSE 3000
# Liveness: the process answers HTTP. Readiness (every dependency reachable) is GET /ready.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/firstcome.mjs", "serve"]
