"""`whatplot classify`: name the chart type of files, folders, stdin or URLs from the command line."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from classifier import config
from classifier.answer import Answer, terminal_safe
from classifier.errors import ImageTooLarge, ModelError, NotAnImage, UnreadableInput, WhatplotError
from classifier.model import ChartClassifier
from classifier.taxonomy import load_taxonomy

if TYPE_CHECKING:
    from classifier.download import ImageDownloader

T = TypeVar("T")

#: Whether ``-`` has been answered already: standard input can be read only once.
_stdin_was_read = False

#: URLs downloaded ahead of the input being answered: each may hold up to 25 MB until its turn.
PREFETCH_URLS = 8


def _is_url(text: str) -> bool:
    """Whether an input names a link (refused by the downloader unless http or https), not a file."""
    return "://" in text or text.lower().startswith("data:")


def _expand(inputs: list[str]) -> Iterator[str]:
    """Inputs as given, with each directory replaced by what lies below it (see :func:`_walk`), or kept
    when nothing does, so that it is answered as having no files rather than skipped without a word."""
    for item in inputs:
        path = Path(item)
        if item not in ("", "-") and not _is_url(item) and _is_dir(path):  # Path("") is the current folder
            empty = True
            for found in _walk(path):
                empty = False
                yield found
            if empty:
                yield item
        else:
            yield item


def _walk(folder: Path) -> Iterator[str]:
    """The files below ``folder``, sorted, hidden entries skipped and links to folders not followed; also
    its broken links and pipes, and the folders that can't be listed, so that each gets an answer saying so."""
    stack = [folder]
    while stack:  # depth first, without recursion: a tree may be deeper than Python's call stack
        path = stack.pop()
        if path is folder or (_is_dir(path) and not path.is_symlink()):
            try:
                children = sorted(child for child in path.iterdir() if not child.name.startswith("."))
            except OSError:  # no permission: answered as an input that can't be read
                yield _file_input(path)
                continue
            stack.extend(reversed(children))
        elif not _is_dir(path):
            yield _file_input(path)


