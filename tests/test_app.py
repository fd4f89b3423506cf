"""Every page of the app runs in both languages and shows the reports' real figures
(streamlit.testing.v1.AppTest, no browser)."""

import json
import re

import pytest
from add_helpers import warehouse_of
from app_helpers import BUDGET_VIEWS, everything, open_page, open_views, plotly_specs, texts

from etl.build import ROOT

PAGES = ["overview", "benchmark", "trends", "budget", "sources"]


@pytest.fixture(autouse=True)
def session_warehouse(warehouse, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(warehouse))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_both_languages(page, lang):
    at, *_ = open_views(page, lang)  # the parts drawn only when asked run too
    titles = {"zh": ["总览", "对标", "趋势", "预算", "来源与质量"],
              "en": ["Overview", "Benchmark", "Trends", "Budget", "Sources & quality"]}
    assert at.title[0].value == titles[lang][PAGES.index(page)]


def test_overview_cards_show_each_districts_latest_year():
    at = open_page("overview")
    cards = {m.label: m.value for m in at.metric}
    assert cards["部门整体预算执行率 · 2023"] == "99.96%"  # 增城
    assert cards["部门整体预算执行率 · 2021"] in {"93.2%", "99.5%"}  # 番禺 and 白云 share the label
    assert cards["12345热线满意率 · 2021"] == "78.65%"
    assert "各区报告年份不同" in texts(at)


def test_headlines_compare_only_comparable_values_of_one_year():
    at = open_page("overview")
    # 增城's 99.96% is of 2023, the only district that year: the sentence is about 2021, and says so
    assert ("2021 年部门整体预算执行率：白云最高（99.5%），番禺最低（93.2%）。未比较：增城 2023 年 99.96%（年份不同）。"
            in texts(at))
    assert ("2021 年政务服务群众满意率：番禺最高（99.99%），白云最低（99.9%）。未比较：增城 2023 年 99.9%（年份不同）。"
            in texts(at))
    # 增城's 100% on-time rate is of 1-10月 2023 (line 184), 白云's of 2021: no sentence ranks them, one names them
    assert "12345热线工单按时办结率：" not in texts(at)
    assert "不比高低：部门整体支出绩效自评得分、12345热线满意率、12345热线工单按时办结率、" in texts(at)


def test_a_kpi_has_one_unit_on_every_card():
    """部门全年预算数: 番禺 11,092.98万元 (line 548) beside 白云 6,302.34万元 (line 117), never 1.11亿元."""
    cards = [(m.label, m.value) for m in open_page("overview").metric]
    assert ("部门全年预算数 · 2021", "11,092.98万元") in cards
    assert ("部门全年预算数 · 2021", "6,302.34万元") in cards
    assert ("部门全年预算数 · 2023", "6,096.74万元") in cards  # 增城 line 292
    english = [(m.label, m.value) for m in open_page("overview", "en").metric]
    assert ("Full-year budget · 2021", "110.9 M CNY") in english and ("Full-year budget · 2021", "63 M CNY") in english


def test_a_card_shows_no_change_against_another_measure():
    """番禺 2021 93.2% (自评报告's 执行率) has no change against 2019's 68.31%, the 决算's 部门整体预算完成率."""
    at = open_page("overview")
    panyu = [m for m in at.metric if m.label == "部门整体预算执行率 · 2021" and m.value == "93.2%"]
    assert len(panyu) == 1 and not panyu[0].delta
    # the same-definition change of 政务服务群众满意率 stays: 99.99% (2021) against 99.92% (2019)
    assert any(m.value == "99.99%" and m.delta == "+0.07 pp 较 2019 年" for m in at.metric)
    assert "2021 年第 2/2 名" in [c.value for c in at.caption]


def test_overview_in_english():
    at = open_page("overview", "en")
    assert any(m.label == "Budget execution rate · 2023" and m.value == "99.96%" for m in at.metric)
    assert ("Budget execution rate, 2021: Baiyun highest (99.5%), Panyu lowest (93.2%). "
            "Not compared: Zengcheng 2023: 99.96% (another year).") in texts(at)


def test_overview_card_says_part_year_and_source():
    at = open_page("overview")
    ontime = [m for m in at.metric if m.label == "12345热线工单按时办结率 · 2023"]
    assert ontime and ontime[0].value == "100%"
    assert "第 184 行" in ontime[0].proto.help
    assert any("1-10月" in c.value for c in at.caption)


