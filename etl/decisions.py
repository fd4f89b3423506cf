"""A person's decisions about a report's figures: kept in data/decisions.csv (a plain
file the build reads and never writes), applied by every build, so a rebuild can
never lose them.

Each row is one decision about one figure of one document, known by the text's
sha256 (not its file name or doc_id, which a person may change):

- accept: the figure found is right (its value's status becomes `reviewed`);
- correct: the figure found (found_kpi_id, found_value at line) is really kpi_id =
  value for year and period (status `reviewed`; the note says what was corrected);
- reject: the figure found is not a figure of this KPI (it is dropped);
- add: a figure the rules missed, at line (status `entered`; the quote is that
  line's text).

A decision whose document is not loaded (its text changed: another sha256), or
whose figure is no longer found, is listed as stale in the warehouse's
review_decisions and never applied.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from etl.documents import Document
from etl.extract import Observation
from etl.text import exact_number

DECISIONS = Path(__file__).resolve().parent.parent / "data" / "decisions.csv"
COLUMNS = ("sha256", "decision", "kpi_id", "year", "value", "unit", "period", "line", "found_kpi_id", "found_value",
           "reason", "decided_at", "decided_by")
KINDS = ("accept", "correct", "reject", "add")


class DecisionError(Exception):
    """A decisions file or row that cannot be used: nothing was written."""


@dataclass(frozen=True)
class Decision:
    sha256: str
    decision: str
    kpi_id: str
    year: int | None
    value: float | None
    unit: str
    period: str | None
    line: int
    found_kpi_id: str | None
    found_value: float | None
    reason: str
    decided_at: str
    decided_by: str = ""  # the editor who decided ("" in rows kept before names were: shown as unknown)

    def row(self) -> dict[str, str]:
        return {k: "" if v is None else (exact_number(v) if isinstance(v, float) else str(v)) for k, v in asdict(self).items()}


def _number(text: str, column: str, where: str) -> float | None:
    text = (text or "").strip().replace(",", "")
    if not text:
        return None
    try:
        return float(Decimal(text))
    except InvalidOperation:
        raise DecisionError(f"{where}: {column} 不是数字「{text}」 ({column} is not a number: {text!r})") from None


def parse(rows: list[dict[str, str]], where: str, known_kpis: set[str] | None = None) -> list[Decision]:
    """Rows of a decisions CSV as Decisions, each checked; where: the file's name for errors."""
    decisions = []
    for number, row in enumerate(rows, start=2):
        at = f"{where}:{number}"
        kind = (row.get("decision") or "").strip()
        if kind not in KINDS:
            raise DecisionError(f"{at}: decision 应为 {'/'.join(KINDS)}，而不是「{kind}」 (decision must be one of {KINDS})")
        sha = (row.get("sha256") or "").strip()
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise DecisionError(f"{at}: sha256 无效 (not a sha256 of a document's text)")
        kpi_id = (row.get("kpi_id") or "").strip()
        if known_kpis is not None and kpi_id not in known_kpis:
            raise DecisionError(f"{at}: 指标「{kpi_id}」不在指标目录中 (KPI {kpi_id!r} is not in the catalog)")
        line = _number(row.get("line", ""), "line", at)
        if line is None or line < 1 or line != int(line):
            raise DecisionError(f"{at}: line 应为行号 (line must be a line number)")
        value = _number(row.get("value", ""), "value", at)
        if kind in ("correct", "add") and value is None:
            raise DecisionError(f"{at}: {kind} 需要数值 (a {kind} needs a value)")
        year = _number(row.get("year", ""), "year", at)
        found_kpi = (row.get("found_kpi_id") or "").strip() or (kpi_id if kind != "add" else None)
        found_value = _number(row.get("found_value", ""), "found_value", at)
        if kind in ("accept", "reject") and found_value is None:
            found_value = value
        if kind != "add" and found_value is None:
            raise DecisionError(f"{at}: {kind} 需要原数值 found_value (a {kind} needs the figure found: found_value)")
        decisions.append(Decision(
            sha256=sha, decision=kind, kpi_id=kpi_id, year=int(year) if year is not None else None, value=value,
            unit=(row.get("unit") or "").strip(), period=(row.get("period") or "").strip() or None, line=int(line),
            found_kpi_id=found_kpi, found_value=found_value, reason=(row.get("reason") or "").strip(),
            decided_at=(row.get("decided_at") or "").strip() or now(), decided_by=(row.get("decided_by") or "").strip()))
    return decisions


