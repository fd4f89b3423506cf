"""One colour per district on pages and in exports, and colours told apart by a reader
with deuteranopia (simulated with Machado, Oliveira & Fernandes 2009, severity 1)."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from dashboard import export
from dashboard.charts import DISTRICT_COLORS, PALETTE, benchmark_bars, district_color
from dashboard.kpis import kpi_info

DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))


def seen_with_deuteranopia(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* of the colour as a deuteranope sees it."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    rgb = [linear(int(color[i:i + 2], 16) / 255) for i in (1, 3, 5)]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in DEUTERANOPIA)
    x, y, z = 0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b, 0.0193 * r + 0.1192 * g + 0.9505 * b

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x / 0.95047), f(y), f(z / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_every_pair_of_district_colours_is_apart_under_deuteranopia():
    closest = min(math.dist(seen_with_deuteranopia(a), seen_with_deuteranopia(b))
                  for a, b in itertools.combinations(PALETTE, 2))
    assert len(set(PALETTE)) == len(DISTRICT_COLORS) == 11 and closest > 15  # ΔE*ab; 2.3 is just noticeable


def test_a_place_from_elsewhere_has_one_colour_wherever_it_is_drawn():
    # the same colour in another process (a page's server, an export's command line): not a salted hash()
    import subprocess
    import sys

    elsewhere = subprocess.run([sys.executable, "-c", "from dashboard.charts import district_color; "
                                "print(district_color('普陀'), district_color('平潭'))"],
                               capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "random"}).stdout.split()
    assert elsewhere == [district_color("普陀"), district_color("平潭")]
    assert district_color("普陀") == "#F0E442"  # by its characters: (ord 普 + ord 陀) % 11 = 6, the palette's 7th
    assert district_color("番禺") == "#0072B2"


@pytest.fixture(autouse=True)
def session_warehouse(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))


def test_the_image_uses_the_pages_district_colours():
    from dashboard.data import load

    rows = load("benchmark", kpi="service_satisfaction_rate", alignment="latest")
    figure = benchmark_bars(rows, kpi_info(load("catalog"), "service_satisfaction_rate"))
    page_colours = dict(zip(rows["district"].to_list(), figure.data[0].marker.color, strict=True))
    assert page_colours == {d: DISTRICT_COLORS[d] for d in ("番禺", "增城", "白云")}
    svg = export.svg(export.chart_export(figure, rows, "service_satisfaction_rate", "%", load("documents")))
    fills = {c.lower() for c in re.findall(r"fill: ?(#[0-9a-fA-F]{6}|rgb\([^)]*\))", svg.decode())}
    as_rgb = {f"rgb({int(c[1:3], 16)}, {int(c[3:5], 16)}, {int(c[5:7], 16)})" for c in page_colours.values()}
    assert as_rgb <= fills or {c.lower() for c in page_colours.values()} <= fills
