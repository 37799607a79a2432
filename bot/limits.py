"""Staying responsive under load: a bounded inference queue and a per-user cooldown."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor

from bot.errors import Busy, SlowDown
from classifier import ChartClassifier, Prediction, config
from classifier.byte_budget import ByteBudget, Take

log = logging.getLogger(__name__)


class InferenceQueue:
    """Runs the classifier on a few worker threads, never on the event loop.

    At most ``max_pending`` images are being read, wait for or are in inference, and one asker's at most half of
    them (and no fewer than ``min_per_asker``): one more raises :class:`Busy` straight away, before it is read, so a
    flood gets a quick "one moment" instead of an ever-growing backlog, and one asker's slow links can't take every
    place from the others. Their bytes are held up to ``max_bytes`` in all: an image that would pass it stops being
    read, :class:`Busy` too, so that the memory stays bounded (32 images of 25 MB would hold 800 MB).
    """

    def __init__(
        self, classifier: ChartClassifier, *, workers: int, max_pending: int, max_bytes: int, min_per_asker: int
    ) -> None:
        self.classifier = classifier
        self.max_pending = max_pending
        self.max_pending_per_asker = max(max_pending // 2, min_per_asker)
        self.pending = 0
        self.held = ByteBudget(max_bytes)
        self._pending_by_asker: Counter[int] = Counter()
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="whatplot-inference")

    async def predict(self, read: Callable[[Take], Awaitable[bytes]], asker: int) -> list[Prediction]:
        """Rank the :data:`~classifier.config.DEFAULT_TOP_K` likeliest chart types of the encoded image bytes that
        ``read`` returns, for the user (or webhook) ``asker``.

        Raises:
            Busy: the queue is full, or holds as many of ``asker``'s images as one asker may have in it (``read`` was
                not called), or the image's bytes would pass the queue's byte budget (its reading stopped).
            classifier.errors.ImageError: the bytes are not a usable image.
            Whatever ``read`` raises.
        """
        if (mine := self._pending_by_asker[asker]) >= self.max_pending_per_asker or self.pending >= self.max_pending:
            log.warning("Queue full (%d images, %d of them user %s's); refusing an image", self.pending, mine, asker)
            raise Busy()
        self.pending += 1
        self._pending_by_asker[asker] += 1
        try:
            with self.held.holding(Busy) as take:
                image = await read(take)
                loop = asyncio.get_running_loop()
                return await loop.run_in_executor(self._executor, self.classifier.predict, image, config.DEFAULT_TOP_K)
        finally:
            self.pending -= 1
            self._pending_by_asker[asker] -= 1
            if not self._pending_by_asker[asker]:
                del self._pending_by_asker[asker]

    def shutdown(self) -> None:
        """Stop the worker threads; queued work is dropped."""
        self._executor.shutdown(wait=False, cancel_futures=True)


class UserCooldown:
    """Lets each user make ``rate`` requests per ``per`` seconds (a sliding window).

    The requests refused until the window lets one through again are counted as one: each
    :class:`SlowDown` after the first says it was ``told`` already.

    It remembers only the users who asked within the last two windows or so: a bot that runs for
    months meets a great many users.
    """

    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.per = per
        self._clock = clock
        self._requests: dict[int, deque[float]] = {}
        self._told: set[int] = set()
        self._last_sweep = clock()

    def check(self, user_id: int) -> None:
        """Count one request by ``user_id``.

        Raises:
            SlowDown: the user is over the limit; the request is not counted.
        """
        now = self._clock()
        self._forget_idle_users(now)
        recent = self._requests.setdefault(user_id, deque())
        while recent and recent[0] <= now - self.per:
            recent.popleft()
        if len(recent) >= self.rate:
            told = user_id in self._told
            self._told.add(user_id)
            raise SlowDown(recent[0] + self.per - now, told=told)
        self._told.discard(user_id)
        recent.append(now)

    def _forget_idle_users(self, now: float) -> None:
        """Once a window, forget the users none of whose requests is in the window any more: their next
        request is let through and not ``told``, as it would be if they were remembered."""
        if now - self._last_sweep < self.per:
            return
        self._last_sweep = now
        idle = [user_id for user_id, recent in self._requests.items() if recent[-1] <= now - self.per]
        for user_id in idle:
            del self._requests[user_id]
            self._told.discard(user_id)
