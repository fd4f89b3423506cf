"""Opening the app as the tests see it: a page in AppTest (Streamlit's script runner),
and, in headless Chromium, waiting for a page to settle and taking its screenshot.
The browser itself is the session's `browser` fixture (conftest.py)."""

from __future__ import annotations

import json
import os
import re

from playwright.sync_api import Page, expect
from streamlit.testing.v1 import AppTest

from etl.build import ROOT

APP = str(ROOT / "streamlit_app.py")
ARTIFACTS = ROOT / "tests" / "artifacts"
DOCS = ROOT / "docs"


def open_page(page: str, lang: str = "zh", **params: str) -> AppTest:
    """A page of the app in `lang`, with these query parameters, run without an exception."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    if page != "overview":
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(str(ROOT / "dashboard" / "pages" / f"{page}.py"))
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# The Budget page draws one view at a time (?view=, the lines of a document as a table on
# ?accounts_as=table): each is one click away on the page; tests that read every part of the
# page open each of these (test_app checks that the page offers exactly these views).
BUDGET_VIEWS = ({}, {"view": "spending"}, {"view": "checks"}, {"view": "compare"}, {"view": "projects"},
                {"accounts_as": "table"})

# What a page draws only when asked, each a choice kept in the link: the Sources page's tables
# after the search, one at a time; the Benchmark page's scorecard; the Budget page's views
# other than the one it opens on, and its accounts as a table.
ON_DEMAND = {"sources": [{"table": table} for table in ("conflicts", "decisions", "checks", "coverage", "documents")],
             "benchmark": [{"scorecard": "1"}],
             "trends": [{"table": "yoy"}],
             "budget": list(BUDGET_VIEWS[1:])}


def open_views(page: str, lang: str = "zh", **params: str) -> list[AppTest]:
    """The page as it opens, then once with each part it draws only when asked (ON_DEMAND)."""
    return [open_page(page, lang, **params), *(open_page(page, lang, **params, **view) for view in ON_DEMAND.get(page, []))]


def texts(at: AppTest) -> str:
    """The page's markdown, captions and warnings as a reader sees them (escapes removed)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def settle(page: Page, heading: str) -> None:
    """Wait for the page's heading, then for Streamlit to finish running the script."""
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
    page.wait_for_timeout(500)


def hover_texts(page: Page, chart, points: str) -> list[str]:
    """The hover label of every point (bar, dot, cell, tile) matched by `points` in `chart`."""
    chart.scroll_into_view_if_needed()
    expect(chart.locator(points).first).to_be_attached()
    texts: list[str] = []
    for index in range(chart.locator(points).count()):
        chart.locator(points).nth(index).hover(force=True)
        label = page.locator(".hoverlayer .hovertext").first
        expect(label).to_be_visible()
        if texts:  # the label of this point, not the last one's still showing
            expect(label).not_to_have_text(texts[-1])
        texts.append(label.text_content())
    return texts


def screenshot(page: Page, name: str, clip: dict | None = None) -> None:
    """Into tests/artifacts/; with UPDATE_SCREENSHOTS=1 also the README's image in docs/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", clip=clip)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        (DOCS / "screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=DOCS / "screenshots" / f"{name}.png", clip=clip)


def screenshot_from(page: Page, heading, name: str, x: float, width: float, height: float) -> None:
    """`screenshot` of the part of the page from `heading` down: the heading scrolled to the screen's
    middle first, so that what follows it is on the screen too (a clip past the screen is cut short)."""
    heading.evaluate("h => h.scrollIntoView({block: 'center'})")
    box = heading.bounding_box()
    screenshot(page, name, clip={"x": x, "y": max(box["y"] - 24, 0), "width": width, "height": height})




def everything(at: AppTest) -> str:
    """All a reader can see or pick on a page: its texts, tables, the options of its pickers and its charts."""
    parts = [texts(at)]
    parts += [frame.value.to_string() for frame in at.dataframe]
    parts += [str(option) for widget in [*at.selectbox, *at.multiselect] for option in widget.options]
    parts += [chart.proto.spec for chart in at.get("plotly_chart")]
    return "\n".join(parts)

