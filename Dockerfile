# syntax=docker/dockerfile:1
# One image for every `syncdeck` subcommand: `docker run IMAGE migrate`, `… console`, `… worker`,
# `… agent --environment NAME`. The default command is the console.

ARG NODE_IMAGE=node:20-bookworm-slim

# All dependencies (dev included: next, esbuild and the prisma CLI build the product). The
# postinstall script generates the Prisma client from prisma/schema.prisma.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma ./prisma/schema.prisma
COPY scripts/db/generate-client.mjs scripts/db/schema-engine-stub.sh ./scripts/db/
RUN npm ci --no-fund --no-audit

# The standalone console (.next/standalone with .next/static inside) and the command (dist/).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=deps /app/server/db/generated ./server/db/generated
RUN npm run build

# Production dependencies only, for dist/syncdeck.cjs (its npm packages stay outside the bundle).
# No install scripts: the generated Prisma client is compiled into both bundles, and the prisma
# CLI that would regenerate it is a dev dependency.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-fund --no-audit && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    SYNCDECK_MIGRATIONS_DIR=/app/prisma/migrations
WORKDIR /app
# Files belong to root and are read-only for the user the processes run as.
COPY package.json ./
COPY bin ./bin
COPY prisma/migrations ./prisma/migrations
COPY pipeline/shared/source-schema.sql ./pipeline/shared/source-schema.sql
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/.next/standalone ./.next/standalone
# Next.js' cache is the one place the console writes under /app (a volume on read-only filesystems).
RUN mkdir -p .next/standalone/.next/cache && chown 1000:1000 .next/standalone/.next/cache
# The official image's `node` user, by number so that runAsNonRoot can verify it.
USER 1000:1000
# No HEALTHCHECK: the image runs several kinds of process; the console's probes are /api/healthz
# (liveness) and /api/readyz (readiness), which the Helm chart uses.
EXPOSE 3000
ENTRYPOINT ["node", "bin/syncdeck.js"]
CMD ["console"]
