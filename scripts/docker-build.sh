#!/usr/bin/env bash
# Build the whatplot Docker image, with or without access to a container registry.
#
#   scripts/docker-build.sh [extra docker build args...]
#
# 1. Makes sure a Docker engine answers: installs Debian's docker.io and starts dockerd when
#    needed (as root; the daemon's log goes to $WHATPLOT_DOCKERD_LOG).
# 2. Picks the base image: $BASE_IMAGE if it is present locally or can be pulled; otherwise a
#    minimal Debian bookworm base ($WHATPLOT_LOCAL_BASE) made from Debian packages with
#    debootstrap (variant minbase + python3, python3-venv, ca-certificates) and `docker import`,
#    made once and reused.
# 3. Fetches the runtime dependencies' wheels into docker/wheels/ with the host's pip, so that the
#    image build itself needs no network.
# 4. Builds ./Dockerfile with --build-arg BASE_IMAGE=<that> and tags it $WHATPLOT_IMAGE.
#
# Environment (all optional):
#   WHATPLOT_IMAGE        tag to build                      (default whatplot:latest)
#   BASE_IMAGE            preferred base image               (default python:3.11-slim-bookworm)
#   WHATPLOT_LOCAL_BASE   tag of the debootstrapped base     (default whatplot-base:bookworm)
#   WHATPLOT_REBUILD_BASE=1  remake the debootstrapped base even if it exists
#   WHATPLOT_NO_PULL=1    never try `docker pull`
#   WHATPLOT_WHEELS=0     don't fetch wheels on the host: pip in the build uses the index itself
#   DEBIAN_MIRROR         mirror for debootstrap             (default http://deb.debian.org/debian)
#   WHATPLOT_DOCKERD_LOG  dockerd's log when this script starts it (default /var/log/whatplot-dockerd.log)
set -euo pipefail

cd "$(dirname "$0")/.."

