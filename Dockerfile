# syntax=docker/dockerfile:1
# Grafana with the Seatmeter app built in, from this repository alone (no host Node or Go needed).
#   docker build --target grafana -t seatmeter-grafana .      (docker-compose.yaml does this)
# Stages: node (front end -> dist/), go (backend binary -> dist/datasource/), simulator (demo load),
# grafana (final, the default target).

# Front end. Not pinned to $BUILDPLATFORM on purpose: the simulator stage reuses these node_modules, and tsx's
# esbuild binary must match the platform it runs on.
FROM node:20.20.2-bookworm AS node
WORKDIR /src
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: the lock was made where only the Linux @swc/core builds are served, so it lacks
# the other platforms' optional entries and `npm ci` refuses it; `npm install` honours the lock otherwise.
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

# Backend: the plugin SDK's mage targets, cross-compiled (CGO off) for the image's architecture.
FROM --platform=$BUILDPLATFORM golang:1.26.8-bookworm AS go
ARG TARGETARCH
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN case "${TARGETARCH:-amd64}" in \
      amd64) target=build:linux ;; \
      arm64) target=build:linuxARM64 ;; \
      *) echo "unsupported TARGETARCH=${TARGETARCH}: only amd64 and arm64 are built" >&2; exit 1 ;; \
    esac \
 && go run github.com/magefile/mage -v "$target" \
 && ls dist/datasource/gpx_seatmeter_linux_*

# Demo load: the repository's simulators (tests/simulator) with the same node_modules.
FROM node AS simulator
ENTRYPOINT []
CMD ["npx", "tsx", "tests/simulator/main.ts", "--help"]

FROM grafana/grafana:12.4.10 AS grafana
USER root
# Grafana's data (grafana.db) goes to its own path so the named volume never shadows the plugin directory.
RUN mkdir -p /var/lib/grafana-data && chown 472:0 /var/lib/grafana-data
COPY --from=node --chown=472:0 /src/dist/ /var/lib/grafana/plugins/seatmeter-app/
COPY --from=go --chown=472:0 /src/dist/ /var/lib/grafana/plugins/seatmeter-app/
USER 472
