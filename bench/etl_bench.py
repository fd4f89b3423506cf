"""ETL: the build of the five real sources, and of synthetic corpora at 1x, 10x and
100x the real corpus (5, 50, 500 documents), each build in a fresh process; the
extraction check of each synthetic corpus (bench.check)."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.check import check_extraction
from bench.corpus import generate_corpus
from bench.timing import run_json
from etl.build import MANIFEST, RAW

SCALES = (("1x", 5), ("10x", 50), ("100x", 500))


def build_once(raw: Path, manifest: Path, db: Path) -> dict:
    db.unlink(missing_ok=True)
    return run_json("bench.build_once", "--raw", str(raw), "--manifest", str(manifest), "--db", str(db))


def measure(work: Path, scales=SCALES, real_repeats: int = 3, seed: int = 2024, log=print) -> dict:
    """Build times, documents per second and peak memory; the extraction check."""
    work.mkdir(parents=True, exist_ok=True)
    real_db = work / "real.duckdb"
    real = [build_once(RAW, MANIFEST, real_db) for _ in range(real_repeats)]
    times = ", ".join(f"{r['seconds']:.2f} s" for r in real)
    log(f"  real corpus: {times}")
    synthetic = []
    for label, documents in scales:
        folder = work / f"corpus_{label}"
        if folder.exists():
            shutil.rmtree(folder)
        corpus = generate_corpus(folder, documents, seed=seed)
        db = folder / "warehouse.duckdb"
        result = build_once(corpus["raw_dir"], corpus["manifest"], db)
        check = check_extraction(db, corpus["expected"])
        result.update(label=label, kinds=corpus["kinds"], figures=corpus["figures"], table_rows=corpus["table_rows"],
                      check_ok=check.ok, check=[{"name": c.name, "expected": c.expected, "found": c.found,
                                                 "missing": len(c.missing), "unexpected": len(c.unexpected)}
                                                for c in check.categories],
                      failed_checks=len(check.failed_checks), check_text=check.summary())
        synthetic.append(result)
        log(f"  {label} ({documents} documents, {corpus['bytes'] / 1e6:.1f} MB): {result['seconds']:.2f} s, "
            f"peak {result['peak_mb']:.0f} MB, extraction check {'ok' if check.ok else 'FAILED'}")
        if not check.ok:
            log(check.summary())
    return {"real": real, "real_db": str(real_db), "synthetic": synthetic}
