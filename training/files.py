"""Files a long job writes whole or not at all (a run killed while writing one keeps the earlier file), and the
check that it can write where it is told to, made before the work rather than at its end."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file beside it, renamed into place."""
    partial = path.with_name(path.name + ".partial")
    if isinstance(data, bytes):
        partial.write_bytes(data)
    else:
        partial.write_text(data, encoding="utf-8")
    os.replace(partial, path)


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
