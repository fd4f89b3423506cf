"""What the Benchmark and Trends pages show for one choice (the KPI, alignment, year,
districts, language and warehouse build), derived once and shared by every later run
and session. A page's run then only sends its elements: a click on either page was
about a hundred small Polars operations (10 ms of the server's CPU, and more of its
time while the browser drew beside it on the same two cores; bench/PROFILES.md).

Everything here is a plain function of its arguments, cached by them (functools.lru_cache;
the build's version is an argument, so a rebuilt warehouse gets new views). The frames
it returns are never changed by the pages: every Polars operation makes a new frame."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import polars as pl

from dashboard.charts import benchmark_bars, benchmark_notes, trend_lines, trend_notes
from dashboard.comparability import compared_count, district_years, nearest_views, not_compared, not_compared_line, reason
from dashboard.data import load
from dashboard.i18n import bureau_name, district_name, list_separator, t
from dashboard.kpis import KpiInfo, bureau_named, district_year, file_stem
from dashboard.labels import Table, bureau_label, district_label, period_label, status_label, table, value_labels
from dashboard.ui import ChartData, chart, chart_data, escape_markdown, kpi_infos, reported_kpis_of

Version = tuple[str, float]


@functools.lru_cache(maxsize=16)
def districts(version: Version) -> tuple[str, ...]:
    """Every district of the warehouse, in the pickers' order."""
    return tuple(load("district_years")["district"].unique(maintain_order=True).to_list())


@functools.lru_cache(maxsize=16)
def trend_kpis(version: Version) -> tuple[str, ...]:
    """The reported KPIs with those of more than one year first (the Trends page's picker)."""
    multi_year = set(load("kpi_summary").filter(pl.col("years") > 1)["kpi_id"].to_list())
    return tuple(sorted(reported_kpis_of(version), key=lambda k: k not in multi_year))


@functools.lru_cache(maxsize=128)
def benchmark_years(kpi_id: str, version: Version) -> tuple[tuple[str, ...], str | None]:
    """The same-year view's years (latest first) and the one shown by default: the latest
    in which at least two districts can be compared."""
    rows = load("benchmark", kpi=kpi_id, alignment="same_year")
    years = tuple(sorted(rows["comparison"].unique().to_list(), reverse=True))
    compared = rows.filter(pl.col("rank").is_not_null()).group_by("comparison").len().filter(pl.col("len") >= 2)
    shared = sorted(compared["comparison"].to_list(), reverse=True)
    return years, shared[0] if shared else None


@dataclass(frozen=True)
class BenchmarkView:
    rows: pl.DataFrame  # the bars: one row per district (a bureau each where a place has two), named
    missing: str | None  # 未参与比较：… (who is picked but not compared, and why)
    too_few: bool  # districts picked, fewer than two compared: the data is what is missing
    coverage: tuple[str, ...]  # then, per district, its years and what this view does with them
    nearest: tuple[tuple[str, int | None], ...]  # and the nearest views that compare
    warnings: tuple[str, ...]  # years differ, kinds of bureau differ
    figure: object | None
    stem: str
    notes: tuple[str, ...]  # under the chart: who is missing (unless said above), what each mark means
    image_notes: tuple[str, ...]  # under the chart's image: who is missing, what each mark means
    chart_data: ChartData | None
    table: Table | None  # 数据与出处
    download: pl.DataFrame  # the table's rows as a download holds them


