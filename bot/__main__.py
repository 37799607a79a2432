"""``whatplot bot`` / ``python -m bot``: run the Discord bot until interrupted."""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
from collections.abc import Iterator

import aiohttp
import discord
from discord.ext import commands

from bot import create_bot
from bot.settings import Settings, SettingsError
from classifier.errors import ModelError


def _stop_as_on_ctrl_c(signum: int, frame: object) -> None:
    signal.raise_signal(signal.SIGINT)


@contextlib.contextmanager
def sigterm_as_ctrl_c() -> Iterator[None]:
    """Within it, SIGTERM (``kill``, Kubernetes, a ``docker stop`` of an image without our STOPSIGNAL) stops
    the bot as Ctrl-C does, answering the requests in hand first; by default it would end the process at once."""
    previous = signal.signal(signal.SIGTERM, _stop_as_on_ctrl_c)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    """Run the bot; returns the process exit status (2: bad settings, 3: no model, 1: Discord refused or unreachable)."""
    argparse.ArgumentParser(
        prog="whatplot bot",
        description="Run the whatplot Discord bot. Configure it with environment variables or a .env file "
        "(see .env.example); DISCORD_TOKEN is required.",
    ).parse_args(argv)
    try:
        settings = Settings.from_env()
        token = settings.checked_token()
    except SettingsError as exc:
        print(f"whatplot bot: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)-8s %(name)s: %(message)s")
    try:
        bot = create_bot(settings)
    except ModelError as exc:
        print(f"whatplot bot: {exc.message}", file=sys.stderr)
        return 3
    try:
        with sigterm_as_ctrl_c():
            bot.run(token, log_handler=None)  # logging is configured above
    except commands.ExtensionFailed as exc:  # a setting that shows its fault only as the bot starts up
        if not isinstance(exc.original, SettingsError):
            raise
        print(f"whatplot bot: {exc.original}", file=sys.stderr)
        return 2
    except discord.LoginFailure:
        print(
            "whatplot bot: Discord rejected DISCORD_TOKEN; reset it on the Developer Portal's Bot page.",
            file=sys.stderr,
        )
        return 1
    except aiohttp.ClientConnectionError as exc:  # no network, or DNS not up yet (early in a boot)
        print(f"whatplot bot: can't reach Discord ({exc}); check the network, then start again.", file=sys.stderr)
        return 1
    except discord.DiscordServerError as exc:  # Discord itself down or overloaded (a 5xx from its API)
        print(
            f"whatplot bot: Discord answered {exc.status} {exc.response.reason}; it may be down "
            "(see https://discordstatus.com). Start again later.",
            file=sys.stderr,
        )
        return 1
    except discord.PrivilegedIntentsRequired:
        print(
            "whatplot bot: enable the Message Content intent on the Developer Portal's Bot page, then restart.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
