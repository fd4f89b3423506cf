"""Recall on real reports: the figures a person expects from each of the five sources
and two reports of ../shared/corpus, copied to tests/corpus (tests/expected_figures.csv, written by hand:
the sources' from tests/test_warehouse.py's EXPECTED, the corpus' from reading the
reports), against what the extractors find.

`python -m bench.real_reports` prints one JSON line: per document and in all,
expected, found (the expected value for its KPI and year, at the expected line where
one is given, of the expected period: the whole year unless the row names one), wrong
(the KPI and year found, but not with the expected value, or with it on another line), invented (a KPI found as a result for a year the
person expects nothing of, or another whole-year value beside the expected one), and
contradictions: the document's own second figures, kept on purpose, each listed by hand
with its line (tests/expected_contradictions.csv) — any other second figure is invented.
Targets, derived and part-year figures are not whole-year results.
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
CONTRADICTIONS = ROOT / "tests" / "expected_contradictions.csv"


def _document(path: Path, kind: str, district: str, year: int) -> Document:
    row = {"doc_id": path.stem, "district": district, "district_full": district, "year": str(year), "kind": kind}
    return read_document(path, row)


def measure(expected_path: Path = EXPECTED, contradictions_path: Path = CONTRADICTIONS) -> dict:
    with expected_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with contradictions_path.open(encoding="utf-8", newline="") as handle:
        kept = {(r["document"], r["kpi_id"], int(r["year"]), round(float(r["value"]), 4), int(r["line"]))
                for r in csv.DictReader(handle)}
    by_document: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_document[row["document"]].append(row)
    documents = []
    for name, expected in by_document.items():
        first = expected[0]
        doc = _document((ROOT / name).resolve(), first["kind"], first["district"], int(first["year"]))
        periods = {(r["kpi_id"], int(r["year"])): r.get("period") or None for r in expected}
        found = [o for o in EXTRACTORS[doc.kind](doc).observations
                 if o.kind == "actual" and o.period == periods.get((o.kpi_id, o.year))]
        values: dict[tuple[str, int], set[tuple[float, int]]] = defaultdict(set)
        for o in found:
            values[o.kpi_id, o.year].add((round(o.value, 4), o.line))
        wanted = {(r["kpi_id"], int(r["year"])): (round(float(r["value"]), 4), int(r["line"]) if r["line"] else None)
                  for r in expected}
        hits, wrong, invented, contradictions = [], [], [], []
        for key, (value, line) in wanted.items():
            seen = values.get(key, set())
            at = {where for found, where in seen if found == value}
            if at and (line is None or line in at):
                hits.append(key)
            elif seen:
                wrong.append(f"{key[0]} {key[1]}: {sorted(seen)} (expected {value:g}" + (f" line {line})" if line else ")"))
            for other, other_line in sorted(seen):
                if other == value:
                    continue
                if (name, key[0], key[1], other, other_line) in kept:
                    contradictions.append(f"{key[0]} {key[1]} = {other:g} (line {other_line})")
                elif at:
                    invented.append(f"{key[0]} {key[1]} = {other:g} (line {other_line}) beside the expected {value:g}")
        invented += sorted({f"{o.kpi_id} {o.year} = {o.value:g} (line {o.line})" for o in found
                            if (o.kpi_id, o.year) not in wanted})
        documents.append({"document": name, "expected": len(wanted), "found": len(hits), "wrong": wrong,
                          "invented": invented, "contradictions": contradictions,
                          "missed": sorted(f"{k[0]} {k[1]} = {v[0]:g}" for k, v in wanted.items()
                                           if k not in hits and not values.get(k))})
    total = {key: sum(d[key] if isinstance(d[key], int) else len(d[key]) for d in documents)
             for key in ("expected", "found", "wrong", "invented", "contradictions")}
    return {**total, "documents": documents,
            "ok": total["found"] == total["expected"] and not total["wrong"] and not total["invented"]}


def main() -> None:
    result = measure()
    print(json.dumps(result, ensure_ascii=False))
    sys.exit(0)


if __name__ == "__main__":
    main()
