"""A table as it leaves the dashboard (CSV, Excel): headers in the page's language, a
KPI's name beside its id, figures as a document writes them (2750, not 2750.0; -0.46,
not -0.45999999999999375).

No Python function runs inside Polars here (dashboard/labels.py says why): numbers are
written in this thread, over values taken out of the frame."""

from __future__ import annotations

import polars as pl

from dashboard.i18n import DISTRICTS_EN, KINDS, STATUS, column_name


def as_written(value: float | None) -> str | None:
    """A figure without a float's trailing .0 or binary noise: 2750.0 -> '2750',
    -0.45999999999999375 -> '-0.46', 89.483547 -> '89.483547'. No thousands separators:
    a spreadsheet reads the cell as a number."""
    if value is None:
        return None
    text = f"{round(value, 10):.10f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def with_kpi_names(frame: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """kpi_name (the catalog's name in the page's language) right after kpi_id."""
    if "kpi_id" not in frame.columns or "kpi_name" in frame.columns:
        return frame
    named = frame.with_columns(pl.col("kpi_id").replace_strict(names, default=pl.col("kpi_id"), return_dtype=pl.Utf8)
                               .alias("kpi_name"))
    order = frame.columns
    at = order.index("kpi_id") + 1
    return named.select([*order[:at], "kpi_name", *order[at:]])


def readable_table(frame: pl.DataFrame, lang: str = "zh", kpi_names: dict[str, str] | None = None) -> pl.DataFrame:
    """The frame as a download holds it: the KPI's name beside its id, floats as written,
    known columns named in `lang` (dashboard.i18n.column_name), a column named by a KPI id by that
    KPI's name (a pivot's columns); statuses, kinds of document (and districts in English)
    named; other columns as they are."""
    if kpi_names:
        frame = with_kpi_names(frame, kpi_names)
    index = 1 if lang == "en" else 0
    coded = {"status": {code: names[index] for code, names in STATUS.items()},
             "doc_kind": {code: names[index] for code, names in KINDS.items()},
             "kind": {code: names[index] for code, names in KINDS.items()},
             "district": DISTRICTS_EN if lang == "en" else {}}
    frame = frame.with_columns(pl.col(name).replace(codes) for name, codes in coded.items()
                               if codes and frame.schema.get(name) == pl.Utf8)
    written = [pl.Series(name, [as_written(v) for v in frame[name].to_list()], dtype=pl.Utf8)
               if dtype.is_float() else frame[name] for name, dtype in frame.schema.items()]
    headers = {name: column_name(name, lang) or (kpi_names or {}).get(name, name) for name in frame.columns}
    taken: set[str] = set()
    for name, header in headers.items():  # two columns never share a header (quote and text are both 原文)
        headers[name] = header if header not in taken else f"{header} ({name})"
        taken.add(headers[name])
    return pl.DataFrame(written).rename(headers)
