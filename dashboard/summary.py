"""Generated headline sentences for leadership: plain functions over comparable
values (kpi_benchmark's same-year ranks), each sentence naming its year."""

from __future__ import annotations

import polars as pl

from dashboard.i18n import t
from dashboard.kpis import bureau_named, district_year, format_value, kpi_info

# The KPIs leadership reads first, in this order.
HEADLINE_KPIS = (
    "budget_execution_rate", "self_eval_score", "service_satisfaction_rate", "hotline_satisfaction_rate",
    "hotline_ontime_rate", "hotline_tickets", "service_cases", "budget_total", "new_5g_base_stations",
    "free_seal_sets", "cloud_migrated_systems",
)


def headline_sentences(comparable: pl.DataFrame, catalog: pl.DataFrame, lang: str = "zh") -> list[str]:
    """One sentence per headline KPI that two or more districts report comparably in one
    year (the latest such year, one kind of bureau): who is best and who is worst, by
    the KPI's direction. comparable: rows of queries/app/headline_values.sql."""
    sentences = []
    for kpi_id in HEADLINE_KPIS:
        groups = comparable.filter((pl.col("kpi_id") == kpi_id) & (pl.col("districts") >= 2))
        if groups.is_empty():
            continue
        first = groups.row(0, named=True)  # the latest year, then the first kind of bureau
        rows = groups.filter((pl.col("year") == first["year"]) & (pl.col("bureau_kind") == first["bureau_kind"]))
        rows = bureau_named(rows).sort("rank", "district")  # two bureaus of one place ranked together: each named
        kpi = kpi_info(catalog, kpi_id, lang)
        best, worst = rows.row(0, named=True), rows.row(rows.height - 1, named=True)
        separator = "、" if lang == "zh" else ", "
        if best["value"] == worst["value"]:
            everyone = separator.join(_label(row, lang) for row in rows.iter_rows(named=True))
            sentences.append(t("headline_tie", lang, kpi=kpi.name, districts=everyone,
                               value=format_value(best["value"], kpi.unit, None, lang)))
            continue
        key = "headline_best_lower" if kpi.higher_is_better is False else "headline_best"
        tied_best = separator.join(_label(r, lang) for r in rows.iter_rows(named=True) if r["rank"] == best["rank"])
        tied_worst = separator.join(_label(r, lang) for r in rows.iter_rows(named=True) if r["rank"] == worst["rank"])
        sentences.append(t(key, lang, kpi=kpi.name,
                           best=tied_best, best_value=format_value(best["value"], kpi.unit, None, lang),
                           worst=tied_worst, worst_value=format_value(worst["value"], kpi.unit, None, lang)))
    return sentences


def _label(row: dict, lang: str) -> str:
    return district_year(row["district"], row["year"], lang)
