# Build a static incloud binary, then ship it alone in a minimal image as a non-root user.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/incloud ./cmd/incloud

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/incloud /usr/local/bin/incloud
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/incloud"]
CMD ["--help"]
