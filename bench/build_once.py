"""One build in a fresh process: `python -m bench.build_once --raw DIR --manifest CSV --db FILE`.

Prints one JSON line: the seconds etl.build.build took (and each of its phases),
documents, observations, warnings, and the process's memory before the build
(Python and the libraries imported) and at its peak.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.timing import peak_rss_mb
from etl import build as build_module

PHASES = ("read_all", "extract_all", "write_warehouse")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--raw", type=Path, required=True)
    parser.add_argument("--manifest", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
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
    summary = build_module.build(db_path=args.db, raw_dir=args.raw, manifest_path=args.manifest)
    print(json.dumps({
        "seconds": summary.seconds, "phases": phases, "documents": summary.documents, "observations": summary.observations,
        "kpi_values": summary.kpi_values, "conflicts": summary.conflicts, "warnings": len(summary.warnings),
        "bytes": sum(p.stat().st_size for p in args.raw.iterdir() if p.is_file()),
        "baseline_mb": before_mb, "peak_mb": peak_rss_mb(),
    }))


if __name__ == "__main__":
    main()
