"""The warehouse as open data, read-only: a Frictionless Data Package (one UTF-8 CSV per
table and a datapackage.json that describes each in Chinese and English, with its keys,
the documents it comes from and the budget lines as a Fiscal Data Package resource for
OpenSpending), or every table as Parquet, Hive-partitioned by district and year.

The descriptions of the columns are data (queries/export/fields.csv), the KPIs' names come
from the warehouse's own kpi_catalog, and the fiscal resource is a query
(queries/export/budget_lines_fiscal.sql); this module only writes them out.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.build import QUERIES

EXPORT_QUERIES = QUERIES / "export"
FIELDS = EXPORT_QUERIES / "fields.csv"
DATA_FOLDER = "data"

# ColumnTypes of OpenSpending's taxonomy (os-types) for the fiscal resource's fields;
# a field without one is not part of the fiscal model (the spec: unmapped columns are ignored).
FISCAL_COLUMN_TYPES = {
    "amount": "value",
    "fiscal_year": "date:fiscal-year",
    "phase": "phase",
    "direction": "direction",
    "district": "administrative-classification:generic:level1:code:full",
    "bureau": "administrative-classification:generic:level2:code:full",
    "admin_unit": "administrative-classification:generic:level2:label",
    "functional_code": "functional-classification:generic:code:full",
    "functional_name": "functional-classification:generic:label",
    "economic_code": "economic-classification:generic:code:full",
    "economic_name": "economic-classification:generic:label",
}
FISCAL_RESOURCE = "budget_lines_fiscal"
CURRENCY = "CNY"
FACTOR = 10000  # budget_lines keep 万元 (etl.text.money_in_wan): 1 万元 = 10,000 CNY

# Where a Parquet partition goes: district=番禺/year=2021, readable; a NULL, or a name a
# path cannot hold as it is, in DuckDB's Hive form (__HIVE_DEFAULT_PARTITION__, %2F),
# which every Hive reader decodes back.
PARTITION_PATH = (
    "case when district is null or regexp_matches(district, '[/\\\\%=]') "
    "then hive_partition_component('district', district) else 'district=' || district end "
    "|| '/' || hive_partition_component('year', year)"
)

# DuckDB's types as Table Schema types.
_TYPES = {
    "VARCHAR": "string", "BOOLEAN": "boolean", "DATE": "date", "DOUBLE": "number", "FLOAT": "number",
    "TINYINT": "integer", "SMALLINT": "integer", "INTEGER": "integer", "BIGINT": "integer", "HUGEINT": "integer",
    "TIMESTAMP": "datetime", "TIMESTAMP WITH TIME ZONE": "datetime",
}


class ExportError(Exception):
    """The export stopped; the message says why (in Chinese, then English)."""


ForeignKey = tuple[tuple[str, ...], str, tuple[str, ...]]  # (fields, resource, fields there)
TO_DOCUMENT: ForeignKey = (("doc_id",), "documents", ("doc_id",))
TO_LINE: ForeignKey = (("doc_id", "line"), "document_lines", ("doc_id", "line"))
TO_KPI: ForeignKey = (("kpi_id",), "kpi_catalog", ("kpi_id",))


@dataclass(frozen=True)
class Table:
    """One resource of the package: a warehouse table (or a query of queries/export/),
    what it is in both languages, its primary key and what its keys point to."""

    name: str
    title: tuple[str, str]
    description: tuple[str, str]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    query: str | None = None  # a file of queries/export/; else the warehouse table `name`


PACKAGE_TABLES: tuple[Table, ...] = (
    Table("documents", ("报告", "Reports"),
          ("每份报告一行：区、年度、类型、标题、发布单位、发布机关及其类型和文本的 SHA-256。",
           "One row per report: district, year, kind, title, issuing body, bureau and its kind, and the SHA-256 of its text."),
          ("doc_id",)),
    Table("document_lines", ("报告原文", "Report text"),
          ("每份报告的每一行原文；其他表的 doc_id 和 line 指向这里。",
           "Every line of every report; the doc_id and line of the other tables point here."),
          ("doc_id", "line"), (TO_DOCUMENT,)),
    Table("kpi_catalog", ("指标目录", "KPI catalog"),
          ("每个指标的中英文名称、单位、方向、定义和注意事项。",
           "Each KPI's name in Chinese and English, unit, direction, definition and caveats."),
          ("kpi_id",)),
    Table("kpi_observations", ("找到的全部数字", "Every figure found"),
          ("报告中找到的每一个指标数字，含文档、行号和原文；同一数字出现几次就有几行。",
           "Every KPI figure found in the reports, with document, line and quote; a figure stated twice has two rows."),
          ("observation_id",), (TO_DOCUMENT, TO_KPI, TO_LINE)),
    Table("kpi_values", ("指标值", "KPI values"),
          ("每个区、机关、年度、指标一个值，按书面规则从同一机关找到的数字中选出，注明状态、可比性和出处。"
           "报告未提供的指标没有行（不是 0）。",
           "One value per district, bureau, year and KPI, chosen by a written rule from that bureau's figures found, with "
           "its status, comparability and source. A KPI a report does not give has no row (not 0)."),
          ("district", "bureau", "year", "kpi_id"), (TO_DOCUMENT, TO_KPI, TO_LINE)),
    Table("kpi_conflicts", ("文件内自相矛盾的数字", "Figures a document contradicts itself on"),
          ("同一机关的报告对同一指标、年度和期间给出不一致数字时，每个相关数字一行。",
           "Where one bureau's reports give one KPI, year and period figures that disagree, one row per figure involved."),
          ("observation_id",),
          (TO_DOCUMENT, TO_KPI, TO_LINE, (("observation_id",), "kpi_observations", ("observation_id",)))),
    Table("budget_lines", ("预算和决算表", "Budget and final-accounts tables"),
          ("部门决算和部门预算各表中的每个数字：表名、科目编码和名称、栏目、金额（万元）和行号。各表之间、各级科目之间互有包含，"
           "只能在同一表、同一栏目、同一级次内相加。",
           "Every figure of the 部门决算 and 部门预算 tables: table, code and item, column, amount (万元) and line. Tables "
           "and levels overlap: add up only within one table, column and level."),
          ("doc_id", "table_name", "line", "column_name", "name"), (TO_DOCUMENT, TO_LINE)),
    Table(FISCAL_RESOURCE, ("预算和决算表（财政数据包）", "Budget and final-accounts tables (Fiscal Data Package)"),
          ("与 budget_lines 相同的数字，按财政数据包（OpenSpending）的概念排列：金额（万元，factor 10000，CNY）、财政年度、"
           "阶段（budget 预算 / final 决算）、收支方向、行政分类（区 / 发布机关 / 预算单位）、功能分类和经济分类。"
           "各表之间互有包含：按 table_name、column_name 和 level 筛选后再相加。",
           "The figures of budget_lines in the concepts of a Fiscal Data Package (OpenSpending): amount (万元, factor "
           "10000, CNY), fiscal year, phase (budget / final), direction, administrative classification (district / "
           "bureau / budget unit), functional and economic classification. Tables overlap: filter by table_name, "
           "column_name and level before adding up."),
          ("doc_id", "table_name", "line", "column_name", "name"), (TO_DOCUMENT, TO_LINE),
          query="budget_lines_fiscal.sql"),
    Table("projects", ("项目支出", "Projects"),
          ("项目支出绩效目标表中的每个项目：资金使用单位、项目名称、金额（万元）和绩效目标。",
           "Every project of the 项目支出绩效目标表: spending unit, name, amounts (万元) and goal."),
          ("doc_id", "line"), (TO_DOCUMENT, TO_LINE)),
    Table("project_indicators", ("项目绩效指标", "Project indicators"),
          ("每个项目的绩效指标：一级、二级、三级指标，实施周期和年度指标值。",
           "Each project's performance indicators: levels 1 to 3, the target for the period and for the year."),
          ("doc_id", "line"), (TO_DOCUMENT, TO_LINE, (("doc_id", "project_name"), "projects", ("doc_id", "project_name")))),
    Table("performance_indicators", ("绩效指标完成情况", "Performance indicator results"),
          ("自评报告中每个绩效指标的年度指标值和实际完成值，以及是否完成。",
           "Each performance indicator of a self-evaluation: its annual target, its result and whether it was met."),
          ("doc_id", "line", "indicator"), (TO_DOCUMENT, TO_LINE)),
    Table("stated_parts", ("总数及其分项", "Totals and their parts"),
          ("自评报告把一个总数分成几项时（其中……），总数和每个分项，用于核对分项之和。",
           "Where a self-evaluation breaks a total into parts (其中 …), the total and each part, to check that they add up."),
          ("doc_id", "total_line", "subject", "part_number"),
          (TO_DOCUMENT, (("doc_id", "total_line"), "document_lines", ("doc_id", "line")),
           (("doc_id", "part_line"), "document_lines", ("doc_id", "line")))),
    Table("quality_checks", ("数据核对", "Quality checks"),
          ("每项完整性核对一行：应有值、实得值、差额、容差和是否通过。",
           "One row per integrity check: expected, actual, difference, tolerance and whether it passed."),
          ("doc_id", "check_id"), (TO_DOCUMENT,)),
    Table("review_decisions", ("人工核对记录", "Review decisions"),
          ("一个人对某个数字的每项决定（接受、更正、否决、补录），以及是否已应用。",
           "Every decision a person made about a figure (accept, correct, reject, add), and whether it applies."),
          (), (TO_KPI,)),
)


@contextmanager
def read_only(db_path: Path):
    """A connection to the warehouse at db_path that can only read it (the dashboard's
    own connection is read-only too): attached to an in-memory database, so a
    warehouse file that is read-only on disk, or open elsewhere, can be exported."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise ExportError(f"找不到仓库 {db_path}，请先运行 python -m etl build (no warehouse at {db_path}: "
                          "run python -m etl build first)")
    con = duckdb.connect(":memory:")
    try:
        try:
            con.execute(f"attach {_quoted_path(db_path)} as warehouse (read_only)")
        except duckdb.Error as error:
            raise ExportError(f"{db_path} 不是可读的 DuckDB 仓库 (not a DuckDB warehouse that can be read): {error}") from error
        con.execute("use warehouse")
        yield con
    finally:
        con.close()


