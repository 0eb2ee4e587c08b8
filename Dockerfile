# sitroom in a container: built with dev dependencies, run with production dependencies only.
# Both stages use the same Debian (bookworm) Node 20 image, so the better-sqlite3 module compiled in
# the first runs in the second. See "Deploy" in README.md.

FROM node:20-bookworm-slim AS build
# Compilers for better-sqlite3, used when no prebuilt binary for this platform can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
# npm ci also runs the prepare script, which compiles src/ to dist/; then the dev tools go.
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    LOG_FORMAT=json \
    SITROOM_CONFIG=/app/config/sitroom.yaml \
    SITROOM_DB=/data/sitroom.db \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json ./
# The bundled config; mount your own over /app/config to replace it.
COPY config ./config
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1, so it receives docker stop's SIGTERM and shuts down gracefully.
CMD ["node", "dist/src/cli.js", "run"]
