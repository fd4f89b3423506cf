"""How well reports the rules were not written from are read: every folder of
../shared/corpus that holds a truth.csv (its README gives the format: per document
and figure, derived prior-year rows, `line:<code>` rows for 功能分类 lines).

Each report is added as a person would add it, `etl add FILE --yes` with nothing
given, to a copy of the project's reports (the five sources) in a temporary folder,
and the warehouse that results is compared with the truth:

- right: the truth's KPI and year has a value of the document's bureau with the
  truth's value (and the same period: whole year, or a part ending in the same month);
  a 功能分类 line right when the document gives that code with that amount;
- wrong: the KPI and year has a value, another one (or of another period);
- invented: a value of the document for a KPI and year the truth does not list
  (absent.csv names the ones it must not have), or a 功能分类 line the truth lacks;
- refused: the report could not be added (the error is listed).

`python -m bench.truth_sets` prints one JSON line (per set and per document).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def truth_sets(corpus: Path = CORPUS) -> list[Path]:
    """Every folder of the corpus that holds a truth.csv."""
    return sorted(p.parent for p in corpus.glob("*/truth.csv"))


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _month(period: str | None) -> int | None:
    """The month a part-year period ends in (1-11月, 截至11月底 -> 11); None for the whole year."""
    if not period:
        return None
    found = re.findall(r"(\d{1,2})\s*月", period)
    return int(found[-1]) if found else -1


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def add_one(path: Path) -> dict:
    """Add one report to a copy of the project's reports; what the warehouse says of it."""
    from etl import add
    from etl.intake import read_upload

    with tempfile.TemporaryDirectory(prefix="truth_") as tmp:
        tmp = Path(tmp)
        raw, manifest, db, decisions = tmp / "raw", tmp / "manifest.csv", tmp / "w.duckdb", tmp / "decisions.csv"
        shutil.copytree(ROOT / "data" / "raw", raw)
        shutil.copy(ROOT / "data" / "manifest.csv", manifest)
        try:
            upload = read_upload(path.name, path.read_bytes())
            preview = add.preview(upload, raw_dir=raw, manifest_path=manifest)
            added = add.accept(preview, raw_dir=raw, manifest_path=manifest, db_path=db, decisions_path=decisions)
        except Exception as error:  # noqa: BLE001 - a refusal or a crash is what is measured
            return {"refused": f"{type(error).__name__}: {error}"}
        with closing(duckdb.connect(str(db), read_only=True)) as con:
            bureau = con.execute("select bureau from documents where doc_id = ?", [added.doc_id]).fetchone()[0]
            values = con.execute(
                "select v.kpi_id, v.year, v.value, v.period, v.doc_id, v.line from kpi_values v "
                "join documents d on d.doc_id = v.doc_id "
                "where v.district = ? and d.bureau is not distinct from ?", [added.district, bureau]).fetchall()
            lines = con.execute(
                "select code, value, line from budget_lines where doc_id = ? and length(code) = 7 "
                "and column_name = '合计'", [added.doc_id]).fetchall()
        return {"doc_id": added.doc_id, "district": added.district, "year": added.year, "kind": added.kind,
                "values": values, "lines": lines}


def judge(name: str, truth: list[dict], got: dict) -> dict:
    """Right, wrong, missed and invented for one document (a KPI absent.csv names that gets a
    value is one the truth does not list: invented)."""
    expected = [r for r in truth if not r["kpi_id"].startswith("line:")]
    expected_lines = [r for r in truth if r["kpi_id"].startswith("line:")]
    result = {"document": name, "expected": len(truth), "right": 0, "wrong": [], "missed": [], "invented": [],
              "refused": got.get("refused")}
    if result["refused"]:
        result["missed"] = [f"{r['kpi_id']} {r['year']} = {r['value']}" for r in truth]
        return result
    values = {(k, y): (v, p, doc, line) for k, y, v, p, doc, line in got["values"]}
    wanted = set()
    for row in expected:
        key = (row["kpi_id"], int(row["year"]))
        wanted.add(key)
        want = float(row["value"])
        if key not in values:
            result["missed"].append(f"{key[0]} {key[1]} = {row['value']}{' ' + row['period'] if row['period'] else ''}")
            continue
        value, period, _doc, line = values[key]
        if _same(value, want) and _month(period) == _month(row["period"] or None):
            result["right"] += 1
        else:
            result["wrong"].append(f"{key[0]} {key[1]}: {value:g}{' ' + period if period else ''} line {line} "
                                   f"(expected {row['value']}{' ' + row['period'] if row['period'] else ''} "
                                   f"line {row['line']})")
    for (kpi, year), (value, period, doc, line) in sorted(values.items()):
        if doc == got["doc_id"] and (kpi, year) not in wanted:
            result["invented"].append(f"{kpi} {year} = {value:g}{' ' + period if period else ''} (line {line})")
    found = Counter((code, round(value, 4)) for code, value, _ in got["lines"])
    for row in expected_lines:
        key = (row["kpi_id"].removeprefix("line:"), round(float(row["value"]), 4))
        if found[key] > 0:
            found[key] -= 1
            result["right"] += 1
        else:
            others = sorted({f"{v:g}" for c, v, _ in got["lines"] if c == key[0]})
            (result["wrong"] if others else result["missed"]).append(
                f"{row['kpi_id']} = {row['value']}" + (f" (found {', '.join(others)})" if others else ""))
    wrong_codes = {w.split()[0].removeprefix("line:") for w in result["wrong"] if w.startswith("line:")}
    for (code, value), count in sorted(found.items()):
        if count > 0 and code not in wrong_codes:
            result["invented"].append(f"line:{code} = {value:g}")
    return result


def measure_set(folder: Path, workers: int = 2) -> dict:
    truth, absent = _rows(folder / "truth.csv"), _rows(folder / "absent.csv")
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in truth:
        by_doc[row["doc"]].append(row)
    for row in absent:
        by_doc.setdefault(row["doc"], [])
    names = sorted(by_doc)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(add_one, [folder / n for n in names]))
    documents = [judge(n, by_doc[n], got) for n, got in zip(names, results, strict=True)]
    total = {"expected": sum(d["expected"] for d in documents), "right": sum(d["right"] for d in documents),
             "wrong": sum(len(d["wrong"]) for d in documents), "invented": sum(len(d["invented"]) for d in documents),
             "refused": sum(1 for d in documents if d["refused"])}
    return {"set": folder.name, **total, "documents": documents}


def measure(corpus: Path = CORPUS) -> dict:
    sets = [measure_set(folder) for folder in truth_sets(corpus)]
    return {"sets": sets}


def main() -> None:
    """`python -m bench.truth_sets [FOLDER …]`: the corpus' sets, or the folders named (each with a truth.csv)."""
    folders = [Path(a) for a in sys.argv[1:]]
    result = {"sets": [measure_set(f) for f in folders]} if folders else measure()
    print(json.dumps(result, ensure_ascii=False))
    sys.exit(0)


if __name__ == "__main__":
    main()
