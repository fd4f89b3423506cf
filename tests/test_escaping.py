"""Untrusted text stays text: a report carrying HTML, script tags and markdown is
added like any other, and every page shows those characters as characters (md()
escapes them for markdown, captions and tooltips; Plotly gets them as entities)."""

from __future__ import annotations

import re

import polars as pl
import pytest
from add_helpers import built_site, tianhe_report
from app_helpers import BUDGET_VIEWS
from streamlit.testing.v1 import AppTest

from dashboard.charts import budget_treemap, project_bars
from etl import add, intake
from etl.build import ROOT

APP = str(ROOT / "streamlit_app.py")
PAGES = ["overview", "benchmark", "trends", "budget", "sources", "add_report"]
SCRIPT = "<script>alert('x')</script> **粗体** [链接](javascript:alert(1))"
IMAGE = "<img src=x onerror=alert(1)>"
UNESCAPED = re.compile(r"(?<!\\)<(?:script|img)")


def hostile_report() -> bytes:
    lines = tianhe_report().decode().splitlines()
    assert lines[1] == "附件 2" and lines[116].startswith("全年预算数 6,302.34万元")
    lines[1] = f"附件 2 {SCRIPT}"  # in the title
    lines[116] = IMAGE + lines[116]  # in the quote of 全年预算数 and 执行率
    return "\n".join(lines).encode()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = built_site(tmp_path_factory.mktemp("hostile") / "site")
    preview = add.preview(intake.read_upload("hostile.txt", hostile_report()), raw_dir=site.raw, manifest_path=site.manifest)
    assert SCRIPT.replace(" ", "") in preview.document.title.replace(" ", "")
    assert any(IMAGE in o.quote for o in preview.observations)
    add.accept(preview, raw_dir=site.raw, manifest_path=site.manifest, db_path=site.db)
    return site


def rendered_texts(at: AppTest) -> list[str]:
    """Everything a page renders as markdown: text, captions, alerts, metric labels and tooltips."""
    texts = [e.value for kind in ("markdown", "caption", "warning", "info", "success", "error", "subheader", "title")
             for e in at.get(kind)]
    texts += [m.label for m in at.metric] + [m.proto.help for m in at.metric]
    return texts


def opened(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run()
    if page != "overview":
        at.query_params["value"] = "budget_total|天河|2021"
        at.query_params["q"] = "onerror"
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(str(ROOT / "dashboard" / "pages" / f"{page}.py"))
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", PAGES)
def test_document_html_shows_as_text_on_every_page(site, monkeypatch, page):
    for key, value in site.env().items():
        monkeypatch.setenv(key, value)
    at = opened(page)
    texts = rendered_texts(at)
    if page == "budget":  # every view of the page, each one click away
        texts += [text for params in BUDGET_VIEWS[1:] for text in rendered_texts(opened(page, **params))]
    assert [text for text in texts if UNESCAPED.search(text)] == []
    if page == "overview":  # the 天河 card's source tooltip carries the title and the quote, escaped
        helps = "\n".join(m.proto.help for m in at.metric)
        assert r"\<script\>alert\('x'\)\</script\>\*\*粗体\*\*\[链接\]\(javascript\:alert\(1\)\)" in helps  # title: spaces dropped
        assert r"\<img src=x onerror=alert\(1\)\>" in helps
    if page == "sources":  # the context caption names the document by its title
        assert any(r"\<script\>" in text for text in texts)
        hits = next(element.proto.body for element in at.get("html") if "zs-search" in element.proto.body)
        # found by search, shown as text in the results' table: escaped, the term marked after escaping
        assert "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;" in hits and not UNESCAPED.search(hits)


def test_chart_labels_from_documents_are_entities_for_plotly():
    lines = pl.DataFrame({"code": ["201", "20103"], "name": ["<b>一般</b>", "<a href='x'>事务</a>"],
                          "parent_code": [None, "201"], "value": [10.0, 10.0]})
    treemap = budget_treemap(lines, "支出决算表 · <i>本年支出合计</i>")
    assert list(treemap.data[0].labels) == ["合计", "201 &lt;b&gt;一般&lt;/b&gt;", "20103 &lt;a href='x'&gt;事务&lt;/a&gt;"]
    # escaped, and broken at its ' · ' for a phone (16.5 ems as shown, the tags' letters counted)
    assert treemap.layout.title.text == "支出决算表<br>&lt;i&gt;本年支出合计&lt;/i&gt;"
    bars = project_bars(pl.DataFrame({"project_name": ["<script>x</script>"], "total": [1.0]}), "projects")
    assert list(bars.data[0].y) == ["&lt;script&gt;x&lt;/script&gt;"]
