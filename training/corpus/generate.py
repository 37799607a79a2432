"""Generate the synthetic chart corpus.

    whatplot corpus --out DIR --per-class N --seed S --workers W [--labels a,b]

Image ``i`` of ``label`` is drawn from a seed derived from (seed, label, i) by the renderer picked
round-robin (with a seeded offset) among that label's renderers. Broken renders (exceptions, blank or
near-uniform images) are rejected and retried with a derived seed. The render is degraded
(:mod:`training.corpus.degrade`), downscaled so its long side is at most 512 px and saved as
``DIR/<label>/<label>_<i:05d>.png`` (``.jpg`` when the JPEG degradation was drawn).

Each finished image also writes a one-row sidecar ``DIR/.parts/<label>/<stem>.tsv``; a rerun skips
images whose sidecar exists, and ``DIR/manifest.tsv`` (path, label, renderer, style, degradations,
seed) is rebuilt from all sidecars at the end, so an interrupted run loses nothing.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import signal
import sys
import threading
import time
import traceback
import warnings
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# one BLAS/OpenMP thread per worker process: set before numpy loads (inherited by spawned workers)
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from classifier.taxonomy import load_taxonomy  # noqa: E402
from training.signals import leave_interrupts_to_the_main_process  # noqa: E402

MAX_SIDE = 512
MAX_ATTEMPTS = 6
#: A render that takes longer is abandoned and retried with the next seed: a plotting library can loop
#: forever on odd input (pygal's ``split_title`` does when a title has no room, and fills memory as it goes).
#: Above the Node scripts' own limit (ECharts, Chart.js), so that none is left with a pending answer.
RENDER_TIMEOUT_S = 60
MANIFEST_COLUMNS = ("path", "label", "renderer", "style", "degradations", "seed")


# ------------------------------------------------------------------------------------------------ labels


def taxonomy_ids() -> list[str]:
    """Label ids in contract order (the order of the model's outputs)."""
    return [t.id for t in load_taxonomy()]


# ------------------------------------------------------------------------------------------------ renderers

_BY_LABEL: dict | None = None
_LOAD_ERRORS: dict[str, str] = {}


def load_renderers() -> dict[str, list]:
    """All renderers grouped by label, sorted by name; a renderer module that fails to import is skipped."""
    global _BY_LABEL
    if _BY_LABEL is not None:
        return _BY_LABEL
    import matplotlib

    matplotlib.use("Agg")
    from training.corpus import registry, renderers

    for module in pkgutil.iter_modules(renderers.__path__):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                importlib.import_module(f"{renderers.__name__}.{module.name}")
        except Exception as exc:  # another library missing must not stop the corpus
            _LOAD_ERRORS[module.name] = f"{type(exc).__name__}: {exc}"
    grouped: dict[str, list] = defaultdict(list)
    seen = set()
    for r in registry._RENDERERS:
        if r.name in seen:
            continue
        seen.add(r.name)
        grouped[r.label].append(r)
    _BY_LABEL = {k: sorted(v, key=lambda r: r.name) for k, v in grouped.items()}
    return _BY_LABEL


def derive_seed(seed: int, label: str, i: int, attempt: int = 0) -> int:
    """A 32-bit seed determined by (seed, label, index, attempt)."""
    ss = np.random.SeedSequence([int(seed) & 0xFFFFFFFF, zlib.crc32(label.encode()), int(i), int(attempt)])
    return int(ss.generate_state(1)[0])


def pick_renderer(renderers: list, seed: int, label: str, i: int, attempt: int = 0):
    """Round-robin over the label's renderers (one of weight ``w`` takes ``w`` slots) with a seeded offset;
    failed attempts move to the next slot every second try."""
    slots = [r for r in renderers for _ in range(r.weight)]
    off = zlib.crc32(f"{seed}:{label}".encode()) % len(slots)
    return slots[(i + off + attempt // 2) % len(slots)]


def is_broken(img) -> str | None:
    """Why an image is unusable (blank, near-uniform, tiny), or None when fine."""
    if img is None or img.width < 32 or img.height < 32:
        return "tiny"
    a = np.asarray(img.convert("L"), dtype=np.float32)
    if a.std() < 2.5:
        return "low_variance"
    q = np.round(a / 8)
    _, counts = np.unique(q, return_counts=True)
    if counts.max() / q.size > 0.995:
        return "uniform"
    return None


# ------------------------------------------------------------------------------------------------ worker


@dataclass
class Result:
    label: str
    index: int
    row: dict | None
    renderer: str
    render_s: float
    total_s: float
    rejects: list  # (renderer name, reason)
    skipped: bool = False
    error: str = ""


def _stem(label: str, i: int) -> str:
    return f"{label}_{i:05d}"


def _sidecar(out: Path, label: str, i: int) -> Path:
    return out / ".parts" / label / f"{_stem(label, i)}.tsv"


#: How a whole file of each kind the corpus saves ends: one cut short (a full disk, a copy stopped half-way) does not.
_FILE_ENDS = {".png": b"IEND\xaeB`\x82", ".jpg": b"\xff\xd9"}


def _drawn_whole(out: Path, label: str, i: int) -> bool:
    """Whether image ``i`` of ``label`` is drawn: its sidecar lists a file that is there and whole. A missing or
    truncated one is drawn again (its seed gives the same picture)."""
    try:
        path = out / _sidecar(out, label, i).read_text("utf-8").split("\t", 1)[0]
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            end = _FILE_ENDS.get(path.suffix, b"")
            f.seek(max(0, f.tell() - len(end)))
            return f.tell() > 0 and f.read() == end
    except OSError:
        return False


def _init_worker() -> None:
    try:  # numpy may have been imported before our environment defaults (e.g. by a CLI wrapper)
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except Exception:
        pass
    import matplotlib

    matplotlib.use("Agg")
    warnings.filterwarnings("ignore")
    import logging

    logging.getLogger("matplotlib").setLevel(logging.ERROR)
    load_renderers()


def _init_pool_worker() -> None:
    """:func:`_init_worker`, and leave Ctrl-C to the main process, which stops the pool (no traceback per worker)."""
    leave_interrupts_to_the_main_process()
    _init_worker()


class RenderTimeout(BaseException):
    """A render ran past ``RENDER_TIMEOUT_S`` (a BaseException, so that no ``except Exception`` in a plotting
    library swallows it)."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ``RenderTimeout`` in this thread after ``seconds`` (a no-op where SIGALRM can't be used)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise RenderTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def make_one(task: tuple) -> Result:
    """Render, check, degrade, downscale and save image ``i`` of ``label``."""
    out_s, label, i, seed, degrade_on, only, chrome = task
    out = Path(out_s)
    t0 = time.perf_counter()
    from training.corpus.degrade import degrade, jpeg

    by_label = load_renderers()
    rens = [r for r in by_label.get(label, []) if not only or r.name in only]
    if not rens:
        return Result(label, i, None, "", 0.0, 0.0, [], error="no renderer")
    rejects = []
    rendered = None
    for attempt in range(MAX_ATTEMPTS):
        r = pick_renderer(rens, seed, label, i, attempt)
        s = derive_seed(seed, label, i, attempt)
        tr = time.perf_counter()
        try:
            with warnings.catch_warnings(), _time_limit(RENDER_TIMEOUT_S):
                warnings.simplefilter("ignore")
                rendered = r.fn(np.random.default_rng(s))
            why = is_broken(rendered.image if rendered else None)
        except RenderTimeout:
            why = "timeout"
        except Exception as exc:
            why = f"exception:{type(exc).__name__}"
            if os.environ.get("WHATPLOT_CORPUS_DEBUG"):
                traceback.print_exc()
        finally:
            import matplotlib.pyplot as plt

            plt.close("all")
        render_s = time.perf_counter() - tr
        if why is None:
            break
        rejects.append((r.name, why))
        rendered = None
    if rendered is None:
        return Result(label, i, None, "", 0.0, time.perf_counter() - t0, rejects, error="all attempts failed")
    img = rendered.image.convert("RGB")
    names: list[str] = []
    if degrade_on:
        clean = img
        img, names = degrade(img, np.random.default_rng([s, 1]), apply_jpeg=False, chrome=chrome)
        if is_broken(img):  # a sparse chart washed out by blur/downscale: keep it clean instead
            img, names = clean, []
    if max(img.size) > MAX_SIDE:
        img.thumbnail((MAX_SIDE, MAX_SIDE), resample=3)  # LANCZOS
    jpeg_q = next((int(n[6:]) for n in names if n.startswith("jpeg_q")), None)
    ext = ".jpg" if jpeg_q is not None else ".png"
    rel = f"{label}/{_stem(label, i)}{ext}"
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if jpeg_q is not None:
        img.save(tmp, "JPEG", quality=jpeg_q)
    else:
        img.save(tmp, "PNG", optimize=False, compress_level=6)
    os.replace(tmp, path)
    other = path.with_suffix(".png" if ext == ".jpg" else ".jpg")
    if other.exists():
        other.unlink()
    row = {"path": rel, "label": label, "renderer": r.name, "style": rendered.style.replace("\t", " "),
           "degradations": ",".join(names), "seed": str(s)}
    side = _sidecar(out, label, i)
    side.parent.mkdir(parents=True, exist_ok=True)
    tmp = side.with_name(side.name + ".tmp")
    tmp.write_text("\t".join(row[c] for c in MANIFEST_COLUMNS) + "\n", "utf-8")
    os.replace(tmp, side)
    del jpeg
    return Result(label, i, row, r.name, render_s, time.perf_counter() - t0, rejects)


# ------------------------------------------------------------------------------------------------ manifest


def rebuild_manifest(out: Path, labels_order: list[str]) -> list[dict]:
    """Collect every sidecar row whose image exists into ``out/manifest.tsv`` (label order, then index)."""
    rows = []
    parts = out / ".parts"
    if parts.is_dir():
        for side in parts.glob("*/*.tsv"):
            vals = side.read_text("utf-8").rstrip("\n").split("\t")
            if len(vals) != len(MANIFEST_COLUMNS):
                continue
            row = dict(zip(MANIFEST_COLUMNS, vals))
            if (out / row["path"]).exists():
                rows.append(row)
    rank = {lab: k for k, lab in enumerate(labels_order)}
    rows.sort(key=lambda r: (rank.get(r["label"], len(rank)), r["label"], r["path"]))
    tmp = out / "manifest.tsv.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\t".join(MANIFEST_COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(r[c] for c in MANIFEST_COLUMNS) + "\n")
    os.replace(tmp, out / "manifest.tsv")
    return rows


# ------------------------------------------------------------------------------------------------ main


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="whatplot corpus", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, help="output directory (required unless --bench); "
                   "a rerun into it renders only the images it lacks, so an interrupted run resumes")
    p.add_argument("--per-class", type=int, default=100, help="images per label")
    p.add_argument("--seed", type=int, default=0, help="seed every image's data and looks derive from (default: 0)")
    p.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2) - 1),
                   help="render processes (default: the CPU cores less one)")
    p.add_argument("--labels", default="", help="comma-separated label ids (default: all of the taxonomy)")
    p.add_argument("--start", type=int, default=0, help="first image index (to extend a corpus)")
    p.add_argument("--renderers", default="",
                   help="comma-separated renderer names (library:function, as in the manifest) or library names (every "
                        "renderer of that library) to draw with only, e.g. to add images of a new renderer or library "
                        "to a corpus (default: all of each label's)")
    p.add_argument("--no-degrade", action="store_true", help="save clean renders only")
    p.add_argument("--chrome", default="",
                   help="comma-separated chrome names (e.g. publication,dashboard): frame every image in one of them "
                        "instead of a few in random chrome (default: the usual mix)")
    p.add_argument("--no-sheets", action="store_true", help="skip contact sheets at the end")
    p.add_argument("--sheets-only", action="store_true", help="only (re)draw contact sheets from the manifest")
    p.add_argument("--bench", type=int, default=0, metavar="N",
                   help="only time every renderer (of --labels) on N seeds in this process, write nothing")
    p.add_argument("--strict", action="store_true",
                   help="refuse to render when a renderer module failed to import (a library or Chromium missing), "
                        "rather than draw the corpus without its looks")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    args = p.parse_args(argv)
    for name in ("per_class", "start", "workers", "bench"):
        if getattr(args, name) < 0:
            p.error(f"--{name.replace('_', '-')} can't be negative")
    return args


def _comma_list(text: str) -> tuple[str, ...]:
    """The names in a comma-separated option, spaces and empty entries dropped."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


def main(argv=None) -> int:
    from training.signals import sigterm_stops_like_ctrl_c

    with sigterm_stops_like_ctrl_c():
        return _main(argv)


def _main(argv=None) -> int:
    args = parse_args(argv)
    out: Path = args.out
    if out is None and not args.bench:
        print("--out is required", file=sys.stderr)
        return 2
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    all_ids = taxonomy_ids()
    if args.sheets_only:
        from training.corpus.sheets import write_sheets

        rows = rebuild_manifest(out, all_ids)
        write_sheets(out, rows, all_ids)
        print(f"sheets written to {out / 'sheets'}")
        return 0
    plan = _plan(args, all_ids)
    if isinstance(plan, str):  # what is wrong with the options
        print(plan, file=sys.stderr)
        return 2
    if args.bench:
        return bench(plan.labels, args.bench, args.seed)
    # index-major order so that a partial run covers every label
    tasks = [(str(out), lab, i, args.seed, not args.no_degrade, plan.renderers, plan.chrome)
             for i in range(args.start, args.start + args.per_class) for lab in plan.labels]

    # what an earlier run drew is skipped here, so a corpus already complete starts no render process (each
    # imports every plotting library: seconds, on every resumed `whatplot train`)
    is_drawn = [_drawn_whole(out, label, i) for _, label, i, *_ in tasks]
    drawn = [task for task, done in zip(tasks, is_drawn) if done]
    tasks = [task for task, done in zip(tasks, is_drawn) if not done]
    t_start = time.perf_counter()
    try:
        results = [Result(task[1], task[2], None, "", 0.0, 0.0, [], skipped=True) for task in drawn]
        results += _render(tasks, args.workers, args.quiet)
    except KeyboardInterrupt as stop:
        from training.signals import how_stopped

        rows = rebuild_manifest(out, all_ids)
        how, status = how_stopped(stop)
        print(f"\n{how}: the manifest has {len(rows)} images; the same command renders the rest", file=sys.stderr)
        return status
    wall = time.perf_counter() - t_start

    rows = rebuild_manifest(out, all_ids)
    _print_summary(results, rows, plan.labels, wall, args.workers)
    _warn_unloaded_modules()  # again: the progress bar has scrolled the first warning away
    if not args.no_sheets:
        from training.corpus.sheets import write_sheets

        write_sheets(out, rows, all_ids)
    failed = [r for r in results if r.error]
    return 1 if failed and len(failed) == len([r for r in results if not r.skipped]) else 0


@dataclass(frozen=True)
class _Plan:
    """What a run renders: its labels, the renderers it is limited to (all where empty) and the chrome it frames with."""

    labels: list[str]
    renderers: list[str]
    chrome: tuple[str, ...]


def _plan(args: argparse.Namespace, all_ids: list[str]) -> _Plan | str:
    """The labels, renderers and chrome ``args`` ask for, checked; or what is wrong with them."""
    labels = list(_comma_list(args.labels)) or all_ids
    if unknown := [lab for lab in labels if lab not in all_ids]:
        return f"unknown labels: {', '.join(unknown)}"
    by_label = load_renderers()
    if args.bench:
        return _Plan(labels, [], ())
    _warn_unloaded_modules()
    if args.strict and _LOAD_ERRORS:
        return f"--strict: not rendering without {', '.join(sorted(_LOAD_ERRORS))}"
    every_renderer = [r for rens in by_label.values() for r in rens]
    libraries = {r.library for r in every_renderer}
    only = [r.name for r in every_renderer if r.library in _comma_list(args.renderers)]
    only += [name for name in _comma_list(args.renderers) if name not in libraries]
    known = {r.name for r in every_renderer}
    if unknown := [name for name in only if name not in known]:
        return f"unknown renderers: {', '.join(unknown)}"
    if only:
        by_label = {lab: rens for lab, rens in by_label.items() if any(r.name in only for r in rens)}
        if not args.labels:
            labels = [lab for lab in labels if lab in by_label]
    from training.corpus.degrade import CHROME_NAMES

    chrome = _comma_list(args.chrome)
    if unknown := [name for name in chrome if name not in CHROME_NAMES]:
        return f"unknown chrome: {', '.join(unknown)} (known: {', '.join(CHROME_NAMES)})"
    if chrome and args.no_degrade:
        return "--chrome frames images as part of degradation; leave out --no-degrade"
    if missing := [lab for lab in labels if lab not in by_label]:
        print(f"warning: no renderer for {', '.join(missing)} (skipped)", file=sys.stderr)
    return _Plan([lab for lab in labels if lab in by_label], only, chrome)


def _render(tasks: list[tuple], workers: int, quiet: bool) -> list[Result]:
    """Render ``tasks`` (see :func:`make_one`) in ``workers`` processes (in this one for 1), with a progress bar."""
    from tqdm import tqdm

    def progress(results: Iterable[Result]) -> list[Result]:
        return list(tqdm(results, total=len(tasks), disable=quiet, unit="img", smoothing=0.05))

    if not tasks:
        return []
    if workers <= 1:
        _init_worker()
        return progress(map(make_one, tasks))
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(workers, initializer=_init_pool_worker, maxtasksperchild=200) as pool:
        return progress(pool.imap_unordered(make_one, tasks, chunksize=2))


def _warn_unloaded_modules() -> None:
    """Say which renderer modules failed to import: the corpus is drawn without their libraries' looks."""
    for mod, err in _LOAD_ERRORS.items():
        print(f"warning: renderer module {mod} failed to import, so its renderers drew nothing: {err}", file=sys.stderr)


def bench(labels: list[str], n: int, seed: int = 0) -> int:
    """Time every renderer of ``labels`` on ``n`` seeds (render + degrade + downscale, no file I/O)."""
    _init_worker()
    from training.corpus.degrade import degrade

    by_label = load_renderers()
    rows = []
    for lab in labels:
        for r in by_label.get(lab, []):
            try:  # warm-up (imports, font cache)
                r.fn(np.random.default_rng(10**6))
            except Exception:
                pass
            t_render = t_total = 0.0
            errors = 0
            for i in range(n):
                t0 = time.perf_counter()
                try:
                    img = r.fn(np.random.default_rng(derive_seed(seed, lab, i))).image
                except Exception:
                    errors += 1
                    continue
                t1 = time.perf_counter()
                img, _ = degrade(img, np.random.default_rng(i))
                img.thumbnail((MAX_SIDE, MAX_SIDE))
                t_render += t1 - t0
                t_total += time.perf_counter() - t0
            ok = n - errors
            rows.append((r.name, ok / t_render if t_render else 0.0, ok / t_total if t_total else 0.0, errors))
            print(f"{r.name:52s} render {rows[-1][1]:6.2f} img/s  with degrade {rows[-1][2]:6.2f} img/s"
                  f"  errors {errors}", flush=True)
    tot = sum(n / x[2] for x in rows if x[2])
    print(f"\n{len(rows)} renderers, mean over renderers {len(rows) * n / tot:.2f} img/s per core (render+degrade)")
    return 0


def _print_summary(results: list[Result], rows: list[dict], labels: list[str], wall: float, workers: int) -> None:
    made = [r for r in results if r.row is not None]
    skipped = sum(r.skipped for r in results)
    failed = [r for r in results if r.error]
    per_label = Counter(r["label"] for r in rows)
    per_renderer = Counter(r["renderer"] for r in rows)
    rej_label = Counter()
    rej_renderer: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        for name, why in r.rejects:
            rej_label[r.label] += 1
            rej_renderer[name][why.split(":")[0] if not why.startswith("exception") else why] += 1
    times: dict[str, list] = defaultdict(list)
    for r in made:
        times[r.renderer].append((r.render_s, r.total_s))
    print(f"\nmade {len(made)} images, skipped {skipped} existing, failed {len(failed)} in {wall:.1f}s "
          f"({len(made) / max(wall, 1e-9):.2f} img/s with {workers} worker(s)); manifest has {len(rows)} rows")
    print(f"\n{'label':24s} {'in manifest':>11s} {'rejects':>8s}")
    for lab in labels:
        print(f"{lab:24s} {per_label.get(lab, 0):11d} {rej_label.get(lab, 0):8d}")
    print(f"\n{'renderer':52s} {'rows':>5s} {'made':>5s} {'render img/s':>12s} {'total img/s':>11s}  rejects")
    for name in sorted(set(per_renderer) | set(times) | set(rej_renderer)):
        ts = times.get(name, [])
        rs = f"{len(ts) / sum(t[0] for t in ts):12.2f}" if ts else f"{'-':>12s}"
        tt = f"{len(ts) / sum(t[1] for t in ts):11.2f}" if ts else f"{'-':>11s}"
        rj = ", ".join(f"{k}={v}" for k, v in rej_renderer.get(name, {}).items())
        print(f"{name:52s} {per_renderer.get(name, 0):5d} {len(ts):5d} {rs} {tt}  {rj}")
    if made:
        tot = sum(r.total_s for r in made)
        print(f"\naverage per image in a worker: {tot / len(made) * 1000:.0f} ms ({len(made) / tot:.2f} img/s per core)")
    for r in failed[:20]:
        print(f"FAILED {r.label} #{r.index}: {r.error} {r.rejects}", file=sys.stderr)
