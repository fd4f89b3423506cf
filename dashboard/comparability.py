"""Why a value is not compared, in a short phrase of the page's language: plain
functions over rows of kpi_benchmark / kpi_values (whose not_comparable column the
SQL decides, queries/kpi_values.sql), shared by pages, chart images and briefings."""

from __future__ import annotations

import re

import polars as pl

from dashboard.i18n import DEFINITION_NAMES, district_name, list_separator, t, with_bureau
from dashboard.kpis import district_year

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_name(period: str | None, lang: str = "zh") -> str | None:
    """'1-10月' as written, or 'Jan–Oct' in English."""
    if not period or lang != "en":
        return period
    found = re.fullmatch(r"(\d{1,2})\s*[-－—~至]\s*(\d{1,2})月(?:份)?", period.strip())
    if not found or not (1 <= int(found.group(1)) <= int(found.group(2)) <= 12):
        return period
    return f"{_MONTHS[int(found.group(1)) - 1]}–{_MONTHS[int(found.group(2)) - 1]}"


def reason(row: dict, lang: str = "zh") -> str | None:
    """Why this value is not ranked, averaged or joined to others ('1-10月数据，不参与排名';
    '识别自扫描件，待人工核对，不参与排名' for a scan's figure no person has accepted), or None
    when it is comparable."""
    why = row.get("not_comparable")
    if why == "ocr":
        return t("reason_ocr", lang)
    if why == "part_year":
        return t("reason_part_year", lang, period=period_name(row.get("period"), lang))
    if why == "definition":
        names = DEFINITION_NAMES.get(row.get("definition") or "", ("口径不同", "another definition"))
        return t("reason_definition", lang, basis=names[1] if lang == "en" else names[0])
    if why == "approximate":
        qualifier = row.get("qualifier") or ""
        return t("reason_approximate" if qualifier == "约" else "reason_lower_bound", lang, qualifier=qualifier)
    return None


def not_compared(selected: list[str], shown: pl.DataFrame, values: pl.DataFrame, lang: str = "zh",
                 year: int | None = None) -> list[str]:
    """One phrase per selected district that the view compares with nothing: not in the
    reports at all, not in this year (same-year views), or shown but not ranked.

    shown: the view's rows (district, year, not_comparable, period, definition, qualifier;
    bureau, to name it where a district shows several); values: every value of the KPI
    (district, year), to tell "never reported" from "other years".
    """
    colon = "：" if lang == "zh" else ": "
    phrases = []
    for district in selected:
        rows = shown.filter(pl.col("district") == district)
        if rows.is_empty():
            years = sorted(set(values.filter(pl.col("district") == district)["year"].to_list()))
            if years and year is not None:
                listed = list_separator(lang).join(str(y) for y in years)
                why = t("reason_other_years", lang, year=year, years=listed)
            else:
                why = t("reason_not_reported", lang)
            phrases.append(f"{district_name(district, lang)}{colon}{why}")
            continue
        several = "bureau" in rows.columns and rows["bureau"].n_unique() > 1
        for row in rows.iter_rows(named=True):
            why = reason(row, lang)
            if why:
                place = with_bureau(district, row["bureau"]) if several else district
                phrases.append(f"{district_year(place, row['year'], lang)}{colon}{why}")
    return phrases


def not_compared_line(phrases: list[str], lang: str = "zh") -> str | None:
    """The one line under a chart: '未参与比较：番禺：报告未提供此指标；…'."""
    if not phrases:
        return None
    return t("not_compared", lang, items=("；" if lang == "zh" else "; ").join(phrases))


def district_years(selected: list[str], shown: pl.DataFrame, values: pl.DataFrame, lang: str = "zh",
                   year: int | None = None) -> list[str]:
    """One phrase per selected district for a view that compares fewer than two: the
    years its reports give the KPI and what this view does with it ('番禺（2021 年）：可比较；
    报告年份：2019、2021', '白云：报告未提供此指标'). Arguments as not_compared's."""
    colon = "：" if lang == "zh" else ": "
    joint = "；" if lang == "zh" else "; "
    phrases = []
    for district in selected:
        years = sorted(set(values.filter(pl.col("district") == district)["year"].to_list()))
        listed = list_separator(lang).join(str(y) for y in years)
        rows = shown.filter(pl.col("district") == district)
        if not years:
            phrases.append(f"{district_name(district, lang)}{colon}{t('reason_not_reported', lang)}")
        elif rows.is_empty():
            why = t("reason_other_years", lang, year=year, years=listed) if year is not None else t("reason_not_reported", lang)
            phrases.append(f"{district_name(district, lang)}{colon}{why}")
        else:
            several = "bureau" in rows.columns and rows["bureau"].n_unique() > 1
            for row in rows.iter_rows(named=True):
                place = with_bureau(district, row["bureau"]) if several else district
                why = reason(row, lang) or t("compared_here", lang)
                phrases.append(f"{district_year(place, row['year'], lang)}{colon}{why}{joint}"
                               f"{t('reported_years', lang, years=listed)}")
    return phrases


def compared_count(rows: pl.DataFrame, districts: list[str]) -> int:
    """How many of these districts' rows a view ranks (a ranked row is a comparable one)."""
    return rows.filter(pl.col("district").is_in(districts) & pl.col("rank").is_not_null()).height


def nearest_views(same_year: pl.DataFrame, latest: pl.DataFrame, districts: list[str], alignment: str,
                  year: int | None = None) -> list[tuple[str, int | None]]:
    """The views nearest to this one that compare at least two of the districts:
    ('same_year', 2021), the year closest to `year` (the later of two as close; the latest
    when the view is 'latest'), and ('latest', None), each districts' latest year. Rows of
    kpi_benchmark for one KPI, by alignment ('comparison' is the year in same_year rows)."""
    counts = (same_year.filter(pl.col("district").is_in(districts) & pl.col("rank").is_not_null())
              .group_by("comparison").len().filter(pl.col("len") >= 2))
    years = [int(y) for y in counts["comparison"].to_list() if alignment != "same_year" or int(y) != year]
    views: list[tuple[str, int | None]] = []
    if years:
        anchor = year if alignment == "same_year" and year is not None else max(years)
        views.append(("same_year", min(years, key=lambda y: (abs(y - anchor), -y))))
    if alignment == "same_year" and compared_count(latest, districts) >= 2:
        views.append(("latest", None))
    return views
