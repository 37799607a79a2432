"""``whatplot bot`` / ``python -m bot``: run the Discord bot until interrupted."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Iterator

import aiohttp
import discord
from discord.ext import commands

from bot import WhatplotBot, create_bot
from bot.settings import Settings, SettingsError
from bot.watch_store import WatchStore
from classifier.errors import ModelError

log = logging.getLogger(__name__)

#: Logged when Discord refuses the bot the Message Content intent: what the bot does without it, and how to get it.
WITHOUT_MESSAGE_CONTENT = (
    "Discord refused the Message Content intent; running without it. In servers, %swhatplot and watch mode can't see "
    "the messages posted; /whatplot, \"Name this chart\", direct messages and messages that mention the bot still "
    "work. To get it all back, turn on \"Message Content Intent\" on the Developer Portal's Bot page "
    "(https://discord.com/developers/applications), then restart the bot. Bots in 100 or more servers must apply to "
    "Discord for it."
)


def _stop_as_on_ctrl_c(signum: int, frame: object) -> None:
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started with Ctrl-C ignored (a script's `whatplot bot &`)
        raise KeyboardInterrupt  # a SIGINT would be ignored too, and the bot would run on
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


def _not_discord_pys_intent_warning(record: logging.LogRecord) -> bool:
    """Whether ``record`` is other than discord.py's warning that commands "may not work" without the Message
    Content intent: :data:`WITHOUT_MESSAGE_CONTENT` says which, and how to get it."""
    return "message content intent is missing" not in record.getMessage()


def run_bot(bot: WhatplotBot, token: str) -> None:
    """Run ``bot`` until it is stopped (Ctrl-C, or SIGTERM: :func:`sigterm_as_ctrl_c`). Where Discord refuses it the
    Message Content intent (gateway close 4014), log what the bot can't do without it, and run one that doesn't ask
    for it: the slash commands, "Name this chart", DMs and mentions work all the same.

    A stop ends it at any moment, as ``Client.run`` ends on Ctrl-C while its event loop runs: also between the two
    bots, where no loop runs to catch it."""
    with contextlib.suppress(KeyboardInterrupt):
        try:
            bot.run(token, log_handler=None)  # logging is configured by main()
        except discord.PrivilegedIntentsRequired:
            log.warning(WITHOUT_MESSAGE_CONTENT, bot.settings.prefix)
            logging.getLogger("discord.ext.commands.bot").addFilter(_not_discord_pys_intent_warning)
            # The refused client is closed by now, and a discord.py client can't connect again once closed: a new
            # one, with the model already loaded.
            create_bot(bot.settings, bot.inference.classifier, message_content=False).run(token, log_handler=None)


def main(argv: list[str] | None = None) -> int:
    """Run the bot; returns the process exit status (2: bad settings, a token Discord rejects among them; 3: no model;
    1: Discord unreachable or down). Where Discord refuses the Message Content intent, the bot runs without it (:func:`run_bot`)."""
    parser = argparse.ArgumentParser(
        prog="whatplot bot",
        description="Run the whatplot Discord bot. Configure it with environment variables or a .env file "
        "(see .env.example); DISCORD_TOKEN is required.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="check the settings, the token's shape and the database, then exit (0: all fine) without connecting to "
        "Discord",
    )
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"whatplot bot: {exc}", file=sys.stderr)
        return 2
    try:
        token = settings.checked_token()
    except SettingsError as exc:
        print(f"whatplot bot: {exc}", file=sys.stderr)
        for warning in settings.warnings:  # "DISCORD_TOKN ... did you mean DISCORD_TOKEN?"
            print(f"whatplot bot: {warning}", file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)-8s %(name)s: %(message)s")
    for warning in settings.warnings:  # a setting misspelt or unwise: the bot runs on, but says so
        log.warning(warning)
    try:  # before logging in: a bot restarted over a database it can't write would log in to Discord each time
        asyncio.run(WatchStore.open(settings.db_path, settings.watch_channels))
    except SettingsError as exc:
        print(f"whatplot bot: {exc}", file=sys.stderr)
        return 2
    if args.check:
        print("whatplot bot: the settings, the token's shape and the database are fine")
        return 0
    try:
        bot = create_bot(settings)
    except ModelError as exc:
        print(f"whatplot bot: {exc.message}", file=sys.stderr)
        return 3
    try:
        with sigterm_as_ctrl_c():
            run_bot(bot, token)
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
        return 2
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
