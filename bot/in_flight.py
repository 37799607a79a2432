"""The requests the bot is answering, each with a way to tell its asker that the answer isn't coming.

A bot told to stop waits a while for the requests in hand (:meth:`bot.client.WhatplotBot.close`);
the askers of those still unfinished then get :data:`RESTARTING` instead of silence.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection, Iterator

log = logging.getLogger(__name__)

#: Sends one line to the asker of a request: a reply to their message, or an interaction's response.
Tell = Callable[[str], Awaitable[object]]

#: What the asker of a request still unfinished when the bot stops gets instead of the answer.
RESTARTING = "I'm restarting and couldn't finish this one; ask again in a minute."
#: How long telling those askers may take, all together (Docker and systemd allow a stopping bot 20 s).
TELL_TIMEOUT_S = 3.0


class InFlight:
    """The requests being answered, by the task answering each."""

    def __init__(self) -> None:
        self._tells: dict[asyncio.Task[object], Tell] = {}

    @contextlib.contextmanager
    def request(self, tell: Tell) -> Iterator[None]:
        """Within it, the current task answers a request whose asker ``tell`` reaches."""
        task = asyncio.current_task()
        assert task is not None, "a request is answered by a task"
        self._tells[task] = tell
        try:
            yield
        finally:
            del self._tells[task]

    async def give_up(self, tasks: Collection[asyncio.Task[object]]) -> None:
        """Cancel ``tasks`` (requests the bot won't finish), then tell each one's asker :data:`RESTARTING`,
        within :data:`TELL_TIMEOUT_S`. Cancelled first, none can send its answer after that.

        Tasks answering no request (watch mode: nobody asked) end without a word.
        """
        tells = [self._tells[task] for task in tasks if task in self._tells]
        for task in tasks:
            task.cancel()
        try:
            async with asyncio.timeout(TELL_TIMEOUT_S):
                outcomes = await asyncio.gather(*(tell(RESTARTING) for tell in tells), return_exceptions=True)
        except TimeoutError:
            log.warning(
                "Stopping without telling every asker of an unfinished request: Discord took over %.0f s",
                TELL_TIMEOUT_S,
            )
            return
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                log.warning("Couldn't tell an asker that their request is unfinished: %r", outcome)