@functools.lru_cache(maxsize=256)
def benchmark(kpi: KpiInfo, alignment: str, year: str | None, picked: tuple[str, ...], lang: str,
              version: Version) -> BenchmarkView:
    """The Benchmark page for one choice."""
    picked_list = list(picked)
    rows = load("benchmark", kpi=kpi.kpi_id, alignment=alignment)
    if alignment == "same_year":
        rows = rows.filter(pl.col("comparison") == year)
    rows = rows.filter(pl.col("district").is_in(picked_list))
    values = load("trend", kpi=kpi.kpi_id)
    shown_year = int(year) if alignment == "same_year" and year is not None else None
    missing = not_compared_line(not_compared(picked_list, rows, values, lang, shown_year), lang)
    too_few = len(picked_list) >= 2 and compared_count(rows, picked_list) < 2
    coverage, nearest = (), ()
    if too_few:
        coverage = tuple(district_years(picked_list, rows, values, lang, shown_year))
        nearest = tuple(nearest_views(load("benchmark", kpi=kpi.kpi_id, alignment="same_year"),
                                      load("benchmark", kpi=kpi.kpi_id, alignment="latest"), picked_list, alignment, shown_year))
    rows = bureau_named(rows)
    warnings = []
    if rows.height and rows["year"].n_unique() > 1:
        listed = list_separator(lang).join(district_year(d, y, lang) for d, y in rows.select("district", "year").iter_rows())
        warnings.append(t("years_differ_bars", lang, years=listed))
    if rows.height and rows["bureau_kind"].n_unique() > 1:  # ranks and peer averages are within each kind (kpi_benchmark.sql)
        listed = list_separator(lang).join(
            f"{district_year(d, y, lang)} {bureau_name(b, lang) if b else t('bureau_other_kind', lang)}"
            for d, y, b in rows.select("district", "year", "bureau_kind").iter_rows())
        warnings.append(t("bureaus_differ", lang, bureaus=listed))
    stem = file_stem(kpi.kpi_id, rows["year"].to_list(), rows["district"].to_list())
    marks = benchmark_notes(rows, lang) if rows.height else ()
    shown_missing = (missing,) if missing and not too_few else ()  # said district by district above otherwise
    figure = chart(benchmark_bars, rows, kpi, lang).figure if rows.height else None
    shown = rows.select(  # the source right after the figure, in view without a sideways scroll (labels.source_columns)
        district_label("district", lang).alias(t("district", lang)),
        pl.col("year").alias(t("year", lang)),
        value_labels(rows, kpi.unit, lang).alias(t("value", lang)),
        pl.col("title").alias(t("document", lang)),
        pl.col("line").alias(t("line_no", lang)),
        pl.col("quote").alias(t("quote", lang)),
        pl.col("rank").alias(t("rank", lang)),
        pl.Series([reason(row, lang) or "" for row in rows.iter_rows(named=True)], dtype=pl.Utf8)  # made outside Polars
        .alias(t("not_ranked_why", lang)),
        pl.col("peer_average").round(2).alias(t("peer_average", lang)),
        pl.col("gap_to_best").round(2).alias(t("gap_to_best", lang)),
        status_label("status", lang).alias(t("status", lang)),
        period_label(rows, "period", lang).alias(t("period", lang)),
        bureau_label("bureau", lang).alias(t("bureau", lang)),
    )
    return BenchmarkView(
        rows=rows, missing=missing, too_few=too_few, coverage=coverage, nearest=nearest, warnings=tuple(warnings),
        figure=figure, stem=stem,
        notes=tuple(escape_markdown(note) for note in (*shown_missing, *marks)),
        image_notes=(*((missing,) if missing else ()), *marks),
        chart_data=chart_data(rows, kpi.kpi_id, lang) if rows.height else None,
        table=table(shown) if rows.height else None, download=rows.drop("title"))


@dataclass(frozen=True)
class TrendsView:
    rows: pl.DataFrame  # the lines' points, bureaus named
    missing: str | None  # picked districts the reports never give this KPI
    figure: object | None
    stem: str
    notes: tuple[str, ...]  # what every mark means, under the chart's image
    escaped_notes: tuple[str, ...]  # and under the chart, as markdown
    chart_data: ChartData | None
    single_years: tuple[str, ...]  # 增城只有一年的数据（2023）
    yoy: pl.DataFrame
    yoy_table: Table | None  # 同比变化
    table: Table | None  # 数据与出处


