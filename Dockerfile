# syntax=docker/dockerfile:1
# The BFF compiled to JavaScript, with the H5 client, on plain node: no TypeScript, no tsx, no
# dev dependencies in the image. Build:  docker build -t hospital-bff .
# Run:    docker run -p 8080:8080 -e CONFIG_FILE=/etc/hospital/bff.json -v /etc/hospital:/etc/hospital:ro hospital-bff

FROM node:20-bookworm AS build
WORKDIR /src
# Manifests first: the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY config/package.json config/
COPY bff/package.json bff/
COPY client/package.json client/
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build:h5 && npm run build:bff \
 && mkdir -p /out/bff /out/client \
 && cp -r bff/dist /out/bff/dist \
 && cp -r client/dist /out/client/dist \
 && node bff/scripts/runtime-modules.mjs /out/node_modules

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    PUBLIC_DIR=client/dist/h5 \
    SQLITE_PATH=/app/data/hospital.db
WORKDIR /app
COPY --from=build /out/node_modules node_modules
COPY --from=build /out/bff bff
COPY --from=build /out/client client
# The demo's SQLite file (production points DATABASE_URL at PostgreSQL) is the only thing written.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
# Ready = the database answers and no shutdown is under way.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains in-flight requests and the running job (server.shutdownTimeoutMs, 20 s by default):
# give the container longer than that before it is killed (docker stop -t 30).
STOPSIGNAL SIGTERM
CMD ["node", "bff/dist/main.js"]