def test_benchmark_bars_and_peer_average():
    at = open_page("benchmark", kpi="hotline_satisfaction_rate", align="latest")
    bars, peers = plotly_specs(at)[0]["data"][:2]
    assert bars["y"] == [87.75, 78.65]
    assert bars["x"] == ["增城（2023 年）", "白云（2021 年）"]
    assert peers["y"] == [78.65, 87.75]  # each district's peers, excluding itself
    table = at.dataframe[0].value
    assert list(table["原文"])[1] == "我区全年受理工单超过26万件，100%按时办结，市民满意率高达78.65%。"


def test_benchmark_same_year_only():
    at = open_page("benchmark", kpi="budget_execution_rate", align="same_year", year="2021")
    assert plotly_specs(at)[0]["data"][0]["y"] == [99.5, 93.2]


def test_trends_mark_derived_points():
    at = open_page("trends", kpi="hotline_tickets")
    lines = {trace["name"]: trace for trace in plotly_specs(at)[0]["data"]}
    # each line starts with a gap, whose circle the legend draws
    assert lines["增城"]["x"] == [None, 2022, 2023]
    assert lines["增城"]["y"] == [None, 211700, 231400]
    assert lines["增城"]["marker"]["symbol"] == ["circle", "circle-open", "circle"]
    assert lines["增城"]["text"] == [" ", "推算", " "]


def test_trends_do_not_interpolate_missing_years():
    at = open_page("trends", kpi="basic_expenditure")
    panyu = {trace["name"]: trace for trace in plotly_specs(at)[0]["data"]}["番禺"]
    assert panyu["x"] == [None, 2018, 2019, None, 2021]  # no point or line through 2020


def test_budget_treemap_reaches_the_7_digit_item():
    at = open_page("budget")
    treemap = next(spec for spec in plotly_specs(at) if spec["data"][0]["type"] == "treemap")["data"][0]
    index = treemap["ids"].index("2060503")
    assert treemap["labels"][index] == "2060503 科技条件专项"
    assert treemap["text"][index] == "2,811.83"


def test_the_budget_page_offers_each_of_its_views_and_draws_the_picked_one_alone():
    """The views the tests open (app_helpers.BUDGET_VIEWS) are the page's; only the picked one is drawn,
    and the link keeps it."""
    at = open_page("budget")
    assert at.segmented_control(key="param_view").options == ["功能分类科目", "预算与执行", "数字核对", "预算与决算对照",
                                                               "项目与绩效指标"]
    assert {v["view"] for v in BUDGET_VIEWS if "view" in v} == {"spending", "checks", "compare", "projects"}
    assert [s.value for s in at.subheader] == ["支出决算（功能分类）", "一个科目，各区各年"]
    assert len(at.get("plotly_chart")) == 1 and len(at.dataframe) == 1  # the treemap and one code's table
    at.segmented_control(key="param_accounts_as").set_value("table").run()  # the treemap's lines as a table
    assert at.query_params["accounts_as"] == "table" and len(at.get("plotly_chart")) == 0
    lines = at.dataframe[0].value
    assert list(lines.columns) == ["科目编码", "科目名称", "级次", "栏目", "数值（万元）", "行号"]
    row = lines[lines["科目编码"] == "2060503"].iloc[0]
    assert (row["科目名称"], round(row["数值（万元）"], 2)) == ("科技条件专项", 2811.83)
    at.segmented_control(key="param_view").set_value("projects").run()
    assert at.query_params["view"] == "projects"
    assert [s.value for s in at.subheader] == ["项目支出预算与绩效指标"]


def test_the_trends_page_draws_one_table_at_a_time_and_keeps_it_in_the_link():
    at = open_page("trends", kpi="hotline_tickets")
    assert at.segmented_control(key="param_table").options == ["数据与出处", "同比变化"]
    assert [s.value for s in at.subheader] == ["数据与出处"] and len(at.dataframe) == 1
    sources = at.dataframe[0].value
    assert "第" not in sources.columns[0] and {"原文", "行号"} <= set(sources.columns)
    at.segmented_control(key="param_table").set_value("yoy").run()
    assert at.query_params["table"] == "yoy"
    assert [s.value for s in at.subheader] == ["同比变化"] and len(at.dataframe) == 1
    changes = at.dataframe[0].value
    zengcheng = changes[(changes["区"] == "增城") & (changes["年份"] == 2023)].iloc[0]
    # 231,400 against 2022's 211,700 (derived from the report's own figures)
    assert (zengcheng["上一可比年份"], zengcheng["变化"], zengcheng["变化 %"]) == ("2022", "19700.0", "9.31")


