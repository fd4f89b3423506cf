"""A warehouse with about a million synthetic KPI observations, for query scaling.

About 3,000 county-level units x 10 years x 30 KPIs: the scale of every county
bureau of a large province over a decade. Each (unit, year, KPI) has one reported
figure; some have a second figure as real reports do (a derived previous-year
value, the same figure stated again at a coarser precision, a part-year figure, a
target), and about 1 in 200 a second figure that disagrees, so that the conflict
and selection views do real work. Tables have the real warehouse's columns
(etl.build.OBSERVATION_SCHEMA plus observation_id, the catalog's columns, the
documents table's columns) and the views are the real ones (etl.build.store_query_results
over queries/*.sql), created exactly as the build creates them.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import polars as pl

from etl.build import CATALOG, QUERIES, store_query_results, write_extracted_tables

UNITS = 3000
YEARS = tuple(range(2015, 2025))
KPIS = 30


def catalog_frame(kpis: int = KPIS) -> pl.DataFrame:
    """The real catalog, padded with synthetic KPIs (same columns) up to `kpis` rows."""
    catalog = pl.read_csv(CATALOG, schema_overrides={"higher_is_better": pl.Boolean})
    extra = []
    for number in range(catalog.height + 1, kpis + 1):
        extra.append({
            "kpi_id": f"synthetic_kpi_{number:02d}", "name_zh": f"合成指标{number}", "name_en": f"Synthetic KPI {number}",
            "unit": "件", "unit_en": "cases", "category": "service", "higher_is_better": number % 3 != 0,
            "definition_zh": "基准测试用的合成指标。", "definition_en": "A synthetic KPI for the benchmark.",
            "caveats_zh": None, "caveats_en": None,
        })
    if extra:
        catalog = pl.concat([catalog, pl.DataFrame(extra, schema=catalog.schema)])
    return catalog


def build_million(db_path: Path, units: int = UNITS, years: tuple[int, ...] = YEARS, kpis: int = KPIS) -> dict:
    """Write the synthetic warehouse at db_path; returns its row counts and seconds."""
    started = time.perf_counter()
    db_path = Path(db_path)
    for leftover in (db_path, db_path.with_name(db_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(db_path))
    try:
        catalog = catalog_frame(kpis)
        con.register("catalog_frame", catalog)
        con.execute("create table kpi_catalog as select * from catalog_frame")
        con.unregister("catalog_frame")
        con.execute("create temp table units as select range as unit_number, 'U' || lpad(range::varchar, 4, '0') || '区' as district "
                    f"from range({units})")
        con.execute(f"create temp table years as select unnest({list(years)}) as year")
        con.execute("create temp table kpis as select row_number() over (order by kpi_id) as kpi_number, kpi_id, unit "
                    "from kpi_catalog")
        # One self-evaluation per unit and year: the document every figure cites.
        con.execute("""
            create table documents as
            select
                u.district || '_' || y.year || '_se' as doc_id,
                u.district || '_' || y.year || '_se.txt' as file,
                u.district,
                u.district || '政务服务数据管理局' as district_full,
                y.year::integer as year,
                'self_evaluation' as kind,
                y.year || '年度' || u.district || '政务服务数据管理局部门整体支出绩效自评报告' as title,
                md5(u.district || y.year) || md5(y.year || u.district) as sha256,
                2000 as line_count,
                '政务服务数据管理局' as bureau
            from units as u cross join years as y
        """)
        # hash() gives every (unit, year, kpi) its own stable pseudo-random numbers.
        con.execute("""
            create temp table base as
            select
                u.district, y.year::integer as year, k.kpi_id, k.unit, k.kpi_number,
                u.district || '_' || y.year || '_se' as doc_id,
                hash(u.unit_number, y.year, k.kpi_number) as h
            from units as u cross join years as y cross join kpis as k
        """)
        con.execute("""
            create temp table observations as
            with reported as (
                select
                    doc_id, district, year, kpi_id,
                    case when unit = '%' then 80 + (h % 2000) / 100.0 else 100 + (h % 1000000) / 100.0 end as value,
                    unit, -2 as precision, 'actual' as kind, null as period, null as qualifier,
                    (100 + h % 1900)::integer as line,
                    kpi_id || ' 的原文句子，第 ' || (100 + h % 1900) || ' 行' as quote,
                    null as note, h
                from base
            ),
            extra as (
                -- 5%: the same figure again at a coarser precision, rounded half up as a report would (agrees)
                select doc_id, district, year, kpi_id, round(value::decimal(18, 2), 1)::double as value, unit, -1 as precision,
                       'actual' as kind,
                       null as period, null as qualifier, line + 7 as line, quote, null as note
                from reported where (h >> 8) % 20 = 0
                union all
                -- 4%: derived from the next year's report ("比上年增加…")
                select doc_id, district, year, kpi_id, value, unit, -2, 'derived', null, null, line + 3, quote,
                       '由下一年度报告推算 derived' as note
                from reported where (h >> 8) % 25 = 1
                union all
                -- 0.5%: a second figure that disagrees (a conflict)
                select doc_id, district, year, kpi_id, value + 1, unit, -2, 'actual', null, null, line + 11, quote, null
                from reported where (h >> 8) % 200 = 2
                union all
                -- 2%: a part-year figure
                select doc_id, district, year, kpi_id, round(value * 0.8, 2), unit, -2, 'actual', '1-10月', null, line + 13,
                       quote, null
                from reported where (h >> 8) % 50 = 3
                union all
                -- 3%: the year's target
                select doc_id, district, year, kpi_id, round(value * 0.9, 2), unit, -2, 'target', null, '≥', line + 17,
                       quote, null
                from reported where (h >> 8) % 33 = 4
            )
            select doc_id, district, year, kpi_id, value, unit, precision, kind, period, qualifier, line, quote, note
            from reported
            union all
            select * from extra
        """)
        con.execute("""
            create table kpi_observations as
            select
                row_number() over (order by district, year, kpi_id, line)::integer as observation_id,
                doc_id::varchar as doc_id, district::varchar as district, year::integer as year, kpi_id::varchar as kpi_id,
                value::double as value, unit::varchar as unit, precision::integer as precision, kind::varchar as kind,
                period::varchar as period, qualifier::varchar as qualifier, line::integer as line, quote::varchar as quote,
                note::varchar as note, null::varchar as review, null::varchar as definition
            from observations
            order by district, year, kpi_id, line
        """)
        con.execute("create table document_lines (doc_id varchar, line integer, text varchar)")
        write_extracted_tables(con, {})
        store_query_results(con, QUERIES)
        counts = {
            "kpi_observations": con.execute("select count(*) from kpi_observations").fetchone()[0],
            "documents": con.execute("select count(*) from documents").fetchone()[0],
            "kpi_catalog": con.execute("select count(*) from kpi_catalog").fetchone()[0],
            "units": units, "years": len(years),
        }
        con.execute("checkpoint")
    finally:
        con.close()
    counts["seconds"] = time.perf_counter() - started
    return counts
