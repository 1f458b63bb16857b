# syntax=docker/dockerfile:1
# One image per deployable, chosen with the build argument APP (gateway | payment-worker | projector |
# bank-simulator). Not built on our machines (no Docker engine); linted by hadolint in `npm test`.
#   docker build --build-arg APP=gateway -t iotp-ph/gateway:0.1.0 .
# The runtime stage holds dist/ and the production dependencies only, runs as the unprivileged `node`
# user (uid 1000) and writes nothing outside /tmp, so it runs with readOnlyRootFilesystem: true.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY .swcrc tsconfig.json ./
COPY scripts/build.mjs scripts/build.mjs
COPY apps apps
COPY libs libs
COPY bench bench
RUN node scripts/build.mjs

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG APP
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="iotp-payment-handler-${APP}" \
      org.opencontainers.image.description="IOTP v1.0 Payment Handler (RFC 2801, RFC 3867): ${APP}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="Example Bank AG" \
      org.opencontainers.image.base.name="docker.io/library/node:20-bookworm-slim"
ENV NODE_ENV=production \
    APP=${APP} \
    HOME=/tmp \
    TMPDIR=/tmp \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json ./
# Fail the build for an unknown APP; /app/main.js points at the chosen entry point (node follows the link).
RUN test -n "${APP}" && test -f "dist/apps/${APP}/src/main.js" \
 && ln -s "/app/dist/apps/${APP}/src/main.js" /app/main.js
USER 1000:1000
# gateway 8080 (POST /iotp, /healthz, /readyz, /metrics); console 8081; acquirer simulator 8090;
# bank simulator 8091; projector 8092; worker 8093; HSM simulator 1500 (TCP) + 1501 (admin, /status).
EXPOSE 8080 8081 8090 8091 8092 8093 1500 1501
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const e=process.env,a=e.APP,p=a==='gateway'?e.GATEWAY_PORT||8080:a==='payment-worker'?e.WORKER_PORT||8093:a==='projector'?e.PROJECTOR_PORT||8092:a==='console'?e.CONSOLE_PORT||8081:a==='acquirer-simulator'?e.ACQUIRER_SIMULATOR_PORT||8090:a==='hsm-simulator'?e.HSM_ADMIN_PORT||1501:e.BANK_SIMULATOR_PORT||8091,u=a==='hsm-simulator'?'/status':'/healthz';fetch('http://127.0.0.1:'+p+u).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "/app/main.js"]
