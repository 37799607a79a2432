#!/usr/bin/env bash
# Build the whatplot image (scripts/docker-build.sh; Docker's cache makes an unchanged tree quick)
# and check it the way a self-hoster will use it:
#
#   size <= $WHATPLOT_MAX_IMAGE_MB (300), a non-root user, a HEALTHCHECK that Docker really sees
#   turn healthy/unhealthy on the bot's own /healthz, `whatplot classify --json` on a mounted chart PNG (no token,
#   no network, read-only root), and `whatplot bot` without (or with a malformed) DISCORD_TOKEN
#   exiting non-zero at once with one line; with Docker Compose available, compose.yaml too.
#
# Prints one line per check and a closing "N passed, N failed"; exits non-zero if any failed.
#
# Environment: WHATPLOT_IMAGE (default whatplot:latest), WHATPLOT_SKIP_BUILD=1 (check the image
# as it is), WHATPLOT_MAX_IMAGE_MB (default 300), and those of scripts/docker-build.sh.
set -uo pipefail

cd "$(dirname "$0")/.."

IMAGE=${WHATPLOT_IMAGE:-whatplot:latest}
MAX_MB=${WHATPLOT_MAX_IMAGE_MB:-300}
RUN_ID="whatplot-check-$$"
passed=0
failed=0
work=$(mktemp -d /tmp/whatplot-docker-check.XXXXXX)
chmod 0755 "$work"

cleanup() {
    docker rm -f "$RUN_ID-ok" "$RUN_ID-bad" >/dev/null 2>&1
    if [ -n "${compose:-}" ] && [ -f "$work/compose/compose.yaml" ]; then
        (cd "$work/compose" && $compose -p "$RUN_ID" down -v --remove-orphans >/dev/null 2>&1)
    fi
    rm -rf "$work"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); printf 'ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$*"; }
detail() { sed 's/^/      | /' | head -n "${1:-8}"; }

# --- build ------------------------------------------------------------------------------------
if [ "${WHATPLOT_SKIP_BUILD:-0}" != 1 ]; then
    start=$(date +%s)
    if scripts/docker-build.sh -q >"$work/build.log" 2>&1; then
        ok "build: $IMAGE built in $(($(date +%s) - start)) s"
    else
        fail "build: scripts/docker-build.sh failed"
        tail -n 25 "$work/build.log" | detail 25
        printf '%d passed, %d failed\n' "$passed" "$failed"
        exit 1
    fi
fi
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
    fail "image: $IMAGE does not exist (and WHATPLOT_SKIP_BUILD=1)"
    printf '%d passed, %d failed\n' "$passed" "$failed"
    exit 1
fi

inspect() { docker image inspect -f "$1" "$IMAGE"; }

# --- size -------------------------------------------------------------------------------------
size=$(inspect '{{.Size}}')
size_mb=$((size / 1000 / 1000))
if [ "$size_mb" -le "$MAX_MB" ]; then
    ok "size: ${size_mb} MB ($size bytes) <= ${MAX_MB} MB"
else
    fail "size: ${size_mb} MB > ${MAX_MB} MB"
fi

# --- non-root ---------------------------------------------------------------------------------
user=$(inspect '{{.Config.User}}')
uid=$(docker run --rm --network none "$IMAGE" id -u 2>&1)
if [ -n "$user" ] && [ "${user%%:*}" != root ] && [ "${user%%:*}" != 0 ] && [ "$uid" != 0 ]; then
    ok "user: image USER $user, runs as uid $uid"
else
    fail "user: image USER '${user}', runs as uid '$uid' (want non-root)"
fi

# --- HEALTHCHECK: declared, and it tells a 200 from a 503 -------------------------------------
hc=$(inspect '{{json .Config.Healthcheck}}')
if [[ "$hc" == *'/healthz'* ]]; then
    ok "healthcheck: declared, polls /healthz"
