"""`whatplot web`: serve the page and the JSON API."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from classifier import config
from classifier.errors import ModelError
from classifier.model import ChartClassifier
from web.app import create_app

#: Seconds the requests in hand get to finish once the server is told to stop (Ctrl-C, SIGTERM): enough
#: to answer an image already received; aiohttp's own 60 would let one trickled upload hold up the stop.
SHUTDOWN_TIMEOUT_S = 5.0


def port_number(text: str) -> int:
    """``--port``'s type: a TCP port, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return port


def read_not_sure_below(environ: Mapping[str, str]) -> float:
    """The bot's ``WHATPLOT_NOT_SURE_BELOW`` setting in ``environ``, so that the page words its answers as the bot
    does; unset or empty, the default.

    Raises:
        ValueError: the value is not a share (``0.4`` or ``40%``); the message names the variable.
    """
    value = environ.get(config.NOT_SURE_BELOW_VARIABLE, "").strip()
    return config.parse_fraction(config.NOT_SURE_BELOW_VARIABLE, value) if value else config.NOT_SURE_BELOW


def build_parser() -> argparse.ArgumentParser:
    """The ``whatplot web`` command line."""
    parser = argparse.ArgumentParser(
        prog="whatplot web",
        description="Serve the whatplot web page and JSON API.",
        epilog=f"{config.NOT_SURE_BELOW_VARIABLE} (in the environment, e.g. 40%) sets the top confidence under which an "
        f"answer says \"I'm not sure\" (default {round(config.NOT_SURE_BELOW * 100)}%), as it does for the bot.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for every IPv4 interface)")
    parser.add_argument("--port", type=port_number, default=8080, help="port to listen on (default 8080)")
    parser.add_argument("--model", type=Path, action="append", help="a model file; repeat it to average several (default: the shipped models)")
    return parser


#: Hosts that mean every network interface: addresses to listen on, not to open in a browser ("": every IPv4 and
#: IPv6 one, as aiohttp reads it).
_EVERY_INTERFACE = ("0.0.0.0", "::", "")


def _how_to_open(address: str, host: str, port: int) -> str:
    """The server's ``address``, or where ``host`` means every interface, the one to open on this machine."""
    if host not in _EVERY_INTERFACE:
        return address
    return f"every interface, port {port}: open http://127.0.0.1:{port}/ here, or this machine's address from elsewhere"


class NoHealthChecks(logging.Filter):
    """No access-log line for a ``GET /healthz`` answered 200: Docker's health check asks every 30 s, and its 2,880
    lines a day would bury the requests people make."""

    def filter(self, record: logging.LogRecord) -> bool:
        line = record.getMessage()
        return not ('"GET /healthz HTTP/' in line and '" 200 ' in line)


class UnparsedRequestsInOneLine(logging.Filter):
    """aiohttp's log of a request it couldn't parse (a line over 8 KB, Content-Length twice...) as one INFO line, not
    an ERROR with a traceback: anyone on the network can send one, so it is no fault of the server's, and a scanner's
    would bury the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):
            record.msg, record.args = f"{record.getMessage()}: {error.code} {error.message.splitlines()[0]}", ()
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.exc_info = record.exc_text = None
        return True


def main(argv: list[str] | None = None) -> int:
    """Run ``whatplot web`` until interrupted; returns the process exit status."""
    args = build_parser().parse_args(argv)
    try:
        not_sure_below = read_not_sure_below(os.environ)
    except ValueError as exc:
        print(f"whatplot web: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("aiohttp.server").addFilter(UnparsedRequestsInOneLine())
    logging.getLogger("aiohttp.access").addFilter(NoHealthChecks())
    try:
        classifier = ChartClassifier.load(args.model)
    except ModelError as exc:
        print(f"whatplot web: {exc.message}", file=sys.stderr)
        return 3
    host = f"[{args.host}]" if ":" in args.host else args.host  # an IPv6 address
    address = f"http://{host}:{args.port}/"
    try:
        web.run_app(
            create_app(classifier, not_sure_below=not_sure_below),
            host=args.host,
            port=args.port,
            shutdown_timeout=SHUTDOWN_TIMEOUT_S,
            print=lambda _: print(f"whatplot web: serving on {_how_to_open(address, args.host, args.port)}", flush=True),
        )
    except OSError as exc:  # e.g. the port is taken
        print(f"whatplot web: can't listen on {address}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
