"""The warehouse as open data (etl/open_data.py): the Frictionless Data Package of the real
warehouse validates with no error and holds the warehouse's own figures, lines and quotes;
the Parquet export reads back row for row, partitioned by district and year."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import duckdb
import frictionless
import pytest

from etl.__main__ import main
from etl.build import CATALOG, RAW
from etl.open_data import datapackage_zip, export_datapackage, export_parquet

PANYU_2021 = "000_da80220e1c6b1be9"  # 区政数局2021年部门整体支出绩效自评报告 (番禺)
PANYU_2019_FINAL = "003_202dbe6575e56d7f"  # 2019年广州市番禺区政务服务数据管理局部门决算


@pytest.fixture(scope="module")
def package(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """datapackage.json of the session's warehouse (the five real reports)."""
    return export_datapackage(warehouse, tmp_path_factory.mktemp("datapackage"))


def csv_rows(package: Path, resource: str) -> list[dict[str, str]]:
    with (package.parent / "data" / f"{resource}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_package_of_the_real_warehouse_validates_with_no_error(package):
    report = frictionless.validate(package)
    assert report.flatten(["title", "type", "note"]) == []
    assert report.valid and report.stats["tasks"] == 14


def test_validation_finds_an_observation_of_a_document_the_package_lacks(package, tmp_path):
    broken = Path(shutil.copytree(package.parent, tmp_path / "broken"))
    observations = broken / "data" / "kpi_observations.csv"
    observations.write_text(observations.read_text(encoding="utf-8").replace(PANYU_2021, "999_not_a_report", 1),
                            encoding="utf-8")
    report = frictionless.validate(broken / "datapackage.json")
    assert not report.valid
    assert {kind for (kind,) in report.flatten(["type"])} == {"foreign-key"}


def test_an_observation_keeps_the_value_line_and_quote_of_the_report(package, con):
    # 番禺 2021, line 144: "约 302 万宗，群众评价满意率 99.99%,收到锦旗 111 面，表"
    found = {row["kpi_id"]: row for row in csv_rows(package, "kpi_observations")
             if row["doc_id"] == PANYU_2021 and row["line"] == "144"}
    assert {k: (float(r["value"]), r["unit"], r["qualifier"]) for k, r in found.items()} == {
        "service_satisfaction_rate": (99.99, "%", ""), "service_cases": (3020000.0, "件", "约"),
        "commendation_banners": (111.0, "面", "")}
    row = found["service_satisfaction_rate"]
    assert "群众评价满意率99.99%" in row["quote"]
    assert (row["quote"], int(row["observation_id"])) == con.execute(
        "select quote, observation_id from kpi_observations where doc_id = ? and line = 144 "
        "and kpi_id = 'service_satisfaction_rate'", [PANYU_2021]).fetchone()


def test_a_conflict_keeps_both_figures_and_the_value_the_rule_chose(package):
    # 番禺 2021 好评率: 99.99% at line 328, 99.9% at line 1276; the more precise is the value
    conflicts = {(float(r["value"]), r["line"]) for r in csv_rows(package, "kpi_conflicts")
                 if r["doc_id"] == PANYU_2021 and r["kpi_id"] == "good_review_rate"}
    assert conflicts == {(99.99, "328"), (99.9, "1276")}
    value = next(r for r in csv_rows(package, "kpi_values")
                 if (r["district"], r["year"], r["kpi_id"]) == ("番禺", "2021", "good_review_rate"))
    assert (value["value"], value["line"], value["status"], value["chosen_by"]) == ("99.99", "328", "conflict", "precise")


def test_every_source_report_with_its_title_district_year_and_sha256(package):
    sources = {s["doc_id"]: s for s in json.loads(package.read_text(encoding="utf-8"))["sources"]}
    assert len(sources) == 5
    panyu = sources[PANYU_2021]
    assert (panyu["title"], panyu["district"], panyu["year"]) == ("区政数局2021年部门整体支出绩效自评报告", "番禺", 2021)
    assert panyu["sha256"] == hashlib.sha256((RAW / f"{PANYU_2021}.txt").read_bytes()).hexdigest()


def test_fields_are_described_in_chinese_then_english_with_the_catalogs_kpi_names(package):
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    assert descriptor["title"].startswith("政数对标") and "District bureau benchmarks" in descriptor["title"]

    def bilingual(description: str) -> bool:  # a line in Chinese, then a line in English
        zh, _, en = description.partition("\n")
        return bool(re.search(r"[\u4e00-\u9fff]", zh) and re.search(r"[A-Za-z]{3}", en))

    undescribed = [f"{r['name']}.{f['name']}" for r in descriptor["resources"] for f in r["schema"]["fields"]
                   if not bilingual(f["description"])]
    assert undescribed == []
    resources = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert resources["kpi_observations"]["primaryKey"] == ["observation_id"]
    assert {"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}} in \
        resources["kpi_observations"]["foreignKeys"]
    assert {"fields": ["kpi_id"], "reference": {"resource": "kpi_catalog", "fields": ["kpi_id"]}} in \
        resources["kpi_values"]["foreignKeys"]
    kpi = next(f for f in resources["kpi_values"]["fields"] if f["name"] == "kpi_id")
    with CATALOG.open(encoding="utf-8", newline="") as handle:
        good_review = next(row for row in csv.DictReader(handle) if row["kpi_id"] == "good_review_rate")
    label = next(c["label"] for c in kpi["categories"] if c["value"] == "good_review_rate")
    assert label == f"{good_review['name_zh']} / {good_review['name_en']}（%）"
    value = next(f for f in resources["budget_lines"]["fields"] if f["name"] == "value")
    assert (value["type"], value["unit"]) == ("number", "万元")


def test_the_budget_lines_as_a_fiscal_data_package_resource(package):
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    fiscal = next(r for r in descriptor["resources"] if r["name"] == "budget_lines_fiscal")
    types = {f["name"]: f.get("columnType") for f in fiscal["schema"]["fields"]}
    assert types["amount"] == "value" and types["fiscal_year"] == "date:fiscal-year"
    assert types["functional_code"] == "functional-classification:generic:code:full"
    assert descriptor["model"]["measures"]["amount"] == {"source": "amount", "resource": "budget_lines_fiscal",
                                                         "currency": "CNY", "factor": 10000}
    # 番禺 2019 决算, 支出决算表 line 229: "| 201 | 一般公共服务支出 | 2240.73 | 997.00 | 1243.73 | …"
    lines = {(r["doc_id"], r["line"], r["column_name"], r["name"]): r for r in csv_rows(package, "budget_lines_fiscal")}
    assert lines[PANYU_2019_FINAL, "229", "本年支出合计", "一般公共服务支出"] == {
        "amount": "2240.73", "currency": "CNY", "fiscal_year": "2019", "phase": "final", "direction": "expenditure",
        "district": "番禺", "bureau": "政务服务数据管理局", "admin_unit": "广州市番禺区政务服务数据管理局",
        "functional_code": "201", "functional_name": "一般公共服务支出", "economic_code": "", "economic_name": "",
        "level": "类", "parent_code": "", "name": "一般公共服务支出", "table_name": "支出决算表",
        "column_name": "本年支出合计", "doc_id": PANYU_2019_FINAL, "line": "229"}
    # the 基本支出 table's 经济分类, line 427: 30101 基本工资 201.34
    salaries = lines[PANYU_2019_FINAL, "427", "金额", "基本工资"]
    assert (salaries["economic_code"], salaries["amount"], salaries["functional_code"]) == ("30101", "201.34", "")


def test_a_department_budget_is_phase_budget(with_corpus, tmp_path):
    # 上海市普陀区2025年区级部门预算, 2025年部门收入预算总表 line 120: "201 一般公共服务支出 82,096,797.42" (元)
    descriptor = export_datapackage(with_corpus, tmp_path)
    row = next(r for r in csv_rows(descriptor, "budget_lines_fiscal")
               if r["doc_id"] == "putuo_govoffice_2025_budget" and r["line"] == "120" and r["column_name"] == "合计")
    assert (row["phase"], row["fiscal_year"], row["functional_code"], float(row["amount"])) == \
        ("budget", "2025", "201", 8209.679742)
    assert frictionless.validate(descriptor).valid


def test_the_zip_is_the_package_and_the_same_for_the_same_warehouse(warehouse, package):
    first = datapackage_zip(warehouse)
    assert datapackage_zip(warehouse) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert "datapackage.json" in archive.namelist() and len(archive.namelist()) == 15
        assert archive.read("data/kpi_values.csv") == (package.parent / "data" / "kpi_values.csv").read_bytes()


# ---------------------------------------------------------------- Parquet

@pytest.fixture(scope="module")
def parquet(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet")
    export_parquet(warehouse, out)
    return out


def test_partitioned_by_district_and_year_where_a_table_has_both(parquet):
    assert (parquet / "kpi_observations" / "district=番禺" / "year=2021" / "data_0.parquet").is_file()
    assert (parquet / "budget_lines" / "district=番禺" / "year=2019" / "data_0.parquet").is_file()
    assert (parquet / "kpi_catalog" / "kpi_catalog.parquet").is_file()
    assert (parquet / "document_lines" / "document_lines.parquet").is_file()


def test_every_table_reads_back_row_for_row(parquet, con):
    tables = [name for (name,) in con.execute("select table_name from information_schema.tables").fetchall()]
    assert len(tables) > 25
    for table in tables:
        # partition columns come back as text and BIGINT: cast every column to the warehouse's type
        columns = ", ".join(f'cast("{name}" as {kind})' for name, kind, *_ in con.execute(f'describe "{table}"').fetchall())
        exported = f"select {columns} from read_parquet('{parquet / table}/**/*.parquet', hive_partitioning = true)"
        stored = f'select * from "{table}"'
        differing = con.execute(f"select count(*) from (({stored} except all {exported}) "
                                f"union all ({exported} except all {stored}))").fetchone()[0]
        assert (table, differing) == (table, 0)


def test_a_null_district_or_year_keeps_its_rows(tmp_path):
    db = tmp_path / "nulls.duckdb"
    with duckdb.connect(str(db)) as writer:
        writer.execute("create table t as select * from (values ('番禺', 2021, 1.5), (null, 2021, 2.5), "
                       "('白云', null, 3.5), ('a/b', 2020, 4.5)) as v(district, year, value)")
    export_parquet(db, tmp_path / "out")
    assert (tmp_path / "out" / "t" / "district=__HIVE_DEFAULT_PARTITION__" / "year=2021" / "data_0.parquet").is_file()
    back = duckdb.sql(f"select district, year, value from read_parquet('{tmp_path / 'out' / 't'}/**/*.parquet', "
                      "hive_partitioning = true) order by value").fetchall()
    assert back == [("番禺", 2021, 1.5), (None, 2021, 2.5), ("白云", None, 3.5), ("a/b", 2020, 4.5)]


# ---------------------------------------------------------------- the command

def test_export_without_a_warehouse_says_so(tmp_path, capsys):
    missing = tmp_path / "none.duckdb"
    assert main(["export", "--format", "parquet", "--out", str(tmp_path / "out"), "--db", str(missing)]) == 1
    assert capsys.readouterr().err.startswith(f"错误 error: 找不到仓库 {missing}")
    assert not (tmp_path / "out").exists()


def test_export_command_writes_the_package(warehouse, tmp_path, capsys):
    assert main(["export", "--format", "datapackage", "--out", str(tmp_path), "--db", str(warehouse)]) == 0
    assert "已写出 wrote" in capsys.readouterr().out
    assert len(list((tmp_path / "data").glob("*.csv"))) == 14


# ---------------------------------------------------------------- the Sources page

@pytest.mark.parametrize(("lang", "label"), [("zh", "下载数据包 ZIP"), ("en", "Download the data package (ZIP)")])
def test_the_sources_page_offers_the_package_as_one_zip(warehouse, monkeypatch, lang, label):
    from app_helpers import open_page

    from dashboard.data import open_data_zip

    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    at = open_page("sources", lang)
    offered = [b.proto for b in at.get("download_button") if b.proto.label == label]
    assert len(offered) == 1
    with zipfile.ZipFile(io.BytesIO(open_data_zip())) as archive:
        assert "data/budget_lines_fiscal.csv" in archive.namelist()
