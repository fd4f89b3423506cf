"""Small page building blocks shared by every page: the language, controls whose
state lives in st.query_params (so a copied link reproduces the view), downloads,
and source captions."""

from __future__ import annotations

import functools
import importlib
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import altair as alt
import polars as pl
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import export
from dashboard.data import load, pinned_version
from dashboard.export import csv_bytes, readable_table, with_kpi_names
from dashboard.i18n import district_name, t
from dashboard.kpis import KpiInfo, kpi_info, reported_kpi_ids
from dashboard.summary import HEADLINE_KPIS, headline_sentences
from dashboard.watchdog import bound_seconds, bounded

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: object) -> str:
    """Document text made safe for st.markdown, captions and help tooltips: every
    markdown and HTML character is escaped, so a report's text shows as text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def lang() -> str:
    """The language of this view: 'zh' (default) or 'en', from ?lang=."""
    return "en" if st.query_params.get("lang") == "en" else "zh"


def catalog() -> pl.DataFrame:
    return load("catalog")


def catalog_column(column: str) -> dict[str, object]:
    """kpi_id -> the catalog's `column` (name_zh, unit_en, category, …), once per warehouse build."""
    return _catalog_column(column, pinned_version())


@functools.lru_cache(maxsize=64)
def _catalog_column(column: str, version: tuple[str, float]) -> dict[str, object]:
    return dict(catalog().select("kpi_id", column).iter_rows())


def reported_kpis() -> list[str]:
    """The KPIs that have values, grouped by category (dashboard.kpis.reported_kpi_ids); a
    list of the page's own."""
    return list(reported_kpis_of(pinned_version()))


@functools.lru_cache(maxsize=16)
def reported_kpis_of(version: tuple[str, float]) -> tuple[str, ...]:
    """reported_kpis() of one warehouse build."""
    return tuple(reported_kpi_ids(catalog(), load("kpi_summary")))


@functools.lru_cache(maxsize=16)
def kpi_infos(language: str, version: tuple[str, float]) -> dict[str, KpiInfo]:
    """Per language and warehouse version (a plain cache: looked up once per metric)."""
    frame = catalog()
    return {kpi_id: kpi_info(frame, kpi_id, language) for kpi_id in frame["kpi_id"].to_list()}


@functools.lru_cache(maxsize=16)
def _headlines(language: str, version: tuple[str, float]) -> tuple[str, ...]:
    return tuple(headline_sentences(load("headline_values", kpis=list(HEADLINE_KPIS)), catalog(), language,
                                    latest=load("overview", kpis=list(HEADLINE_KPIS))))


def headlines() -> tuple[str, ...]:
    """The Overview's headline sentences, once per language and warehouse version."""
    return _headlines(lang(), pinned_version())


def info(kpi_id: str) -> KpiInfo:
    return kpi_infos(lang(), pinned_version())[kpi_id]


def fragment(func: Callable[[], None]) -> Callable[[], None]:
    """st.fragment (a part of a page that a choice in it reruns alone), its reruns bounded in
    time as a page's runs are (dashboard.watchdog): a fragment's rerun does not go through
    the page's run, and its own handler would have shown the stop as a traceback."""

    @functools.wraps(func)
    def part() -> None:
        bounded_run(func, what=f"part {func.__name__}")

    return st.fragment(part)


def bounded_run(run: Callable[[], object], what: str) -> None:
    """run() within the bound on a run (dashboard.watchdog); past it, the session is told so
    in its language."""
    bounded(run, what=what, on_too_long=lambda: st.error(t("run_too_long", lang(), seconds=f"{bound_seconds():.0f}")))


def keep_param(param: str, value: str) -> None:
    """?param=value in the URL. Each change of the query string is a message the browser
    acts on (a history entry, the page's address matched again): sent only when the value
    differs from the address's."""
    if st.query_params.get(param) != value:
        st.query_params[param] = value


