# syntax=docker/dockerfile:1
# Tsunagu — multi-stage image: deps → build → runtime (node:20-slim, non-root, data on a volume).

FROM node:20-slim AS deps
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# postinstall applies patches/ (React 18's streaming-renderer fix; Remix's empty browser stand-ins for .server modules
# marked side-effect free) before prisma generate.
COPY patches ./patches
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
WORKDIR /app
COPY . .
RUN npm run db:generate && npx remix build && npm prune --omit=dev

FROM node:20-slim AS runtime
# HOST=0.0.0.0 makes the container reachable, so it starts only with APP_ORIGIN set (docker run -e
# APP_ORIGIN=https://…) and seeds no demo people unless SEED=demo (see README, "Two modes").
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
RUN groupadd --system tsunagu && useradd --system --gid tsunagu --home /app tsunagu \
 && mkdir -p /data && chown tsunagu:tsunagu /data
COPY --from=build --chown=tsunagu:tsunagu /app/node_modules ./node_modules
COPY --from=build --chown=tsunagu:tsunagu /app/build ./build
COPY --from=build --chown=tsunagu:tsunagu /app/public ./public
COPY --from=build --chown=tsunagu:tsunagu /app/app/generated ./app/generated
COPY --chown=tsunagu:tsunagu package.json server.mjs prisma.config.ts ./
COPY --chown=tsunagu:tsunagu server ./server
COPY --chown=tsunagu:tsunagu scripts ./scripts
COPY --chown=tsunagu:tsunagu prisma ./prisma
# The seed (run by start.mjs on an empty database through tsx) imports app modules: search indexing, schedules, dates.
COPY --chown=tsunagu:tsunagu app ./app
USER tsunagu
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# start.mjs applies migrations, seeds an empty database (areas and lists unless SEED says otherwise), serves the build
# with one worker process per CPU the container may use (WEB_CONCURRENCY to choose; see ADR 010).
CMD ["node", "scripts/start.mjs"]