@functools.lru_cache(maxsize=256)
def trends(kpi: KpiInfo, picked: tuple[str, ...], lang: str, version: Version) -> TrendsView:
    """The Trends page for one choice."""
    picked_list = list(picked)
    rows = load("trend", kpi=kpi.kpi_id)
    reported = set(rows["district"].to_list())
    absent = [district_name(d, lang) for d in picked_list if d not in reported]
    missing = (escape_markdown(t("not_compared", lang, items=list_separator(lang).join(absent)
                                 + ("：" if lang == "zh" else ": ") + t("reason_not_reported", lang))) if absent else None)
    rows = bureau_named(rows.filter(pl.col("district").is_in(picked_list)))  # two bureaus of one place: a line each, named
    stem = file_stem(kpi.kpi_id, rows["year"].to_list(), picked_list)
    if rows.is_empty():
        return TrendsView(rows, missing, None, stem, (), (), None, (), rows, None, None)
    notes = trend_notes(rows, kpi, lang)
    single = tuple(t("single_year", lang, district=district_name(district, lang),
                     year=rows.filter(pl.col("district") == district)["year"][0])
                   for district, count in rows.group_by("district", maintain_order=True).len().iter_rows() if count == 1)
    yoy = bureau_named(load("yoy", kpi=kpi.kpi_id).filter(pl.col("district").is_in(picked_list)))
    yoy_shown = yoy.select(
        district_label("district", lang).alias(t("district", lang)),
        pl.col("year").alias(t("year", lang)),
        value_labels(yoy, kpi.unit, lang, qualifier=False).alias(t("value", lang)),
        status_label("status", lang).alias(t("status", lang)),
        pl.col("previous_year").alias(t("previous_year", lang)),
        pl.col("change").round(2).alias(t("change", lang)),
        pl.col("change_pct").round(2).alias(t("change_pct", lang)),
        period_label(yoy, "period", lang).alias(t("period", lang)),
        pl.col("line").alias(t("line_no", lang)),
    )
    shown = rows.select(
        district_label("district", lang).alias(t("district", lang)),
        pl.col("year").alias(t("year", lang)),
        value_labels(rows, kpi.unit, lang).alias(t("value", lang)),
        pl.col("title").alias(t("document", lang)),  # the source right after the figure (labels.source_columns)
        pl.col("line").alias(t("line_no", lang)),
        pl.col("quote").alias(t("quote", lang)),
        status_label("status", lang).alias(t("status", lang)),
        period_label(rows, "period", lang).alias(t("period", lang)),
        pl.Series([reason(row, lang) or "" for row in rows.iter_rows(named=True)], dtype=pl.Utf8)  # made outside Polars
        .alias(t("not_ranked_why", lang)),
        pl.col("note").alias(t("note", lang)),
    )
    return TrendsView(rows=rows, missing=missing, figure=chart(trend_lines, rows, kpi, lang).figure, stem=stem,
                      notes=notes, escaped_notes=tuple(escape_markdown(note) for note in notes),
                      chart_data=chart_data(rows, f"{kpi.kpi_id}_trend", lang), single_years=single, yoy=yoy,
                      yoy_table=table(yoy_shown), table=table(shown))


def warm(version: Version, lang: str = "zh") -> int:
    """Every reported KPI's Benchmark view (each district's latest year) and Trends view, for
    every district, as a first visit to the page shows them: made at start-up
    (dashboard/__main__.py), so that the first person to pick a KPI does not wait for its
    chart to be built (a Benchmark click's slowest in bench/RESULTS.md was such a first
    pick). Returns how many views were made."""
    picked, infos = districts(version), kpi_infos(lang, version)
    made = 0
    for kpi_id in reported_kpis_of(version):
        kpi = infos[kpi_id]
        benchmark(kpi, "latest", None, picked, lang, version)
        trends(kpi, picked, lang, version)
        made += 2
    return made