def select_param(label: str, options: Sequence[str], param: str, default: str | None = None,
                 format_func: Callable[[str], str] = str, horizontal: bool = False, radio: bool = False,
                 scope: str = "", segmented: bool = False) -> str:
    """A selectbox (or radio, or segmented control) whose value is kept in ?param= of the
    URL. scope: what its options depend on (a document), so that other options make a
    fresh widget. segmented: one button per option, one always chosen (a page's views)."""
    options = list(options)
    current = st.query_params.get(param)
    if current not in options:
        current = default if default in options else options[0]
    key = f"param_{param}_{scope}" if scope else f"param_{param}"
    if segmented:
        value = st.segmented_control(label, options, default=current, required=True, format_func=format_func, key=key,
                                     wrap=True)
    else:
        widget = st.radio if radio else st.selectbox
        extra = {"horizontal": horizontal} if radio else {}
        value = widget(label, options, index=options.index(current), format_func=format_func, key=key, **extra)
    keep_param(param, value)
    return value


def view_param(label: str, options: Sequence[str], param: str, format_func: Callable[[str], str] = str) -> str | None:
    """A row of buttons choosing which one of several views a page draws, kept in ?param=
    of the URL; None until one is chosen (a second click on the chosen one closes it).
    Only the chosen view is run and drawn: a closed st.expander or a st.tabs tab mounts its
    body in the browser all the same."""
    options = list(options)
    asked = st.query_params.get(param)
    value = st.segmented_control(label, options, default=asked if asked in options else None, format_func=format_func,
                                 key=f"param_{param}")
    if value is None:
        st.query_params.pop(param, None)
    else:
        keep_param(param, value)
    return value


def multiselect_param(label: str, options: Sequence[str], param: str, default: Sequence[str] | None = None,
                      format_func: Callable[[str], str] = str) -> list[str]:
    """A multiselect whose values are kept, comma-separated, in ?param= of the URL."""
    options = list(options)
    if param in st.query_params:
        current = [v for v in st.query_params[param].split(",") if v in options]
    else:
        current = list(default if default is not None else options)
    values = st.multiselect(label, options, default=current, format_func=format_func, key=f"param_{param}",
                            placeholder=t("choose", lang()))
    keep_param(param, ",".join(values))
    return values


# The chosen options of a multiselect wrap onto more lines instead of scrolling out of
# sight: on a phone (or with long KPI names) a chip and its × were cut off at the edge.
# In the app's one page-wide element (streamlit_app.py), the same on every page.
WRAPPED_CHIPS = ("<style>[data-testid=stMultiSelectTagsContainer]{flex-wrap:wrap;overflow:visible;height:auto;}"
                  "div:has(> [data-testid=stMultiSelectTagsContainer]){max-height:none;height:auto;}</style>")


def district_picker(available: Sequence[str]) -> list[str]:
    current_lang = lang()
    return multiselect_param(t("districts", current_lang), available, "districts",
                             format_func=lambda d: district_name(d, current_lang))


def kpi_picker(kpi_ids: Sequence[str], default: str | None = None) -> str:
    """The KPI, each shown with its group: '服务 · 政务服务群众满意率'."""
    current_lang = lang()
    names = kpi_names()
    groups = catalog_column("category")
    asked = st.query_params.get("kpi")
    kpi_id = select_param(t("kpi", current_lang), kpi_ids, "kpi", default,
                          format_func=lambda k: f"{t(f'category_{groups[k]}', current_lang) if k in groups else ''} · {names.get(k, k)}")
    if asked and asked not in kpi_ids:  # a mistyped or outdated link: say what is shown instead, never silently
        st.warning(t("unknown_kpi", current_lang, asked=escape_markdown(asked), shown=escape_markdown(names.get(kpi_id, kpi_id))))
    return kpi_id


@dataclass(frozen=True)
class Built:
    """A chart from a dashboard.charts builder; spec is an Altair chart's Vega-Lite
    dict (None for Plotly), converted once instead of on every run."""

    figure: object
    spec: dict | None


@st.cache_resource(show_spinner=False, max_entries=256)
def _build(module: str, name: str, args: tuple, kwargs: dict) -> Built:
    figure = getattr(importlib.import_module(module), name)(*args, **kwargs)
    return Built(figure, figure.to_dict() if isinstance(figure, alt.TopLevelMixin) else None)