def _quoted_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def warehouse_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table of the warehouse, by name."""
    return [name for (name,) in con.execute(
        "select table_name from information_schema.tables where table_catalog = 'warehouse' order by table_name"
    ).fetchall()]


# ---------------------------------------------------------------- Parquet

def export_parquet(db_path: Path, out: Path) -> dict[str, int]:
    """Every warehouse table as out/<table>/: Hive-partitioned by district and year
    (out/kpi_observations/district=番禺/year=2021/data_0.parquet) where the table has both
    columns and rows, else one file out/<table>/<table>.parquet. A table's folder from an
    earlier export is replaced. Returns the rows written per table."""
    out = Path(out)
    written = {}
    with read_only(db_path) as con:
        for table in warehouse_tables(con):
            columns = {row[0] for row in con.execute(f'describe "{table}"').fetchall()}
            rows = con.execute(f'select count(*) from "{table}"').fetchone()[0]
            folder = out / table
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            if {"district", "year"} <= columns and rows:
                con.execute(f'copy "{table}" to {_quoted_path(folder)} '
                            f"(format parquet, partition_by (district, year), partition_path {PARTITION_PATH})")
            else:
                con.execute(f'copy "{table}" to {_quoted_path(folder / f"{table}.parquet")} (format parquet)')
            written[table] = rows
    return written


# ---------------------------------------------------------------- Data Package

def field_descriptions(path: Path = FIELDS) -> dict[tuple[str, str], dict[str, str]]:
    """queries/export/fields.csv by (table, column); table '' describes the column in
    every table that has no row of its own for it."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return {(row["table"], row["column"]): row for row in csv.DictReader(handle)}


