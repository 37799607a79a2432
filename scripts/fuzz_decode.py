"""A mutation fuzzer for the decoding path: image bytes to the model's input (classifier.imaging.preprocess).

Seeds are small valid images of every format and variant we decode, built in memory (tests/images.py); each
case is a seed mutated one to four times (bit flips, bytes set to extreme values, 16/32-bit fields overwritten,
chunks or segments duplicated or deleted, truncation, splicing two seeds) and decoded in a worker process.
Every case must end in a model input or a WhatplotError. Anything else is a finding: another exception, the
worker dying, a timeout (over --timeout s), a slow case (over 2 s) or a peak of over 400 MB. The first case
of each finding, keyed by (what went wrong, innermost frame), is saved under --out with what happened.

    .venv/bin/python scripts/fuzz_decode.py --seconds 600 --seed 1 --out /tmp/fuzz
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import random
import re
import resource
import sys
import time
import traceback
import warnings
from multiprocessing.connection import Connection, wait
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.memory import memory_mb  # noqa: E402
from classifier.errors import WhatplotError  # noqa: E402
from classifier.imaging import preprocess  # noqa: E402
from tests.fuzzing import build_seeds, make_case  # noqa: E402

#: A case that takes longer, or whose worker's peak memory goes higher, is a finding.
SLOW_S = 2.0
PEAK_MB = 400
#: Linux's file that resets a process's peak resident memory (VmHWM) when "5" is written to it.
_PEAK_RESET = Path("/proc/self/clear_refs")
#: The address space a worker may add to what it has after its imports (RLIMIT_RSS is not enforced on Linux).
MEMORY_CAP = 2**30
def serve(conn: Connection, parent_end: Connection, size: int) -> None:
    """A worker: decode each case received, answer (finding or None, detail, seconds, peak MB)."""
    parent_end.close()  # inherited: closed, so that the fuzzer's end reads as the end of the pipe here
    warnings.simplefilter("ignore")  # Pillow warns of truncated or odd files: what it then does is what counts
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # libtiff and libjpeg complain of each damaged file in C
    vm = int(memory_mb("VmSize") * 2**20)
    resource.setrlimit(resource.RLIMIT_AS, (vm + MEMORY_CAP, vm + MEMORY_CAP))
    while True:
        data = conn.recv_bytes()
        _PEAK_RESET.write_text("5")  # the peak from here on is this case's (an earlier case's stays out of it)
        start = time.perf_counter()
        try:
            x = preprocess(data, size)
            ok = isinstance(x, np.ndarray) and x.shape == (size, size, 3) and x.dtype == np.uint8
            finding, detail = (None, "model input") if ok else (("BadInput", "preprocess"), repr(x)[:500])
        except WhatplotError as exc:
            finding, detail = None, type(exc).__name__
        except Exception as exc:  # noqa: BLE001 - anything else is what we look for
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            finding = (type(exc).__name__, f"{Path(frame.filename).name}:{frame.lineno} {frame.name}")
            detail = traceback.format_exc()
        peak_mb = memory_mb("VmHWM")
        conn.send((finding, detail, time.perf_counter() - start, peak_mb))


class Worker:
    """A worker process and the case it is decoding; started again after a timeout, a death or a peak
    over :data:`PEAK_MB` (what a case leaves allocated may stay with the process)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.case: tuple[str, list[str], bytes] | None = None
        self.start()

    def start(self) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.get_context("fork").Process(target=serve, args=(child, self.conn, self.size), daemon=True)
        self.process.start()
        child.close()  # the worker's end: closed here, so that its death reads as the end of the pipe

    def restart(self) -> None:
        self.process.kill()
        self.process.join()
        self.start()

    def submit(self, case: tuple[str, list[str], bytes]) -> None:
        self.case, self.sent = case, time.monotonic()
        self.conn.send_bytes(case[2])


