"""Every table on every page speaks the page's language (issue 14): headers from the
catalog or dashboard/i18n.py, coded values (status, kind, check type, KPI id, stage)
named, empty cells empty; on the real warehouse and with the corpus reports added."""

from __future__ import annotations

import re

import pytest
from app_helpers import open_views

PAGES = ["overview", "benchmark", "trends", "budget", "sources", "briefing", "add_report"]
# warehouse codes a reader should never see: snake_case ids, document ids, status and stage codes
CODED = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$|^\d{3}_[0-9a-f]{16}$|"
                   r"^(?:actual|derived|reported|conflict|reviewed|entered|target|final|budget|latest|same_year)$")


def tables(page: str, lang: str) -> list:
    """Every table of the page, those drawn only when asked too (each of the Budget page's views)."""
    return [frame.value for at in open_views(page, lang) for frame in at.dataframe]


def problems(frame, lang: str) -> list[str]:
    found = [f"header {c}" for c in frame.columns if re.fullmatch(r"[a-z0-9_]+", str(c))]
    found += [f"empty as None in {c}" for c in frame.columns if frame[c].isna().any()
              or frame[c].astype(str).isin(["None", "nan", "null"]).any()]
    found += [f"code {v!r} in {c}" for c in frame.columns for v in frame[c].dropna().astype(str).unique() if CODED.match(v)]
    if lang == "en":  # district and document names stay as written; headers never do
        found += [f"Chinese header {c}" for c in frame.columns if re.search(r"[\u4e00-\u9fff]", str(c))
                  and not re.fullmatch(r"[\u4e00-\u9fff]{1,6} \d{4}", str(c))]  # a district without an English name, and a year
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_tables_on_the_sources_warehouse(page, lang, warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    assert [p for frame in tables(page, lang) for p in problems(frame, lang)] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["benchmark", "budget", "sources"])
def test_tables_with_reports_from_other_places(page, lang, with_corpus, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(with_corpus))
    assert [p for frame in tables(page, lang) for p in problems(frame, lang)] == []


@pytest.mark.parametrize("page", PAGES)
def test_no_chinese_only_label_in_the_english_ui(page, warehouse, monkeypatch):
    """Labels, messages and choices of the English page have English in them; names of districts, documents and
    the documents' own items (a project, a 功能分类 code's name) stay as written."""
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))
    as_written = {"param_lang", "param_districts", "param_code", "param_project_002_340db7d787a70fbc", "param_value"}
    texts = []
    for at in open_views(page, "en"):  # the parts drawn only when asked too
        texts += [e.value for kind in ("title", "subheader", "caption", "info", "warning", "success", "error") for e in at.get(kind)]
        texts += [e.label for kind in ("selectbox", "radio", "multiselect", "button", "text_input", "download_button")
                  for e in at.get(kind)] + [m.label for m in at.metric]
        texts += [o for kind in ("selectbox", "radio", "multiselect") for e in at.get(kind)
                  if getattr(e, "key", None) not in as_written for o in e.options]
    chinese_only = [x for x in texts if isinstance(x, str) and re.search(r"[\u4e00-\u9fff]", x)
                    and not re.search(r"[A-Za-z]", x) and x.strip() not in {"中文"}]
    districts = {"番禺", "白云", "增城"}
    assert len(texts) >= 3 and [x for x in chinese_only if x not in districts] == []
