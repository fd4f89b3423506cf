"""Possible figures: every figure the reading (etl.reading) took for a KPI's that no
observation claims, shown in the review with its role and the words that decided,
and never loaded unless a person adds one.

They are ranked for a person sorting a report: figures that read as the year's result
first (the rules and the reading found another figure of their KPI, or a part of the
year), then targets, then what is not the district's year's own figure, each labelled
as what it is — a part-year figure, a change, a per-day or average figure, a count
since an earlier year, a larger area's, a share, a project's, a part of a total.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.documents import Document
from etl.extract import Observation
from etl.reading import read

# The order a person sorts possible figures in: results first, then targets, then the rest.
ROLE_ORDER = ("result", "target", "part", "change", "previous_year", "average", "cumulative", "share", "project",
              "larger_area")


@dataclass(frozen=True)
class Candidate:
    kpi_id: str
    value: float
    unit: str
    line: int
    quote: str
    role: str = "result"  # what the reading decided the figure is (ROLE_ORDER)
    period: str | None = None
    why: str = ""  # the words that decided


def find_candidates(doc: Document, claimed: list[Observation]) -> list[Candidate]:
    """Every figure of the document the reading took for a KPI's, that no observation
    claims (same line and value), ranked by role, then in the document's order."""
    taken = {(o.line, round(o.value, 6)) for o in claimed}
    found = []
    for reading in read(doc, tables=doc.kind != "final_accounts"):
        decision, figure = reading.decision, reading.figure
        if not decision.kpi_id or (figure.line, round(figure.value, 6)) in taken:
            continue
        found.append(Candidate(kpi_id=decision.kpi_id, value=figure.value, unit=figure.unit, line=figure.line,
                               quote=reading.quote, role=decision.role, period=decision.period, why=decision.why))
    order = {role: i for i, role in enumerate(ROLE_ORDER)}
    return sorted(found, key=lambda c: (order.get(c.role, len(order)), c.period is not None, c.line))
