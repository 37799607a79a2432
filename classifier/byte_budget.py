"""The bytes of images a server holds at once, across requests: a cap on its memory that the number of requests in
hand alone doesn't give (32 images of 25 MB would hold 800 MB, past a small machine's memory). The web server counts
its uploads and downloads against one, the bot its attachments and downloads."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

#: What :meth:`ByteBudget.holding` gives a request: a function to tell of each chunk of its image's bytes (their
#: number) before they are held, which raises where they would pass the budget.
Take = Callable[[int], None]


class ByteBudget:
    """Bytes held at once, up to ``limit``: each request takes from it as its image's bytes arrive, and gives all it
    took back once answered."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.held = 0

    @contextlib.contextmanager
    def holding(self, refused: Callable[[], Exception]) -> Iterator[Take]:
        """For one request: a function that takes ``n`` more bytes for it, raising ``refused()`` where they would
        pass the limit; when the block ends, everything it took is given back."""
        taken = 0

        def take(n: int) -> None:
            nonlocal taken
            if self.held + n > self.limit:
                raise refused()
            self.held += n
            taken += n

        try:
            yield take
        finally:
            self.held -= taken
