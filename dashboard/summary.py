"""Generated headline sentences for leadership: plain functions over comparable
values (kpi_benchmark's same-year ranks), each sentence naming its year, and the
values of other years (or not comparable) that it leaves out, named as such."""

from __future__ import annotations

from functools import partial

import polars as pl

from dashboard.comparability import reason
from dashboard.i18n import district_name, t
from dashboard.kpis import bureau_named, compact_scale, format_value, kpi_info

# The KPIs leadership reads first, in this order.
HEADLINE_KPIS = (
    "budget_execution_rate", "self_eval_score", "service_satisfaction_rate", "hotline_satisfaction_rate",
    "hotline_ontime_rate", "hotline_tickets", "service_cases", "budget_total", "new_5g_base_stations",
    "free_seal_sets", "cloud_migrated_systems",
)


def headline_rows(comparable: pl.DataFrame) -> pl.DataFrame:
    """The values the headlines compare: per KPI, the latest year in which two or more
    districts' values are comparable (one kind of bureau: the first). The Overview's
    picture draws these same rows, so its sentence and its picture speak of one year.
    comparable: rows of queries/app/headline_values.sql (that order: latest year first)."""
    groups = comparable.filter(pl.col("districts") >= 2)
    chosen = groups.group_by("kpi_id", maintain_order=True).agg(pl.col("year").first(), pl.col("bureau_kind").first())
    return groups.join(chosen, on=["kpi_id", "year", "bureau_kind"], how="semi", maintain_order="left")


def bureau_labels(*frames: pl.DataFrame) -> pl.DataFrame:
    """district, bureau, label: each bureau's one name across the frames, as bureau_named
    gives it (平潭·市场监督管理局 where a place shows two bureaus), so that a value of the
    headlines and the same bureau's latest value are called alike."""
    pairs = pl.concat([frame.select("district", "bureau") for frame in frames]).unique(maintain_order=True)
    return pairs.with_columns(bureau_named(pairs)["district"].alias("label"))


def named(frame: pl.DataFrame, labels: pl.DataFrame) -> pl.DataFrame:
    """The frame with its district column holding the bureau's label (bureau_labels)."""
    return (frame.join(labels, on=["district", "bureau"], how="left", nulls_equal=True, maintain_order="left")
            .with_columns(pl.col("label").fill_null(pl.col("district")).alias("district")).drop("label"))


def headline_sentences(comparable: pl.DataFrame, catalog: pl.DataFrame, lang: str = "zh",
                       latest: pl.DataFrame | None = None) -> list[str]:
    """One sentence per headline KPI that two or more districts report comparably in one
    year (headline_rows): that year first, then who is best and who is worst, by the
    KPI's direction; then each district's latest value the sentence does not compare
    (another year, or not comparable: why). Last, one sentence names the KPIs with a
    better end that two districts report but never comparably in one year.
    latest: rows of queries/app/overview.sql (each district's latest value)."""
    latest = latest if latest is not None else comparable.clear()
    labels = bureau_labels(comparable, latest)
    compared, latest = named(headline_rows(comparable), labels), named(latest, labels)
    sentences, uncompared = [], []
    separator = "、" if lang == "zh" else ", "
    for kpi_id in HEADLINE_KPIS:
        rows = compared.filter(pl.col("kpi_id") == kpi_id).sort("rank", "district")
        kpi = kpi_info(catalog, kpi_id, lang)
        own = latest.filter(pl.col("kpi_id") == kpi_id)
        if rows.is_empty():
            if kpi.higher_is_better is not None and own.height >= 2:
                uncompared.append(kpi.name)
            continue
        year = rows["year"][0]
        values = rows["value"].to_list() + own["value"].to_list()
        # one unit for every figure of the sentence, as on the cards
        written = partial(_written, unit=kpi.unit, lang=lang, scale=compact_scale(values, kpi.unit, lang))
        best, worst = rows.row(0, named=True), rows.row(rows.height - 1, named=True)
        if best["value"] == worst["value"]:
            everyone = separator.join(district_name(row["district"], lang) for row in rows.iter_rows(named=True))
            sentence = t("headline_tie", lang, kpi=kpi.name, year=year, districts=everyone,
                         value=written(best["value"]))
        else:
            key = "headline_best_lower" if kpi.higher_is_better is False else "headline_best"
            tied_best = separator.join(district_name(r["district"], lang) for r in rows.iter_rows(named=True)
                                       if r["rank"] == best["rank"])
            tied_worst = separator.join(district_name(r["district"], lang) for r in rows.iter_rows(named=True)
                                        if r["rank"] == worst["rank"])
            sentence = t(key, lang, kpi=kpi.name, year=year,
                         best=tied_best, best_value=written(best["value"]),
                         worst=tied_worst, worst_value=written(worst["value"]))
        shown = set(zip(rows["district"].to_list(), rows["year"].to_list(), strict=True))
        others = [_other(row, written(row["value"], row.get("qualifier")), lang, year) for row in own.iter_rows(named=True)
                  if (row["district"], row["year"]) not in shown]
        if others:
            sentence += t("headline_others", lang, items=("；" if lang == "zh" else "; ").join(others))
        sentences.append(sentence)
    if uncompared:
        sentences.append(t("headline_no_common_year", lang, kpis=separator.join(uncompared)))
    return sentences


def _other(row: dict, value: str, lang: str, year: int) -> str:
    """'增城 2023 年 99.96%（年份不同）': a value a sentence names but does not compare."""
    why = reason(row, lang) or (t("headline_other_year", lang) if row["year"] != year else None)
    text = t("headline_other", lang, district=district_name(row["district"], lang), year=row["year"], value=value)
    return f"{text}（{why}）" if why and lang == "zh" else f"{text} ({why})" if why else text


def _written(value: float, qualifier: str | None = None, *, unit: str, lang: str, scale: int) -> str:
    return format_value(value, unit, qualifier, lang, compact=True, scale=scale)
