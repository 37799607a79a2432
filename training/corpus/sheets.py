"""Contact sheets: ``DIR/sheets/<label>.png``, a grid of thumbnails captioned with their renderer."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

THUMB = 160
CAPTION = 24
MAX_PER_SHEET = 48


def write_sheet(out: Path, label: str, rows: list[dict], cols: int = 8) -> Path | None:
    rows = rows[:MAX_PER_SHEET]
    if not rows:
        return None
    from training.corpus.degrade import font

    n = len(rows)
    cols = min(cols, n)
    nrows = (n + cols - 1) // cols
    cell_h = THUMB + CAPTION
    sheet = Image.new("RGB", (cols * THUMB, nrows * cell_h + 22), (255, 255, 255))
    d = ImageDraw.Draw(sheet)
    d.text((4, 4), f"{label} ({n} shown)", fill=(0, 0, 0), font=font(13, True))
    f = font(9)
    for k, r in enumerate(rows):
        x, y = (k % cols) * THUMB, 22 + (k // cols) * cell_h
        try:
            im = Image.open(out / r["path"]).convert("RGB")
            im.thumbnail((THUMB - 4, THUMB - 4))
            sheet.paste(im, (x + (THUMB - im.width) // 2, y + (THUMB - im.height) // 2))
        except Exception:
            d.rectangle([x + 2, y + 2, x + THUMB - 2, y + THUMB - 2], outline=(255, 0, 0))
        d.rectangle([x, y, x + THUMB - 1, y + cell_h - 1], outline=(220, 220, 220))
        cap = r["renderer"].split(":")[-1][:30]
        deg = r.get("degradations", "")
        d.text((x + 2, y + THUMB), cap, fill=(0, 0, 90), font=f)
        d.text((x + 2, y + THUMB + 11), (Path(r["path"]).stem[-5:] + " " + deg)[:34], fill=(110, 110, 110), font=f)
    path = out / "sheets" / f"{label}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path)
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
