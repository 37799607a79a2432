"""Which channels watch mode watches (:class:`WatchStore`): the on/off choices moderators make, stored in SQLite at
``WHATPLOT_DB_PATH`` so they survive restarts, over the channels listed in ``WHATPLOT_WATCH_CHANNELS``."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import sqlite3
from pathlib import Path

from bot.settings import SettingsError

log = logging.getLogger(__name__)


class StoreFailed(Exception):
    """A choice couldn't be stored: the database at ``WHATPLOT_DB_PATH`` failed (a full disk, a file made read-only
    or locked by another program, removed, or damaged since the start). Logged for whoever runs the bot."""


class WatchStore:
    """Which channels are watched: explicit on/off choices in SQLite over a set of defaults.

    Choices are cached in memory, so ``on_message`` never waits for the database. Each write opens
    its own short connection: no database thread outlives a bot that is never closed. Writes are made one at a time,
    in the order asked for: ``on`` then ``off`` in quick succession leaves the channel off, in memory and on disk.
    """

    def __init__(self, path: Path, defaults: frozenset[int], choices: dict[int, bool]) -> None:
        self._path = path
        self._defaults = defaults
        self._choices = choices
        self._writing = asyncio.Lock()  # first come, first served

    @classmethod
    async def open(cls, path: Path, defaults: frozenset[int]) -> WatchStore:
        """Create the database at ``path`` if needed and load the choices made so far.

        Raises:
            SettingsError: the database can't be created, read or written there (a file it may read but not write
                would fail at the first moderator's choice); the message names ``WHATPLOT_DB_PATH``, and the user the
                bot runs as where the file or its folder isn't theirs to write.
        """
        try:
            choices = await asyncio.to_thread(_read_choices, path)
        except (OSError, sqlite3.Error) as exc:
            why = f"({exc}){_unwritable(path)}"
            raise SettingsError(f"WHATPLOT_DB_PATH: can't open the database {path} {why}.") from exc
        return cls(path, defaults, choices)

    def is_watched(self, channel_id: int, parent_id: int | None = None) -> bool:
        """True if ``channel_id`` is watched. A thread (or forum post) whose channel is ``parent_id``
        follows that channel unless watching was turned on or off in the thread itself."""
        if channel_id in self._choices or channel_id in self._defaults or parent_id is None:
            return self._choices.get(channel_id, channel_id in self._defaults)
        return self.is_watched(parent_id)

    async def set(self, channel_id: int, enabled: bool) -> None:
        """Turn watching of ``channel_id`` on or off, durably.

        Raises:
            StoreFailed: the database failed; the choice is unchanged, and the log says why in one line.
        """
        async with self._writing:
            try:
                await asyncio.to_thread(_write_choice, self._path, channel_id, enabled)
            except (OSError, sqlite3.Error) as exc:
                log.error(
                    "Couldn't store watch mode %s for channel %s in the database %s (WHATPLOT_DB_PATH): %s",
                    "on" if enabled else "off",
                    channel_id,
                    self._path,
                    exc,
                )
                raise StoreFailed(str(exc)) from exc
            self._choices[channel_id] = enabled


def _read_choices(path: Path) -> dict[int, bool]:
    """The on/off choices stored at ``path``, by channel id; the database (and its folder) made if there is none.
    Blocking: run in a thread. (The standard library's sqlite3, one short connection a call: a connection that
    fails to open leaves no thread behind, as aiosqlite's did, printing a traceback as the bot exited.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path)) as db, db:  # the inner "db": one transaction, committed
        db.execute(
            "CREATE TABLE IF NOT EXISTS watched_channels (channel_id INTEGER PRIMARY KEY, enabled INTEGER NOT NULL)"
        )
        # A write that changes nothing: a database restored as another user's, say, fails now, not a moderator later.
        db.execute("DELETE FROM watched_channels WHERE channel_id IS NULL")
        if not os.access(path.parent, os.W_OK):  # where SQLite makes its journal as it writes; the probe makes none
            raise PermissionError(errno.EACCES, "SQLite can't make its journal beside the database", str(path.parent))
        rows = db.execute("SELECT channel_id, enabled FROM watched_channels")
        return {channel_id: bool(enabled) for channel_id, enabled in rows}


def _unwritable(path: Path) -> str:
    """Why the database at ``path`` may not be written, where the file or its folder isn't writable by the user the
    bot runs as (the Docker image's is uid 10001, and a restored file or a host folder mounted may be root's), or is
    on a read-only filesystem."""
    for place in (path, path.parent):
        try:
            if not place.exists() or os.access(place, os.W_OK):
                continue
            if os.statvfs(place).f_flag & os.ST_RDONLY:  # Docker's --read-only without a volume there, say
                return f"; {place} is on a read-only filesystem: mount a volume there, or set WHATPLOT_DB_PATH"
            owner = place.stat().st_uid
            return f"; {place} belongs to uid {owner}, and I run as uid {os.getuid()}, which may not write to it"
        except OSError:  # a folder on the way this user may not even look into
            return ""
    return ""


def _write_choice(path: Path, channel_id: int, enabled: bool) -> None:
    """Store the choice to watch ``channel_id`` or not at ``path``. Blocking: run in a thread."""
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute(
            "INSERT INTO watched_channels (channel_id, enabled) VALUES (?, ?) "
            "ON CONFLICT(channel_id) DO UPDATE SET enabled = excluded.enabled",
            (channel_id, int(enabled)),
        )
