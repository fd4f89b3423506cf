"""The one translation table: every UI label in Chinese (default) and English.
KPI names, units and definitions come from the KPI catalog, not from here."""

from __future__ import annotations

import re

from etl.documents import DISTRICTS

LANGUAGES = ("zh", "en")

# Guangzhou's districts (etl.documents.DISTRICTS, the one list) by their English names, in its order.
DISTRICTS_EN = dict(zip(DISTRICTS, ("Panyu", "Baiyun", "Zengcheng", "Yuexiu", "Haizhu", "Liwan", "Tianhe", "Huangpu",
                                    "Huadu", "Nansha", "Conghua"), strict=True))

# A district's bureau, where two bureaus of one place are shown side by side: the place,
# this mark and the bureau (平潭·市场监督管理局, 平潭·环岛公路建设指挥部; Pingtan · … in
# English). A place with one bureau keeps its name alone (dashboard.labels.bureau_named).
BUREAU_MARK = "·"

# The kinds of bureau (etl.documents._BUREAUS) and bodies named so in English; any other
# body keeps its Chinese name, as printed.
BUREAUS_EN = {
    "政务服务数据管理局": "Government Service and Data Management Bureau",
    "行政审批局": "Administrative Approval Bureau",
    "财政局": "Finance Bureau",
    "政府办公室": "Government Office",
    "人民政府办公室": "Government Office",
}

STATUS = {
    "reported": ("文件所述", "As reported"),
    "derived": ("推算", "Derived"),
    "conflict": ("文件内冲突", "Conflicting in its report"),
    "absent": ("未报告", "Not reported"),
    "reviewed": ("人工核对", "Reviewed by a person"),
    "entered": ("人工录入", "Entered by a person"),
}

# The kinds of quality check (queries/check_*.sql), as a reader says them.
CHECK_TYPES = {
    "stated_rate": ("所述比率与其分子分母不符", "a stated rate against its own figures"),
    "parts_sum": ("分项之和与总数不符", "parts against their stated total"),
    "children_sum": ("下级科目之和与上级不符", "items against their parent"),
    "column_sum": ("各栏之和与合计栏不符", "columns against the total column"),
    "cross_table_total": ("两张表的同一合计不一致", "one total in two tables"),
    "projects_sum": ("项目金额之和与合计不符", "projects against their total"),
    "unit_sum": ("单位金额之和与合计不符", "units against their total"),
}


# The national 部门决算 / 部门预算 templates' words for tables and columns, for the English
# page; a table name keeps its year ("2025年部门支出预算总表": 2025 + 部门支出预算总表).
TEMPLATE_EN = {
    "收入支出决算总表": "Income and expenditure summary", "收入决算表": "Income", "支出决算表": "Expenditure",
    "财政拨款收入支出决算总表": "Appropriations summary",
    "一般公共预算财政拨款支出决算表": "General public budget appropriations: expenditure",
    "一般公共预算财政拨款基本支出决算表": "General public budget appropriations: basic expenditure",
    "一般公共预算财政拨款“三公”经费支出决算表": "“Three public expenses”",
    "政府性基金预算财政拨款收入支出决算表": "Government fund appropriations", "非税收入征缴情况表": "Non-tax revenue collected",
    "公共财政拨款支出决算情况": "Public appropriations spending (in sentences)",
    "部门收入预算总表": "Income budget summary", "部门支出预算总表": "Expenditure budget summary",
    "部门一般公共预算支出功能分类预算表": "General public budget expenditure by function",
    "部门财务收支预算总表": "Budget summary", "部门财政拨款收支预算总表": "Appropriations budget summary",
    "合计": "Total", "本年支出合计": "Total spending of the year", "本年收入合计": "Total income of the year",
    "本年支出小计": "Spending of the year", "本年收入": "Income of the year", "基本支出": "Basic spending",
    "项目支出": "Project spending", "上缴上级支出": "Paid to higher level", "经营支出": "Business spending",
    "对附属单位补助支出": "Grants to subordinate units", "财政拨款收入": "Appropriations", "上级补助收入": "Grants from higher level",
    "事业收入": "Operating income", "经营收入": "Business income", "附属单位上缴收入": "Paid in by subordinate units",
    "其他收入": "Other income", "决算数": "Final figure", "预算数": "Budget figure", "金额": "Amount",
    "年初结转和结余": "Balance brought forward", "年末结转和结余": "Balance carried forward",
    "一般公共预算财政拨款": "General public budget appropriations", "政府性基金预算财政拨款": "Government fund appropriations",
    "纳入预算管理已缴国库小计": "Paid to the treasury", "纳入财政专户管理已缴财政专户小计": "Paid to special accounts",
}


def template_term(name: str, lang: str = "zh") -> str:
    """A template table's or column's name as the page's language says it: as printed in
    Chinese; 'Expenditure (支出决算表)' in English, or the printed name where the
    template has no such word."""
    if lang != "en":
        return name
    year, _, rest = name.partition("年") if name[:4].isdigit() and name[4:5] == "年" else ("", "", name)
    english = TEMPLATE_EN.get(rest)
    if english is None:
        return name
    return f"{year + ' ' if year else ''}{english} ({name})"


# A mark per status, so the coverage matrix reads at a glance.
STATUS_MARK = {"reported": "●", "derived": "◐", "conflict": "▲", "absent": "·", "reviewed": "✔", "entered": "✎"}

