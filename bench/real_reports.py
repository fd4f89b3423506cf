"""Recall on real reports: the figures a person expects from each of the five sources
and two reports of ../shared/corpus, copied to tests/corpus (tests/expected_figures.csv, written by hand:
the sources' from tests/test_warehouse.py's EXPECTED, the corpus' from reading the
reports), against what the extractors find.

`python -m bench.real_reports` prints one JSON line: per document and in all,
expected, found (the expected value for its KPI and year), wrong (the KPI and year
found, but not with the expected value), invented (a KPI found as a result for a
year the person expects nothing of it). Targets and derived figures are not results.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

from etl.build import EXTRACTORS
from etl.documents import Document, read_document

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "expected_figures.csv"


def _document(path: Path, kind: str, district: str, year: int) -> Document:
    row = {"doc_id": path.stem, "district": district, "district_full": district, "year": str(year), "kind": kind}
    return read_document(path, row)


def measure(expected_path: Path = EXPECTED) -> dict:
    with expected_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_document: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_document[row["document"]].append(row)
    documents = []
    for name, expected in by_document.items():
        first = expected[0]
        doc = _document((ROOT / name).resolve(), first["kind"], first["district"], int(first["year"]))
        found = [o for o in EXTRACTORS[doc.kind](doc).observations if o.kind == "actual"]
        values = defaultdict(set)
        for o in found:
            values[o.kpi_id, o.year].add(round(o.value, 4))
        wanted = {(r["kpi_id"], int(r["year"])): round(float(r["value"]), 4) for r in expected}
        hits = [k for k, v in wanted.items() if v in values.get(k, set())]
        wrong = [f"{k[0]} {k[1]}: {sorted(values[k])} (expected {v})" for k, v in wanted.items()
                 if values.get(k) and v not in values[k]]
        invented = sorted({f"{o.kpi_id} {o.year} = {o.value:g} (line {o.line})" for o in found
                           if (o.kpi_id, o.year) not in wanted})
        documents.append({"document": name, "expected": len(wanted), "found": len(hits), "wrong": wrong,
                          "invented": invented,
                          "missed": sorted(f"{k[0]} {k[1]} = {v:g}" for k, v in wanted.items() if k not in hits)})
    total = {key: sum(d[key] if isinstance(d[key], int) else len(d[key]) for d in documents)
             for key in ("expected", "found", "wrong", "invented")}
    return {**total, "documents": documents,
            "ok": total["found"] == total["expected"] and not total["wrong"] and not total["invented"]}


def main() -> None:
    result = measure()
    print(json.dumps(result, ensure_ascii=False))
    sys.exit(0)


if __name__ == "__main__":
    main()
