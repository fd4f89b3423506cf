"""KPI labels from the catalog, and figures formatted as a reader expects them."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dashboard.i18n import BUREAU_MARK, district_name, t
from etl.text import plain_number


@dataclass(frozen=True)
class KpiInfo:
    """One KPI's catalog entry in one language."""

    kpi_id: str
    name: str
    unit: str
    higher_is_better: bool | None
    definition: str
    caveats: str
    category: str

    @property
    def direction_key(self) -> str:
        if self.higher_is_better is None:
            return "no_direction"
        return "higher_better" if self.higher_is_better else "lower_better"


def kpi_info(catalog: pl.DataFrame, kpi_id: str, lang: str = "zh") -> KpiInfo:
    row = catalog.filter(pl.col("kpi_id") == kpi_id).row(0, named=True)
    en = lang == "en"
    return KpiInfo(
        kpi_id=kpi_id,
        name=row["name_en"] if en else row["name_zh"],
        unit=(row["unit_en"] if en else row["unit"]) or "",
        higher_is_better=row["higher_is_better"],
        definition=(row["definition_en"] if en else row["definition_zh"]) or "",
        caveats=(row["caveats_en"] if en else row["caveats_zh"]) or "",
        category=row["category"],
    )


_MONEY = ("万元", "10k CNY")  # the catalog's money unit, in each language


def compact_scale(values: list[float | None], unit: str, lang: str = "zh") -> int:
    """The one divisor (in the KPI's unit) that figures standing side by side are written
    with, so a KPI never reads 1.11亿元 for one district and 6,302.34万元 for the next:
    the largest scale that every figure reaches (亿 only when each is 1 亿元 or more, 万
    only when each is 1 万 or more; M, k likewise). A rate is never scaled, nor English
    money, which format_value always writes in M CNY."""
    if unit == "%" or (unit in _MONEY and lang == "en"):
        return 1
    smallest = min((abs(v) for v in values if v is not None), default=0)
    if lang == "zh":
        return 10_000 if smallest >= 10_000 else 1
    return 1_000_000 if smallest >= 1_000_000 else 1000 if smallest >= 10_000 else 1


def format_value(value: float | None, unit: str, qualifier: str | None = None, lang: str = "zh",
                 compact: bool = False, scale: int | None = None) -> str:
    """99.96 -> '99.96%', 3020000 -> '3,020,000 件' (compact: '302万件' / '3.02 M'),
    with 约/超过 kept; English counts money in millions, compact or not: 11092.98万元 is
    110.9298 M CNY in full (every digit kept), 110.9 M CNY compact, never "10k CNY" beside
    "M CNY". Compact forms only drop digits the reader can see in full on hover;
    scale: the divisor shared with the figures beside this one (compact_scale), else
    this figure's own."""
    if value is None:
        return "—"
    number = plain_number(value)
    scale = (scale or compact_scale([value], unit, lang)) if compact else 1
    if unit in _MONEY and lang == "en":
        millions = value / 100
        number = plain_number(round(millions, 1)) if compact else f"{millions:,.4f}".rstrip("0").rstrip(".")
        unit = "M CNY"
    elif scale != 1 and unit in _MONEY:
        number = f"{plain_number(round(value / 10_000, 2))}亿"
        unit = "元"
    elif scale != 1:
        number = f"{plain_number(round(value / 10_000, 2))}万" if lang == "zh" else (
            f"{plain_number(round(value / 1_000_000, 2))} M" if scale == 1_000_000 else f"{plain_number(round(value / 1000, 1))} k")
    text = f"{number}%" if unit == "%" else f"{number}{'' if lang == 'zh' and compact else ' '}{unit}".strip()
    if qualifier in ("约", "超过"):
        prefix = t("approx" if qualifier == "约" else "more_than", lang)
        text = f"{prefix}{'' if lang == 'zh' else ' '}{text}"
    elif qualifier:
        text = f"{qualifier}{text}"
    return text


def district_year(district: str, year: int, lang: str = "zh", period: str | None = None) -> str:
    """'番禺（2021 年）' or 'Panyu (2021, 1-10月)'."""
    label = t("district_year", lang, district=district_name(district, lang), year=year)
    if period:
        label = label[:-1] + f"，{period}）" if lang == "zh" else label[:-1] + f", {period})"
    return label


def bureau_named(frame: pl.DataFrame, column: str = "district") -> pl.DataFrame:
    """The frame with `column` naming the bureau wherever the frame shows two bureaus
    of one place: 平潭 -> 平潭·市场监督管理局 and 平潭·环岛公路建设指挥部, so that their bars,
    lines, cells and rows are told apart; a place with one bureau keeps its name. For
    what is drawn and shown, after a page has filtered by district."""
    if "bureau" not in frame.columns or frame.is_empty():
        return frame
    several = pl.col("bureau").fill_null("").n_unique().over(column) > 1
    return frame.with_columns(
        pl.when(several).then(pl.concat_str([pl.col(column), pl.lit(BUREAU_MARK), pl.col("bureau").fill_null("")]))
        .otherwise(pl.col(column)).alias(column))


def file_stem(kpi_id: str, years: list[int], districts: list[str]) -> str:
    """A download's file name that says what is in it: kpi_2021-2023_白云-增城."""
    years = sorted(set(years))
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "all")
    return f"{kpi_id}_{span}_{'-'.join(districts)}" if districts else f"{kpi_id}_{span}"


def reported_kpi_ids(catalog: pl.DataFrame, summary: pl.DataFrame) -> list[str]:
    """The KPIs that have values (summary: kpi_summary's rows), grouped by category
    (budget, performance, service, hotline, …), in the catalog's order within a group."""
    reported = set(summary["kpi_id"].to_list())
    rows = [(k, c) for k, c in catalog.select("kpi_id", "category").iter_rows() if k in reported]
    order = list(dict.fromkeys(c for _, c in rows))
    return [k for k, _ in sorted(rows, key=lambda row: order.index(row[1]))]