KINDS = {
    "self_evaluation": ("绩效自评报告", "self-evaluation report"),
    "final_accounts": ("部门决算", "final accounts"),
    "project_targets": ("项目支出绩效目标表", "project targets"),
    "budget": ("部门预算", "department budget"),
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
    "years_differ": ("注意：各区报告年份不同（{years}）：要点和图只在同一年份内比较。",
                     "Note: the districts report different years ({years}): the headlines and the picture compare "
                     "figures of one year only."),
    # Benchmark's bars set each district's latest year side by side: said so, not the Overview's promise
    "years_differ_bars": ("注意：各区报告年份不同（{years}），图中并列的是不同年份的数值；选“同一年份”只比较同一年。",
                          "Note: the districts report different years ({years}); the bars set figures of different "
                          "years side by side; choose “Same year only” to compare one year."),
    "headlines": ("要点", "Headlines"),
    "district_figures": ("各区最新关键数字", "Each district's latest key figures"),
    "district_figures_open": ("{district} · {n} 项关键数字（{years} 年）", "{district}: {n} key figures ({years})"),
    "targets_met": ("绩效指标完成情况", "Performance indicators met"),
    "targets_met_value": ("{met}/{total} 项达标（{year} 年）", "{met} of {total} met ({year})"),
    "no_targets": ("无可判定的指标", "no indicators with numbers"),
    "targets_help": ("报告共列 {total} 项绩效指标，其中 {unknown} 项没有可比较的数字（定性描述），未计入。",
                     "The report lists {total} indicators; {unknown} have no comparable numbers (qualitative) and are not counted."),
    "rank_of": ("第 {rank}/{n} 名", "rank {rank} of {n}"),
    "rank_of_year": ("{year} 年第 {rank}/{n} 名", "rank {rank} of {n} in {year}"),
    "reason_part_year": ("{period}数据，不参与排名", "{period} only, not ranked"),
    "reason_definition": ("{basis}，与其他区的口径不同，不参与排名", "{basis}, not the same measure, not ranked"),
    "reason_approximate": ("约数，不参与排名", "approximate, not ranked"),
    "reason_ocr": ("识别自扫描件，待人工核对，不参与排名", "read from a scan, not yet reviewed, not ranked"),
    "reason_lower_bound": ("下限（“{qualifier}”），不参与排名", "a lower bound (“more than”), not ranked"),
    "reason_not_reported": ("报告未提供此指标", "not in its reports"),
    "reason_other_years": ("{year} 年无此指标（报告年份：{years}）", "no figure for {year} (reported for {years})"),
    "not_compared": ("未参与比较：{items}", "Not compared: {items}"),
    # What a chart's marks mean, said under it on the page, in its image and in the briefing (dashboard/charts.py)
    "marks": ("图例：{items}", "Marks: {items}"),
    "mark_definition": ("口径不同", "other measure"),
    "mark_ocr": ("待核对", "unreviewed"),
    "mark_note_hatched": ("斜线柱为推算值（由“比上年增加”等推得）", "hatched bars are derived (from a stated change on the previous year)"),
    "mark_note_conflict": ("红色边框：报告中此指标有互不一致的数字，图中为按取值规则选定的一个（{districts}）",
                           "red outline: the report gives this KPI conflicting figures; the chart shows the one the choice "
                           "rules picked ({districts})"),
    "mark_note_peer": ("黑色短横线为其他区平均（不含本区，只计可比的值）",
                       "the black dash is the peer average (without the district itself, comparable values only)"),
    "mark_note_pale": ("浅色柱不参与排名和平均（原因见“未参与比较”）", "pale bars are not ranked or averaged (why: under “Not compared”)"),
    "trend_mark_circle": ("实心圆点为报告所述", "solid dots are stated in the report"),
    "trend_mark_circle_open": ("空心圆点为推算值（由“比上年增加”等推得）",
                               "hollow dots are derived (from a stated change on the previous year)"),
    "trend_mark_diamond": ("菱形为非全年数据（旁注月份）", "diamonds are part-year figures (their months beside them)"),
    "trend_mark_triangle_up": ("三角为约数或下限（旁注“约”“超过”）", "triangles are approximate values or lower bounds "
                               "(marked “approx.”, “more than”)"),
    "trend_mark_square": ("方块为另一口径的数字（旁注“口径不同”），不与其他年份连线",
                          "squares are figures of another measure (marked “other measure”), not joined to other years"),
    "trend_not_joined": ("另作标记的点：{items}", "Points marked apart: {items}"),
    "trend_axis_span": ("纵轴至少显示 {span} 个百分点，细小差别不被放大", "The axis spans at least {span} percentage points, so that "
                        "small differences are not blown up"),
    "compared_here": ("可比较", "comparable"),
    "reported_years": ("报告年份：{years}", "reported for {years}"),
    "too_few_compared": ("这一视图中可比较的区少于两个，所以没有排名和其他区平均。各区情况：",
                         "Fewer than two of these districts can be compared in this view, so there are no ranks or peer "
                         "averages. District by district:"),
    "nearest_views": ("最接近的、有比较的视图：", "The nearest views that compare:"),
    "nearest_same_year": ("看 {year} 年（{districts}可比较）", "Show {year} ({districts} compared)"),
    "nearest_latest": ("看各区最新年份（{districts} 可比较）", "Show each district's latest year ({districts} compared)"),
    "no_nearest_view": ("所选各区在任何年份都没有两个可比较的数值：这一指标暂时无法在这些区之间比较。",
                        "No year, and no choice of each district's latest year, compares two of these districts on this "
                        "KPI: it cannot be compared among them yet."),
    "not_ranked_why": ("未排名原因", "Why not ranked"),
    "whole_year": ("全年", "whole year"),
    "choose": ("请选择", "Choose"),
    "category_budget": ("预算", "Budget"),
    "category_performance": ("绩效", "Performance"),
    "category_service": ("政务服务", "Services"),
    "category_hotline": ("12345热线", "12345 hotline"),
    "category_infrastructure": ("基础设施", "Infrastructure"),
    "category_digital": ("数字政府", "Digital government"),
    "copy_link": ("分享此视图：复制下面的链接（打开后恢复同样的选择）",
                  "Share this view: copy the link below (it opens with the same choices)"),
    "copy": ("复制链接", "Copy link"),
    "copied": ("已复制 ✓", "Copied ✓"),
    "copy_failed": ("无法自动复制，请手动选中上面的链接复制", "Could not copy: select the link above and copy it"),
    "unknown_kpi": ("链接中的指标“{asked}”不存在，已改为显示“{shown}”。",
                    "The link's KPI “{asked}” does not exist; showing “{shown}” instead."),
    "standing_title": ("各区在关键指标上的位置（按年份分行）", "Where each district stands on the key KPIs (a line per year)"),
    "standing_note": ("每个指标一块，每个年份一行：不同年份的数值不在同一行比较；同一单位的指标共用一个刻度。"
                      "灰带连接同一年份可比的数值（要点所比较的）。",
                      "A block per KPI, a line per year: figures of different years are never compared on one line; "
                      "KPIs of one unit share one scale. The grey band joins the comparable figures of one year "
                      "(what the headlines compare)."),
    "standing_scale": ("共用刻度（{unit}）", "shared scale ({unit})"),
    "standing_year": ("{year} 年", "{year}"),
    "standing_marks": ("空心记号为不参与比较的数值：{marks}。", "Hollow marks are figures not compared: {marks}."),
    "standing_mark_part_year": ("◇ 部分月份数据（旁注月份）", "◇ part of the year (months beside it)"),
    "standing_mark_definition": ("□ 口径不同（旁注口径）", "□ another definition (named beside it)"),
    "standing_mark_approximate": ("○ 约数或下限（“约”“超过”）", "○ approximate or a lower bound (“approx.”, “more than”)"),
    "standing_mark_ocr": ("× 识别自扫描件，待人工核对", "× read from a scan, not yet reviewed"),
    "standing_word_ocr": ("待核对", "to review"),
    "check_type": ("检查类型", "Check"),
    **{f"check_{key}": names for key, names in CHECK_TYPES.items()},
    "check_subject": ("检查内容", "What is checked"),
    "stated": ("文件所写", "Stated"),
    "computed": ("计算得", "Computed"),
    "arithmetic": ("算式", "Arithmetic"),
    "difference": ("差额", "Difference"),
    "file": ("文件名", "File"),
    "kind": ("类型", "Kind"),
    "issuer": ("发布机构", "Issued by"),
    "definition_basis": ("口径", "Definition"),
    "conflict_marked": ("文件内冲突，见来源页", "conflicting figures in its report, see Sources"),
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
    "quote_help": ("数字所在的原文句子；过长时双击单元格（或选中后按回车）可看全文，下载的表中也有全文。",
                   "The document's sentence with the figure; where it is cut, double-click the cell (or select it and "
                   "press Enter) for all of it, which the download holds too."),
    "document_help": ("数字出自的文件。", "The document the figure is from."),
    "line_help": ("数字在文件中的行号（来源页可看这一行的上下文）。",
                  "The figure's line in the document (the Sources page shows the lines around it)."),
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
    "scorecard": ("记分卡：各指标 × 各区（颜色 = 与最佳值的差距）",
                  "Scorecard: every KPI × district (colour = distance to the best)"),
    "scorecard_note": ("每格为各区最新年份数值。颜色按与可比最佳值的差距，以该指标的“实质差异”为尺度（满意率 1 个百分点、"
                       "预算执行率 5 个百分点……；数量类为最佳值的四分之一）：绿色为最佳或差距很小，黄色约差一个实质差异，"
                       "红色差两个及以上。灰色：规模指标、只有一个区可比、数量类指标的年份不同（如 2023 年的锦旗数与 2021 年的），"
                       "或数值不可比（部分月份、口径不同、约数、识别自扫描件尚未核对）。",
                       "Each cell is the district's latest value. Colour: distance to the best comparable value, measured in "
                       "steps of what counts as a real difference for the KPI (1 pp of satisfaction, 5 pp of budget "
                       "execution …; a quarter of the best for counts): green is the best or close to it, yellow one step "
                       "behind, red two or more. Grey: a size, only one district comparable, a count of different "
                       "years (2023's banners against 2021's), or a value not comparable (part-year, another definition, "
                       "approximate, read from a scan and not yet reviewed)."),
    "show_scorecard": ("显示记分卡", "Show the scorecard"),
    "scorecard_colour": ("与最佳值的差距", "Distance to the best"),
    "scorecard_colour_ticks": ("最佳|差 1 个实质差异|差 2 个及以上", "best|1 step behind|2 or more steps"),
    "data_and_sources": ("数据与出处", "Data and sources"),
    "download_menu": ("下载", "Download"),  # one menu per chart and per table (dashboard.ui.download_menu)
    "download_csv": ("下载此表 CSV", "This table as CSV"),
    "download_xlsx": ("下载此表 Excel", "This table as Excel"),
    "download_table_help": ("下载上方的表（{rows} 行）：{file}", "The table above ({rows} rows): {file}"),
    "trend_intro": ("只画文件给出的年份：没有数据的年份不插值；口径或月份不同的点不连线。图下的图例说明每种标记。",
                    "Only years the documents give are drawn; missing years are not interpolated, and points of another "
                    "measure or period are not joined. The note under the chart explains every mark."),
    "yoy_table": ("同比变化", "Year-over-year changes"),
    "trend_table": ("表格", "Table"),
    "previous_year": ("上一可比年份", "Previous year available"),
    "change": ("变化", "Change"),
    "change_pct": ("变化 %", "Change %"),
    "single_year": ("{district}只有一年的数据（{year}）。", "{district} has one year only ({year})."),
    "budget_intro": ("部门决算按功能分类展开到项级科目；预算执行对比来自各区报告。",
                     "Final accounts by functional classification down to the 7-digit item; budget vs spending from each report."),
    "budget_view": ("查看", "View"),
    "budget_view_accounts": ("功能分类科目", "By functional code"),
    "budget_view_spending": ("预算与执行", "Budget vs spending"),
    "budget_view_checks": ("数字核对", "Checks"),
    "budget_view_compare": ("预算与决算对照", "Budget vs final"),
    "budget_view_projects": ("项目与绩效指标", "Projects"),
    "accounts_as": ("显示为", "Show as"),
    "accounts_as_treemap": ("树图", "Treemap"),
    "accounts_as_table": ("明细表（含级次、行号）", "Table (with levels and lines)"),
    "budget_vs_exec": ("预算与执行", "Budget vs spending"),
    "basic_vs_project": ("基本支出与项目支出", "Basic vs project spending"),
    "functional_tree": ("支出决算（功能分类）", "Spending by functional classification"),
    "projects_title": ("项目支出预算与绩效指标", "Project budgets and their indicators"),
    "pick_project": ("选择项目查看绩效指标", "Pick a project to see its indicators"),
    "not_loaded": ("仓库中还没有此部分数据（{table}）。", "The warehouse has no {table} yet."),
    "kpi_values_title": ("指标值及出处", "KPI values with their sources"),
    "download_all_values": ("下载全部指标值 CSV", "Download every KPI value (CSV)"),
    "download_all_values_help": ("所有指标、所有区和年份的数值，含文件、行号和原文",
                                 "Every KPI, district and year, with document, line and quote"),
    "open_data_title": ("开放数据", "Open data"),
    "open_data_intro": ("整个仓库的数据包（Frictionless Data Package）：每张表一个 UTF-8 CSV；datapackage.json 用中英文说明每一列的"
                        "类型、单位和含义，列出主键、外键和每份来源报告（标题、区、年度、SHA-256）；预算和决算表另有一份财政数据包"
                        "（Fiscal Data Package，OpenSpending 可读）。",
                        "The whole warehouse as a Frictionless Data Package: one UTF-8 CSV per table, and a datapackage.json "
                        "that gives every column's type, unit and meaning in Chinese and English, the primary and foreign "
                        "keys and every source report (title, district, year, SHA-256); the budget tables also as a Fiscal "
                        "Data Package resource that OpenSpending reads."),
    "download_open_data": ("下载数据包 ZIP", "Download the data package (ZIP)"),
    "download_open_data_help": ("点击后在服务器上生成，约需一两秒。", "Made on the server when clicked, in a second or two."),
    "context_title": ("原文上下文", "Document context"),
    "pick_value": ("选择一个数值查看原文上下文", "Pick a value to see its place in the document"),
    "search_title": ("全文检索", "Full-text search"),
    "search_box": ("在全部报告中搜索（如：满意率、5G、12345）", "Search all reports (e.g. 满意率, 5G, 12345)"),
    "search_hits": ("共 {n} 处", "{n} hits"),
    "conflicts_title": ("文件内自相矛盾的数字", "Figures a document contradicts itself on"),
    "conflicts_rule": ("选取规则（依次）：人工核对的数字优先；指标定义口径优先；全年数据优先于部分月份；文件所述优先于推算；"
                       "更精确的数字优先（99.99% 优于 99.9%）；再取最早出现的一处。每行的“选取依据”是起作用的那一条。",
                       "Selection rule, in order: a person's reviewed figure; the KPI's own definition; whole year before part-year; "
                       "reported before derived; the more precise figure (99.99% before 99.9%); then the earliest line. "
                       "Each row's “Chosen by” names the step that decided."),
    "checks_title": ("未通过的质量检查", "Failed quality checks"),
    "checks_all_pass": ("所有质量检查均通过。", "Every quality check passes."),
    "coverage_title": ("覆盖矩阵：各指标 × 区-年", "Coverage: KPI × district-year"),
    "documents_title": ("报告清单", "Reports"),
    "quality_title": ("数据质量", "Data quality"),
    "quality_pick": ("选择要显示的表（再点一次收起）", "Pick a table to show (click again to close)"),
    "quality_conflicts": ("自相矛盾的数字（{n}）", "Contradicting figures ({n})"),
    "quality_decisions": ("人工核对记录（{n}）", "Review decisions ({n})"),
    "quality_checks": ("未通过的检查（{n}）", "Failed checks ({n})"),
    "quality_coverage": ("覆盖矩阵", "Coverage"),
    "quality_documents": ("报告清单（{n}）", "Reports ({n})"),
    "page_add": ("添加报告", "Add a report"),
    "add_intro": ("上传一份报告（.txt、.md、.pdf 或 .docx，或正文与表格 .xlsx、.xls、.ods 一起，每个文件最大 {mb} MB），"
                  "核对从正文识别出的区、年份、类型和找到的指标，再决定："
                  "接受后这份报告加入已载入的报告，各页的数字随即更新；放弃则什么都不改。",
                  "Upload a report (.txt, .md, .pdf or .docx, or its text with its spreadsheets .xlsx, .xls, .ods; "
                  "each file up to {mb} MB), check the district, year and kind read from its "
                  "text and the figures found, then decide: accept adds it to the loaded reports and updates every page's "
                  "figures; reject changes nothing."),
    # who may add and review (dashboard/signin.py, etl/access.py)
    "signin_needed": ("添加报告和核对数字需要编辑者登录；浏览各页无需登录。",
                      "Adding a report and reviewing figures need an editor to sign in; every page can be read without."),
    "signin_name": ("编辑者名称", "Editor's name"),
    "signin_password": ("密码", "Password"),
    "signin_button": ("登录", "Sign in"),
    "signin_wrong": ("名称或密码不对。", "Wrong name or password."),
    "signin_oidc": ("用 {provider} 登录", "Sign in with {provider}"),
    "signin_oidc_missing": ("已在 .streamlit/secrets.toml 配置单点登录（OpenID Connect），但服务器缺少 Authlib："
                            "请管理员安装 Authlib>=1.3.2（pip install 'streamlit[auth]'）后重启。",
                            "Single sign-on (OpenID Connect) is configured in .streamlit/secrets.toml, but the server "
                            "lacks Authlib: the administrator should install Authlib>=1.3.2 (pip install 'streamlit[auth]') "
                            "and restart."),
    "signin_as": ("以编辑者 {name} 的身份操作", "Working as editor {name}"),
    "signin_local": ("本机使用，未配置编辑者：以系统用户 {name} 记录", "On this machine, no editor configured: recorded as "
                     "the system user {name}"),
    "signout": ("退出", "Sign out"),
    "signin_no_editor": ("这个应用没有配置编辑者，因此只有在运行它的电脑上（localhost）才能添加报告或核对数字；"
                         "从其他地址访问时只能浏览。管理员可用 python -m dashboard editors add 名称 添加编辑者，"
                         "或在 .streamlit/secrets.toml 配置单点登录。",
                         "This app has no editor configured, so reports can be added and figures reviewed only on the "
                         "machine that runs it (localhost); from any other address it is read-only. The administrator "
                         "can add an editor with python -m dashboard editors add NAME, or configure single sign-on in "
                         ".streamlit/secrets.toml."),
    "read_only_mode": ("本应用以只读方式运行：不能添加报告或保存决定。", "This app runs read-only: reports cannot be "
                       "added nor decisions saved."),
    "person_unknown": ("未知", "unknown"),
    "added_by": ("添加者", "Added by"),
    "added_at": ("添加时间", "Added at"),
    "decided_by": ("决定者", "Decided by"),
    "add_upload": ("选择报告文件（可多选）", "Choose the report's files (one or several)"),
    "upload_button": ("选择文件", "Choose files"),
    "upload_limit": ("每个文件最大 {mb} MB", "up to {mb} MB per file"),
    "add_upload_help": ("一份报告可以由几个文件组成：正文（网页、PDF、Word 或文本）和它的表格（.xlsx、.xls、.ods、.et）。"
                        "一起选中即合为一份报告：正文在前，表格随后，每个文件前注明“附件：文件名”。每个文件最大 {mb} MB。",
                        "A report may come as several files: its text (a web page, PDF, Word or text file) and its tables "
                        "(.xlsx, .xls, .ods, .et). Chosen together they are one report: the text first, then the tables, "
                        "each file after a line naming it (附件：file name). Each file up to {mb} MB."),
    "add_reading": ("正在读取文件…", "Reading the file…"),
    "add_detected": ("识别结果（有误请更正）", "What the text says (correct it if wrong)"),
    "add_kind": ("报告类型", "Report kind"),
    "add_choose": ("请选择", "Choose"),
    "add_title": ("标题：{title}", "Title: {title}"),
    "add_bureau": ("发布机构：{bureau}", "Issuing bureau: {bureau}"),
    "add_found": ("找到的指标（{n} 个）", "KPI figures found ({n})"),
    "add_other_tables": ("接受后还会载入：{tables}", "Accepting also loads: {tables}"),
    "review_table_rows": ("{table} {n} 行", "{table}, {n} rows"),
    "review_budget_lines": ("预算科目（{n} 行，接受后载入）", "Budget lines ({n} rows, loaded if you accept)"),
    "review_table": ("所在表", "Table"),
    "review_check_passed": ("核对通过：{subject}（第 {line} 行）：算得 {computed}，文件写 {stated}，相符",
                            "Check passed: {subject} (line {line}): computed {computed}, the document states {stated}; they agree"),
    "review_check_failed": ("核对未通过：{subject}（第 {line} 行）：算得 {computed}，文件写 {stated}，不符，请对照原文",
                            "Check failed: {subject} (line {line}): computed {computed}, the document states {stated}; "
                            "they differ, check the document"),
    "add_text": ("提取的文本（{n} 行）", "Extracted text ({n} lines)"),
    "add_accept": ("接受并载入", "Accept and load"),
    "add_reject": ("放弃", "Reject"),
    "add_loading": ("正在载入报告并重建数据仓库…", "Loading the report and rebuilding the warehouse…"),
    "add_done": ("已载入：{district} {year} 年{kind}（{file}）。数据仓库已重建：{documents} 份报告，{values} 个指标值。",
                 "Loaded: {district} {year} {kind} ({file}). Warehouse rebuilt: {documents} reports, {values} KPI values."),
    "add_rejected": ("已放弃，未做任何改动。", "Rejected: nothing changed."),
    "add_see_benchmark": ("到对标页查看", "See it on the Benchmark page"),
    "add_link": ("或填写报告的网址", "Or give the report's address"),
    "add_link_help": ("http:// 或 https:// 开头的网页或文件地址：取得后像上传的文件一样读取并核对。为防止本服务被用来访问内部网络，"
                      "内网、本机等非公网地址不取得（管理员可设置 ZHENGSHU_FETCH_PRIVATE=1 允许）。",
                      "The address of a page or file, starting with http:// or https://: fetched, then read and checked like an "
                      "uploaded file. Intranet, loopback and other non-public addresses are not fetched, so that this server "
                      "cannot be used to reach the network it sits in (an administrator can allow them with "
                      "ZHENGSHU_FETCH_PRIVATE=1)."),
    "add_link_attachments": ("同时取得网页上同一网站的附件（.xls、.xlsx、.pdf、.doc、.docx），与网页合为一份报告",
                             "Also fetch the page's attachments on the same site (.xls, .xlsx, .pdf, .doc, .docx), "
                             "as one report with the page"),
    "add_fetch": ("取得", "Fetch"),
    "add_fetching": ("正在取得 {url}…", "Fetching {url}…"),
    "add_fetched": ("已取得 {url} 于 {time}（UTC）", "Fetched {url} at {time} (UTC)"),
    "source_url": ("网址", "Address"),
    "fetched_at": ("取得时间（UTC）", "Fetched at (UTC)"),
    "published": ("发布日期", "Published"),
    "obs_kind": ("类别", "Kind"),
    "obs_actual": ("实际", "actual"),
    "obs_target": ("目标", "target"),
    "obs_derived": ("推算", "derived"),
    "chosen": ("选用", "chosen"),
    "chosen_value": ("选用的数值", "Value chosen"),
    "other_values": ("文件中的其他数值", "Other figures in the document"),
    "chosen_rule": ("选取依据", "Chosen by"),
    "chosen_by_reviewed": ("人工核对的数字优先", "a person's reviewed figure first"),
    "chosen_by_definition": ("指标定义口径的数字优先", "the KPI's own definition first"),
    "chosen_by_whole_year": ("全年优先于部分月份", "whole year before part of the year"),
    "chosen_by_stated": ("报告所述优先于推算", "stated before derived"),
    "chosen_by_precise": ("更精确的数字优先", "the more precise figure first"),
    "chosen_by_first_line": ("精度相同，取报告中最先出现的一处（摘要先于正文表格）",
                             "equally precise: the report's first mention (its summary precedes its tables)"),
    "derived_marker": ("推算", "derived"),
    "partial_marker": ("非全年", "part-year"),
    "approx": ("约", "approx."),
    "more_than": ("超过", "more than"),
    "latest_year_values": ("最新年份", "Latest year"),
    "headline_best": ("{year} 年{kpi}：{best}最高（{best_value}），{worst}最低（{worst_value}）。",
                      "{kpi}, {year}: {best} highest ({best_value}), {worst} lowest ({worst_value})."),
    "headline_best_lower": ("{year} 年{kpi}：{best}最低（{best_value}），{worst}最高（{worst_value}）。",
                            "{kpi}, {year}: {best} lowest ({best_value}), {worst} highest ({worst_value})."),
    "headline_tie": ("{year} 年{kpi}：{districts}均为 {value}。", "{kpi}, {year}: {districts} all at {value}."),
    "headline_others": ("未比较：{items}。", " Not compared: {items}."),
    "headline_other": ("{district} {year} 年 {value}", "{district} {year}: {value}"),
    "headline_other_year": ("年份不同", "another year"),
    "headline_no_common_year": ("没有同一年份的可比数值、不比高低：{kpis}（各区年份见图和卡片）。",
                                "Not ranked, no year with comparable figures of two districts: {kpis} "
                                "(each district's year: in the picture and the cards)."),
    "district_year": ("{district}（{year} 年）", "{district} ({year})"),
    "footer": ("数据来自各区政数局公开报告；每个数字可追溯到文件和行号。",
               "Data from the bureaus' published reports; every figure traces to its document and line."),
    "built_at": ("数据仓库构建于 {when}（北京时间）。", "Warehouse built {when} (Beijing time)."),
    # Chart images and the briefing pack (dashboard/export.py, dashboard/briefing.py)
    "download_png": ("图片 PNG", "Image PNG"),
    "download_svg": ("图片 SVG", "Image SVG"),
    "download_chart_csv": ("图中数据 CSV", "Chart data CSV"),
    "download_png_help": ("2 倍分辨率图片，含标题、单位、区、年份、来源文件和制作时间。",
                          "A 2× image with the title, unit, districts, years, source documents and the time it was made."),
    "download_svg_help": ("矢量图，文字为文本（需要中文字体才能正确显示）。",
                          "A vector image; text stays text (a viewer needs a Chinese font to show it)."),
    "download_chart_csv_help": ("图中每个数字及其来源文件、行号和原文。",
                                "Every number in the chart with its document, line and quote."),
    "image_subtitle": ("单位：{unit}　区：{districts}　年份：{years}", "Unit: {unit} · Districts: {districts} · Years: {years}"),
    "image_source": ("来源：{sources}", "Source: {sources}"),
    "image_made": ("制作于 {made}（北京时间）· 政数对标 · 每个数字的行号与原文见同名 CSV",
                   "Made {made} (Beijing time) · District bureau benchmarks · each figure's line and quote in the CSV of "
                   "the same name"),
    "image_made_pack": ("制作于 {made}（北京时间）· 政数对标 · 每个数字的来源文件与行号见本简报的指标表",
                        "Made {made} (Beijing time) · District bureau benchmarks · each figure's document and line in "
                        "this briefing's KPI table"),
    "unit_10k_cny": ("万元", "10k CNY"),
    "scorecard_unit": ("颜色为与最佳值的差距（以各指标的实质差异为尺度）；格内为数值（年份）",
                       "colour: distance to the best, in each KPI's material difference; cells: value (year)"),
    "page_briefing": ("简报", "Briefing"),
    "briefing_intro": ("选择指标、区和年份，下载一份可直接带去开会的简报：PPTX 或 PDF，每张图一页，附指标一览表，"
                       "首页列出筛选条件和制作时间。图中每个数字都注明来源文件。",
                       "Pick KPIs, districts and years and download one file for the meeting: PPTX or PDF, one page per "
                       "chart, a KPI table, and a title page with the filters and the time it was made. Every figure "
                       "names its source document."),
    "kpis": ("指标", "KPIs"),
    "years": ("年份", "Years"),
    "pick_briefing": ("请至少选择一个指标、一个区和一个年份。", "Pick at least one KPI, one district and one year."),
    "briefing_title": ("政务服务数据管理局对标简报", "District Government Service & Data Bureaus: briefing"),
    "briefing_made": ("制作于 {made}（北京时间）", "Made {made} (Beijing time)"),
    "briefing_contents": ("简报内容：首页、指标一览表（{rows} 行）、{charts} 张图",
                          "Contents: title page, KPI table ({rows} rows), {charts} charts"),
    "kpi_table_title": ("指标一览", "KPI table"),
    "chart_compare": ("各区对比", "districts compared"),
    "chart_trend": ("逐年趋势", "year by year"),
    "download_pptx": ("下载简报 PPTX", "Download briefing PPTX"),
    "download_pdf": ("下载简报 PDF", "Download briefing PDF"),
    "download_pack_help": ("点击后在服务器上生成，图较多时需要几秒钟。", "Made on the server when clicked; a few seconds for many charts."),
    "continued": ("（续）", " (continued)"),
    "language_name": ("中文", "English"),
    "no_documents": ("仓库中还没有{kind}。", "The warehouse has no {kind} yet."),
    "budget_table": ("表", "Table"),
    "bureau": ("机构", "Bureau"),
    "bureau_kind": ("机构类型", "Kind of bureau"),
    "bureau_unknown": ("未写明机构", "bureau not named"),
    "bureaus_differ": ("注意：所选各区的报告来自不同机构（{bureaus}）。排名和其他区平均只在同类机构之间计算。",
                       "Note: these reports come from different kinds of bureau ({bureaus}). Ranks and peer averages are "
                       "computed within each kind of bureau only."),
    "bureau_other_kind": ("其他机构", "another kind of bureau"),
    "code_across": ("一个科目，各区各年", "One code across districts and years"),
    "stage": ("阶段", "Stage"),
    "stage_final": ("决算", "Final accounts"),
    "stage_budget": ("预算", "Budget"),
    "checks_failed_here": ("这份文件的表有 {n} 项核对未通过（如：{subjects}），相关数字请对照原文使用；见本页“数字核对”。",
                           "{n} of this document's table checks fail (e.g. {subjects}): check those figures against the "
                           "document; see “Checks” on this page."),
    "budget_checks_title": ("预算数字核对", "Checks of the budget figures"),
    "budget_checks_intro": ("文件自己的数字能否相互印证：所写的合计与各项之和、所写的比率与其分子分母。未通过的核对列在这里，"
                            "全部核对见“来源与质量”页。",
                            "Whether a document's own figures agree: a stated total against its parts, a stated rate against "
                            "its numerator and denominator. The failing checks are listed here; every check is on the "
                            "Sources page."),
    "budget_checks_pass": ("各文件的预算数字核对全部通过。", "Every check of the documents' budget figures passes."),
    "budget_checks_document": ("文件（未通过的核对数）", "Document (failing checks)"),
    "budget_check_difference": ("差 {difference}", "off by {difference}"),
    "percentage_points": (" 个百分点", " pp"),
    "budget_vs_final": ("预算与决算对照（按功能分类科目）", "Budget vs final accounts, by functional code"),
    "budget_vs_final_none": ("还没有同一区、同一年份、同一部门既有部门预算又有部门决算的报告（不同部门的预算与决算不对照）。",
                             "No bureau has both a department budget and final accounts for the same district and year yet "
                             "(one bureau's budget is not set beside another's final accounts)."),
    "code": ("科目编码", "Code"),
    "item": ("科目名称", "Item"),
    "code_level": ("级次", "Level"),
    "column": ("栏目", "Column"),
    "value_10k": ("数值（万元）", "Value (10k CNY)"),
    "level1": ("一级指标", "Level-1 indicator"),
    "level2": ("二级指标", "Level-2 indicator"),
    "indicator": ("三级指标", "Indicator"),
    "period_target": ("中长期目标", "Medium-term target"),
    "annual_target": ("年度目标", "Annual target"),
    "target_value": ("目标值", "Target value"),
    "target_unit": ("单位", "Unit"),
    "comparator": ("比较", "Comparator"),
    "budget_stage": ("预算（万元）", "Budget (10k CNY)"),
    "final_stage": ("决算（万元）", "Final (10k CNY)"),
    "execution_pct": ("执行率 %", "Spent %"),
    "budget_line": ("预算行号", "Budget line"),
    "budget_doc": ("预算文件", "Budget document"),
    "final_doc": ("决算文件", "Final accounts document"),
    "final_line": ("决算行号", "Final line"),
    "review_agreement": ("是否一致", "Agreement"),
    "review_agrees": ("第 {lines} 行 {n} 处一致", "agrees at lines {lines} ({n} places)"),
    "review_conflicts": ("冲突：{others}", "conflict: {others}"),
    "review_other_value": ("第 {line} 行写 {value}", "line {line} says {value}"),
    "review_help": ("核对找到的数字：选一个数字，确认、更正（指标、数值、年份、期间）或否决，并写下理由；规则漏掉的数字可按行号补录。"
                    "没有决定的数字保持原样。决定会一直保存，以后每次更新数据都照样应用，不会因重新载入而丢失。",
                    "Check the figures found: pick one and accept, correct (KPI, value, year, period) or reject it, with a "
                    "reason; add a figure the rules missed by its line. Figures without a decision stay as found. Decisions are "
                    "kept for good and applied again whenever the data is rebuilt, so a reload never loses them."),
    "review_scan_line": ("扫描件识别出的这一行（OCR）", "The line as read from the scan (OCR)"),
    "review_scan_mark": ("识别自扫描件", "read from a scan"),
    "review_scan_help": ("这份报告有 {n} 行来自扫描页的文字识别（OCR），可能认错字或数字：来自这些行的数字标为“识别自扫描件”，"
                         "请对照扫描件逐个核对，无误选“确认无误”，有误选“更正”；未经确认的数字只显示，不参与排名和比较。",
                         "{n} lines of this report were read from scanned pages by text recognition (OCR), which may misread a "
                         "character or a digit: figures from those lines are marked 'read from a scan'. Check each against the "
                         "scan and accept it, or correct it; until accepted they are shown but never ranked or compared."),
    "review_decide_title": ("对一个数字作出决定", "Decide about one figure"),
    "review_figure": ("数字", "Figure"),
    "review_decision": ("决定", "Decision"),
    "review_accept": ("确认无误", "accept"),
    "review_correct": ("更正", "correct"),
    "review_reject": ("否决", "reject"),
    "review_add": ("补录", "add"),
    "review_new_kpi": ("更正为指标", "Correct to KPI"),
    "review_same": ("（不变）", "(unchanged)"),
    "review_new_value": ("更正为数值（用该指标的单位，如 万元、件、%）", "Correct to value (in the KPI's unit: 万元, cases, % …)"),
    "review_reason": ("理由", "Reason"),
    "review_note_it": ("记下这个决定", "Note this decision"),
    "review_add_title": ("补录规则漏掉的数字", "Add a figure the rules missed"),
    "review_add_help": ("选择指标，填写它所在的行号和数值（用该指标的单位，如 万元、件、%）；原文取该行文字。",
                        "Choose the KPI and give its line and value (in the KPI's unit: 万元, cases, % …); the quote is that line's text."),
    "review_add_it": ("记下这个数字", "Note this figure"),
    "review_add_missing": ("请选择指标并填写行号和数值。", "Choose a KPI and give a line and a value."),
    "review_pending": ("待保存的决定（{n} 个）", "Decisions to keep ({n})"),
    "review_undo": ("撤销", "Undo"),
    "review_candidates": ("可能漏掉的数字（{n} 个，未载入）", "Possible figures the rules did not take ({n}, not loaded)"),
    "review_candidates_help": ("这些数字所在的句子里有某个指标的用词，但没有规则认定它们。只有你采用的才会载入。",
                               "Their sentences hold a KPI's words, but no rule claimed them. Only those you take are loaded."),
    "review_may_be": ("可能是", "May be"),
    "review_not_loaded": ("为何不算该指标", "Why it is not the KPI's value"),
    "review_because_part": ("只是一部分{words}，不是总数", "only a part{words}, not the total"),
    "review_because_role": ("是{role}{words}，不是当年的数值", "{role}{words}, not the year's value"),
    "review_because_period": ("只含 {period}{words}，不是全年", "only {period}{words}, not the whole year"),
    "review_because_none": ("读来像当年的数值，但没有规则认定：请对照原文再决定是否采用",
                            "reads as the year's value, but no rule took it: check the quote before taking it"),
    "role": ("作用", "Role"),
    "why": ("判断依据", "Decided by"),
    "review_candidate_pick": ("候选数字", "Possible figure"),
    "review_candidate_use": ("采用这个数字", "Take this figure"),
    "review_loaded_title": ("核对已载入的报告", "Review a loaded report"),
    "review_save": ("保存决定并重建", "Keep the decisions and rebuild"),
    "review_none": ("还没有任何决定：请先在表中确认、更正、否决或补充数字。",
                    "No decisions yet: accept, correct, reject or add a figure in the tables first."),
    "review_saved": ("已保存 {n} 个决定，数据仓库已重建。", "Kept {n} decisions; the warehouse was rebuilt."),
    "review_open": ("核对这份报告的数字", "Review this report's figures"),
    "decisions_title": ("人工核对记录", "Review decisions"),
    "decisions_none": ("还没有人工决定。", "No decisions yet."),
    "run_too_long": ("这一页运行超过 {seconds} 秒，已停止（其他人的使用不受影响）。请刷新页面，或换一个选择再试。",
                     "This page took longer than {seconds} s and was stopped (nobody else is affected). Reload the page, "
                     "or try another selection."),
}


