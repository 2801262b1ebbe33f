# Build a static incloud binary, then ship it alone in a minimal image as a non-root user.
#   docker build -t incloud .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$HOME/.aws:/home/incloud/.aws:ro" \
#     -v "$PWD/reports:/work" incloud scan aws --format json=report.json
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/incloud ./cmd/incloud
# The directories the image needs: HOME (~/.aws is mounted under it), the working directory
# where reports are written, and a world-writable /tmp.
RUN mkdir -p /rootfs/home/incloud /rootfs/work /rootfs/tmp && chmod 1777 /rootfs/tmp

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/incloud /usr/local/bin/incloud
COPY --from=build /rootfs/tmp /tmp
COPY --from=build --chown=65532:65532 /rootfs/home/incloud /home/incloud
COPY --from=build --chown=65532:65532 /rootfs/work /work
ENV HOME=/home/incloud
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/incloud"]
CMD ["--help"]
