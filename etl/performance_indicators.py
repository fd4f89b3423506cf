"""绩效指标完成情况 of self-evaluation reports: each indicator's 年度指标值 against its
实际完成值, and whether it was met.

Reports write the results in one of three ways:

- one sentence per indicator, under each project's numbered heading (白云 2021; etl/indicator_sentences.py):
  "（7）迁移上云系统数量：年度指标值为迁移上云系统数量≥100个，实际迁移上云系统 158个；"
- a table 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成指标值 (番禺 2021), which PDF
  extraction flattens into one cell line after another; see etl/indicator_tables.py;
- the same table with its cells delimited, by "|" (the product's PDF reader) or by
  spaces on one line (the same module).

The figures of each indicator and whether it was met: etl/indicator_figures.py.

A report with none (增城 2023 gives only scores per dimension) has no rows; one that
has such a table or list but gives no row is flagged (unread_indicators).
"""

from __future__ import annotations

import re

from etl.documents import Document
from etl.indicator_sentences import sentence_indicators
from etl.indicator_tables import cell_indicators, table_indicators


def extract_indicators(doc: Document) -> list[dict]:
    """Every indicator result of one self-evaluation report, as rows of
    performance_indicators."""
    return sentence_indicators(doc) + table_indicators(doc) + cell_indicators(doc)


# A report that has a 绩效指标 table or list: its header words.
_HAS_INDICATORS = re.compile(r"三级指标|(?:年度)?指标值.{0,40}实际完成")


def unread_indicators(doc: Document, rows: list[dict]) -> bool:
    """Whether the report has indicator results that no reader turned into rows
    (the build summary and the review say so, rather than showing nothing)."""
    return not rows and bool(_HAS_INDICATORS.search(doc.flow.norm))
