"""The requests the bot is answering, each with a way to tell its asker that the answer isn't coming.

A bot told to stop waits a while for the requests in hand (:meth:`bot.client.WhatplotBot.close`);
the askers of those still unfinished then get :data:`RESTARTING` instead of silence, as do those of requests that come
while they are told.
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
#: How long telling those askers may take, all together (a stopping bot is allowed 20 s: see
#: :data:`bot.client.FINISH_REQUESTS_TIMEOUT_S`).
TELL_TIMEOUT_S = 3.0


class InFlight:
    """The requests being answered, by the task answering each."""

    def __init__(self) -> None:
        self._tells: dict[asyncio.Task[object], Tell] = {}

    @contextlib.contextmanager
    def request(self, tell: Tell) -> Iterator[None]:
        """Within it, the current task answers a request whose asker ``tell`` reaches; one at a time (a request
        within another would take the outer one's place, and leave it untracked as it ends)."""
        task = asyncio.current_task()
        assert task is not None, "a request is answered by a task"
        assert task not in self._tells, "a task answers one request at a time"
        self._tells[task] = tell
        try:
            yield
        finally:
            del self._tells[task]

    async def give_up(self, in_hand: Callable[[], Collection[asyncio.Task[object]]]) -> None:
        """Cancel the tasks ``in_hand()`` gives (requests the bot won't finish), then tell each one's asker
        :data:`RESTARTING`; and so on for the requests that come meanwhile (the gateway is open until the bot closes
        it), until none is left, within :data:`TELL_TIMEOUT_S` in all. Cancelled first, none can send its answer after
        that.

        Tasks answering no request (watch mode: nobody asked) end without a word.
        """
        given_up: set[asyncio.Task[object]] = set()
        try:
            async with asyncio.timeout(TELL_TIMEOUT_S):
                while tasks := set(in_hand()) - given_up:  # one cancelled may still be unwinding: told once
                    given_up |= tasks
                    await self._cancel_and_tell(tasks)
        except TimeoutError:
            log.warning(
                "Stopping without telling every asker of an unfinished request: Discord took over %.0f s",
                TELL_TIMEOUT_S,
            )

    async def _cancel_and_tell(self, tasks: Collection[asyncio.Task[object]]) -> None:
        """Cancel ``tasks``, then tell the asker of each that answers a request :data:`RESTARTING`."""
        tells = [self._tells[task] for task in tasks if task in self._tells]
        for task in tasks:
            task.cancel()
        outcomes = await asyncio.gather(*(tell(RESTARTING) for tell in tells), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                log.warning("Couldn't tell an asker that their request is unfinished: %r", outcome)
