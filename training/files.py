"""Files a long job writes whole or not at all (a run killed while writing one keeps the earlier file), the
check that it can write where it is told to, made before the work rather than at its end, and the digest of the
files a kept result was made from (a resumed job reuses it only while they are the same)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file beside it, renamed into place."""
    partial = path.with_name(path.name + ".partial")
    try:
        if isinstance(data, bytes):
            partial.write_bytes(data)
        else:
            partial.write_text(data, encoding="utf-8")
        os.replace(partial, path)
    except BaseException as exc:  # a full disk, Ctrl-C or SIGTERM: leave no half-written file behind
        partial.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename is None:  # and name the file in a write's error
            exc.filename = str(path)
        raise


def why_unwritable(folder: Path) -> str | None:
    """Why ``folder`` can't be made or written into, or None where it can; makes nothing."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"can't write into {existing}"
    return None


def digest(paths: Iterable[Path]) -> str:
    """A SHA-256 of the files ``paths``' contents, in order: what a result made from them is valid for."""
    sha = hashlib.sha256()
    for path in paths:
        data = path.read_bytes()
        sha.update(len(data).to_bytes(8, "little") + data)
    return sha.hexdigest()
