"""The bot's settings, read once from the environment and ``.env`` (python-dotenv).

Every setting has a default except ``DISCORD_TOKEN``, which only ``whatplot bot`` needs:
:func:`bot.create_bot` works without it, so tests build the bot from a plain ``Settings(...)``.
``.env.example`` documents each variable.
"""

from __future__ import annotations

import difflib
import io
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from dotenv import dotenv_values
from dotenv.parser import parse_stream

from bot.answer import MAX_IMAGES
from classifier import config
from classifier.download import AddressPolicy, is_public_address

#: Three base64url parts separated by dots: the shape of every Discord bot token.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}")
#: The values WHATPLOT_LOG_LEVEL takes (in any case): the names of the logging module's levels.
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
#: The bot's settings (see :meth:`Settings.from_env`), each an environment variable.
SETTING_NAMES = (
    "DISCORD_TOKEN",
    "WHATPLOT_PREFIX",
    "WHATPLOT_DEV_GUILD_ID",
    "WHATPLOT_WATCH_CHANNELS",
    config.NOT_SURE_BELOW_VARIABLE,
    "WHATPLOT_WATCH_MIN_CONFIDENCE",
    "WHATPLOT_MAX_IMAGE_BYTES",
    "WHATPLOT_DOWNLOAD_TIMEOUT",
    "WHATPLOT_COOLDOWN_RATE",
    "WHATPLOT_COOLDOWN_PER",
    "WHATPLOT_QUEUE_SIZE",
    "WHATPLOT_QUEUE_MB",
    "WHATPLOT_WORKERS",
    "WHATPLOT_HISTORY_LIMIT",
    "WHATPLOT_DB_PATH",
    "WHATPLOT_MODEL_PATH",
    "WHATPLOT_HEALTH_HOST",
    "WHATPLOT_HEALTH_PORT",
    "WHATPLOT_SHARD_COUNT",
    "WHATPLOT_LOG_LEVEL",
)
#: A setting's default, where it has none of its type (None: unset).
D = TypeVar("D", int, None)