# The measures that are not the catalog's definition (etl.extract.DEFINITIONS), as a reader says them.
# What the reading decided a figure is (etl.reading.decide), as the review names it.
ROLE_NAMES = {
    "result": ("当年结果", "the year's result"),
    "target": ("目标", "target"),
    "part": ("部分", "a part of a total"),
    "change": ("增减变化", "a change"),
    "previous_year": ("往年数字", "an earlier year's figure"),
    "average": ("日均或平均", "per day or average"),
    "cumulative": ("历年累计", "cumulative since an earlier year"),
    "share": ("占比", "a share"),
    "project": ("项目的数字", "a project's figure"),
    "larger_area": ("全市或全省的数字", "a larger area's figure"),
}


def role_name(role: str | None, lang: str = "zh") -> str:
    """A role in the page's language (the role's id where it has no name)."""
    zh, en = ROLE_NAMES.get(role or "", (role or "", role or ""))
    return en if lang == "en" else zh


# A downloaded table's columns (CSV, Excel) as its headers say them in the page's language
# (dashboard.export.table): by the page's own label where a page shows the column, else by
# COLUMN_NAMES; a column named in neither keeps its name.
COLUMN_LABELS = {
    "kpi_name": "kpi", "district": "district", "bureau": "bureau", "bureau_kind": "bureau_kind", "year": "year",
    "value": "value", "unit": "unit", "status": "status", "period": "period", "note": "note", "title": "document",
    "line": "line_no", "quote": "quote", "text": "quote", "file": "file", "kind": "kind", "doc_kind": "kind",
    "definition": "definition_basis", "not_comparable": "not_ranked_why", "chosen_by": "chosen_rule",
    "alignment": "alignment", "rank": "rank", "peer_average": "peer_average", "gap_to_best": "gap_to_best",
    "check_type": "check_type", "subject": "check_subject", "expected": "stated", "actual": "computed",
    "difference": "difference", "detail": "arithmetic", "code": "code", "stage": "stage", "table_name": "budget_table",
}
COLUMN_NAMES = {
    "kpi_id": ("指标编号", "KPI id"),
    "qualifier": ("限定词（约、超过）", "Qualifier (about, more than)"),
    "precision": ("精度（小数位）", "Precision (decimal places)"),
    "observations": ("文件中的数字个数", "Figures in the documents"),
    "doc_id": ("文件编号", "Document id"),
    "comparison": ("比较组", "Comparison"),
    "districts": ("可比区数", "Districts compared"),
    "score": ("得分", "Score"),
    "check_id": ("检查编号", "Check id"),
    "tolerance": ("允许误差", "Tolerance"),
    "passed": ("通过", "Passed"),
    "name": ("名称", "Name"),
}


