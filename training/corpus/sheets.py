"""Contact sheets: ``DIR/sheets/<label>.png``, a grid of thumbnails captioned with their renderer."""

from __future__ import annotations

from pathlib import Path

from training.plots import save_contact_sheet

MAX_PER_SHEET = 48


def write_sheet(out: Path, label: str, rows: list[dict], cols: int = 8) -> Path | None:
    """``out/sheets/<label>.png`` from up to MAX_PER_SHEET manifest rows, captioned with renderer and degradations."""
    rows = rows[:MAX_PER_SHEET]
    if not rows:
        return None
    path = out / "sheets" / f"{label}.png"
    captions = [f"{r['renderer'].split(':')[-1]}\n{Path(r['path']).stem[-5:]} {r.get('degradations', '')}" for r in rows]
    save_contact_sheet([out / r["path"] for r in rows], captions, path, columns=cols, title=f"{label} ({len(rows)} shown)")
    return path


def write_sheets(out: Path, rows: list[dict], labels: list[str]) -> list[Path]:
    """One sheet per label present in ``rows``."""
    by: dict[str, list[dict]] = {}
    for r in rows:
        by.setdefault(r["label"], []).append(r)
    written = []
    for lab in labels + sorted(set(by) - set(labels)):
        p = write_sheet(out, lab, by.get(lab, []))
        if p:
            written.append(p)
    return written
