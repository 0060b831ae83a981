# syntax=docker/dockerfile:1
# Vigil: the same install, build and prune steps that .ci/run performs, so CI proves them.

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    MODEL_STORAGE_PATH=/data \
    LOG_LEVEL=info \
    MAX_UPLOAD_SIZE=100MB \
    JOB_QUEUE_LIMIT=16 \
    SHUTDOWN_GRACE_MS=8000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# exec form: node is PID 1 and receives SIGTERM itself; running jobs get SHUTDOWN_GRACE_MS (8 s) of Docker's 10 s
STOPSIGNAL SIGTERM
CMD ["node", "--single-threaded-gc", "dist/server.js"]