def _bilingual(zh: str, en: str, separator: str = " / ") -> str:
    """Chinese first, English second: the package's one language convention."""
    return f"{zh}{separator}{en}" if zh != en else zh


def _field(table: str, column: str, duck_type: str, described: dict, kpi_categories: list[dict]) -> dict:
    """One Table Schema field: its type, bilingual title and description, unit, and for a
    KPI id the catalog's names; for the fiscal resource its OpenSpending ColumnType."""
    kind = _TYPES.get(duck_type)
    if kind is None:
        raise ExportError(f"{table}.{column}: 类型 {duck_type} 无法写成 CSV (type {duck_type} has no CSV form)")
    row = described.get((table, column)) or described.get(("", column))
    if row is None:
        raise ExportError(f"{table}.{column}: {FIELDS.name} 中没有说明 (no description in {FIELDS.name})")
    field = {
        "name": column, "type": kind,
        "title": _bilingual(row["title_zh"], row["title_en"]),
        "description": _bilingual(row["description_zh"], row["description_en"], "\n"),
    }
    if row["unit"]:
        field["unit"] = row["unit"]
    if column in ("kpi_id", "found_kpi_id"):
        field["categories"] = kpi_categories
    if table == FISCAL_RESOURCE and column in FISCAL_COLUMN_TYPES:
        field["columnType"] = FISCAL_COLUMN_TYPES[column]
        if column == "amount":
            field |= {"currency": CURRENCY, "factor": FACTOR}
    return field


