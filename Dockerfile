# whatplot: the Discord bot (default command) and the `whatplot` CLI, served by the LiteRT model.
#
#   docker build -t whatplot .                      # needs the base image, or:
#   scripts/docker-build.sh                         # builds with no container registry at all
#   docker run -d --init --stop-timeout 20 --env-file .env -e WHATPLOT_DB_PATH=/data/whatplot.db -v whatplot-data:/data whatplot   # the bot
#     (-e after --env-file wins over .env.example's data/whatplot.db, which would land in /data/data, not where
#     compose.yaml puts the database; --stop-timeout 20, as compose.yaml's stop_grace_period, lets a stopping bot
#     finish or take back the requests in hand: docker stop's default 10 s can kill it first)
#   docker run --rm -v "$PWD:/in:ro" whatplot whatplot classify --json /in/chart.png
#
# BASE_IMAGE needs a `python3` (3.11+) with venv and pip: the official python:3.11-slim-bookworm,
# or the Debian bookworm base that scripts/docker-build.sh makes with debootstrap. Both stages use
# it, so the virtual environment built in the first runs unchanged in the second.
ARG BASE_IMAGE=python:3.11-slim-bookworm

# ---------------------------------------------------------------------------------------------
FROM ${BASE_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PYTHONDONTWRITEBYTECODE=1

RUN python3 -m venv /opt/whatplot
WORKDIR /src

# Wheels that scripts/docker-build.sh fetched with the host's pip (none in a plain `docker build`):
# when there are some, pip installs from them alone and the build needs no network at all.
COPY docker/wheels/ /wheels/

# Runtime dependencies first, from pyproject.toml alone, so that a code change reuses this layer.
COPY pyproject.toml README.md ./
RUN if ls /wheels/*.whl >/dev/null 2>&1; then export PIP_NO_INDEX=1 PIP_FIND_LINKS=/wheels; fi \
 && /opt/whatplot/bin/python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
 && /opt/whatplot/bin/pip install -r /tmp/requirements.txt

# The project itself: .dockerignore lets in only the runtime packages, weights/ and docker/
# (training/ needs TensorFlow and stays out).
COPY . ./
RUN if ls /wheels/*.whl >/dev/null 2>&1; then export PIP_NO_INDEX=1 PIP_FIND_LINKS=/wheels; fi \
 && /opt/whatplot/bin/pip install --no-deps . \
 # Slim the environment: no pip/setuptools at run time, no bytecode caches, no test suites, and
 # no LiteRT parts that classifier's Interpreter never loads: the WebGPU accelerator, NPU compiler
 # plugins, a tool, and libLiteRt.so (the CompiledModel API's runtime; the Interpreter has its own
 # in libpywrap_litert_common.so). scripts/docker-check.sh proves classify still works.
 && /opt/whatplot/bin/pip uninstall -q -y pip setuptools \
 && site=$(/opt/whatplot/bin/python -c "import sysconfig; print(sysconfig.get_path('purelib'))") \
 && cd "$site"/ai_edge_litert \
 && rm -rf libLiteRtWebGpuAccelerator.so libLiteRt.so vendors/*/compiler tools/apply_plugin_main \
 && find "$site" -depth -type d -name tests -exec rm -rf {} + \
 && find /opt/whatplot -depth -type d -name __pycache__ -exec rm -rf {} + \
 && find /opt/whatplot -type f -name '*.pyi' -delete \
 && /opt/whatplot/bin/whatplot --help >/dev/null

# ---------------------------------------------------------------------------------------------
FROM ${BASE_IMAGE} AS runtime

LABEL org.opencontainers.image.title="whatplot" \
      org.opencontainers.image.description="Discord bot and CLI that name the chart type in an image" \
      org.opencontainers.image.licenses="MIT"

# A fixed, non-root uid/gid (10001) that owns only /data, where the SQLite database lives.
RUN (getent group whatplot || groupadd --system --gid 10001 whatplot) >/dev/null \
 && (getent passwd whatplot || useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin whatplot) >/dev/null \
 && mkdir -p /data && chown 10001:10001 /data && chmod 0750 /data

COPY --from=build /opt/whatplot /opt/whatplot

ENV PATH=/opt/whatplot/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/data \
    WHATPLOT_DB_PATH=/data/whatplot.db \
    WHATPLOT_HEALTH_PORT=8080

USER 10001:10001
WORKDIR /data

# The bot answers GET /healthz on 127.0.0.1:$WHATPLOT_HEALTH_PORT (bot/settings.py; 200 while the
# gateway is connected, the model loaded, else 503); python's urllib needs no curl in the image.
# WHATPLOT_HEALTH_PORT=off turns the endpoint off, and then the check passes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python3", "-c", "import os, sys, urllib.request; p = os.environ.get('WHATPLOT_HEALTH_PORT', '8080').strip(); p.lower() in ('off', 'none', 'false') and sys.exit(0); urllib.request.urlopen(f'http://127.0.0.1:{p}/healthz', timeout=4)"]

# SIGINT, not SIGTERM, on `docker stop`: Python turns it into KeyboardInterrupt, which the bot (and
# aiohttp's web server) answer by closing cleanly, with or without an init process as PID 1.
STOPSIGNAL SIGINT

# `docker run IMAGE` runs the bot; `docker run IMAGE whatplot classify ...` (or any command) replaces it.
CMD ["whatplot", "bot"]