def outcome(worker: Worker, timeout: float) -> tuple[tuple[str, str] | None, str] | None:
    """What ``worker``'s case came to (finding or None, detail), or None if it is still running."""
    name = worker.case[0]
    if worker.conn.poll():
        try:
            finding, detail, seconds, peak_mb = worker.conn.recv()
        except EOFError:  # it died: a crash in C, or killed for memory
            worker.restart()
            return ("Died", f"({name})"), ""
        if peak_mb > PEAK_MB:
            worker.restart()
            finding = finding or ("Memory", f"over {PEAK_MB} MB ({name})")
        elif seconds > SLOW_S and finding is None:
            finding = ("Slow", f"over {SLOW_S:.0f} s ({name})")
        return finding, f"{detail}\n{seconds:.2f} s, peak {peak_mb:.0f} MB"
    if time.monotonic() - worker.sent > timeout:
        worker.restart()
        return ("Timeout", f"over {timeout:.0f} s ({name})"), ""
    return None


def save(out: Path, finding: tuple[str, str], case: tuple[str, list[str], bytes], detail: str) -> Path:
    """Write a finding's case (.bin) and what came of it (.txt) under ``out``; the case's path."""
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", " ".join(finding)).strip("-")
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{slug}.bin").write_bytes(case[2])
    (out / f"{slug}.txt").write_text(f"{finding}\nseed image: {case[0]}\nmutations: {'; '.join(case[1])}\n\n{detail}\n")
    return out / f"{slug}.bin"


def fuzz(args: argparse.Namespace, outcomes: collections.Counter[str], findings: dict[tuple[str, str], list]) -> None:
    """Run cases for ``args.seconds``, counting each outcome and each finding ([cases, first saved as])."""
    rng, seeds = random.Random(args.seed), build_seeds()
    print(f"{len(seeds)} seeds: {', '.join(seeds)}", flush=True)
    workers = [Worker(args.size) for _ in range(args.workers)]
    started = last_report = time.monotonic()
    while time.monotonic() - started < args.seconds or any(w.case for w in workers):
        for worker in workers:
            if worker.case is None and time.monotonic() - started < args.seconds:
                worker.submit(make_case(rng, seeds))
        wait([w.conn for w in workers if w.case], timeout=0.1)
        for worker in (w for w in workers if w.case):
            if (result := outcome(worker, args.timeout)) is None:
                continue
            (finding, detail), case, worker.case = result, worker.case, None
            outcomes[finding[0] if finding else detail.split("\n")[0]] += 1
            if finding is None:
                continue
            if finding not in findings:
                findings[finding] = [0, save(args.out, finding, case, detail)]
                print(f"NEW FINDING {finding} from {case[0]} -> {findings[finding][1]}", flush=True)
            findings[finding][0] += 1
        if time.monotonic() - last_report > 30:
            last_report = time.monotonic()
            print(f"{last_report - started:6.0f} s  {sum(outcomes.values())} cases  {len(findings)} findings", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long to run (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="random seed: the same seed makes the same cases")
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"), help="folder for findings")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--timeout", type=float, default=5, help="seconds before a case counts as hung (default 5)")
    parser.add_argument("--size", type=int, default=224, help="the model's input size (default 224)")
    args = parser.parse_args()

    outcomes: collections.Counter[str] = collections.Counter()
    findings: dict[tuple[str, str], list] = {}
    started = time.monotonic()
    try:
        fuzz(args, outcomes, findings)
    except KeyboardInterrupt:  # Ctrl-C: stop early, with the summary
        pass
    elapsed, cases = time.monotonic() - started, sum(outcomes.values())
    print(f"\nseed {args.seed}: {cases} cases in {elapsed:.0f} s ({cases / elapsed:.0f}/s), {len(findings)} findings")
    for kind, count in outcomes.most_common():
        print(f"  {count:7d}  {kind}")
    for finding, (count, path) in findings.items():
        print(f"  finding {finding}: {count} cases, first saved as {path}")
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
