#!/usr/bin/env bash
# Check systemd/whatplot.service under a real systemd: installed as docs/bot-setup.md says, with its
# sandbox (DynamicUser, read-only system, system-call filter), in a Debian that boots systemd as
# PID 1 in a container without network.
#
#   scripts/systemd-check.sh
#
# 1. Makes a Debian bookworm root with systemd and python3-venv in $WHATPLOT_SYSTEMD_ROOT, once,
#    builds this checkout's wheel and its dependencies' with this machine's pip, and installs them
#    into /opt/whatplot there (offline, docs/bot-setup.md's `pip install .`).
# 2. Boots it with the unit enabled and checks, printing "ok" or "FAIL" for each:
#    - a well-formed token: the model loads in the sandbox, the bot says in one line that it can't
#      reach Discord, exits 1, and systemd starts it again;
#    - `whatplot classify` in the same sandbox (a drop-in ExecStart) names the gallery's violin plot;
#    - a malformed token: one line, exit status 2, and no restart.
#
# Needs root and a running Docker engine (scripts/docker-build.sh starts one). The container gets
# every capability but CAP_SYS_RESOURCE, as systemd needs, rather than --privileged, which some
# sandboxed hosts refuse. Environment: WHATPLOT_SYSTEMD_ROOT (default /var/tmp/whatplot-systemd),
# DEBIAN_MIRROR (default http://deb.debian.org/debian). Exits non-zero if any check fails.
set -euo pipefail

cd "$(dirname "$0")/.."

ROOT=${WHATPLOT_SYSTEMD_ROOT:-/var/tmp/whatplot-systemd}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
IMAGE=whatplot-systemd-check:latest
CONTAINER=whatplot-systemd-check
TOKEN=MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB  # shaped like a token, not one

log() { printf '[systemd-check] %s\n' "$*" >&2; }
die() { printf '[systemd-check] error: %s\n' "$*" >&2; exit 1; }
failed=0
check() {  # description, then a command that succeeds when the check passes
    local what=$1
    shift
    if "$@"; then printf 'ok    %s\n' "$what"; else printf 'FAIL  %s\n' "$what"; failed=1; fi
}

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot)"
docker info >/dev/null 2>&1 || die "no Docker engine answers; scripts/docker-build.sh starts one"
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null

if [ ! -x "$ROOT/usr/lib/systemd/systemd" ] || [ ! -e "$ROOT/usr/lib/python3.11/venv" ]; then
    log "debootstrap bookworm with systemd into $ROOT (a few minutes, once)"
    rm -rf "$ROOT"
    debootstrap --variant=minbase --include=systemd,python3-venv bookworm "$ROOT" "$MIRROR" \
        >"$ROOT.log" 2>&1 || { tail -n 20 "$ROOT.log" >&2; die "debootstrap failed"; }
fi

log "installing this checkout into $ROOT/opt/whatplot"
rm -rf "$ROOT/wheels" "$ROOT/opt/whatplot"
python3 -m pip wheel -q --disable-pip-version-check -w "$ROOT/wheels" . 2>&1 | grep -v 'is ignored: it is' >&2 || true
in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }  # none of this machine's settings
in_root python3 -m venv /opt/whatplot
in_root /opt/whatplot/bin/pip install -q --disable-pip-version-check --no-index --find-links /wheels whatplot
mkdir -p "$ROOT/gallery" && cp web/static/gallery/violin.webp "$ROOT/gallery/"
install -m 644 systemd/whatplot.service "$ROOT/etc/systemd/system/whatplot.service"
ln -sf /etc/systemd/system/whatplot.service "$ROOT/etc/systemd/system/multi-user.target.wants/whatplot.service"
sed "s/^DISCORD_TOKEN=.*/DISCORD_TOKEN=$TOKEN/" .env.example >"$ROOT/etc/whatplot.env"  # docs/bot-setup.md's .env
chmod 600 "$ROOT/etc/whatplot.env"

log "booting systemd in a container"
docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
tar -C "$ROOT" -c . | docker import - "$IMAGE" >/dev/null
trap 'docker rm -f "$CONTAINER" >/dev/null 2>&1; docker rmi "$IMAGE" >/dev/null 2>&1 || true' EXIT
docker run -d --name "$CONTAINER" --network none --cap-add ALL --cap-drop SYS_RESOURCE \
    --security-opt seccomp=unconfined --security-opt apparmor=unconfined --cgroupns=host \
    -v /sys/fs/cgroup:/sys/fs/cgroup:rw --tmpfs /run --tmpfs /run/lock --tmpfs /tmp \
    "$IMAGE" /usr/lib/systemd/systemd >/dev/null
in_box() { docker exec "$CONTAINER" "$@"; }
# How many lines of the unit's journal match a pattern (counted, not grep -q: with pipefail, an
# early exit of grep -q could fail the pipe).
journal_count() { in_box journalctl -u whatplot --no-pager -o cat | grep -c -- "$1" || true; }
journal_has() { [ "$(journal_count "$1")" -ge "${2:-1}" ]; }
main_status_is() { [ "$(in_box systemctl show whatplot -p ExecMainStatus --value)" = "$1" ]; }

sleep 40  # boot, the first start, and the restart RestartSec=30 schedules after it
check "with no network the bot says in one line that it can't reach Discord" \
    journal_has "^whatplot bot: can't reach Discord"
check "systemd starts it again after exit status 1" journal_has "^whatplot bot: can't reach Discord" 2

in_box sh -c 'mkdir -p /etc/systemd/system/whatplot.service.d && printf "[Service]\nExecStart=\nExecStart=/opt/whatplot/bin/whatplot classify --json /gallery/violin.webp\nRestart=no\n" >/etc/systemd/system/whatplot.service.d/classify.conf && systemctl daemon-reload && systemctl restart whatplot'
sleep 8
check "whatplot classify names the violin plot inside the unit's sandbox" \
    journal_has '"predictions": \[{"label": "violin"'

in_box sh -c 'rm -r /etc/systemd/system/whatplot.service.d && echo DISCORD_TOKEN=not-a-token >/etc/whatplot.env && systemctl daemon-reload && systemctl restart whatplot'
sleep 5
check "a malformed token stops it with exit status 2" main_status_is 2
sleep 35
check "and systemd does not restart it" in_box systemctl is-failed -q whatplot

if [ "$failed" -ne 0 ]; then
    log "the unit's journal:"
    in_box journalctl -u whatplot --no-pager -o cat | tail -n 30 >&2
    exit 1
fi