DEFINITION_NAMES = {
    "final_accounts": ("部门决算口径", "final-accounts basis"),
    "in_year": ("当年新增口径", "this year's additions only"),
}


# A check's arithmetic (queries/check_*.sql, written in Chinese) in English: the
# document's own names and numbers stay as written, the connecting words are translated.
_CHECK_WORDS_EN = (
    (r"（第 (\d+) 行 ÷ 第 (\d+) 行）", r" (line \1 ÷ line \2)"),
    (r"（第 (\d+) 行）", r" (line \1)"),
    (r"；文件写 ", "; the document writes "),
    (r" 无此类级科目", " has no such item"),
    (r"; 重复块已去除: ", "; repeated blocks removed: "),
    (r" 个项目", " projects"),
    (r" = 其中各项之和$", " = the sum of its parts (其中)"),
    (r"= 下级科目之和$", "= the sum of its sub-items"),
    (r"= 各类级科目之和$", "= the sum of its class items"),
)


def column_name(column: str, lang: str = "zh") -> str | None:
    """A downloaded table's column header in `lang` (COLUMN_LABELS, COLUMN_NAMES), None for a column named in neither."""
    if column in COLUMN_LABELS:
        return t(COLUMN_LABELS[column], lang)
    names = COLUMN_NAMES.get(column)
    return (names[1] if lang == "en" else names[0]) if names else None


