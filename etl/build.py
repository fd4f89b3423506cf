"""Build the DuckDB warehouse from data/raw, atomically.

The new warehouse is written to a temporary file beside the old one and renamed
into place only when every step has succeeded, so a failed build leaves the
previous warehouse untouched and readers never see a half-built file.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from etl import decisions as review
from etl import ocr
from etl.catalog import CATALOG as CATALOG  # build, etl.__main__ and tests take them from here
from etl.catalog import catalog_units as catalog_units
from etl.documents import Document, load_manifest
from etl.extract import Observation
from etl.fanout import EXTRACTORS as EXTRACTORS  # kind -> extractor; add.py and tests take it from here
from etl.fanout import Read, read_and_extract_all
from etl.table_schemas import TABLE_SCHEMAS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"
MANIFEST = DATA / "manifest.csv"
QUERIES = ROOT / "queries"
DEFAULT_DB = DATA / "warehouse.duckdb"

# Rates a document states and the figures it states them from: the build
# recomputes each so that a disagreement shows up in kpi_conflicts.
RECOMPUTED_RATES = (
    ("budget_execution_rate", "budget_executed", "budget_total"),
    ("basic_execution_rate", "basic_expenditure", "basic_budget"),
    ("project_execution_rate", "project_expenditure", "project_budget"),
)

OBSERVATION_SCHEMA = {
    "doc_id": pl.Utf8, "district": pl.Utf8, "year": pl.Int32, "kpi_id": pl.Utf8, "value": pl.Float64,
    "unit": pl.Utf8, "precision": pl.Int32, "kind": pl.Utf8, "period": pl.Utf8, "qualifier": pl.Utf8,
    "line": pl.Int32, "quote": pl.Utf8, "note": pl.Utf8, "review": pl.Utf8, "definition": pl.Utf8,
    "role": pl.Utf8, "why": pl.Utf8,  # what the reading decided the figure is, and the words that decided (etl.reading)
}



class BuildError(Exception):
    """The build stopped; the previous warehouse is untouched."""


@dataclass
class BuildSummary:
    db_path: Path
    documents: int
    observations: int
    kpi_values: int
    conflicts: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    decisions_applied: int = 0
    decisions_stale: int = 0

    def text(self) -> str:
        lines = [
            f"仓库 warehouse: {self.db_path}",
            f"文档 documents: {self.documents} · 观测 observations: {self.observations} · "
            f"指标值 KPI values: {self.kpi_values} · 冲突 conflicts: {self.conflicts} · {self.seconds:.2f} s",
        ]
        if self.decisions_applied or self.decisions_stale:
            lines.append(f"人工决定 decisions: {self.decisions_applied} 已应用 applied · {self.decisions_stale} 已失效 stale "
                         "(见“来源与质量”页 / see the Sources page)")
        lines += [f"警告 warning: {w}" for w in self.warnings]
        lines += [f"已跳过 skipped: {s}" for s in self.skipped]
        return "\n".join(lines)


def raw_files(raw_dir: Path) -> list[Path]:
    """Every report file in data/raw (hidden files such as .gitkeep are not reports)."""
    return sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))


def read_all(raw_dir: Path, manifest_path: Path, skip_bad: bool, workers: int = 1, engine: str = "local",
             scheduler: str | None = None) -> tuple[list[Read], list[str]]:
    """Validate and extract every file, with `workers` processes or on Dask (see
    etl.fanout), in file order; raise on the first bad file unless skip_bad."""
    manifest = load_manifest(manifest_path)
    reads, skipped = [], []
    files = raw_files(raw_dir)
    if not files:
        raise BuildError(f"{raw_dir} 中没有报告文件 (no report files in {raw_dir})")
    # closing: a bad file stops the build at once, and its pool or cluster with it.
    with closing(read_and_extract_all(files, manifest, workers, engine, scheduler)) as results:
        for number, read in enumerate(results, start=1):
            if len(files) > 20 and (number % 25 == 0 or number == len(files)):
                print(f"  读取 reading {number}/{len(files)}: {read.path.name}", file=sys.stderr)
            if read.error is None:
                reads.append(read)
                continue
            error = read.document_error()
            if not skip_bad:
                raise BuildError(f"{error}\n构建已停止，原仓库未改动 (build stopped; the previous warehouse is untouched)") from error
            skipped.append(str(error))
    seen: dict[str, str] = {}
    for doc in (read.document for read in reads):
        if doc.sha256 in seen:
            raise BuildError(f"{doc.path.name} 与 {seen[doc.sha256]} 内容相同 (duplicate of {seen[doc.sha256]})")
        seen[doc.sha256] = doc.path.name
    return reads, skipped


def recompute_rates(observations: list[Observation]) -> list[Observation]:
    """Each stated rate's own arithmetic, as a 'derived' observation (only where the
    document states the rate: a rate it does not state is not made up): numerator and
    denominator are figures of the same document, so of one bureau (two bureaus of one
    district-year never make a rate together)."""
    first: dict[tuple[str, int, str], Observation] = {}
    for obs in observations:
        if obs.kind == "actual" and not obs.period:
            first.setdefault((obs.doc_id, obs.year, obs.kpi_id), obs)
    derived = []
    for rate, numerator_id, denominator_id in RECOMPUTED_RATES:
        for (doc_id, year, kpi_id), numerator in first.items():
            denominator = first.get((doc_id, year, denominator_id))
            if kpi_id != numerator_id or not denominator or not denominator.value:
                continue
            if (doc_id, year, rate) not in first:  # no rate stated: nothing to check, and none to invent
                continue
            value = round(numerator.value / denominator.value * 100, 4)
            note = (f"复算 recomputed: {numerator.value:,.2f} ÷ {denominator.value:,.2f} × 100 = {value:.2f}"
                    f"（第 {numerator.line} 行 ÷ 第 {denominator.line} 行 / line {numerator.line} ÷ line {denominator.line}）")
            if ocr.is_marked(numerator) or ocr.is_marked(denominator):  # a scan's figure no person has accepted yet
                note = ocr.marked_note(note)
            derived.append(Observation(
                doc_id=doc_id, district=numerator.district, year=year, kpi_id=rate, value=value, unit="%",
                precision=-4, kind="derived", period=None, qualifier=None, line=numerator.line,
                quote=numerator.quote, note=note,
            ))
    return derived


def extract_all(reads: list[Read], decisions: list[review.Decision] | None = None,
                units: dict[str, str] | None = None) -> tuple[list[Observation], dict[str, list[dict]]]:
    """Every document's observations in file order, with a person's decisions applied
    (their log in tables['review_decisions']), plus recomputed rates, and table rows."""
    observations: list[Observation] = []
    tables: dict[str, list[dict]] = {}
    for extraction in (read.extraction for read in reads):
        observations += extraction.observations
        for name, rows in extraction.tables.items():
            tables.setdefault(name, []).extend(rows)
    documents = [read.document for read in reads]
    observations, tables["review_decisions"] = review.apply_decisions(documents, observations, decisions or [], units or {})
    return observations + recompute_rates(observations), tables


def store_query_results(con: duckdb.DuckDBPyConnection, queries: Path) -> list[str]:
    """Create the macros of queries/macros/*.sql, then a relation per queries/*.sql,
    named after the file; queries that read other queries' results are retried until
    their inputs exist.

    Each is stored as a table holding the query's result (rows in the query's
    order), computed once here: the warehouse is read-only once built and a new
    report means a new build, so a stored result is never stale, and the dashboard
    reads it instead of recomputing window functions and self-joins on every query
    (at a million observations, kpi_benchmark took 15 s as a view; see
    bench/RESULTS.md). Names and columns are the queries' own.
    """
    for macro in sorted((queries / "macros").glob("*.sql")):  # rules the queries share (macros/ranked.sql)
        con.execute(macro.read_text(encoding="utf-8"))
    pending = {path.stem: path.read_text(encoding="utf-8") for path in sorted(queries.glob("*.sql"))}
    created: list[str] = []
    while pending:
        errors = {}
        progress = False
        for name, sql in list(pending.items()):
            try:
                con.execute(f"create table {name} as\n{sql}")
            except duckdb.CatalogException as error:
                errors[name] = error
                continue
            created.append(name)
            del pending[name]
            progress = True
        if not progress:
            raise BuildError("; ".join(f"queries/{name}.sql: {error}" for name, error in errors.items()))
    return created


def write_extracted_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict]]) -> None:
    """Every declared table with its declared columns, empty when no document
    yields rows; an undeclared table takes the types of its rows."""
    for name in sorted(set(TABLE_SCHEMAS) | set(tables)):
        rows = tables.get(name, [])
        schema = TABLE_SCHEMAS.get(name)
        if schema is None:
            if rows:
                con.register("frame", pl.DataFrame(rows, infer_schema_length=None))
                con.execute(f"create table {name} as select * from frame")
                con.unregister("frame")
            continue
        columns = ", ".join(f'"{column}" {kind}' for column, kind in schema.items())
        con.execute(f"create table {name} ({columns})")
        if rows:
            frame = pl.DataFrame(rows, infer_schema_length=None)
            missing = set(schema) - set(frame.columns)
            if missing:
                raise BuildError(f"table {name}: rows lack {', '.join(sorted(missing))}")
            con.register("frame", frame)
            selected = ", ".join(f'cast("{column}" as {kind})' for column, kind in schema.items())
            con.execute(f"insert into {name} select {selected} from frame")
            con.unregister("frame")


def code_fingerprint(queries: Path = QUERIES, catalog_path: Path = CATALOG) -> str:
    """What a warehouse's shape depends on besides the reports: the extractors
    (etl/*.py), the stored queries (queries/*.sql) and the KPI catalog. A warehouse
    built with another fingerprint is out of date after an upgrade (the dashboard
    rebuilds it: see dashboard.data.ensure_warehouse)."""
    digest = hashlib.sha256()
    files = (sorted(Path(__file__).parent.glob("*.py")) + sorted(Path(queries).glob("*.sql"))
             + sorted(Path(queries).glob("macros/*.sql")) + [Path(catalog_path)])
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def warehouse_fingerprint(db_path: Path) -> str | None:
    """The code_fingerprint a warehouse file was built with (None: built before
    fingerprints were kept)."""
    con = duckdb.connect(":memory:")
    try:
        quoted = str(db_path).replace("'", "''")
        con.execute(f"attach '{quoted}' as warehouse (read_only)")
        found = con.execute("select count(*) from information_schema.tables "
                            "where table_catalog = 'warehouse' and table_name = 'build_info'").fetchone()[0]
        if not found:
            return None
        return con.execute("select code_fingerprint from warehouse.build_info").fetchone()[0]
    finally:
        con.close()


def write_warehouse(path: Path, documents: list[Document], observations: list[Observation],
                    tables: dict[str, list[dict]], catalog_path: Path, queries: Path) -> tuple[int, int]:
    """Write every table and view into a new DuckDB file at `path`."""
    catalog = pl.read_csv(catalog_path, schema_overrides={"higher_is_better": pl.Boolean, "material_difference": pl.Float64})
    unknown = sorted({o.kpi_id for o in observations} - set(catalog["kpi_id"]))
    if unknown:
        raise BuildError(f"{catalog_path.name} 未定义这些指标 (KPIs not in the catalog): {', '.join(unknown)}")
    # the columns even when no report could be read (every file skipped as bad, tests/test_mutations.py)
    docs = pl.DataFrame([{
        "doc_id": d.doc_id, "file": d.path.name, "district": d.district, "district_full": d.district_full,
        "year": d.year, "kind": d.kind, "title": d.title, "sha256": d.sha256, "line_count": len(d.lines),
        "bureau": d.bureau, "bureau_kind": d.bureau_kind, "source": d.source or d.path.name, "source_url": d.source_url,
        "fetched_at": d.fetched_at, "published": d.published, "ocr_lines": len(d.ocr_lines),
        "added_by": d.added_by, "added_at": d.added_at,
    } for d in documents], schema={"doc_id": pl.Utf8, "file": pl.Utf8, "district": pl.Utf8, "district_full": pl.Utf8,
                                   "year": pl.Int32, "kind": pl.Utf8, "title": pl.Utf8, "sha256": pl.Utf8,
                                   "line_count": pl.Int64, "bureau": pl.Utf8, "bureau_kind": pl.Utf8, "source": pl.Utf8,
                                   "source_url": pl.Utf8, "fetched_at": pl.Utf8, "published": pl.Utf8,
                                   "ocr_lines": pl.Int64, "added_by": pl.Utf8, "added_at": pl.Utf8})
    lines = pl.DataFrame({
        "doc_id": [d.doc_id for d in documents for _ in d.lines],
        "line": [n for d in documents for n in range(1, len(d.lines) + 1)],
        "text": [text for d in documents for text in d.lines],
    }, schema={"doc_id": pl.Utf8, "line": pl.Int32, "text": pl.Utf8})
    obs = pl.DataFrame([asdict(o) for o in observations], schema=OBSERVATION_SCHEMA)
    # each figure carries its document's bureau (its issuing body: "" where the document does
    # not name it) and kind of bureau, so that the stored queries keep two bureaus of one
    # district-year apart and rank like with like
    obs = obs.with_columns(
        pl.col("doc_id").replace_strict({d.doc_id: d.bureau for d in documents}, default="", return_dtype=pl.Utf8)
        .alias("bureau"),
        pl.col("doc_id").replace_strict({d.doc_id: d.bureau_kind for d in documents}, default=None, return_dtype=pl.Utf8)
        .alias("bureau_kind"))
    obs = obs.with_row_index("observation_id", offset=1).with_columns(pl.col("observation_id").cast(pl.Int32))
    con = duckdb.connect(str(path))
    try:
        for name, frame in (("documents", docs), ("document_lines", lines), ("kpi_catalog", catalog),
                            ("kpi_observations", obs)):
            con.register("frame", frame)
            con.execute(f"create table {name} as select * from frame")
            con.unregister("frame")
        write_extracted_tables(con, tables)
        store_query_results(con, queries)
        con.execute("create table build_info as select ? as code_fingerprint, current_timestamp as built_at",
                    [code_fingerprint(queries, catalog_path)])
        kpi_values = con.execute("select count(*) from kpi_values").fetchone()[0]
        conflicts = con.execute("select count(*) from (select distinct district, year, kpi_id from kpi_conflicts)").fetchone()[0]
        con.execute("checkpoint")
    finally:
        con.close()
    return kpi_values, conflicts


def build(db_path: Path = DEFAULT_DB, raw_dir: Path = RAW, manifest_path: Path = MANIFEST,
          catalog_path: Path = CATALOG, queries: Path = QUERIES, skip_bad: bool = False,
          decisions_path: Path = review.DECISIONS, workers: int = 1, engine: str = "local",
          scheduler: str | None = None) -> BuildSummary:
    """Build the warehouse at db_path from raw_dir, applying the decisions in
    decisions_path; on any error the file at db_path is left exactly as it was.

    Files are read and extracted by `workers` processes (engine "local"), or on Dask
    (engine "dask": the scheduler at `scheduler`, else a local cluster of `workers`
    processes); the warehouse is the same whatever the number. One worker by default:
    the dashboard and `etl add` rebuild from inside a serving process, a handful of
    reports, where a pool would only add its start-up.
    """
    started = time.perf_counter()
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    reads, skipped = read_all(Path(raw_dir), Path(manifest_path), skip_bad, workers, engine, scheduler)
    documents = [read.document for read in reads]
    units = catalog_units(Path(catalog_path))
    try:
        decisions = review.load(Path(decisions_path), set(units))
    except review.DecisionError as error:
        raise BuildError(f"{error}\n构建已停止，原仓库未改动 (build stopped; the previous warehouse is untouched)") from error
    observations, tables = extract_all(reads, decisions, units)
    read_rows = {row["doc_id"] for row in tables.get("performance_indicators", [])}
    unread = [f"{read.path.name}: 报告有绩效指标表，但一行也没有读出，请核对 (the report has an indicator table, but no row "
              "of it was read: check it)" for read in reads
              if read.has_indicator_table and read.document.doc_id not in read_rows]
    temporary = db_path.with_name(f".{db_path.name}.building-{os.getpid()}")
    try:
        kpi_values, conflicts = write_warehouse(temporary, documents, observations, tables, Path(catalog_path),
                                                 Path(queries))
        os.replace(temporary, db_path)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return BuildSummary(
        db_path=db_path, documents=len(documents), observations=len(observations), kpi_values=kpi_values,
        conflicts=conflicts, seconds=time.perf_counter() - started,
        warnings=[w for d in documents for w in d.warnings] + unread, skipped=skipped,
        decisions_applied=sum(1 for row in tables["review_decisions"] if row["state"] == "applied"),
        decisions_stale=sum(1 for row in tables["review_decisions"] if row["state"] == "stale"),
    )
