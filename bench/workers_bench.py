"""Build with several workers: the synthetic corpus at 500 and 5,000 documents built
with one worker, with two, and on Dask (a local cluster of two worker processes),
each build in a fresh process (bench/build_once.py): seconds, the build process's
peak memory, the peak of the processes it started, and the speed-up on one worker.

    python -m bench.workers_bench --out bench/out/workers.json [--scales 500 5000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

from bench.corpus import generate_corpus
from bench.timing import OUT, machine, run_json

SCALES = (500, 5000)
# (label, build_once's options): the local pool and Dask with as many workers.
ENGINES = (
    ("1 worker", ("--workers", "1")),
    ("2 workers", ("--workers", "2")),
    ("Dask, 2 workers", ("--engine", "dask", "--workers", "2")),
)


def build_with(raw: Path, manifest: Path, db: Path, options: tuple[str, ...]) -> dict:
    db.unlink(missing_ok=True)
    return run_json("bench.build_once", "--raw", str(raw), "--manifest", str(manifest), "--db", str(db), *options,
                    timeout=1800)


def measure(work: Path, scales=SCALES, seed: int = 2024, log=print) -> dict:
    """Every engine at every scale; the machine's load average before each build (the
    machine may be shared: a loaded one slows the parallel builds most)."""
    work.mkdir(parents=True, exist_ok=True)
    runs = []
    for documents in scales:
        folder = work / f"corpus_{documents}"
        if folder.exists():
            shutil.rmtree(folder)
        corpus = generate_corpus(folder, documents, seed=seed)
        single = None
        for label, options in ENGINES:
            load = os.getloadavg()[0]
            result = build_with(corpus["raw_dir"], corpus["manifest"], folder / "warehouse.duckdb", options)
            single = single or result["seconds"]
            result.update(label=label, scale=documents, load_average=load, speedup=single / result["seconds"],
                          read_seconds=result["phases"]["read_all"])
            runs.append(result)
            log(f"  {documents} documents, {label}: {result['seconds']:.1f} s (reading and extracting "
                f"{result['read_seconds']:.1f} s), {result['speedup']:.2f}x, peak {result['peak_mb']:.0f} MB "
                f"+ {result['children_peak_mb']:.0f} MB in the processes it started (load average {load:.1f})")
        shutil.rmtree(folder)
    return {"machine": machine(), "runs": runs}


def markdown(result: dict) -> str:
    """The section: a table of every build and one sentence of findings."""
    runs = result["runs"]
    lines = [
        "## Build with several workers",
        "",
        "The synthetic corpus built with `python -m etl build --workers 1`, `--workers 2` and `--engine dask` (a local "
        "cluster of two single-threaded worker processes), each in a fresh process (`bench/build_once.py`). Reading and "
        "extracting run in the workers; writing the warehouse runs in the build process whatever the engine. Peak memory: "
        "the build process's peak resident size, and the peak of the summed proportional set sizes of the processes it "
        "started (pool workers and their fork server, Dask's nannies and workers), sampled every 0.1 s from /proc.",
        "",
        "| documents | engine | build (s) | reading and extracting (s) | writing (s) | speed-up on 1 worker | "
        "build process peak (MB) | started processes' peak (MB) | load average before |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        lines.append(f"| {run['scale']:,} | {run['label']} | {run['seconds']:.1f} | {run['read_seconds']:.1f} | "
                     f"{run['phases']['write_warehouse']:.1f} | {run['speedup']:.2f}x | {run['peak_mb']:.0f} | "
                     f"{run['children_peak_mb']:.0f} | {run['load_average']:.1f} |")
    lines += ["", findings(runs), ""]
    return "\n".join(lines)


def findings(runs: list[dict]) -> str:
    """One sentence: the largest scale's speed-ups, and what stays in one process."""
    largest = max(run["scale"] for run in runs)
    at = {run["label"]: run for run in runs if run["scale"] == largest}
    one, two, dask = (at[label] for label, _ in ENGINES)
    return (f"At {largest:,} documents two workers built {two['speedup']:.2f}x as fast as one ({two['seconds']:.0f} s "
            f"against {one['seconds']:.0f} s; reading and extracting alone {one['read_seconds'] / two['read_seconds']:.2f}x) "
            f"and Dask on a local cluster of two {dask['speedup']:.2f}x, while writing the warehouse "
            f"({one['phases']['write_warehouse']:.0f} s with one worker) stays in the build process whatever the engine.")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.workers_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the measurements as JSON")
    parser.add_argument("--scales", type=int, nargs="+", default=list(SCALES), help="corpus sizes in documents")
    parser.add_argument("--work", type=Path, default=OUT / "workers", help="where the corpora are generated")
    args = parser.parse_args()
    result = measure(args.work, tuple(args.scales))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(markdown(result))


if __name__ == "__main__":
    main()
