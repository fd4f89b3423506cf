"""The KPI catalog (data/kpi_catalog.csv) as the ETL reads it: each KPI's unit. Below
etl.build and etl.reading, so that both read it one way."""

from __future__ import annotations

from pathlib import Path

import polars as pl

CATALOG = Path(__file__).resolve().parent.parent / "data" / "kpi_catalog.csv"


def catalog_units(catalog_path: Path = CATALOG) -> dict[str, str]:
    """kpi_id -> the catalog's unit."""
    return dict(pl.read_csv(catalog_path).select("kpi_id", "unit").iter_rows())