def chart(builder: Callable, *args: object, **kwargs: object) -> Built:
    """builder(*args, **kwargs), built once per arguments (frames are hashed by
    content) and shared by every later run and session: building and validating
    a figure costs more than the rest of a page's run (bench/RESULTS.md). Nothing
    changes a figure after it is built: st.plotly_chart and the exports copy it."""
    return _build(builder.__module__, builder.__name__, args, kwargs)


def xlsx_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_excel(buffer, autofit=True)
    return buffer.getvalue()


def kpi_names() -> dict[str, str]:
    """Each KPI's name in the page's language, by its id."""
    return catalog_column("name_en" if lang() == "en" else "name_zh")


def table_for_download(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame as a download holds it: headers in the page's language, the KPI's name
    beside its id, figures as written (dashboard.export.table)."""
    return readable_table(frame, lang(), kpi_names())


def download_menu(key: str) -> DeltaGenerator:
    """One closed menu, 下载 / Download, holding a chart's or a table's download buttons.
    Streamlit 1.67's popover mounts its contents in the browser only while it is open
    (its frontend draws the body only when expanded; an expander would mount them
    closed too), so a page draws one button per chart or table instead of two or three,
    each with its tooltip: the Budget page's DOM after load went from 2,101 nodes to
    1,743, Benchmark's from 1,184 to 1,019 (Chromium, 2026-12-05). Opening it
    does not rerun the page (on_change="ignore"); the files are still made only when a
    button inside is clicked."""
    return st.popover(t("download_menu", lang()), icon=":material/download:", key=f"{key}_downloads")


def download_buttons(frame: pl.DataFrame, file_stem: str, key: str) -> None:
    """CSV and XLSX of exactly this table, in its download menu, written only when a
    button is clicked (an XLSX costs more than the rest of a page's run); headers in the
    page's language."""
    current_lang, names = lang(), kpi_names()

    def table() -> pl.DataFrame:  # only when a button is clicked
        return readable_table(frame, current_lang, names)

    menu = download_menu(key)
    menu.download_button(t("download_csv", current_lang), lambda: csv_bytes(table()), file_name=f"{file_stem}.csv",
                         mime="text/csv", key=f"{key}_csv", width="stretch", on_click="ignore",
                         help=t("download_table_help", current_lang, rows=frame.height, file=escape_markdown(f"{file_stem}.csv")))
    menu.download_button(t("download_xlsx", current_lang), lambda: xlsx_bytes(table()), file_name=f"{file_stem}.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
                         width="stretch", on_click="ignore",
                         help=t("download_table_help", current_lang, rows=frame.height, file=escape_markdown(f"{file_stem}.xlsx")))


def source_text(title: str, line: int, quote: str | None = None, exact: str | None = None) -> str:
    """'来源：title 第 548 行：“quote”' in the current language (plain text, never HTML)."""
    current_lang = lang()
    text = f"{t('source', current_lang)}: {escape_markdown(title)} · {t('line', current_lang, line=line)}"
    if exact:
        text = f"{escape_markdown(exact)}\n\n{text}"
    return f"{text}\n\n“{escape_markdown(quote)}”" if quote else text


def guard(condition: bool, message_key: str) -> None:
    """Stop the page with a message that says what to do."""
    if not condition:
        st.info(t(message_key, lang()))
        st.stop()


class ChartData(NamedTuple):
    """What a chart's downloads are made from: the files' name and the rows it draws,
    each KPI named beside its id (the CSV's); made once by chart_data."""

    stem: str
    rows: pl.DataFrame


def chart_data(data: pl.DataFrame, name: str, language: str) -> ChartData:
    return ChartData(export.export_stem(data, name, language),
                     with_kpi_names(data, catalog_column("name_en" if language == "en" else "name_zh")))


def chart_downloads(figure: object, data: pl.DataFrame | ChartData, name: str, unit: str, key: str, title: str | None = None,
                    notes: tuple[str, ...] = ()) -> None:
    """Under a chart, in its download menu: PNG (2×), SVG and the CSV of exactly the
    numbers it shows, each made by dashboard.export from the page's own figure. The files are made on the
    server only when a button is clicked (st.download_button calls `data` then), so
    the page itself renders no image.

    data: the rows the chart draws, with district, year, doc_id and line (or chart_data's
    of them, made once); name: what
    the chart is, the start of the file name (a kpi_id, budget_vs_execution, ...);
    notes: the lines said under the chart on the page, said under the image too.
    """
    current_lang = lang()
    documents = load("documents")
    stem, data = data if isinstance(data, ChartData) else chart_data(data, name, current_lang)

    def made() -> export.ChartExport:  # only when a button is clicked
        return export.chart_export(figure, data, name, unit, documents, current_lang, title, notes)

    menu = download_menu(key)
    menu.download_button(t("download_png", current_lang), lambda: export.png(made()), file_name=f"{stem}.png",
                         mime="image/png", key=f"{key}_png", help=t("download_png_help", current_lang), on_click="ignore",
                         icon=":material/image:", width="stretch")
    menu.download_button(t("download_svg", current_lang), lambda: export.svg(made()), file_name=f"{stem}.svg",
                         mime="image/svg+xml", key=f"{key}_svg", help=t("download_svg_help", current_lang), on_click="ignore",
                         icon=":material/polyline:", width="stretch")
    menu.download_button(t("download_chart_csv", current_lang), lambda: export.csv(made()), file_name=f"{stem}.csv",
                         mime="text/csv", key=f"{key}_chart_csv", help=t("download_chart_csv_help", current_lang),
                         on_click="ignore", icon=":material/table:", width="stretch")


# The link is the page's own address, read in the browser and kept current there: a
# fragment's rerun (a part of a page redrawn alone) changes the address but cannot
# redraw the sidebar. Chinese names stay readable (browsers accept them); commas and
# bars stay as they are; only what would break a query is escaped.
_SHARE_LINK = """<div class="zs-share"><code id="zs-share-link" style="display:block;white-space:pre-wrap;word-break:break-all;
font-size:0.8rem;background:rgba(172,177,195,0.15);border-radius:0.5rem;padding:0.75rem 1rem;"></code>
<button id="zs-share-copy" type="button" style="margin-top:0.4rem;font-size:0.8rem;border:1px solid rgba(49,51,63,0.2);
border-radius:0.5rem;background:transparent;padding:0.2rem 0.7rem;cursor:pointer;">COPY</button></div>
<script>
(function () {
  function link() {
    const query = Array.from(new URLSearchParams(location.search)).map(([key, value]) =>
      encodeURIComponent(key) + "=" + encodeURIComponent(value).replace(/%2C/g, ",").replace(/%7C/g, "|")).join("&");
    return decodeURI(location.origin + location.pathname + (query ? "?" + query : ""));
  }
  function show() {
    const box = document.getElementById("zs-share-link");
    if (box && box.textContent !== link()) box.textContent = link();
  }
  show();
  if (!window.zsShareTimer) window.zsShareTimer = setInterval(show, 300);
  const button = document.getElementById("zs-share-copy");
  if (button && !button.dataset.ready) {
    button.dataset.ready = "1";
    function said(ok) {  // the button says what happened for two seconds
      button.textContent = ok ? "COPIED" : "NOT_COPIED";
      setTimeout(function () { button.textContent = "COPY"; }, 2000);
    }
    button.addEventListener("click", function () {
      const text = link();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { said(true); }, function () { said(false); });
        return;
      }
      const range = document.createRange();  // plain http: select the link and copy it the old way
      range.selectNodeContents(document.getElementById("zs-share-link"));
      const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
      let copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      said(copied);
    });
  }
})();
</script>"""


def share_link(language: str) -> None:
    """The view's link with a copy button: the page and every choice in its query
    string, so that the link opens the same view."""
    st.caption(t("copy_link", language))
    st.html(_SHARE_LINK.replace("NOT_COPIED", t("copy_failed", language)).replace("COPIED", t("copied", language))
            .replace("COPY", t("copy", language)), unsafe_allow_javascript=True)
