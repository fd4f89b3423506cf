"""One build in a fresh process:
`python -m bench.build_once --raw DIR --manifest CSV --db FILE [--workers N] [--engine local|dask]`.

Prints one JSON line: the seconds etl.build.build took (and each of its phases),
documents, observations, warnings, the process's memory before the build (Python
and the libraries imported) and at its peak, and the peak memory of the processes
the build started (pool workers and their fork server, Dask's nannies and workers):
the sum of their proportional set sizes, read from /proc every 0.1 s (PSS shares a
page used by several processes among them, so modules a fork server loaded once
count once).
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from pathlib import Path

from bench.timing import peak_rss_mb
from etl import build as build_module
from etl.fanout import ENGINES

PHASES = ("read_all", "extract_all", "write_warehouse")


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, pending = [], list(children.get(pid, []))
    while pending:
        child = pending.pop()
        found.append(child)
        pending += children.get(child, [])
    return found


def pss_mb(pid: int) -> float:
    """A process's proportional set size (0 once it has ended)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class ChildMemory:
    """The peak of the summed PSS of this process's descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.1):
        self.interval = interval
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak_mb = max(self.peak_mb, sum(pss_mb(pid) for pid in descendants(os.getpid())))

    def __enter__(self) -> ChildMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--raw", type=Path, required=True)
    parser.add_argument("--manifest", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--engine", choices=ENGINES, default="local")
    args = parser.parse_args()

    # build() calls its phases through the module's globals: wrap them to time each.
    phases: dict[str, float] = {}
    for name in PHASES:
        original = getattr(build_module, name)

        def timed(*a, _original=original, _name=name, **k):
            started = time.perf_counter()
            try:
                return _original(*a, **k)
            finally:
                phases[_name] = time.perf_counter() - started

        setattr(build_module, name, timed)
    before_mb = peak_rss_mb()
    with ChildMemory() as children:
        summary = build_module.build(db_path=args.db, raw_dir=args.raw, manifest_path=args.manifest,
                                     workers=args.workers, engine=args.engine)
    print(json.dumps({
        "seconds": summary.seconds, "phases": phases, "documents": summary.documents, "observations": summary.observations,
        "kpi_values": summary.kpi_values, "conflicts": summary.conflicts, "warnings": len(summary.warnings),
        "bytes": sum(p.stat().st_size for p in args.raw.iterdir() if p.is_file()),
        "baseline_mb": before_mb, "peak_mb": peak_rss_mb(), "children_peak_mb": children.peak_mb,
        "workers": args.workers, "engine": args.engine,
    }))


if __name__ == "__main__":
    main()
