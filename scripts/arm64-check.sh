#!/usr/bin/env bash
# Check that the classifier answers on a Raspberry Pi's CPU as it does here: the shipped int8 models
# on 64-bit ARM (aarch64, a Cortex-A72 as in a Raspberry Pi 4), emulated with qemu-user, against
# this machine's answers for the same images.
#
#   scripts/arm64-check.sh [IMAGE_OR_DIR ...]     (default: the web page's gallery, 40 charts)
#
# 1. Installs Debian's qemu-user-static, binfmt-support and debootstrap when missing (needs root),
#    and makes an arm64 Debian bookworm (minbase + python3-venv) in $WHATPLOT_ARM64_ROOT, once.
# 2. Fetches the runtime dependencies' aarch64 wheels with this machine's pip (the same ones a
#    Pi's `pip install` picks) into a virtual environment there, and copies the tracked tree in.
# 3. Runs `whatplot classify --json --top-k 40` on the images here and in the ARM root, and prints
#    how many top-1 answers agree and the largest difference of any probability.
#
# The ARM root sees a Pi 4's /proc/cpuinfo and CPU list, not this machine's: XNNPACK (LiteRT's CPU
# kernels) reads them to choose its ARM kernels, and crashes or hangs on an x86 host's under emulation.
# Emulation is far slower than the hardware (about 2 s an image here), so this checks answers, not speed. It emulates a named
# core, not qemu's "max": Debian 12's qemu 7.2 emulates that one's SME instructions wrongly, and XNNPACK's
# int8 kernels for them then answer nonsense (qemu 10's "max" answers as the Cortex-A72 does).
#
# Run it with the project's environment active (python3 -m whatplot classifies here).
# Environment: WHATPLOT_ARM64_ROOT (default /var/tmp/whatplot-arm64), QEMU_CPU (default cortex-a72;
# cortex-a76 for a Pi 5), DEBIAN_MIRROR (default http://deb.debian.org/debian).
# Exits non-zero if any top-1 answer differs or a probability is off by more than 0.02.
set -euo pipefail

cd "$(dirname "$0")/.."

ROOT=${WHATPLOT_ARM64_ROOT:-/var/tmp/whatplot-arm64}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
export QEMU_CPU=${QEMU_CPU:-cortex-a72}
MAX_DIFF=0.02

log() { printf '[arm64-check] %s\n' "$*" >&2; }
die() { printf '[arm64-check] error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot)"
if [ "$#" -eq 0 ]; then set -- web/static/gallery; fi

if ! command -v qemu-aarch64-static >/dev/null || ! command -v debootstrap >/dev/null; then
    log "installing qemu-user-static, binfmt-support, debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q qemu-user-static binfmt-support debootstrap >/dev/null
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    update-binfmts --enable qemu-aarch64 || die "can't register qemu-aarch64 with binfmt_misc"
fi

if [ ! -x "$ROOT/venv/bin/python" ]; then
    log "debootstrap arm64 bookworm into $ROOT (a few minutes, once)"
    rm -rf "$ROOT"
    debootstrap --arch=arm64 --variant=minbase --include=python3,python3-venv bookworm "$ROOT" "$MIRROR" \
        >"$ROOT.log" 2>&1 || { tail -n 20 "$ROOT.log" >&2; die "debootstrap failed"; }
    # pip download judges markers by this machine, so the x86-64-only ones go first.
    python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
        | grep -v "platform_machine == 'x86_64'" >"$ROOT/requirements.txt"
    log "fetching aarch64 wheels and installing them"
    python3 -m pip download -q --disable-pip-version-check --only-binary=:all: --python-version 3.11 \
        --platform manylinux_2_27_aarch64 --platform manylinux_2_28_aarch64 --platform manylinux2014_aarch64 \
        -d "$ROOT/wheels" -r "$ROOT/requirements.txt" 2>&1 | grep -v 'is ignored: it is' >&2 || true
    chroot "$ROOT" python3 -m venv /venv
    chroot "$ROOT" /venv/bin/pip install -q --no-index --find-links /wheels -r /requirements.txt
    # A Raspberry Pi 4's CPU as XNNPACK's cpuinfo reads it (4 Cortex-A72 cores, part 0xd08); the
    # instruction-set features it reads from qemu, so another QEMU_CPU still gets its own kernels.
    mkdir -p "$ROOT/sys/devices/system/cpu"
    echo 0-3 >"$ROOT/sys/devices/system/cpu/possible"
    echo 0-3 >"$ROOT/sys/devices/system/cpu/present"
    for i in 0 1 2 3; do
        mkdir -p "$ROOT/sys/devices/system/cpu/cpu$i"
        printf 'processor\t: %d\nFeatures\t: fp asimd evtstrm crc32 cpuid\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: 0xd08\nCPU revision\t: 3\n\n' "$i"
    done >"$ROOT/proc/cpuinfo"
fi

log "copying the tracked tree and the images into $ROOT/src"
rm -rf "$ROOT/src" && mkdir -p "$ROOT/src/images"
git ls-files -z | tar --null -T - -c | tar -x -C "$ROOT/src"
cp -r "$@" "$ROOT/src/images/"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log "classifying here"
(cd "$ROOT/src" && python3 -m whatplot classify --json --top-k 40 images) >"$work/host.jsonl" 2>"$work/host.log" \
    || { tail -n 20 "$work/host.log" >&2; die "whatplot classify failed here (is the project's environment active?)"; }
log "classifying on an emulated $QEMU_CPU"
start=$(date +%s)
chroot "$ROOT" sh -c 'cd /src && /venv/bin/python -m whatplot classify --json --top-k 40 images' >"$work/arm.jsonl" 2>"$work/arm.log" \
    || { tail -n 20 "$work/arm.log" >&2; die "whatplot classify failed on ARM"; }
log "emulated run took $(($(date +%s) - start)) s"

python3 - "$work/host.jsonl" "$work/arm.jsonl" "$MAX_DIFF" <<'EOF'
import json, sys

def answers(path):
    rows = (json.loads(line) for line in open(path))
    return {row["input"]: {p["label"]: p["confidence"] for p in row["predictions"]} for row in rows if "predictions" in row}

host, arm, max_allowed = answers(sys.argv[1]), answers(sys.argv[2]), float(sys.argv[3])
shared = sorted(host.keys() & arm.keys())
same_top1 = sum(max(host[i], key=host[i].get) == max(arm[i], key=arm[i].get) for i in shared)
largest = max((abs(host[i][label] - arm[i].get(label, 0.0)) for i in shared for label in host[i]), default=0.0)
print(f"{len(shared)} images answered on both ({len(host)} here, {len(arm)} on ARM): "
      f"top-1 the same for {same_top1}, largest probability difference {largest:.4f}")
sys.exit(0 if shared and same_top1 == len(shared) == len(host) == len(arm) and largest <= max_allowed else 1)
EOF