def now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def load(path: Path, known_kpis: set[str] | None = None) -> list[Decision]:
    """The decisions in path (none when the file does not exist)."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return parse(list(csv.DictReader(handle)), path.name, known_kpis)


def append(path: Path, decisions: list[Decision]) -> None:
    """Add decisions to the file (created with its header), written beside it and
    renamed into place: a person's earlier decisions are never lost. A file of fewer
    columns (kept before decided_by was) is written again whole with every column,
    its rows as they were."""
    path = Path(path)
    before = path.read_bytes() if path.exists() else b""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n", restval="")
    header = next(csv.reader(io.StringIO(before.decode("utf-8-sig"))), []) if before else []
    if set(header) - set(COLUMNS):
        raise DecisionError(f"{path.name}: 有未知的列 (unknown columns): {', '.join(sorted(set(header) - set(COLUMNS)))}")
    if before and tuple(header) != COLUMNS:
        writer.writeheader()
        writer.writerows(csv.DictReader(io.StringIO(before.decode("utf-8-sig"))))
        before = b""
    elif not before:
        writer.writeheader()
    for decision in decisions:
        writer.writerow(decision.row())
    head = before if not before or before.endswith(b"\n") else before + b"\n"
    temporary = path.with_name(f".{path.name}.writing-{os.getpid()}")
    try:
        temporary.write_bytes(head + buffer.getvalue().encode("utf-8"))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _precision(value: float) -> int:
    exponent = Decimal(exact_number(value)).as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _same(observation: Observation, decision: Decision) -> bool:
    return (observation.kpi_id == decision.found_kpi_id and observation.line == decision.line
            and decision.found_value is not None and abs(observation.value - decision.found_value) < 1e-9
            and observation.kind != "derived")


def apply_decisions(documents: list[Document], observations: list[Observation], decisions: list[Decision],
          units: dict[str, str]) -> tuple[list[Observation], list[dict]]:
    """The observations with every applicable decision applied, and one row per
    decision for review_decisions (state 'applied' or 'stale', with why)."""
    by_sha = {doc.sha256: doc for doc in documents}
    result = list(observations)
    log: list[dict] = []
    for decision in decisions:
        doc = by_sha.get(decision.sha256)
        state, why = "applied", ""
        if doc is None:
            state, why = "stale", "文件未载入或内容已改变 (document not loaded, or its text changed)"
        elif decision.decision == "add":
            if decision.line > len(doc.lines):
                state, why = "stale", f"文件只有 {len(doc.lines)} 行 (the document has {len(doc.lines)} lines)"
            else:
                result.append(Observation(
                    doc_id=doc.doc_id, district=doc.district, year=decision.year or doc.year, kpi_id=decision.kpi_id,
                    value=float(decision.value), unit=units.get(decision.kpi_id, decision.unit), precision=_precision(decision.value),
                    kind="actual", period=decision.period, qualifier=None, line=decision.line,
                    quote=doc.lines[decision.line - 1].strip(), note=_note("人工录入 entered", decision), review="entered"))
        else:
            matches = [i for i, o in enumerate(result) if o.doc_id == doc.doc_id and _same(o, decision)]
            if not matches:
                state, why = "stale", "该数字已不在抽取结果中 (the figure is no longer found)"
            for index in reversed(matches):
                found = result[index]
                if decision.decision == "reject":
                    del result[index]
                elif decision.decision == "accept":
                    result[index] = replace(found, review="reviewed", note=_note("人工核对 reviewed", decision, found.note))
                else:
                    corrected = (f"更正 corrected: {found.kpi_id} {exact_number(found.value)} → "
                                 f"{decision.kpi_id} {exact_number(decision.value)}")
                    result[index] = replace(
                        found, kpi_id=decision.kpi_id, value=float(decision.value), year=decision.year or found.year,
                        unit=units.get(decision.kpi_id, found.unit), precision=_precision(decision.value),
                        period=decision.period, qualifier=None, kind="actual", review="reviewed",
                        definition=found.definition if decision.kpi_id == found.kpi_id else None,
                        note=_note(corrected, decision))
        log.append({**asdict(decision), "doc_id": doc.doc_id if doc else None, "state": state, "state_reason": why})
    return result, log


def _note(what: str, decision: Decision, before: str | None = None) -> str:
    parts = [before, what + (f"：{decision.reason}" if decision.reason else ""), decision.decided_at]
    return " · ".join(p for p in parts if p)


def from_review(sha256: str, found: list[Observation], reviewed: list[dict], entered: list[dict],
                line_count: int, known_kpis: set[str]) -> list[Decision]:
    """A person's review as decisions. reviewed: one dict per figure found (same
    order), with decision (keep / accept / correct / reject) and kpi_id, value, year,
    period, reason as the person left them: a changed KPI, value, year or period is
    a correction. entered: figures the rules missed (kpi_id, line, value, year,
    period, reason); rows without a KPI, line or value are ignored. Raises
    DecisionError for a line outside the document or an unknown KPI."""
    decided: list[Decision] = []
    stamp = now()
    for observation, row in zip(found, reviewed, strict=True):
        choice = row.get("decision") or "keep"
        kpi_id = row.get("kpi_id") or observation.kpi_id
        value = observation.value if row.get("value") is None else float(row["value"])
        year = int(row["year"]) if row.get("year") is not None else observation.year
        period = row.get("period") or None
        changed = (kpi_id, value, year, period) != (observation.kpi_id, observation.value, observation.year, observation.period)
        if choice == "reject":
            kind = "reject"
        elif changed:
            kind = "correct"
        elif choice in ("accept", "correct"):
            kind = "accept"
        else:
            continue
        if kpi_id not in known_kpis:
            raise DecisionError(f"指标「{kpi_id}」不在指标目录中 (KPI {kpi_id!r} is not in the catalog)")
        decided.append(Decision(
            sha256=sha256, decision=kind, kpi_id=kpi_id if kind == "correct" else observation.kpi_id,
            year=year, value=value if kind == "correct" else observation.value, unit=observation.unit,
            period=period if kind == "correct" else observation.period, line=observation.line,
            found_kpi_id=observation.kpi_id, found_value=observation.value, reason=(row.get("reason") or "").strip(),
            decided_at=stamp))
    for row in entered:
        if not row.get("kpi_id") or row.get("line") is None or row.get("value") is None:
            continue
        line = int(row["line"])
        if not 1 <= line <= line_count:
            raise DecisionError(f"第 {line} 行不在文件中（共 {line_count} 行） (line {line} is not in the document: "
                                f"{line_count} lines)")
        if row["kpi_id"] not in known_kpis:
            raise DecisionError(f"指标「{row['kpi_id']}」不在指标目录中 (KPI {row['kpi_id']!r} is not in the catalog)")
        decided.append(Decision(
            sha256=sha256, decision="add", kpi_id=row["kpi_id"], year=int(row["year"]) if row.get("year") else None,
            value=float(row["value"]), unit="", period=row.get("period") or None, line=line, found_kpi_id=None,
            found_value=None, reason=(row.get("reason") or "").strip(), decided_at=stamp))
    return decided