def check_text(detail: str | None, lang: str = "zh") -> str:
    """A check's subject or arithmetic as the page's language says it: '1403.97 ÷ 1568.97 = 89.48%（第 566 行 ÷ 第 560 行）；
    文件写 93.8%（第 598 行）', in English '… = 89.48% (line 566 ÷ line 560); the document writes 93.8% (line 598)'."""
    text = detail or ""
    if lang == "en":
        for pattern, replacement in _CHECK_WORDS_EN:
            text = re.sub(pattern, replacement, text)
    return text


def t(key: str, lang: str = "zh", **values: object) -> str:
    """The label `key` in `lang`, with {placeholders} filled."""
    zh, en = LABELS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def list_separator(lang: str = "zh") -> str:
    """Between the items of a list in a sentence: 、 in Chinese, a comma in English."""
    return "、" if lang == "zh" else ", "


def bureau_name(bureau: str | None, lang: str = "zh") -> str:
    """A bureau as the page's language names it: as printed in Chinese; the kinds the
    product knows in English, any other body as printed; 未写明机构 where the report
    does not name it."""
    if not bureau:
        return t("bureau_unknown", lang)
    return BUREAUS_EN.get(bureau, bureau) if lang == "en" else bureau


def with_bureau(district: str, bureau: str | None) -> str:
    """The name of one bureau of a place with several: 平潭·市场监督管理局."""
    return f"{district}{BUREAU_MARK}{bureau or ''}"


def district_name(district: str, lang: str = "zh") -> str:
    """'番禺', 'Panyu'; a place's bureau where it has several (with_bureau): '平潭·市场监督管理局',
    'Panyu · Finance Bureau'."""
    place, marked, bureau = district.partition(BUREAU_MARK)
    name = DISTRICTS_EN.get(place, place) if lang == "en" else place
    if not marked:
        return name
    return f"{name}{BUREAU_MARK if lang == 'zh' else ' · '}{bureau_name(bureau, lang)}"


def status_name(status: str, lang: str = "zh", mark: bool = False) -> str:
    zh, en = STATUS.get(status, (status, status))
    name = en if lang == "en" else zh
    return f"{STATUS_MARK.get(status, '')} {name}".strip() if mark else name


def kind_name(kind: str, lang: str = "zh") -> str:
    zh, en = KINDS.get(kind, (kind, kind))
    return en if lang == "en" else zh