class SettingsError(ValueError):
    """A setting is missing or invalid; the message names the variable, never its secret value."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot can be configured with. Field comments name the environment variable."""

    token: str | None = field(default=None, repr=False)  # DISCORD_TOKEN (never printed)
    prefix: str = "!"  # WHATPLOT_PREFIX
    dev_guild_id: int | None = None  # WHATPLOT_DEV_GUILD_ID: sync commands to this guild only (instant)
    watch_channels: frozenset[int] = frozenset()  # WHATPLOT_WATCH_CHANNELS: watched unless turned off
    not_sure_below: float = config.NOT_SURE_BELOW  # WHATPLOT_NOT_SURE_BELOW: top confidence under this -> "I'm not sure"
    watch_min_confidence: float = 0.6  # WHATPLOT_WATCH_MIN_CONFIDENCE: watch mode stays quiet below this
    max_image_bytes: int = config.MAX_IMAGE_BYTES  # WHATPLOT_MAX_IMAGE_BYTES
    download_timeout: float = config.DOWNLOAD_TIMEOUT_S  # WHATPLOT_DOWNLOAD_TIMEOUT (seconds, total)
    cooldown_rate: int = 5  # WHATPLOT_COOLDOWN_RATE: requests per user ...
    cooldown_per: float = 30.0  # WHATPLOT_COOLDOWN_PER: ... per this many seconds
    queue_size: int = 32  # WHATPLOT_QUEUE_SIZE: images being downloaded, waiting for or in inference
    queue_mb: int = 160  # WHATPLOT_QUEUE_MB: megabytes of those images' files held at once
    workers: int = 2  # WHATPLOT_WORKERS: inference threads
    history_limit: int = 10  # WHATPLOT_HISTORY_LIMIT: messages searched by a bare !whatplot or /whatplot
    db_path: Path = Path("data/whatplot.db")  # WHATPLOT_DB_PATH
    model_path: Path | None = None  # WHATPLOT_MODEL_PATH: one model file (default: the shipped models, averaged)
    health_host: str = "127.0.0.1"  # WHATPLOT_HEALTH_HOST
    health_port: int | None = 8080  # WHATPLOT_HEALTH_PORT ("off" disables /healthz; 0 picks a free port)
    shard_count: int | None = None  # WHATPLOT_SHARD_COUNT: set to run an AutoShardedBot
    log_level: str = "INFO"  # WHATPLOT_LOG_LEVEL
    #: Which addresses URL downloads may reach. Not an environment setting: tests narrow it to
    #: their local server; production keeps "public addresses only".
    url_policy: AddressPolicy = field(default=is_public_address, repr=False)
    #: What :meth:`from_env` found amiss but not fatal, one line each for the log: a variable whose name is a near
    #: miss of a setting's (a typo, ``WHATPLOT_WATCH_CHANNEL``), which the bot ignores (:func:`misspelt_settings`),
    #: or a queue too small for one request's images (:func:`small_queue_warning`).
    warnings: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        # Accept plain strings and lists from callers that build Settings by hand.
        object.__setattr__(self, "db_path", Path(self.db_path))
        object.__setattr__(self, "model_path", Path(self.model_path) if self.model_path else None)
        object.__setattr__(self, "watch_channels", frozenset(self.watch_channels))
        # It can only lower the limit: the classifier refuses anything larger, after the bot had read it all, and an
        # attachment's refusal would name the setting's limit ("I read images up to 93 GiB"). Nor may it pass the
        # queue's bytes (WHATPLOT_QUEUE_MB): such an image could never be read, and would be "one moment" forever.
        max_image_bytes = min(self.max_image_bytes, config.MAX_IMAGE_BYTES, self.queue_mb * 2**20)
        object.__setattr__(self, "max_image_bytes", max_image_bytes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, dotenv_path: str | Path | None = None) -> Settings:
        """Read settings from ``environ`` (default ``os.environ``) over a ``.env`` file.

        The ``.env`` file is the current directory's (not a parent's, where another project's may lie) unless
        ``dotenv_path`` is given; real environment variables win over it.

        Raises:
            SettingsError: a value does not parse (the message names the variable), or the ``.env``
                file can't be read or isn't UTF-8 text.
        """
        path = Path(dotenv_path if dotenv_path is not None else ".env")
        # A folder named .env is a virtualenv's, not settings; a link to nothing is a mistake worth naming.
        values = _read_dotenv(path) if dotenv_path is not None or path.is_file() or path.is_symlink() else {}
        values.update(os.environ if environ is None else environ)
        env = _Reader(values)
        queue_size = env.positive_int("WHATPLOT_QUEUE_SIZE", cls.queue_size)
        return cls(
            token=env.text("DISCORD_TOKEN"),
            prefix=env.text("WHATPLOT_PREFIX") or cls.prefix,
            dev_guild_id=env.integer("WHATPLOT_DEV_GUILD_ID"),
            watch_channels=frozenset(env.ints("WHATPLOT_WATCH_CHANNELS")),
            not_sure_below=env.fraction(config.NOT_SURE_BELOW_VARIABLE, cls.not_sure_below),
            watch_min_confidence=env.fraction("WHATPLOT_WATCH_MIN_CONFIDENCE", cls.watch_min_confidence),
            max_image_bytes=env.positive_int("WHATPLOT_MAX_IMAGE_BYTES", cls.max_image_bytes),
            download_timeout=env.positive_float("WHATPLOT_DOWNLOAD_TIMEOUT", cls.download_timeout),
            cooldown_rate=env.positive_int("WHATPLOT_COOLDOWN_RATE", cls.cooldown_rate),
            cooldown_per=env.positive_float("WHATPLOT_COOLDOWN_PER", cls.cooldown_per),
            queue_size=queue_size,
            queue_mb=env.positive_int("WHATPLOT_QUEUE_MB", cls.queue_mb),
            workers=env.positive_int("WHATPLOT_WORKERS", cls.workers),
            history_limit=env.positive_int("WHATPLOT_HISTORY_LIMIT", cls.history_limit),
            # "~/…" as a shell reads it: .env and Compose's environment keep the "~", which names no home folder
            db_path=Path(env.text("WHATPLOT_DB_PATH") or cls.db_path).expanduser(),
            model_path=Path(model).expanduser() if (model := env.text("WHATPLOT_MODEL_PATH")) else None,
            health_host=env.text("WHATPLOT_HEALTH_HOST") or cls.health_host,
            health_port=env.port("WHATPLOT_HEALTH_PORT", cls.health_port),
            shard_count=env.positive_int("WHATPLOT_SHARD_COUNT", cls.shard_count),
            log_level=env.choice("WHATPLOT_LOG_LEVEL", LOG_LEVELS, cls.log_level),
            warnings=(*misspelt_settings(values), *small_queue_warning(queue_size)),
        )

    def checked_token(self) -> str:
        """The token, once it has the shape of a Discord bot token.

        Raises:
            SettingsError: the token is missing or malformed (the message never contains it).
        """
        if not self.token:
            raise SettingsError("DISCORD_TOKEN is not set; put it in the environment or in .env (see .env.example).")
        # Two ways a good token arrives spoilt: copied with the HTTP header's word, or in quotes that
        # `docker run --env-file` (unlike python-dotenv and Compose) passes on.
        if self.token.lower().startswith("bot "):
            raise SettingsError('DISCORD_TOKEN starts with "Bot "; give the token alone, without that word in front.')
        if len(self.token) > 1 and self.token[0] in "'\"" and self.token[-1] == self.token[0]:
            raise SettingsError("DISCORD_TOKEN is in quotes that reached the bot; drop the quotes.")
        if not _TOKEN_SHAPE.fullmatch(self.token):
            raise SettingsError(
                "DISCORD_TOKEN is malformed (expected three dot-separated parts); "
                "copy it again from the Developer Portal's Bot page."
            )
        return self.token


