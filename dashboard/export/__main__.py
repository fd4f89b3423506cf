"""`python -m dashboard.export`: chart images (PNG, SVG), their data (CSV) and the
briefing pack (PPTX, PDF) for given KPIs, districts and years, written into a folder."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from dashboard.export import csv_bytes, now, write_files


def _split(values: list[str] | None) -> list[str]:
    """'a,b c' -> ['a', 'b', 'c']: lists may be given with commas or spaces."""
    return [part for value in values or [] for part in re.split(r"[,，、\s]+", value) if part]


def _years(values: list[str] | None) -> list[int]:
    """'2021-2023' -> [2021, 2022, 2023]; '2021,2023' -> [2021, 2023]."""
    years: set[int] = set()
    for part in _split(values):
        match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", part)
        if not match:
            raise argparse.ArgumentTypeError(f"not a year or a range of years: {part}")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        years.update(range(min(first, last), max(first, last) + 1))
    return sorted(years)


def main(argv: list[str] | None = None) -> int:
    """Write PNG, SVG and CSV per chart, kpi_table.csv, and the pack as briefing_….pptx and .pdf."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.export",
        description="简报导出：为所选指标、区和年份生成图片（PNG、SVG）、数据（CSV）和简报（PPTX、PDF）。"
                    " Briefing export: images, data and the briefing pack for given KPIs, districts and years.",
        epilog="例 e.g.: python -m dashboard.export --kpi budget_execution_rate hotline_satisfaction_rate "
               "--district 白云 增城 --year 2021-2023 --out briefings/",
    )
    parser.add_argument("--kpi", nargs="+", metavar="KPI_ID", help="kpi_id, e.g. budget_execution_rate (default: the headline KPIs)")
    parser.add_argument("--district", nargs="+", metavar="区", help="e.g. 白云 增城 (default: every district)")
    parser.add_argument("--year", nargs="+", metavar="YEAR", help="e.g. 2021-2023 or 2021 2023 (default: every year)")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the images and the pack (default zh)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    parser.add_argument("--db", type=Path, help="warehouse file (default: data/warehouse.duckdb or $ZHENGSHU_DB)")
    args = parser.parse_args(argv)

    import logging
    import os

    if args.db:
        os.environ["ZHENGSHU_DB"] = str(args.db)

    from streamlit.runtime.caching import cache_data_api

    # The dashboard's cached loaders warn that no Streamlit server is running: expected here.
    logging.getLogger(cache_data_api.__name__).setLevel(logging.ERROR)

    from dashboard import briefing
    from dashboard.data import ensure_warehouse, load
    from dashboard.kpis import reported_kpi_ids
    from dashboard.summary import HEADLINE_KPIS

    ensure_warehouse()
    reporting = load("district_years")
    known_kpis = reported_kpi_ids(load("catalog"), load("kpi_summary"))
    known_districts = reporting["district"].unique(maintain_order=True).to_list()
    kpis = _split(args.kpi) or [k for k in HEADLINE_KPIS if k in known_kpis]
    districts = _split(args.district) or known_districts
    try:
        years = _years(args.year) or sorted(reporting["year"].unique().to_list())
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))
    unknown = [k for k in kpis if k not in known_kpis]
    if unknown:
        parser.error(f"unknown KPI {', '.join(unknown)}; the warehouse has: {', '.join(known_kpis)}")
    unknown = [d for d in districts if d not in known_districts]
    if unknown:
        parser.error(f"unknown district {', '.join(unknown)}; the warehouse has: {', '.join(known_districts)}")

    made = now()
    selection = briefing.gather(kpis, districts, years, args.lang)
    charts = briefing.charts(selection)
    if not charts:
        parser.error("no values for this selection")
    args.out.mkdir(parents=True, exist_ok=True)
    images = []
    for export in charts:
        written = write_files(export, args.out, made)
        images.append(written["png"].read_bytes())
        print(f"{written['png']}  {written['svg'].name}  {written['csv'].name}")
    pack = briefing.build_pack(selection, charts, images, made)
    (args.out / "kpi_table.csv").write_bytes(csv_bytes(briefing.kpi_rows(selection)))
    stem = briefing.pack_stem(selection)
    (args.out / f"{stem}.pptx").write_bytes(pack.pptx)
    (args.out / f"{stem}.pdf").write_bytes(pack.pdf)
    print(f"{args.out / 'kpi_table.csv'}\n{args.out / (stem + '.pptx')}\n{args.out / (stem + '.pdf')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
