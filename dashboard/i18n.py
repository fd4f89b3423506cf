"""The one translation table: every UI label in Chinese (default) and English.
KPI names, units and definitions come from the KPI catalog, not from here."""

from __future__ import annotations

LANGUAGES = ("zh", "en")

DISTRICTS_EN = {
    "番禺": "Panyu", "白云": "Baiyun", "增城": "Zengcheng", "越秀": "Yuexiu", "海珠": "Haizhu", "荔湾": "Liwan",
    "天河": "Tianhe", "黄埔": "Huangpu", "花都": "Huadu", "南沙": "Nansha", "从化": "Conghua",
}

STATUS = {
    "reported": ("文件所述", "reported"),
    "derived": ("推算", "derived"),
    "conflict": ("文件内冲突", "conflict"),
    "absent": ("未报告", "not reported"),
}

KINDS = {
    "self_evaluation": ("绩效自评报告", "self-evaluation report"),
    "final_accounts": ("部门决算", "final accounts"),
    "project_targets": ("项目支出绩效目标表", "project targets"),
}

LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("政务服务数据管理局对标", "District Government Service & Data Bureaus: benchmarks"),
    "language": ("语言 / Language", "语言 / Language"),
    "page_overview": ("总览", "Overview"),
    "page_benchmark": ("对标", "Benchmark"),
    "page_trends": ("趋势", "Trends"),
    "page_budget": ("预算", "Budget"),
    "page_sources": ("来源与质量", "Sources & quality"),
    "overview_intro": ("各区最新一年的关键指标。每个数字都注明年份，悬停可看原文出处。",
                       "Each district's key figures for its latest year. Every number shows its year; hover for its source."),
    "years_differ": ("注意：各区报告年份不同（{years}），比较时请留意年份差异。",
                     "Note: the districts report different years ({years}); comparisons cross years."),
    "headlines": ("要点", "Headlines"),
    "targets_met": ("绩效指标完成情况", "Performance indicators met"),
    "targets_met_value": ("{met}/{total} 项达标（{year} 年）", "{met} of {total} met ({year})"),
    "no_targets": ("无可判定的指标", "no indicators with numbers"),
    "targets_help": ("报告共列 {total} 项绩效指标，其中 {unknown} 项没有可比较的数字（定性描述），未计入。",
                     "The report lists {total} indicators; {unknown} have no comparable numbers (qualitative) and are not counted."),
    "rank_of": ("第 {rank}/{n} 名", "rank {rank} of {n}"),
    "vs_year": ("较 {year} 年", "vs {year}"),
    "source": ("来源", "Source"),
    "line": ("第 {line} 行", "line {line}"),
    "kpi": ("指标", "KPI"),
    "districts": ("区", "Districts"),
    "district": ("区", "District"),
    "year": ("年份", "Year"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "status": ("状态", "Status"),
    "period": ("期间", "Period"),
    "quote": ("原文", "Quote"),
    "line_no": ("行号", "Line"),
    "document": ("文件", "Document"),
    "note": ("说明", "Note"),
    "rank": ("排名", "Rank"),
    "peer_average": ("其他区平均", "Peer average"),
    "gap_to_best": ("与最优差距", "Gap to best"),
    "alignment": ("年份对齐", "Align years"),
    "align_latest": ("各区最新年份", "Each district's latest year"),
    "align_same": ("同一年份", "Same year only"),
    "pick_year": ("年份", "Year"),
    "pick_two": ("请至少选择两个区进行比较。", "Pick at least two districts to compare."),
    "pick_one": ("请至少选择一个区。", "Pick at least one district."),
    "no_data": ("所选条件下没有数据。", "No data for this selection."),
    "definition": ("定义", "Definition"),
    "caveats": ("注意事项", "Caveats"),
    "direction": ("方向", "Direction"),
    "higher_better": ("越高越好", "higher is better"),
    "lower_better": ("越低越好", "lower is better"),
    "no_direction": ("规模指标（无好坏方向）", "a size (no better direction)"),
    "scorecard": ("记分卡：各指标 × 各区（按方向归一化，1 = 最优）",
                  "Scorecard: every KPI × district (normalised by direction, 1 = best)"),
    "scorecard_note": ("每格为各区最新年份数值；灰色为规模指标或只有一个区报告。",
                       "Each cell is the district's latest value; grey: a size, or only one district reports it."),
    "data_and_sources": ("数据与出处", "Data and sources"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "trend_intro": ("只画文件给出的年份：没有数据的年份不插值。空心点为推算值（由“比上年增加”等推得），菱形为非全年数据。",
                    "Only years the documents give are drawn; missing years are not interpolated. Hollow markers are "
                    "derived (from a stated change on the previous year); diamonds are part-year figures."),
    "yoy_table": ("同比变化", "Year-over-year changes"),
    "previous_year": ("上一可比年份", "Previous year available"),
    "change": ("变化", "Change"),
    "change_pct": ("变化 %", "Change %"),
    "single_year": ("{district}只有一年的数据（{year}）。", "{district} has one year only ({year})."),
    "budget_intro": ("部门决算按功能分类展开到项级科目；预算执行对比来自各区报告。",
                     "Final accounts by functional classification down to the 7-digit item; budget vs spending from each report."),
    "budget_vs_exec": ("预算与执行", "Budget vs spending"),
    "basic_vs_project": ("基本支出与项目支出", "Basic vs project spending"),
    "functional_tree": ("支出决算（功能分类）", "Spending by functional classification"),
    "projects_title": ("项目支出预算与绩效指标", "Project budgets and their indicators"),
    "pick_project": ("选择项目查看绩效指标", "Pick a project to see its indicators"),
    "not_loaded": ("仓库中还没有此部分数据（{table}）。", "The warehouse has no {table} yet."),
    "kpi_values_title": ("全部指标值及出处", "Every KPI value with its source"),
    "context_title": ("原文上下文", "Document context"),
    "pick_value": ("选择一个数值查看原文上下文", "Pick a value to see its place in the document"),
    "search_title": ("全文检索", "Full-text search"),
    "search_box": ("在全部报告中搜索（如：满意率、5G、12345）", "Search all reports (e.g. 满意率, 5G, 12345)"),
    "search_hits": ("共 {n} 处", "{n} hits"),
    "conflicts_title": ("文件内自相矛盾的数字", "Figures a document contradicts itself on"),
    "conflicts_rule": ("选取规则：全年数据优先于部分月份；文件所述优先于推算；更精确的数字优先（99.99% 优于 99.9%）；再取最早出现的一处。",
                       "Selection rule: whole-year before part-year; reported before derived; the more precise figure first "
                       "(99.99% before 99.9%); then the earliest line."),
    "checks_title": ("未通过的质量检查", "Failed quality checks"),
    "checks_all_pass": ("所有质量检查均通过。", "Every quality check passes."),
    "coverage_title": ("覆盖矩阵：各指标 × 区-年", "Coverage: KPI × district-year"),
    "documents_title": ("报告清单", "Reports"),
    "chosen": ("选用", "chosen"),
    "derived_marker": ("推算", "derived"),
    "partial_marker": ("非全年", "part-year"),
    "approx": ("约", "approx."),
    "more_than": ("超过", "more than"),
    "latest_year_values": ("最新年份", "Latest year"),
    "headline_best": ("{kpi}：{best}最高（{best_value}），{worst}最低（{worst_value}）。",
                      "{kpi}: {best} highest ({best_value}), {worst} lowest ({worst_value})."),
    "headline_best_lower": ("{kpi}：{best}最低（{best_value}），{worst}最高（{worst_value}）。",
                            "{kpi}: {best} lowest ({best_value}), {worst} highest ({worst_value})."),
    "headline_tie": ("{kpi}：{districts}均为 {value}。", "{kpi}: {districts} all at {value}."),
    "district_year": ("{district}（{year} 年）", "{district} ({year})"),
    "footer": ("数据来自各区政数局公开报告；每个数字可追溯到文件和行号。",
               "Data from the bureaus' published reports; every figure traces to its document and line."),
}


def t(key: str, lang: str = "zh", **values: object) -> str:
    """The label `key` in `lang`, with {placeholders} filled."""
    zh, en = LABELS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def district_name(district: str, lang: str = "zh") -> str:
    return DISTRICTS_EN.get(district, district) if lang == "en" else district


def status_name(status: str, lang: str = "zh") -> str:
    zh, en = STATUS.get(status, (status, status))
    return en if lang == "en" else zh


def kind_name(kind: str, lang: str = "zh") -> str:
    zh, en = KINDS.get(kind, (kind, kind))
    return en if lang == "en" else zh