IMAGE=${WHATPLOT_IMAGE:-whatplot:latest}
BASE_IMAGE=${BASE_IMAGE:-python:3.11-slim-bookworm}
LOCAL_BASE=${WHATPLOT_LOCAL_BASE:-whatplot-base:bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DOCKERD_LOG=${WHATPLOT_DOCKERD_LOG:-/var/log/whatplot-dockerd.log}

log() { printf '[docker-build] %s\n' "$*" >&2; }
die() { printf '[docker-build] error: %s\n' "$*" >&2; exit 1; }

apt_install() {
    [ "$(id -u)" -eq 0 ] || die "need root to apt-get install $*"
    log "installing Debian packages: $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

ensure_docker() {
    if docker info >/dev/null 2>&1; then
        return
    fi
    command -v dockerd >/dev/null 2>&1 || apt_install docker.io
    command -v docker >/dev/null 2>&1 || die "no docker client after installing docker.io"
    if docker info >/dev/null 2>&1; then
        return
    fi
    [ "$(id -u)" -eq 0 ] || die "the Docker engine is not running and starting it needs root"
    if [ -d /run/systemd/system ] && systemctl start docker >/dev/null 2>&1; then
        log "started docker with systemd"
    else
        log "starting dockerd in the background (log: $DOCKERD_LOG)"
        nohup dockerd >>"$DOCKERD_LOG" 2>&1 &
    fi
    for _ in $(seq 60); do
        docker info >/dev/null 2>&1 && return
        sleep 1
    done
    tail -n 20 "$DOCKERD_LOG" >&2 || true
    die "the Docker engine did not come up within 60 s"
}

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

make_debian_base() {
    command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
    [ "$(id -u)" -eq 0 ] || die "debootstrap needs root"
    local root
    root=$(mktemp -d /var/tmp/whatplot-rootfs.XXXXXX)
    # shellcheck disable=SC2064
    trap "rm -rf '$root'" EXIT
    log "debootstrap bookworm (minbase + python3) from $MIRROR into $root"
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
        bookworm "$root" "$MIRROR" >"$root.log" 2>&1 || { tail -n 30 "$root.log" >&2; die "debootstrap failed"; }
    rm -f "$root.log"
    # Nothing a container needs: package caches and lists, docs, man pages, translations, logs,
    # and the build host's resolver settings (Docker mounts its own).
    rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old \
        "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
        "$root"/usr/share/locale/* "$root"/usr/share/lintian/* "$root"/tmp/* "$root"/var/tmp/*
    find "$root/var/log" -type f -delete
    : >"$root/etc/resolv.conf"
    : >"$root/etc/hostname"
    log "importing the root filesystem as $LOCAL_BASE"
    tar --numeric-owner -C "$root" -c . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'CMD ["/bin/bash"]' \
        --message "Debian bookworm minbase + python3 (debootstrap, $MIRROR)" \
        - "$LOCAL_BASE" >/dev/null
    rm -rf "$root"
    trap - EXIT
}

pick_base() {
    if have_image "$BASE_IMAGE"; then
        log "base image: $BASE_IMAGE (present locally)"
        echo "$BASE_IMAGE"
        return
    fi
    if [ "${WHATPLOT_NO_PULL:-0}" != 1 ] && timeout 120 docker pull -q "$BASE_IMAGE" >/dev/null 2>&1; then
        log "base image: $BASE_IMAGE (pulled)"
        echo "$BASE_IMAGE"
        return
    fi
    if [ "${WHATPLOT_REBUILD_BASE:-0}" = 1 ] || ! have_image "$LOCAL_BASE"; then
        log "$BASE_IMAGE is not available: making a Debian base from Debian packages"
        make_debian_base
    fi
    log "base image: $LOCAL_BASE (debootstrap)"
    echo "$LOCAL_BASE"
}

# Wheels for the build, fetched here with the host's pip: it knows this machine's way to PyPI
# (proxy, certificates, mirrors), which a container build may not. The Dockerfile installs from
# them with --no-index when there are any. Tags: CPython 3.11 on glibc <= 2.36 (Debian bookworm,
# which both python:3.11-slim-bookworm and the debootstrapped base are).
fetch_wheels() {
    local dir=docker/wheels arch platforms=() v
    if [ "${WHATPLOT_WHEELS:-1}" = 0 ]; then
        log "WHATPLOT_WHEELS=0: pip inside the build will use the package index"
        rm -f "$dir"/*.whl
        return
    fi
    python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip  # Debian's python3 comes without it
    arch=$(uname -m)
    for v in $(seq 36 -1 17); do platforms+=(--platform "manylinux_2_${v}_${arch}"); done
    platforms+=(--platform "manylinux2014_${arch}" --platform "linux_${arch}")
    python3 -c 'import tomllib, sys; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
        >"$dir/requirements.txt" || die "can't read the dependencies from pyproject.toml (needs python3 >= 3.11 here)"
    log "fetching wheels into $dir with the host's pip"
    python3 -m pip download -q --disable-pip-version-check --only-binary=:all: "${platforms[@]}" \
        --python-version 3.11 --implementation cp --abi cp311 -d "$dir" \
        -r "$dir/requirements.txt" 'setuptools>=68' wheel 2>&1 | grep -v 'is ignored: it is neither' >&2 || true
    rm -f "$dir/requirements.txt"
    ls "$dir"/ai_edge_litert-*.whl >/dev/null 2>&1 ||
        die "pip download fetched no ai-edge-litert wheel (see above); WHATPLOT_WHEELS=0 lets pip in the build fetch them"
}

ensure_docker
fetch_wheels
base=$(pick_base)
log "building $IMAGE"
start=$(date +%s)
# --network host: pip in the build stage reaches PyPI the way this machine does, even where the
# default bridge has no route out. The legacy builder and BuildKit both accept it.
docker build --force-rm --network host --build-arg BASE_IMAGE="$base" -t "$IMAGE" "$@" .
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
log "built $IMAGE on $base in $(($(date +%s) - start)) s; size $((size / 1000 / 1000)) MB ($size bytes)"