def _fiscal_model() -> dict:
    """The Fiscal Data Package 0.3 model of the fiscal resource (the form OpenSpending's
    loader reads): the amount as the measure, every ColumnType above as a dimension."""
    def attributes(*names: str, labels: dict[str, str] | None = None) -> dict:
        found = {name: {"source": name, "resource": FISCAL_RESOURCE} for name in names}
        for label, of in (labels or {}).items():
            found[label] = {"source": label, "resource": FISCAL_RESOURCE, "labelfor": of}
        return found

    return {
        "measures": {"amount": {"source": "amount", "resource": FISCAL_RESOURCE, "currency": CURRENCY, "factor": FACTOR}},
        "dimensions": {
            "date": {"dimensionType": "datetime", "primaryKey": ["fiscal_year"], "attributes": attributes("fiscal_year")},
            "administrative-classification": {
                "dimensionType": "classification", "classificationType": "administrative",
                "primaryKey": ["district", "bureau"],
                "attributes": attributes("district", "bureau", labels={"admin_unit": "bureau"})},
            "functional-classification": {
                "dimensionType": "classification", "classificationType": "functional", "primaryKey": ["functional_code"],
                "attributes": attributes("functional_code", labels={"functional_name": "functional_code"})},
            "economic-classification": {
                "dimensionType": "classification", "classificationType": "economic", "primaryKey": ["economic_code"],
                "attributes": attributes("economic_code", labels={"economic_name": "economic_code"})},
            "phase": {"dimensionType": "other", "primaryKey": ["phase"], "attributes": attributes("phase")},
            "direction": {"dimensionType": "other", "primaryKey": ["direction"], "attributes": attributes("direction")},
            "budget-table": {"dimensionType": "other", "primaryKey": ["table_name", "column_name"],
                             "attributes": attributes("table_name", "column_name")},
        },
    }


def _query(table: Table) -> str:
    if table.query is None:
        return f'select * from "{table.name}"'
    return (EXPORT_QUERIES / table.query).read_text(encoding="utf-8").strip().rstrip(";")