else
    fail "healthcheck: missing or not on /healthz: $hc"
fi
# The real bot, built by create_bot() with the image's settings, serving its real health cog; it
# can't log in to Discord offline, so "ready" is the gateway marked ready, and its connection open, by hand.
# Docker's own health engine runs the image's HEALTHCHECK against it.
health_bot='import asyncio, sys, types
from bot import create_bot
async def main():
    bot = create_bot()
    if sys.argv[1] == "ready":
        bot.is_ready = lambda: True
        bot.ws = types.SimpleNamespace(open=True)
    await bot.load_extension("bot.cogs.health")
    await asyncio.sleep(300)
asyncio.run(main())'
for case in "ok:ready:healthy" "bad:starting:unhealthy"; do
    IFS=: read -r name state want <<<"$case"
    docker run -d --name "$RUN_ID-$name" --network none --read-only --cap-drop ALL -e DISCORD_TOKEN= \
        --health-interval 1s --health-start-period 1s --health-retries 2 \
        "$IMAGE" python3 -c "$health_bot" "$state" >/dev/null
done
for case in "ok:ready:healthy" "bad:starting:unhealthy"; do
    IFS=: read -r name state want <<<"$case"
    got=""
    for _ in $(seq 45); do
        got=$(docker inspect -f '{{.State.Health.Status}}' "$RUN_ID-$name" 2>/dev/null)
        [ "$got" = "$want" ] && break
        sleep 1
    done
    if [ "$got" = "$want" ]; then
        ok "healthcheck: the bot's /healthz while $state -> $got"
    else
        fail "healthcheck: the bot's /healthz while $state -> '${got}', want $want"
        docker inspect -f '{{json .State.Health}}' "$RUN_ID-$name" 2>&1 | detail 4
        docker logs "$RUN_ID-$name" 2>&1 | detail 8
    fi
done
docker rm -f "$RUN_ID-ok" "$RUN_ID-bad" >/dev/null 2>&1

# --- whatplot classify on a mounted chart -----------------------------------------------------
# A bar chart drawn with the image's own Pillow, so the host needs nothing but Docker.
mkdir -p "$work/in"
docker run --rm --network none --user "$(id -u):$(id -g)" -v "$work/in:/out" "$IMAGE" python3 -c '
from PIL import Image, ImageDraw
im = Image.new("RGB", (480, 360), "white")
d = ImageDraw.Draw(im)
d.line([(50, 20), (50, 320), (460, 320)], fill="black", width=2)
for i, h in enumerate([120, 220, 160, 260, 90, 190]):
    x = 70 + i * 65
    d.rectangle([x, 320 - h, x + 45, 320], fill=(31, 119, 180))
im.save("/out/chart.png")' >"$work/draw.log" 2>&1 || detail <"$work/draw.log"
chmod 0644 "$work/in/chart.png" 2>/dev/null
start=$(date +%s)
docker run --rm --network none --read-only --cap-drop ALL -e DISCORD_TOKEN= -v "$work/in/chart.png:/data/x.png:ro" \
    "$IMAGE" whatplot classify --json /data/x.png >"$work/classify.out" 2>"$work/classify.err"
rc=$?
secs=$(($(date +%s) - start))
verdict=$(python3 - "$work/classify.out" <<'EOF' 2>&1
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
assert len(lines) == 1, f"{len(lines)} lines of output"
record = json.loads(lines[0])
preds = record["predictions"]
assert record["input"] == "/data/x.png" and len(preds) == 3, record
assert all(set(p) == {"label", "name", "confidence"} and 0 <= p["confidence"] <= 1 for p in preds), preds
assert [p["confidence"] for p in preds] == sorted((p["confidence"] for p in preds), reverse=True), preds
print(", ".join(f"{p['label']} {p['confidence']:.2f}" for p in preds))
EOF
)
vrc=$?
if [ "$rc" = 0 ] && [ "$vrc" = 0 ]; then
    ok "classify: exit 0 in ${secs} s, predictions JSON: $verdict"
