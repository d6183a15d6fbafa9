# syntax=docker/dockerfile:1
# One image for every service: the command picks it (`gateway`, `subgraph <name>`, or the
# migration step `node dist/app/migrate.js`). Build: docker build -t onething-gateway .
ARG NODE_IMAGE=node:22-bookworm-slim

# Build stage: needs the dev dependencies (TypeScript) to compile dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY app ./app
COPY src ./src
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
COPY console ./console
COPY scripts/build-console.ts ./scripts/
# Compile, bundle the counter console (esbuild, a dev dependency), then drop the dev dependencies
# so only production ones are copied on.
RUN npx tsc -p tsconfig.build.json && node dist/scripts/build-console.js && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: prebuilt dist/, production dependencies, the contracts (schema/), no compiler.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema ./schema
# The image's own user, never root: the files above stay root's and read-only to it.
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
HEALTHCHECK --interval=10s --timeout=4s --start-period=30s --retries=3 CMD ["node", "dist/app/healthcheck.js"]
ENTRYPOINT ["node"]
CMD ["dist/app/main.js", "gateway"]