def misspelt_settings(names: Iterable[str]) -> list[str]:
    """A warning for each of ``names`` that is a near miss of a setting's name (:data:`SETTING_NAMES`; in any case,
    ``WHATPLOT_WATCH_CHANNEL`` for ``WHATPLOT_WATCH_CHANNELS``), which the bot ignores: naming the setting meant."""
    warnings = []
    for name in sorted(names):
        if name not in SETTING_NAMES and (close := difflib.get_close_matches(name.upper(), SETTING_NAMES, n=1, cutoff=0.9)):
            warnings.append(f"{name} is not a setting of the bot, so it has no effect; did you mean {close[0]}?")
    return warnings


def small_queue_warning(queue_size: int) -> list[str]:
    """A warning where ``queue_size`` is under the images one request may name (:data:`bot.answer.MAX_IMAGES`): the
    images past the queue's room get "one moment, then try again" even on an idle bot."""
    if queue_size >= MAX_IMAGES:
        return []
    return [
        f"WHATPLOT_QUEUE_SIZE is {queue_size}, under the {MAX_IMAGES} images one request may name: past the first "
        f"{queue_size}, a request's images are answered \"one moment, then try again\" even when the bot is idle."
    ]


#: A line of a ``.env`` file that sets one of the bot's settings (:data:`SETTING_NAMES`).
_SETTING_LINE = re.compile(rf"\s*(?:export\s+)?(?:{'|'.join(SETTING_NAMES)})\s*=")


def _read_dotenv(path: Path) -> dict[str, str]:
    """The settings in the ``.env`` file at ``path``. A file that can't be read, a line python-dotenv can't parse, or
    a value that runs on over the next lines where it is a setting's or swallows one (a quote left open: the settings
    after it would be lost without a word), is a SettingsError, not a traceback."""
    if not path.is_file():  # a link to nothing, or a pipe, which would block the read
        raise SettingsError(f"{path} isn't a file; put the settings in a plain text file named {path.name}.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SettingsError(f"{path} isn't UTF-8 text; save it as UTF-8 (plain text) and start again.") from None
    except OSError as exc:
        raise SettingsError(f"Can't read {path}: {exc.strerror or exc}.") from None
    for binding in parse_stream(io.StringIO(text)):
        first_line, *more_lines = binding.original.string.splitlines() or [""]
        swallowed = binding.key in SETTING_NAMES or any(_SETTING_LINE.match(line) for line in more_lines)
        if binding.error or (more_lines and swallowed):
            why = "is a quote left open?" if "'" in first_line or '"' in first_line else "it isn't NAME=value."
            raise SettingsError(f"Line {binding.original.line} of {path} can't be read ({first_line!r}): {why}")
    return {name: value for name, value in dotenv_values(stream=io.StringIO(text)).items() if value is not None}


class _Reader:
    """Typed access to string settings; empty values count as unset."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = values

    def text(self, name: str) -> str | None:
        value = self._values.get(name, "").strip()
        return value or None

    def integer(self, name: str) -> int | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            raise SettingsError(f"{name} must be a whole number, got {value!r}.") from None

    def ints(self, name: str) -> list[int]:
        value = self.text(name) or ""
        try:
            return [int(part) for part in value.replace(",", " ").split()]
        except ValueError:
            raise SettingsError(f"{name} must be a comma-separated list of channel ids.") from None

    def positive_int(self, name: str, default: D) -> int | D:
        value = self.integer(name)
        if value is not None and value < 1:
            raise SettingsError(f"{name} must be at least 1, got {value}.")
        return default if value is None else value

    def positive_float(self, name: str, default: float) -> float:
        value = self.text(name)
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            raise SettingsError(f"{name} must be a number, got {value!r}.") from None
        if not number > 0:
            raise SettingsError(f"{name} must be greater than 0, got {value}.")
        if not math.isfinite(number):  # "inf", or "1e999": no limit at all, and "ask again in inf s" can't be said
            raise SettingsError(f"{name} must be a number of seconds, got {value!r}.")
        return number

    def fraction(self, name: str, default: float) -> float:
        value = self.text(name)
        if value is None:
            return default
        try:
            return config.parse_fraction(name, value)
        except ValueError as exc:
            raise SettingsError(str(exc)) from None

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        """One of ``choices`` (upper-case names), whatever the case it was written in."""
        value = (self.text(name) or default).upper()
        if value not in choices:
            raise SettingsError(f"{name} must be one of {', '.join(choices)}, got {value!r}.")
        return value

    def port(self, name: str, default: int | None) -> int | None:
        value = self.text(name)
        if value is None:
            return default
        if value.lower() in ("off", "none", "false"):
            return None
        if not value.isascii() or not value.isdigit() or int(value) > 65535:
            raise SettingsError(f"{name} must be a port number (0-65535) or 'off', got {value!r}.")
        return int(value)
