"""Run in the image build after `pip install .`: copy the data files that the installed project
lacks from the source tree into site-packages, where the code looks for them.

pyproject.toml declares only classifier/data/*.json as package data, so a non-editable install
has no model (classifier.config.WEIGHTS_DIR, i.e. <site-packages>/weights) and no web page
(web/static). Each file copied is printed; once pyproject.toml ships them, nothing is.

    python complete_install.py /src
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
from pathlib import Path

PACKAGES = ("whatplot", "classifier", "bot", "web")


def copy_missing(src: Path, dst: Path) -> int:
    copied = 0
    for path in sorted(src.rglob("*")):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        target = dst / path.relative_to(src)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            print(f"complete_install: {target}")
            copied += 1
    return copied


def main(source: str) -> int:
    root = Path(source)
    site = Path(sysconfig.get_path("purelib"))
    for package in PACKAGES:
        if (root / package).is_dir() and (site / package).is_dir():
            copy_missing(root / package, site / package)

    from classifier import config  # the installed one: this runs outside the source tree

    model = config.WEIGHTS_DIR / config.MODEL_FILENAME
    if not model.is_file():
        copy_missing(root / "weights", config.WEIGHTS_DIR)
    if not model.is_file():
        print(f"complete_install: no model at {model}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