def _file_input(path: Path) -> str:
    """``path`` as an input that reads as a file: ``./data:chart.png`` (found in ``.``), not a ``data:`` link, and
    ``./-``, not standard input."""
    return os.path.join(os.curdir, path) if _is_url(str(path)) or str(path) == "-" else str(path)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, say: the answer for it says so
        return False


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` can't be read as a file, or None for a regular file."""
    try:
        if path.is_file():
            return None
        if path.is_dir():  # a folder that can't be listed, or has no files
            os.scandir(path).close()  # raises, saying why
            return f"No files in {path} (hidden ones and links to folders are skipped)"
        path.stat()  # raises for a missing file or a loop of links, saying which
        if str(path) in ("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"):  # a pipe: refused, as any pipe
            return f"Not a regular file: {path} (give - to read standard input)"
        return f"Not a regular file: {path}"
    except FileNotFoundError:
        if path.is_symlink():
            return f"Broken link: {path} points to {os.readlink(path)}, which doesn't exist"
        return f"No such file: {path}"
    except OSError as exc:
        return f"Can't read {path}: {exc.strerror or exc}"


async def _answer_with_downloads(classifier: ChartClassifier, items: list[str], *, top_k: int, as_json: bool) -> None:
    """Print the answer for each of ``items`` in order, as soon as it is known. URLs are fetched at most
    :data:`PREFETCH_URLS` ahead of the input being answered, so memory stays bounded however many there are."""
    from classifier.download import ImageDownloader  # only URL inputs pay for aiohttp

    url_positions = (index for index, item in enumerate(items) if _is_url(item))
    fetches: dict[int, asyncio.Task[bytes | WhatplotError]] = {}
    async with ImageDownloader() as downloader:
        for index, item in enumerate(items):
            while len(fetches) < PREFETCH_URLS and (position := next(url_positions, None)) is not None:
                fetches[position] = asyncio.create_task(_fetch(downloader, items[position]))
            fetched = await fetches.pop(index) if index in fetches else None
            if item == "-":  # read as a download is: in a thread of its own that the exit needn't wait for
                fetched = await _in_daemon_thread(_read_stdin)
            _print(await asyncio.to_thread(_answer_one, classifier, item, fetched, top_k), as_json)


async def _in_daemon_thread(function: Callable[[], T]) -> T:
    """``function()``, run in a thread of its own that the exit doesn't wait for: on Ctrl-C, ``-`` read from a pipe
    that stays open (``tail -f``, a slow ``curl``) must not hold the process, as ``asyncio.to_thread``'s workers
    would, since asyncio.run and the interpreter both join them before exiting. Only for reading: a model that
    classifies in such a thread could be freed under it as the interpreter exits."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(outcome: T | BaseException, failed: bool) -> None:
        if future.done():  # cancelled by Ctrl-C meanwhile
            return
        if failed:
            future.set_exception(outcome)  # type: ignore[arg-type]
        else:
            future.set_result(outcome)  # type: ignore[arg-type]

    def work() -> None:
        try:
            outcome, failed = function(), False
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting task, which raises it
            outcome, failed = exc, True
        try:
            loop.call_soon_threadsafe(settle, outcome, failed)
        except RuntimeError:  # the loop has closed: the run was interrupted and nobody waits for this answer
            pass

    threading.Thread(target=work, name="whatplot-answer", daemon=True).start()
    return await future


async def _fetch(downloader: ImageDownloader, url: str) -> bytes | WhatplotError:
    """The body of ``url``, or the error that answers it."""
    try:
        return await downloader.fetch(url)
    except WhatplotError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one bad URL must never stop the others
        return _unexpected(exc)


def _unexpected(exc: Exception) -> WhatplotError:
    """The answer for an input that failed in a way no error of ours names: a bug, reported, not raised."""
    return WhatplotError(f"Unexpected error: {exc.__class__.__name__}: {exc}")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors say how to give a file whose name starts with ``-``, which it
    otherwise reports as an unknown option, or as no input at all when it is the only one."""

    def parse_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def, override]
        self._argv = sys.argv[1:] if args is None else list(args)
        return super().parse_args(args, namespace)

    def error(self, message: str):  # type: ignore[no-untyped-def, override]
        options = self._option_string_actions
        argv = getattr(self, "_argv", [])
        dashed = [a for a in argv if a.startswith("-") and a != "-" and a not in options and os.path.lexists(a)]
        if dashed:
            message += f" (for the file {dashed[0]}, write ./{dashed[0]} or put -- before it)"
        super().error(terminal_safe(message))  # as in the table: a file name can't split the line or drive the terminal


def _reopen_closed_stderr() -> None:
    """Started with stderr closed (``2>&-``), Python sets ``sys.stderr`` to None, and ``print(file=sys.stderr)``
    and argparse's usage then print to stdout instead, among the answers or the JSON: send them nowhere. Opening
    the null device takes file descriptor 2 too, so that LiteRT's own line to it can't land in a file opened later."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - held until the process exits


def build_parser() -> argparse.ArgumentParser:
    """The ``whatplot classify`` command line."""
    parser = _Parser(
        prog="whatplot classify",
        description="Name the chart type in images.",
        epilog="Exit status: 0 when every input was answered (an error record is an answer), 1 when the answers "
        "can't be printed, 2 for bad usage, 3 when the model can't be loaded, 130 on Ctrl-C, 143 or 129 when "
        "stopped by SIGTERM or SIGHUP.",
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT",
        help="image file, folder (walked recursively), - for standard input, or http(s) URL (public addresses only)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object per input")
    parser.add_argument(
        "--top-k", type=int, default=config.DEFAULT_TOP_K, metavar="K",
        help=f"how many chart types to list, 1 to {len(load_taxonomy())} (default {config.DEFAULT_TOP_K})",
    )
    parser.add_argument("--model", type=Path, action="append", help="a model file; repeat it to average several (default: the shipped models)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``whatplot classify``; returns the process exit status."""
    global _stdin_was_read
    _stdin_was_read = False  # a new run: main() may be called again in the same process (the tests do)
    _reopen_closed_stderr()
    args = build_parser().parse_args(argv)
    chart_types = len(load_taxonomy())
    if not 1 <= args.top_k <= chart_types:
        print(f"whatplot classify: --top-k must be between 1 and {chart_types}", file=sys.stderr)
        return 2
    if sys.stdout is None:  # started with stdout closed (``>&-``): every answer would vanish
        print("whatplot classify: standard output is closed, so the answers can't be printed", file=sys.stderr)
        return 1
    try:
        return _classify_all(args)
    except KeyboardInterrupt:  # Ctrl-C: stop at once, without a traceback
        return 130
    except BrokenPipeError:
        raise  # the reader left (``| head -1``): the ``whatplot`` command ends quietly
    except OSError as exc:  # printing an answer failed: a full disk, say
        print(f"whatplot classify: can't print the answers: {exc.strerror or exc}", file=sys.stderr)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nor retry at exit, with a traceback
        return 1


def _classify_all(args: argparse.Namespace) -> int:
    """Load the model and print the answer for each input; returns the exit status."""
    try:
        classifier = ChartClassifier.load(args.model)
    except ModelError as exc:
        print(f"whatplot classify: {exc.message}", file=sys.stderr)
        return 3

    with warnings.catch_warnings():  # no "Corrupt EXIF data" and the like: each answer says what matters
        warnings.filterwarnings("ignore", module="PIL")
        if any(_is_url(item) for item in args.inputs):  # only arguments can be links (see _file_input)
            items = list(_expand(args.inputs))
            with _ctrl_c_raises_at_once():
                asyncio.run(_answer_with_downloads(classifier, items, top_k=args.top_k, as_json=args.json))
        else:  # folders are walked as their files are answered: the first answer needn't wait for the last file
            for item in _expand(args.inputs):
                _print(_answer_one(classifier, item, None, args.top_k), args.json)
    return 0


@contextlib.contextmanager
def _ctrl_c_raises_at_once() -> Iterator[None]:
    """Ctrl-C as KeyboardInterrupt wherever it finds the program, as without asyncio. ``asyncio.run``'s own handler
    only cancels the task, and waits for it to reach an ``await``: an answer being printed to a reader that isn't
    reading (``| less``, scrolled back) never gets there, so the first Ctrl-C did nothing."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield  # SIGINT ignored (started in the background) or handled by whoever called main(): left alone
        return
    signal.signal(signal.SIGINT, _raise_keyboard_interrupt)  # not the default handler, so asyncio.run keeps it
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _answer_one(classifier: ChartClassifier, item: str, fetched: bytes | WhatplotError | None, top_k: int) -> Answer:
    """Classify one input: a path, ``-``, or a URL whose download (or its error) is ``fetched``."""
    source: bytes | Path | WhatplotError
    if fetched is not None:
        source = fetched
    elif item == "-":
        source = _read_stdin()
    elif not item:  # an unset shell variable, say: not the current folder
        source = UnreadableInput("The input is empty: give a file, a folder, - or a URL.")
    elif (why := _not_a_file(Path(item))) is not None:  # missing, or a pipe or device that reading could block on
        source = UnreadableInput(why)
    else:
        source = Path(item)
    return _classify_one(classifier, item, source, top_k)


def _classify_one(classifier: ChartClassifier, item: str, source: bytes | Path | WhatplotError, top_k: int) -> Answer:
    """The answer for ``item``: the ranked chart types of ``source`` (bytes or a path), or the error
    that ``source`` already is or that classifying it raised."""
    if isinstance(source, WhatplotError):
        return Answer(item, error=source)
    try:
        return Answer(item, predictions=classifier.predict(source, top_k=top_k))
    except WhatplotError as exc:
        return Answer(item, error=exc)
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop the others
        return Answer(item, error=_unexpected(exc))


def _read_stdin() -> bytes | WhatplotError:
    """Standard input, read once and at most to the size limit, or the error that answers ``-``."""
    global _stdin_was_read
    if sys.stdin is None:  # started with stdin closed (``<&-``)
        return UnreadableInput("Standard input is closed.")
    if _stdin_was_read:  # ``- -``: the second would read nothing and be called an empty file
        return UnreadableInput("Standard input can be read only once: an earlier - took it.")
    _stdin_was_read = True
    try:
        if sys.stdin.isatty():  # nothing piped in: reading would wait for the user to type an image
            return UnreadableInput("Standard input is a terminal: pipe an image in (whatplot classify - < chart.png).")
        data = _read_at_most(sys.stdin.fileno(), config.MAX_IMAGE_BYTES + 1)
    except OSError as exc:
        return UnreadableInput(f"Can't read standard input: {exc.strerror or exc}")
    if len(data) > config.MAX_IMAGE_BYTES:  # read stops there: /dev/urandom would never end
        limit_mb = config.megabytes(config.MAX_IMAGE_BYTES)
        return ImageTooLarge(f"Standard input holds over {limit_mb} MB; the limit is {limit_mb} MB.")
    if not data:  # not "The file is empty.": no file was named
        return NotAnImage("Standard input is empty: nothing was piped in.")
    return data


def _read_at_most(fd: int, limit: int) -> bytes:
    """Up to ``limit`` bytes of ``fd``, read past Python's buffered ``sys.stdin``: with URLs, ``-`` is read in a
    daemon thread, and one still waiting on a pipe at Ctrl-C would hold that buffer's lock as the interpreter
    closes it, which aborts the exit (``Fatal Python error: _enter_buffered_busy``)."""
    data = bytearray()
    while len(data) < limit and (chunk := os.read(fd, min(limit - len(data), 2**20))):
        data += chunk
    return bytes(data)


def _print(answer: Answer, as_json: bool) -> None:
    """Print ``answer``; where stdout's encoding lacks some of its characters (a Japanese name on a Latin-1
    terminal, or in a file on Windows), they are escaped: ``\\u65e5``, which JSON reads back as the character."""
    text = answer.to_json() if as_json else answer.to_text()
    encoding = sys.stdout.encoding or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = json.dumps(answer.to_dict()) if as_json else text.encode(encoding, "backslashreplace").decode(encoding)
    print(text, flush=True)
