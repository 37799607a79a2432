"""`whatplot classify`: name the chart type of files, folders, stdin or URLs from the command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from classifier import config
from classifier.errors import ModelError, NotAnImage, WhatplotError
from classifier.model import ChartClassifier, Prediction

if TYPE_CHECKING:
    from classifier.download import ImageDownloader

#: URLs downloaded ahead of the input being answered: each may hold up to 25 MB until its turn.
PREFETCH_URLS = 8


@dataclass
class Answer:
    """The result for one input: predictions, or an error (never both)."""

    input: str
    predictions: list[Prediction] | None = None
    error: WhatplotError | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON contract shared by the CLI and the web API."""
        record: dict[str, object] = {"input": printable(self.input)}
        if self.error is not None:
            record["error"] = {"type": self.error.kind, "message": printable(self.error.message)}
        else:
            record["predictions"] = [p.to_dict() for p in self.predictions or []]
        return record

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_text(self) -> str:
        lines = [printable(self.input)]
        if self.error is not None:
            lines.append(f"  error ({self.error.kind}): {printable(self.error.message)}")
        for p in self.predictions or []:
            lines.append(f"  {p.name:<26} {p.confidence:6.1%}")
        return "\n".join(lines)


def printable(text: str) -> str:
    """``text`` as valid Unicode: a file name that isn't UTF-8 (decoded with surrogate escapes) shows
    its odd bytes as ``\\xe9``, where printing or encoding it as JSON would fail."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no byte decoded to ("\ud800" from JSON)
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _is_url(text: str) -> bool:
    """Whether an input names a link (refused by the downloader unless http or https), not a file."""
    return "://" in text or text.lower().startswith("data:")


def _expand(inputs: list[str]) -> Iterator[str]:
    """Inputs as given, with each directory replaced by what lies below it (see :func:`_walk`)."""
    for item in inputs:
        path = Path(item)
        if item != "-" and not _is_url(item) and _is_dir(path):
            yield from _walk(path)
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
    """``path`` as an input that reads as a file: ``./data:chart.png`` (found in ``.``), not a ``data:`` link."""
    return os.path.join(os.curdir, path) if _is_url(str(path)) else str(path)


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
        if path.is_dir():  # only a folder that can't be listed is answered as an input
            os.scandir(path).close()  # raises, saying why
        if path.exists():
            return f"Not a regular file: {path}"
        return f"Broken link: {path} points to {os.readlink(path)}, which doesn't exist" if path.is_symlink() else f"No such file: {path}"
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
            _print(await asyncio.to_thread(_answer_one, classifier, item, fetched, top_k), as_json)


async def _fetch(downloader: ImageDownloader, url: str) -> bytes | WhatplotError:
    """The body of ``url``, or the error that answers it."""
    try:
        return await downloader.fetch(url)
    except WhatplotError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one bad URL must never stop the others
        return _unexpected(exc)


def _classify_one(classifier: ChartClassifier, item: str, source: object, top_k: int) -> Answer:
    if isinstance(source, WhatplotError):
        return Answer(item, error=source)
    try:
        return Answer(item, predictions=classifier.predict(source, top_k=top_k))  # type: ignore[arg-type]
    except WhatplotError as exc:
        return Answer(item, error=exc)
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop the others
        return Answer(item, error=_unexpected(exc))


def _unexpected(exc: Exception) -> WhatplotError:
    """The answer for an input that failed in a way no error of ours names: a bug, reported, not raised."""
    return WhatplotError(f"Unexpected error: {exc.__class__.__name__}: {exc}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="whatplot classify", description="Name the chart type in images.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="image file, directory (recursed), - for stdin, or http(s) URL")
    parser.add_argument("--json", action="store_true", help="print one JSON object per input")
    parser.add_argument("--top-k", type=int, default=3, metavar="K", help="how many chart types to list (default 3)")
    parser.add_argument("--model", type=Path, action="append", help="a model file; repeat it to average several (default: the shipped models)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``whatplot classify``; returns the process exit status."""
    args = build_parser().parse_args(argv)
    if not 1 <= args.top_k <= 40:
        print("whatplot classify: --top-k must be between 1 and 40", file=sys.stderr)
        return 2
    try:
        classifier = ChartClassifier.load(args.model)
    except ModelError as exc:
        print(f"whatplot classify: {exc.message}", file=sys.stderr)
        return 3

    items = list(_expand(args.inputs))
    with warnings.catch_warnings():  # no "Corrupt EXIF data" and the like: each answer says what matters
        warnings.filterwarnings("ignore", module="PIL")
        if any(_is_url(item) for item in items):
            asyncio.run(_answer_with_downloads(classifier, items, top_k=args.top_k, as_json=args.json))
        else:
            for item in items:
                _print(_answer_one(classifier, item, None, args.top_k), args.json)
    return 0


def _answer_one(classifier: ChartClassifier, item: str, fetched: bytes | WhatplotError | None, top_k: int) -> Answer:
    """Classify one input: a path, ``-``, or a URL whose download (or its error) is ``fetched``."""
    source: object
    if fetched is not None:
        source = fetched
    elif item == "-":
        source = sys.stdin.buffer.read(config.MAX_IMAGE_BYTES + 1)
    elif (why := _not_a_file(Path(item))) is not None:  # missing, or a pipe or device that reading could block on
        source = NotAnImage(why)
    else:
        source = Path(item)
    return _classify_one(classifier, item, source, top_k)


def _print(answer: Answer, as_json: bool) -> None:
    print(answer.to_json() if as_json else answer.to_text(), flush=True)
