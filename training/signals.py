"""SIGTERM (``kill``, and ``docker stop`` or systemd with their default stop signal) stops a long command as
Ctrl-C does: what is done is kept, a message says so, and the same command resumes."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread where Ctrl-C's ``KeyboardInterrupt`` would be."""


_received: list[int] = []


def _stop(signum: int, _frame: object) -> None:
    _received.append(signum)
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def how_stopped(stop: KeyboardInterrupt) -> tuple[str, int]:
    """How ``stop`` (Ctrl-C's ``KeyboardInterrupt`` or :class:`Terminated`) ended a command, in words for its message,
    and the exit status a shell gives a command the signal killed: 130 for SIGINT, 143 for SIGTERM."""
    return ("stopped (SIGTERM)", 143) if isinstance(stop, Terminated) else ("interrupted", 130)


def stop_signal() -> int | None:
    """The signal (SIGINT or SIGTERM) that stopped the command in :func:`sigterm_stops_like_ctrl_c`'s block, if one
    came. Raised inside TensorFlow's C++ code, its exception can come out as another one (pybind11's RuntimeError)."""
    return _received[-1] if _received else None


@contextmanager
def sigterm_stops_like_ctrl_c() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` (a ``KeyboardInterrupt``), Ctrl-C its
    ``KeyboardInterrupt`` as always (unless ignored, as in a background job), and :func:`stop_signal` says which
    came; the previous handlers after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _received.clear()
    previous = {signal.SIGTERM: signal.signal(signal.SIGTERM, _stop)}
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, _stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def leave_interrupts_to_the_main_process() -> None:
    """A pool worker's start: Ctrl-C stops the main process, which ends the pool (not a traceback from every worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