def export_datapackage(db_path: Path, out: Path) -> Path:
    """out/datapackage.json and out/data/<table>.csv (UTF-8, a header row, rows in
    primary-key order) for every table of PACKAGE_TABLES. Returns the descriptor's path."""
    out = Path(out)
    (out / DATA_FOLDER).mkdir(parents=True, exist_ok=True)
    described = field_descriptions()
    with read_only(db_path) as con:
        missing = [t.name for t in PACKAGE_TABLES if t.query is None and t.name not in warehouse_tables(con)]
        if missing:
            raise ExportError(f"仓库缺少这些表 (the warehouse lacks): {', '.join(missing)}；请重新构建 (rebuild it)")
        kpis = [{"value": kpi_id, "label": f"{name_zh} / {name_en}（{unit}）"} for kpi_id, name_zh, name_en, unit in
                con.execute("select kpi_id, name_zh, name_en, unit from kpi_catalog order by kpi_id").fetchall()]
        resources = []
        for table in PACKAGE_TABLES:
            query = _query(table)
            relation = con.sql(query)
            path = f"{DATA_FOLDER}/{table.name}.csv"
            order = ", ".join(f'"{c}"' for c in table.primary_key) or "all"
            con.execute(f"copy ({query} order by {order}) to {_quoted_path(out / path)} (format csv, header true)")
            schema: dict = {"fields": [_field(table.name, column, str(kind), described, kpis)
                                       for column, kind in zip(relation.columns, relation.types, strict=True)]}
            if table.primary_key:
                schema["primaryKey"] = list(table.primary_key)
            if table.foreign_keys:
                schema["foreignKeys"] = [{"fields": list(fields), "reference": {"resource": resource, "fields": list(there)}}
                                         for fields, resource, there in table.foreign_keys]
            resources.append({
                "name": table.name, "path": path, "profile": "tabular-data-resource", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8",
                "title": _bilingual(*table.title), "description": _bilingual(*table.description, "\n"),
                "schema": schema,
            })
        sources = [{key: value for key, value in zip(
            ("title", "doc_id", "district", "district_full", "year", "kind", "bureau", "file", "sha256", "path", "fetched_at",
             "published"), row, strict=True) if value != ""} for row in con.execute(
            "select title, doc_id, district, district_full, year, kind, bureau, file, sha256, source_url, fetched_at, published "
            "from documents order by doc_id").fetchall()]  # path: the address it was fetched from (Frictionless' own key)
        built = con.execute("select strftime(built_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') from build_info").fetchone()
    descriptor = {
        "profile": "tabular-data-package",
        "name": "zhengshu-benchmark-open-data",
        "title": "政数对标：广州各区政务服务数据管理局报告中的数字及其出处 / District bureau benchmarks: the figures of "
                 "Guangzhou's district Government Service and Data Management Bureaus' reports, with their sources",
        "description": "从各区政数局公开的绩效自评报告、部门决算、部门预算和项目支出绩效目标表中读出的每个数字，注明来源文件、行号和原文；"
                       "金额单位为万元。\nEvery figure read from the bureaus' published self-evaluation reports, final accounts, "
                       "budgets and project target tables, each with its document, line and verbatim quote; amounts in "
                       "万元 (10,000 CNY).",
        "keywords": ["政务服务数据管理局", "绩效自评", "部门决算", "部门预算", "广州", "Guangzhou", "government services",
                     "budget", "fiscal data"],
        "countryCode": "CN",
        "granularity": "aggregated",
        "sources": sources,
        "resources": resources,
        "model": _fiscal_model(),
    }
    if built:
        descriptor["created"] = built[0]
    path = out / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def datapackage_zip(db_path: Path) -> bytes:
    """The data package of the warehouse at db_path as one zip (datapackage.json at its
    root, the CSVs under data/); the same warehouse gives the same bytes."""
    with tempfile.TemporaryDirectory(prefix="zhengshu-open-data-") as folder:
        export_datapackage(db_path, Path(folder))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(Path(folder).rglob("*")):
                if file.is_file():
                    info = zipfile.ZipInfo(file.relative_to(folder).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, file.read_bytes())
        return buffer.getvalue()