else
    fail "classify: exit $rc; $verdict"
    cat "$work/classify.out" "$work/classify.err" | detail 12
fi

# --- whatplot bot that can't start: non-zero at once, one line saying why, no traceback ------------
token_case() {  # label, token value, what the line must say
    local start rc secs out lines
    start=$(date +%s)
    # /data as a deployment has it (Compose's volume): the bot checks its database before it logs in
    out=$(timeout 60 docker run --rm --network none --read-only --tmpfs /data:uid=10001,gid=10001,mode=0750 \
        --cap-drop ALL -e DISCORD_TOKEN="$2" "$IMAGE" 2>&1)
    rc=$?
    secs=$(($(date +%s) - start))
    lines=$(printf '%s\n' "$out" | grep -c '^whatplot bot: ')  # log lines may come before it
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && [ "$secs" -le 20 ] && [ "$lines" = 1 ] \
        && [[ "$out" == *"whatplot bot: "*"$3"* ]] && [[ "$out" != *Traceback* ]]; then
        ok "bot, $1: exit $rc in ${secs} s: $(printf '%s\n' "$out" | grep '^whatplot bot: ')"
    else
        fail "bot, $1: exit $rc in ${secs} s, $lines lines from whatplot bot (want non-zero, <= 20 s, one line saying '$3')"
        printf '%s\n' "$out" | detail 12
    fi
}
well_formed=MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB  # the shape, not a token
token_case "no DISCORD_TOKEN" "" DISCORD_TOKEN
token_case "malformed DISCORD_TOKEN" "not-a-token" DISCORD_TOKEN
token_case "DISCORD_TOKEN in quotes (as docker run --env-file passes them)" "\"$well_formed\"" "in quotes"
token_case "no network to reach Discord" "$well_formed" "can't reach Discord"

# --- compose.yaml (when Docker Compose is here) -------------------------------------------------
compose=""
if docker compose version >/dev/null 2>&1; then
    compose="docker compose"
elif command -v docker-compose >/dev/null 2>&1; then
    compose="docker-compose"
fi
if [ -z "$compose" ]; then
    printf 'skip  compose: neither `docker compose` nor `docker-compose` is installed\n'
else
    # A copy in a scratch project, with its own volume name: never touch a real deployment's data.
    mkdir -p "$work/compose"
    sed "s/^    name: whatplot-data$/    name: $RUN_ID-data/" compose.yaml >"$work/compose/compose.yaml"
    : >"$work/compose/.env"
    if (cd "$work/compose" && WHATPLOT_IMAGE="$IMAGE" $compose -p "$RUN_ID" config -q) >"$work/compose.log" 2>&1; then
        ok "compose: compose.yaml is valid ($compose)"
    else
        fail "compose: '$compose config' rejects compose.yaml"
        detail <"$work/compose.log"
    fi
    (cd "$work/compose" && WHATPLOT_IMAGE="$IMAGE" timeout 120 $compose -p "$RUN_ID" up -d) >"$work/compose.log" 2>&1
    rc=$?
    why=$(cd "$work/compose" && $compose -p "$RUN_ID" logs --no-color config-check 2>&1 | grep -o 'whatplot bot: .*' | head -n 1)
    running=$(docker ps -q --filter "label=com.docker.compose.project=$RUN_ID" --filter "label=com.docker.compose.service=bot")
    if [ "$rc" -ne 0 ] && [ -z "$running" ] && [[ "$why" == *DISCORD_TOKEN* ]]; then
        ok "compose: 'up -d' with no token fails (exit $rc), bot not started, config-check says: $why"
    else
        fail "compose: 'up -d' with no token: exit $rc, bot running: ${running:-no}, config-check: ${why:-nothing}"
        detail 12 <"$work/compose.log"
    fi
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