def test_sources_show_conflicts_and_search():
    at = open_page("sources", q="5G基站", table="conflicts")  # the conflicts drawn when asked
    conflicts = next(df.value for df in at.dataframe if "选取依据" in df.value.columns)
    assert list(conflicts.columns[:4]) == ["指标", "区", "年份", "选用的数值"]  # the answer first
    rows = {(r["指标"], r["区"]): r for r in conflicts.to_dict("records")}
    assert len(rows) == 6 and all(r["选取依据"] for r in rows.values())  # every row states its rule
    # 番禺 2021: “好评率”达 99.99% (line 328) and 99.9% (line 1276)
    good = rows["政务服务“好差评”好评率", "番禺"]
    assert (good["选用的数值"], good["行号"], good["文件中的其他数值"], good["选取依据"]) == (
        "99.99%", 328, "99.9%（第 1276 行）", "更精确的数字优先")
    # 增城 2023: 群众满意率达到 99.9% (line 79) and 99.8% (line 251), equally precise
    satisfied = rows["政务服务群众满意率", "增城"]
    assert (satisfied["选用的数值"], satisfied["行号"], satisfied["文件中的其他数值"]) == ("99.9%", 79, "99.8%（第 251 行）")
    assert satisfied["选取依据"].startswith("精度相同，取报告中最先出现的一处")
    assert "共 6 处" in texts(at)  # lines 436, 438, 1884, 1888 of 2021; 1441, 1489 of 2019


def test_sources_show_context_of_a_value():
    at = open_page("sources", value="budget_total|白云|2021")
    assert "▶   117  全年预算数 6,302.34万元，执行数 6,268.76万元，完成" in at.code[0].value


@pytest.fixture(scope="module")
def self_evaluations_only(tmp_path_factory):
    """A warehouse of the three self-evaluation reports alone: no 决算, no 目标表."""
    return warehouse_of(tmp_path_factory.mktemp("self_only"), kinds=("self_evaluation",))


@pytest.mark.parametrize("page", PAGES + ["briefing"])
def test_every_page_runs_without_final_accounts_or_targets(page, self_evaluations_only, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(self_evaluations_only))
    at, *_ = open_views(page)  # every part runs, those drawn only when asked too
    if page == "budget":  # the accounts (the view on load) and the projects (one click away)
        infos = [i.value for i in at.info] + [i.value for i in open_page(page, view="projects").info]
        assert infos == ["仓库中还没有部门决算。", "仓库中还没有项目支出绩效目标表。"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES + ["briefing"])
