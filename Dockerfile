# Image of the firstcome app (API and workers), used by docker-compose.yml. Untested here (no
# Docker daemon on the development machines). Like bin/firstcome.mjs, it runs the TypeScript
# sources through tsx, so there is no build step.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
USER node
EXPOSE 3000
CMD ["node", "bin/firstcome.mjs", "serve"]