def test_every_page_runs_with_reports_from_other_places_and_kinds(page, lang, with_corpus, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(with_corpus))
    views = open_views(page, lang)  # the page, then each part it draws only when asked
    at, shown = views[0], "\n".join(everything(view) for view in views)
    assert "平潭" in shown and "普陀" in shown  # the places outside Guangzhou are on the page (or one pick away)
    if page == "budget":
        options = at.selectbox(key="param_accounts").options
        assert len(options) == 4  # 番禺 2019, 普陀 2024, 平潭 2016 决算 and 普陀 2025 预算
        titles = set()
        for index in range(len(options)):
            at.selectbox(key="param_accounts").set_value(at.selectbox(key="param_accounts").options[index]).run()
            assert not at.exception, [e.value for e in at.exception]
            titles |= {json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")}
        for place in ("番禺 2019", "普陀 2024", "平潭 2016", "普陀 2025"):  # each document's treemap was drawn
            assert any(place in title or place.replace("番禺", "Panyu") in title for title in titles), titles


@pytest.fixture(scope="module")
def two_of_each(tmp_path_factory):
    """The five sources, the three corpus reports, and a second document of the kinds that had one: 番禺's
    2024 目标表 uploaded again (one more line at its end), 普陀's 2025 部门预算 as read from its PDF."""
    from etl import intake

    folder = tmp_path_factory.mktemp("two_of_each")
    (folder / "raw").mkdir()
    targets = ROOT / "data" / "raw" / "002_340db7d787a70fbc.txt"
    (folder / "raw" / "targets_again.txt").write_bytes(targets.read_bytes() + b"\n")
    pdf = ROOT.parent / "shared" / "corpus" / "pdf" / "putuo_govoffice_2025_budget.pdf"
    (folder / "raw" / "budget_from_pdf.txt").write_bytes(intake.read_upload(pdf.name, pdf.read_bytes()).data)
    return warehouse_of(folder, corpus=True, extra=(("targets_again.txt", "番禺", 2024, "project_targets"),
                                                     ("budget_from_pdf.txt", "普陀", 2025, "budget")))


def test_the_budget_page_with_two_documents_of_each_kind(two_of_each, monkeypatch):
    monkeypatch.setenv("ZHENGSHU_DB", str(two_of_each))
    at = open_page("budget", view="projects")
    targets = at.selectbox(key="param_targets")
    assert sorted(targets.options) == sorted(set(targets.options)) and len(targets.options) == 2  # told apart
    projects = set()
    for index in range(2):
        at.selectbox(key="param_targets").set_value(at.selectbox(key="param_targets").options[index]).run()
        assert not at.exception, [e.value for e in at.exception]
        projects.add(at.query_params["targets"])
        assert at.selectbox(key="param_project_" + at.query_params["targets"]).options  # its own projects
    assert projects == {"002_340db7d787a70fbc", "targets_again"}
    at = open_page("budget")
    accounts = at.selectbox(key="param_accounts")
    assert len(accounts.options) == 5 and len(set(accounts.options)) == 5  # three 决算, two 预算 of 普陀 2025
    for index in range(5):
        at.selectbox(key="param_accounts").set_value(at.selectbox(key="param_accounts").options[index]).run()
        assert not at.exception, [e.value for e in at.exception]
    # 2010301 行政运行 of 普陀 2025 (12,029,501.84 元), once per document: the text's line 151, the PDF's line 145
    at = open_page("budget", code="2010301")
    table = next(d.value for d in at.dataframe if "阶段" in d.value.columns)
    assert sorted(r["行号"] for r in table.to_dict("records") if r["区"] == "普陀") == [145, 151]


def test_the_budget_page_says_when_a_documents_tables_fail_their_checks(tmp_path, monkeypatch):
    """普陀 2024 决算 with one figure misprinted (its 支出决算表's 2010601 行政运行 1,511.98 for 1,511.89, so that
    20106 财政事务 2,106.66 is no longer the sum of its items): the Budget page says so beside its figures;
    番禺 2019's tables all hold, so nothing is said there."""
    import shutil

    from etl.build import MANIFEST, RAW, build

    shutil.copytree(RAW, tmp_path / "raw")
    text = (ROOT / "tests" / "corpus" / "putuo_finance_2024_final_accounts.txt").read_text(encoding="utf-8")
    misprinted = text.replace("\n201 06 01 1,511.89 1,503.52 8.37\n", "\n201 06 01 1,511.98 1,503.52 8.37\n")
    assert misprinted != text
    (tmp_path / "raw" / "putuo_2024_misprinted.txt").write_text(misprinted, encoding="utf-8")
    build(db_path=tmp_path / "w.duckdb", raw_dir=tmp_path / "raw", manifest_path=MANIFEST)
    monkeypatch.setenv("ZHENGSHU_DB", str(tmp_path / "w.duckdb"))
    at = open_page("budget")
    warned = {}
    for index in range(len(at.selectbox(key="param_accounts").options)):
        at.selectbox(key="param_accounts").set_value(at.selectbox(key="param_accounts").options[index]).run()
        warned[at.query_params["accounts"]] = [w.value for w in at.warning if "项核对未通过" in w.value]
    assert warned["003_202dbe6575e56d7f"] == []
    assert len(warned["putuo_2024_misprinted"]) == 1 and "20106 财政事务" in warned["putuo_2024_misprinted"][0]


def test_one_code_across_district_years_with_each_figures_line(with_corpus, monkeypatch):
    # 2010301 行政运行: 番禺 2019 决算 (支出决算表, line 233), 平潭 2016 决算说明 (a sentence, line 35),
    # 普陀 2025 部门预算 (12,029,501.84 元 in its 支出预算总表, line 151)
    monkeypatch.setenv("ZHENGSHU_DB", str(with_corpus))
    at = open_page("budget", code="2010301")
    table = next(d.value for d in at.dataframe if "阶段" in d.value.columns)
    rows = {(r["区"], r["年份"], r["阶段"], round(r["数值（万元）"], 2), r["行号"]) for r in table.to_dict("records")}
    assert rows == {("番禺", 2019, "决算", 483.11, 233), ("平潭", 2016, "决算", 353.32, 35), ("普陀", 2025, "预算", 1202.95, 151)}


def test_a_finance_bureaus_figure_is_not_ranked_against_government_service_bureaus(with_corpus, monkeypatch):
    import duckdb

    with duckdb.connect(str(with_corpus), read_only=True) as con:
        def ranks(kpi_id):
            return {d: (b, r, n, why) for d, b, r, n, why in con.execute(
                "select district, bureau, rank, districts, not_comparable from kpi_benchmark where alignment = 'latest' "
                "and kpi_id = ?", [kpi_id]).fetchall()}
        # “三公”经费: 平潭 行政审批局 2016 6.84, 番禺 政数局 2019 4.75 and 普陀 财政局 2024 0.00 (line 572: 支出决算为0.00万元),
        # each alone among its kind of bureau
        assert ranks("three_public_expenses") == {"平潭": ("行政审批局", 1, 1, None), "番禺": ("政务服务数据管理局", 1, 1, None),
                                                  "普陀": ("财政局", 1, 1, None)}
        # budget_executed: 普陀区财政局 2024 2,940.05 and 平潭 2016 45,951.12 are 决算 本年支出合计 (every fund),
        # not a self-evaluation's 执行数: shown, never ranked; the three 政数局s' 执行数 are ranked among themselves
        executed = ranks("budget_executed")
        assert executed["普陀"] == ("财政局", None, 0, "definition")
        assert executed["平潭"] == ("行政审批局", None, 0, "definition")
        assert {d: executed[d][1:3] for d in ("番禺", "白云", "增城")} == {"番禺": (1, 3), "白云": (2, 3), "增城": (3, 3)}
    monkeypatch.setenv("ZHENGSHU_DB", str(with_corpus))
    at = open_page("benchmark", kpi="budget_executed")
    assert any("来自不同机构" in w.value and "财政局" in w.value for w in at.warning)


def test_the_benchmark_pickers_keep_what_a_person_chose():
    """KPI → another KPI → back, then 同一年份 and back: 番禺 stays picked throughout, and where it has no
    comparable value the page says why instead of dropping it."""
    at = open_page("benchmark")
    everyone = ["增城", "番禺", "白云"]
    assert sorted(at.multiselect(key="param_districts").value) == sorted(everyone)
    at.selectbox(key="param_kpi").set_value("hotline_satisfaction_rate").run()
    assert sorted(at.multiselect(key="param_districts").value) == sorted(everyone)
    assert "未参与比较：番禺：报告未提供此指标" in [line for c in at.caption for line in c.value.split("\n\n")]
    at.selectbox(key="param_kpi").set_value("budget_execution_rate").run()
    assert sorted(at.multiselect(key="param_districts").value) == sorted(everyone)
    at.radio(key="param_align").set_value("same_year").run()
    assert at.selectbox(key="param_year").value == "2021"  # the latest year two districts report (白云, 番禺)
    assert sorted(at.multiselect(key="param_districts").value) == sorted(everyone)
    at.selectbox(key="param_year").set_value("2023").run()
    assert sorted(at.multiselect(key="param_districts").value) == sorted(everyone)
    assert "- 番禺：2023 年无此指标（报告年份：2019、2021）" in at.info[0].value  # said district by district (issue 25)
    at.radio(key="param_align").set_value("latest").run()
    assert sorted(at.multiselect(key="param_districts").value) == sorted(everyone)
    assert not at.exception


def test_the_overview_opens_on_a_picture_of_where_each_district_stands():
    at = open_page("overview")
    picture = plotly_specs(at)[0]
    blocks = [a["text"] for a in picture["layout"]["annotations"]]
    assert blocks == ["部门整体预算执行率（%）", "政务服务群众满意率（%）", "12345热线满意率（%）", "12345热线工单按时办结率（%）",
                      "部门整体支出绩效自评得分（分）"]  # a unit's blocks together
    dots = {d["text"][0]: d for d in picture["data"] if d.get("mode") == "markers+text"}
    assert dots["番禺 93.2%"]["marker"]["color"] == "#0072B2"
    assert dots["增城 100%（1-10月）"]["marker"]["symbol"] == "diamond-open"  # 1-10月 (line 184): hollow, its months beside it
    # a line per year, its year written beside it: 番禺 and 白云 in 2021, 增城 in 2023
    ticks = picture["layout"]["yaxis"]

    def year(label: str) -> str:
        y = dots[label]["y"][0]
        return min(zip(ticks["tickvals"], ticks["ticktext"], strict=True), key=lambda tick: abs(tick[0] - y))[1]

    assert (year("番禺 93.2%"), year("白云 99.5%"), year("增城 99.96%")) == ("2021 年", "2021 年", "2023 年")
    # one scale for every % block: 99.9% and 99.99% side by side, 78.65% on the same scale (one x axis per unit)
    axes = {name: axis for name, axis in picture["layout"].items() if name.startswith("xaxis")}

    def scale(label: str) -> tuple[float, float]:  # the range of the x axis the dot is drawn on
        return tuple(axes["xaxis" + dots[label].get("xaxis", "x")[1:]]["range"])

    percent = {scale(label) for label in ("番禺 93.2%", "番禺 99.99%", "白云 99.9%", "白云 78.65%", "增城 100%（1-10月）")}
    assert len(percent) == 1 and scale("番禺 92.58分") not in percent
    low, high = percent.pop()
    assert low <= 75 and high >= 100 and (99.99 - 99.9) / (high - low) < 0.01
    # hover: value, year, document, line and the words that lead to the figure
    assert dots["番禺 93.2%"]["hovertext"][0] == ("番禺（2021 年）: 93.2%<br>来源: 区政数局2021年部门整体支出绩效自评报告 · 第 556 行<br>"
                                                 "“区政数局2021年度整体预算执行率为93.2%.。”")
    # and every one of the 12 dots hovers its document, line and quote
    assert len(dots) == 12
    for label, dot in dots.items():
        assert re.search(r"<br>来源: .+ · 第 \d+ 行<br>“.+”", dot["hovertext"][0]), label


def test_the_scorecard_writes_each_kpi_in_one_unit_across_districts():
    # 部门全年执行数: 番禺 2021 "执行数 10340.03 万元" (line 552), 白云 2021 "执行数 6,268.76万元" (line 117),
    # 增城 2023 "全年执行数为 6,094.53 万元" (line 294): all in 万元, never 1.03亿元 beside 6,268.76万元
    at = open_page("benchmark", scorecard="1")  # the scorecard drawn when asked
    scorecard = plotly_specs(at)[1]
    cells = [text for trace in scorecard["data"] for row in (trace.get("text") or []) for text in
             (row if isinstance(row, list) else [row]) if text]
    assert {"10,340.03万元<br>2021", "6,268.76万元<br>2021", "6,094.53万元<br>2023"} <= set(cells)
    assert not any("亿元" in text for text in cells)


def test_the_benchmark_says_its_bars_set_different_years_side_by_side():
    # each district's latest year: 增城 2023 beside 白云 and 番禺 2021 — not the Overview's "one year only"
    at = open_page("benchmark")
    warned = [w.value for w in at.warning]
    assert any("增城（2023 年）" in w and "图中并列的是不同年份的数值" in w for w in warned), warned
    assert not any("只在同一年份内比较" in w for w in warned)


def test_the_start_up_makes_each_kpis_views_as_a_first_visit_asks_for_them():
    """dashboard/__main__.py warms views.warm: a first visit to any KPI on Benchmark or Trends then builds nothing."""
    from dashboard import views
    from dashboard.data import warehouse_version

    views.benchmark.cache_clear()
    views.trends.cache_clear()
    assert views.warm(warehouse_version()) == 48  # 24 reported KPIs, a Benchmark and a Trends view each
    made = (views.benchmark.cache_info().misses, views.trends.cache_info().misses)
    for kpi in ("hotline_tickets", "budget_execution_rate", "cloud_migrated_systems"):
        open_page("benchmark", kpi=kpi)
        open_page("trends", kpi=kpi)
    assert (views.benchmark.cache_info().misses, views.trends.cache_info().misses) == made
