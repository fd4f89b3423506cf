"""A synthetic corpus of bureau reports, in the three genres of the real sources,
with every generated figure recorded so that a build can be checked against it.

Documents read like the PDF text of the real reports (lines broken mid-sentence,
blank lines between them, markdown tables split across pages with their headers
repeated) and use the phrasings the extractors know (the comments above each Rule
in etl/self_evaluation.py, etl/prose_rules.py, etl/final_accounts.py, and the table
layouts of the real 部门决算 and 项目支出绩效目标表). Districts are Guangzhou's
eleven, years 2015-2024.

The figures of one district and year (its budget, spending, service and hotline
volumes, …) are drawn once from a seeded generator, so that every document about
that district-year agrees with every other, and a change stated against the
previous year ("比上年决算数增加 272.42 万元", "同比增长 9.28%") leads to the previous
year's own figure. A build of the corpus therefore has no conflicts, and every
quality check passes: anything else is a bug in the generator or the extractors.

Each figure is written with a position mark; the writer records the raw line the
figure lands on, so the check compares value, precision, kind, period, qualifier
*and* line with what the build found (see bench.check).

    generate_corpus(out_dir, documents=50)  ->  out_dir/raw/*.txt, out_dir/manifest.csv,
                                                out_dir/expected.json
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from etl.documents import DISTRICTS

YEARS = tuple(range(2015, 2025))
# The real corpus holds three self-evaluations, one final accounts and one project
# targets table; every scale keeps that mix.
KIND_CYCLE = ("self_evaluation", "final_accounts", "self_evaluation", "project_targets", "self_evaluation")

_MARK_START, _MARK_END = "\x02", "\x03"


def mark(key: str) -> str:
    """A position mark: the next character's raw line is recorded under `key`."""
    return f"{_MARK_START}{key}{_MARK_END}"


# ---------------------------------------------------------------------------
# Number formatting. Every figure is generated as an exact decimal and written the
# way the reports write it; precision follows etl.text.Quantity (the power of ten
# of the last digit written, after scaling: 163.37万 -> 2).
# ---------------------------------------------------------------------------


def money(cents: int, thousands: bool = False) -> str:
    """1234567 cents -> "12345.67" (or "12,345.67")."""
    value = Decimal(cents) / 100
    return f"{value:,.2f}" if thousands else f"{value:.2f}"


def half_up(value: float | Decimal, places: int = 0) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rate_text(numerator: int, denominator: int) -> str:
    """A stated rate, as a report rounds it: 2 decimals, trailing zeros dropped."""
    text = f"{half_up(Decimal(numerator) * 100 / Decimal(denominator), 2):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def precision_of(text: str, scale: int = 0) -> int:
    """"99.5" -> -1, "1,223,544" -> 0, "23.14" with 万 (scale 4) -> 2."""
    digits = text.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return -decimals + scale


# ---------------------------------------------------------------------------
# The figures of one district and year.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """Everything a report may state about one district-year, in cents (money) or
    plain numbers. Every document about the district-year uses these."""

    district: str
    year: int
    budget_total: int
    basic_budget: int
    project_budget: int
    basic_expenditure: int
    project_expenditure: int
    self_eval_score: str
    service_satisfaction_rate: str
    good_review_rate: str
    service_cases: int
    service_visits: int
    hotline_tickets: int  # a multiple of 100, so "23.14 万件" states it exactly
    hotline_tickets_part: int  # 1-10月
    hotline_ontime_rate: str
    hotline_satisfaction_rate: str
    new_5g: int
    total_5g: int
    free_seal_sets: int
    cloud_migrated_systems: int
    praise_letters: int
    commendation_banners: int
    carry_over: int  # 年初/年末结转和结余 (cents), the same both ends: income equals spending
    three_public: tuple[int, int, int, int]  # 决算: 出国, 车购置, 车运行, 接待 (cents)
    three_public_budget: tuple[int, int, int, int]

    @property
    def budget_executed(self) -> int:
        return self.basic_expenditure + self.project_expenditure


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in (seed, *parts)))


def _new_5g(seed: int, district: str, year: int) -> int:
    return _rng(seed, district, year, "5g").randint(300, 3200)


def facts(seed: int, district: str, year: int) -> Facts:
    """The figures of one district-year (the same for every call)."""
    rng = _rng(seed, district, year)
    basic_budget = rng.randint(90_000, 260_000) * 100 + rng.randint(0, 99)
    project_budget = rng.randint(300_000, 1_200_000) * 100 + rng.randint(0, 99)
    basic_expenditure = int(basic_budget * rng.uniform(0.86, 0.995))
    project_expenditure = int(project_budget * rng.uniform(0.80, 0.999))
    total_5g = _rng(seed, district, "5g-base").randint(800, 2500) + sum(
        _new_5g(seed, district, y) for y in range(YEARS[0] - 1, year + 1))
    hotline = rng.randint(800, 3500) * 100
    three_budget = (rng.choice([0, 0, 60_000, 120_000]), rng.choice([0, 0, 250_000]), rng.randint(20_000, 120_000),
                    rng.randint(10_000, 60_000))
    three_actual = tuple(int(b * rng.uniform(0.2, 1.0)) for b in three_budget)
    return Facts(
        district=district, year=year,
        budget_total=basic_budget + project_budget,
        basic_budget=basic_budget, project_budget=project_budget,
        basic_expenditure=basic_expenditure, project_expenditure=project_expenditure,
        self_eval_score=f"{rng.uniform(85, 99.5):.2f}",
        service_satisfaction_rate=rng.choice(["99.9", "99.8", "99.95", "99.99", "99.7", "99.92"]),
        good_review_rate=rng.choice(["99.99", "99.98", "99.9", "99.96"]),
        service_cases=rng.randint(500_000, 4_200_000),
        service_visits=rng.randint(600_000, 3_600_000),
        hotline_tickets=hotline,
        hotline_tickets_part=int(hotline * rng.uniform(0.78, 0.86)),
        hotline_ontime_rate=rng.choice(["100", "100", "99.9", "99.85"]),
        hotline_satisfaction_rate=f"{rng.uniform(72, 96):.2f}",
        new_5g=_new_5g(seed, district, year), total_5g=total_5g,
        free_seal_sets=rng.randint(8_000, 32_000),
        cloud_migrated_systems=rng.randint(40, 260),
        praise_letters=rng.randint(30, 320),
        commendation_banners=rng.randint(10, 130),
        carry_over=rng.randint(0, 9_000),
        three_public=three_actual,  # type: ignore[arg-type]
        three_public_budget=three_budget,
    )


# ---------------------------------------------------------------------------
# Writing: lines with position marks, wrapped like PDF text.
# ---------------------------------------------------------------------------


@dataclass
class Writer:
    """The lines of one document, and the raw line (1-based) of every mark."""

    lines: list[str] = field(default_factory=list)
    marks: dict[str, int] = field(default_factory=dict)

    def _take_marks(self, text: str) -> list[tuple[str, list[str]]]:
        chars: list[tuple[str, list[str]]] = []
        pending: list[str] = []
        index = 0
        while index < len(text):
            if text[index] == _MARK_START:
                end = text.index(_MARK_END, index)
                pending.append(text[index + 1:end])
                index = end + 1
                continue
            chars.append((text[index], pending))
            pending = []
            index += 1
        if pending:
            raise ValueError(f"a mark at the end of {text!r}")
        return chars

    def line(self, text: str = "") -> None:
        """One raw line (marks allowed)."""
        chars = self._take_marks(text)
        number = len(self.lines) + 1
        for _, keys in chars:
            for key in keys:
                self.marks[key] = number
        self.lines.append("".join(ch for ch, _ in chars))

    def blank(self, count: int = 1) -> None:
        self.lines.extend([""] * count)

    def paragraph(self, text: str, width: int, gap: int = 1, indent: str = "") -> None:
        """Text wrapped at `width` characters, `gap` blank lines between lines (the
        PDF's own line spacing), as the real self-evaluation reports come."""
        chars = self._take_marks(text)
        for start in range(0, len(chars), width):
            piece = chars[start:start + width]
            number = len(self.lines) + 1
            for _, keys in piece:
                for key in keys:
                    self.marks[key] = number
            self.lines.append(indent + "".join(ch for ch, _ in piece))
            self.blank(gap)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# ---------------------------------------------------------------------------
# One document: its text and the figures it states.
# ---------------------------------------------------------------------------


@dataclass
class Draft:
    """A document being written: the writer, the figures it states (each with the
    mark of its raw line) and the rows of its tables."""

    doc_id: str
    district: str
    year: int
    kind: str
    writer: Writer = field(default_factory=Writer)
    observations: list[dict] = field(default_factory=list)
    tables: dict[str, list[dict]] = field(default_factory=dict)
    _serial: int = 0

    def key(self) -> str:
        self._serial += 1
        return f"m{self._serial}"

    def figure(self, kpi_id: str, text: str, value: float, precision: int, unit: str, kind: str = "actual",
               period: str | None = None, qualifier: str | None = None, year: int | None = None) -> str:
        """Record a KPI figure; returns its text preceded by its mark."""
        key = self.key()
        self.observations.append({
            "kpi_id": kpi_id, "year": year or self.year, "value": value, "precision": precision, "unit": unit,
            "kind": kind, "period": period, "qualifier": qualifier, "mark": key,
        })
        return mark(key) + text

    def stated(self, kpi_id: str, text: str, unit: str, scale: int = 0, **extra) -> str:
        """A figure as the report writes it ("6,302.34", "99.5", "23.14" with 万: scale 4):
        its value and precision follow from the text, as etl.text.parse_number reads it."""
        value = float(Decimal(text.replace(",", "")) * 10**scale)
        return self.figure(kpi_id, text, value, precision_of(text, scale), unit, **extra)

    def row(self, table: str, row: dict, mark_key: str | None = None) -> None:
        self.tables.setdefault(table, []).append({**row, **({"mark": mark_key} if mark_key else {})})

    def resolve(self) -> None:
        """Replace marks by the raw lines they landed on."""
        for record in self.observations:
            record["line"] = self.writer.marks[record.pop("mark")]
        for rows in self.tables.values():
            for row in rows:
                if "mark" in row:
                    row["line"] = self.writer.marks[row.pop("mark")]


# Prose that states no figure, for the parts of a report the extractors do not read.
# None of it may match a rule: no 预算数/执行数, 满意率, 受理业务, 工单, 5G基站, …
FILLER = (
    "贯彻执行国家、省、市关于政务服务和政务信息化的法律法规、方针政策和决策部署，拟订本区政务服务和政务信息化发展规划并组织实施。",
    "负责统筹推进全区审批服务便民化相关工作，协调和优化跨地域、跨部门、跨层级事项审批服务方式。",
    "负责全区政务服务事项目录管理和标准化建设，指导、协调、监督各镇街、各部门开展政务服务事项标准化工作。",
    "统筹推进全区政务服务体系建设，制定和监督实施区政务服务大厅的各项管理制度、服务标准和服务规范。",
    "负责统筹全区政务信息化建设和管理工作，统筹推进“数字政府”改革建设，拟定建设规划和年度建设计划并组织实施。",
    "组织协调推进政务数据共享和开放，统筹政务数据资源的采集、分类、管理、分析和应用工作。",
    "负责电子政务基础设施、政务信息系统、政务数据资源等安全保障工作，监督管理区级政务信息系统和数据库安全工作。",
    "负责本区公共资源交易平台管理相关工作，负责全区网上中介服务超市的管理工作。",
    "负责区政府门户网站集约化建设工作，承担区政府门户网站的内容保障、平台技术、安全运维等工作。",
    "深化“放管服”改革，推动政务服务理念、制度、作风的全方位变革，推进审批服务便民化，提升政务服务水平。",
    "加快政务大数据云平台建设，强化政府网站及政务新媒体管理，继续加强网站内容运维和网站安全运行。",
    "通过对绩效运行跟踪监控的有效管理，推动本单位预算管理有序进行，提升单位预算绩效管理的科学性、有效性。",
    "绩效目标和绩效指标有待优化，对总体绩效目标的阐述仍不够全面，部分绩效指标不够明确。",
    "各单位信息化赋能业务的意识和能力不够，技术加管理复合型信息化人才缺乏，数据权责不清。",
    "继续优化绩效评价的方式设置，提高绩效评价结果的参考价值，将绩效理念和方法融入预算编制、执行和监督全过程。",
    "加强云资源申请审核、云资源使用率监督，提醒云资源使用单位及时优化资源。",
    "持续加强信息化项目管理，梳理和优化现有的信息化项目管理制度、管理流程和管理系统，实现信息化项目的精细化管理。",
    "按要求做好年初部门整体绩效目标评价、年中部门整体绩效运行监控和全年部门整体绩效目标自评工作。",
    "严格按照财务管理制度及政府采购相关文件依法开展采购活动，及时与供应商签订政府采购合同。",
    "资产配置合规，未发现单位办公室面积和办公设备配置超过规定标准，资产账与财务账、资产实体相符。",
)


def filler(rng: random.Random, sentences: int, district: str) -> str:
    text = "".join(rng.choice(FILLER) for _ in range(sentences))
    return text.replace("全区", f"{district}区", 1)


# ---------------------------------------------------------------------------
# 部门整体支出绩效自评报告
# ---------------------------------------------------------------------------

# (indicator, unit) for 绩效完成情况 sentences: no indicator name holds a phrase a
# prose rule reads.
_INDICATORS = (
    ("自助终端功能数量", "项"), ("自助终端覆盖村数量", "个"), ("预约叫号评价系统部署数量", "个"),
    ("智慧应用建设数量", "个"), ("视频会议系统覆盖镇街数量", "条"), ("项目专家评审会议数量", "场"),
    ("新建开发信息化系统数量", "个"), ("接入城市指挥平台系统数量", "个"), ("使用云资源单位数量", "个"),
    ("提供服务的服务器数量", "台"), ("完成数据分析报告数量", "份"), ("电子证照签发种类", "种"),
    ("网络安全检查次数", "次"), ("政务数据目录编制数量", "条"), ("业务培训场次", "场"), ("系统可用率", "%"),
)
_PROJECTS = ("巩固政务服务改革成效", "加快推进智慧城市建设", "完善数字政务体系建设", "规范政务热线管理",
             "提升数据资源共享水平", "加强网络和信息安全保障")


def _self_evaluation(draft: Draft, f: Facts, seed: int, rng: random.Random) -> None:
    w, d, y = draft.writer, f.district, f.year
    width = rng.choice([27, 28, 29, 30])
    gap = rng.choice([0, 1, 1])
    para = lambda text: w.paragraph(text, width, gap)  # noqa: E731

    w.blank()
    if rng.random() < 0.5:
        w.line("附件 2")
        w.blank()
    w.line(f"广州市{d}区政务服务数据管理局")
    w.line(f"{y}年部门整体支出")
    w.blank()
    w.line("绩效自评报告")
    w.blank()
    w.line("一、基本情况")
    w.blank()
    w.line("（一）部门概况")
    w.blank()
    para(f"广州市{d}区政务服务数据管理局作为广州市{d}区人民政府所属机构，内设办公室、政务管理科、大数据管理科、热线管理科。")
    for number in range(1, rng.randint(6, 12)):
        para(f"{number}、{rng.choice(FILLER)}")
    w.line("（二）年度总体工作和重点工作任务")
    w.blank()
    para(filler(rng, rng.randint(2, 5), d))

    # Service figures, in one of the phrasings the rules know.
    service = []
    if rng.random() < 0.8:
        style = rng.randrange(3)
        if style == 0:  # 全区共受理业务约 302 万宗，群众评价满意率 99.99%,收到锦旗 111 面，表扬信 279 封
            wan = half_up(Decimal(f.service_cases) / 10_000)
            sentence = (f"{y} 年全区共受理业务约 {draft.stated('service_cases', f'{wan}', '件', 4, qualifier='约')}"
                        f" 万宗，群众评价满意率 {draft.stated('service_satisfaction_rate', f.service_satisfaction_rate, '%')}%，"
                        f"收到锦旗 {draft.stated('commendation_banners', str(f.commendation_banners), '面')} 面，"
                        f"表扬信 {draft.stated('praise_letters', str(f.praise_letters), '封')} 封。")
        elif style == 1:  # 服务群众 3138055 人次，业务受理量共 1223544 件，…群众满意率达到 99.9%
            sentence = (f"{y} 年，{d}区政务服务大厅服务群众 {draft.stated('service_visits', str(f.service_visits), '人次')} 人次，"
                        f"业务受理量共 {draft.stated('service_cases', str(f.service_cases), '件')} 件，"
                        f"表扬信 {draft.stated('praise_letters', str(f.praise_letters), '封')} 封、"
                        f"锦旗 {draft.stated('commendation_banners', str(f.commendation_banners), '面')} 面，"
                        f"群众满意率达到 {draft.stated('service_satisfaction_rate', f.service_satisfaction_rate, '%')}%。")
        else:  # 区及南部政务服务中心业务受理量 163.37 万件
            wan = half_up(Decimal(f.service_cases) / 10_000, 2)
            sentence = (f"{y} 年区政务服务中心业务受理量 {draft.stated('service_cases', f'{wan}', '件', 4)} 万件，"
                        f"政务服务“好差评”好评率达 {draft.stated('good_review_rate', f.good_review_rate, '%')}%。")
        service.append(sentence)
    if rng.random() < 0.5:
        service.append(f"为新开办企业提供免费刻章服务，免费刻章套数共 "
                       f"{draft.stated('free_seal_sets', str(f.free_seal_sets), '套')} 套。")
    for sentence in service:
        para(sentence)

    if rng.random() < 0.6:
        para(f"推进数字新基础设施建设，{d}区年度新建 5G基站 {draft.stated('new_5g_base_stations', str(f.new_5g), '座')}座，"
             f"累计建成 5G基站 {draft.stated('total_5g_base_stations', str(f.total_5g), '座')}座。")
    if rng.random() < 0.6:
        units = rng.randint(20, 60)
        para(f"推进区直各部门信息化系统逐步向政务云平台集中，现已有 {units} 个单位 "
             f"{draft.stated('cloud_migrated_systems', str(f.cloud_migrated_systems), '个')}个系统迁移上云。")

    # The 12345 hotline: whole year (with a change on the previous year), or 1-10月.
    hotline = rng.randrange(3)
    if hotline == 0:
        wan = Decimal(f.hotline_tickets) / 10_000
        previous = facts(seed, d, y - 1).hotline_tickets
        pct = _stated_growth(f.hotline_tickets, previous)
        direction = "增长" if pct >= 0 else "下降"
        pct_text = f"{abs(pct):.2f}"
        tickets = draft.stated("hotline_tickets", f"{wan:.2f}", "件", 4)
        change = draft.key()
        draft.observations.append({"kpi_id": "hotline_tickets", "year": y - 1, "value": float(previous), "precision": 2,
                                   "unit": "件", "kind": "derived", "period": None, "qualifier": None, "mark": change})
        para(f"{y} 年，我区 12345 热线工单受理量共 {tickets} 万件，同比{direction} {mark(change)}{pct_text}%，"
             f"综合满意率 {draft.stated('hotline_satisfaction_rate', f.hotline_satisfaction_rate, '%')}%，"
             f"在全市各区排名第 {rng.randint(1, 11)}名。")
    elif hotline == 1:
        wan = half_up(Decimal(f.hotline_tickets) / 10_000)
        about = "超过" if wan * 10_000 <= f.hotline_tickets else "约"  # "超过 26万件" only when it is more
        para(f"进一步规范 12345政府服务热线管理，我区全年受理工单{about} "
             f"{draft.stated('hotline_tickets', f'{wan}', '件', 4, qualifier=about)}万件，"
             f"{draft.stated('hotline_ontime_rate', f.hotline_ontime_rate, '%')}%按时办结，"
             f"市民满意率高达 {draft.stated('hotline_satisfaction_rate', f.hotline_satisfaction_rate, '%')}%。")
    else:
        para(f"{y} 年 1-10 月，我区办理工单 "
             f"{draft.stated('hotline_tickets', str(f.hotline_tickets_part), '件', period='1-10月')} 件，"
             f"依时办结率为 {draft.stated('hotline_ontime_rate', f.hotline_ontime_rate, '%', period='1-10月')}%。")

    w.line("（三）部门整体收支情况")
    w.blank()
    _budget_section(draft, f, rng, para)

    w.line("二、综合评价分析")
    w.blank()
    w.line("（一）自评结论综述")
    w.blank()
    score = draft.stated("self_eval_score", f.self_eval_score, "分")
    if rng.random() < 0.5:
        para(f"经自评，整体绩效自评分值为 {score}分，自评结果为优。")
    else:
        para(f"{y} 年度区政数局部门整体支出绩效自评得分为 {score} 分。")
    para(filler(rng, rng.randint(2, 4), d))
    w.line("（二）各项目工作任务支出及绩效完成情况分析")
    w.blank()
    for number, project in enumerate(rng.sample(_PROJECTS, rng.randint(2, 4)), start=1):
        _project_results(draft, rng, number, project, width, gap)
    w.line("（三）主要工作成效")
    w.blank()
    para(filler(rng, rng.randint(3, 8), d))
    w.line("三、存在的主要问题")
    w.blank()
    for number in "一二三四":
        para(f"（{number}）{rng.choice(FILLER)}")
    w.line("四、下一步改进措施")
    w.blank()
    for number in "一二三四":
        para(f"（{number}）{rng.choice(FILLER)}")
    # Long reports (番禺 2021 runs to 2,000 lines): more of the same prose.
    w.line("五、附件")
    w.blank()
    para("部门整体支出绩效自评表。")
    for _ in range(rng.randint(6, 26)):
        para(filler(rng, 6, d))


def _stated_growth(current: int, previous: int) -> Decimal:
    """A 同比 percentage (2 decimals) from which the ETL's arithmetic gives back the
    previous year's figure at its precision: current ÷ (1 + pct%) rounded to 100s."""
    exact = (Decimal(current) / Decimal(previous) - 1) * 100
    base = half_up(exact, 2)
    for step in range(0, 60):
        for candidate in (base + Decimal(step) / 100, base - Decimal(step) / 100):
            sign = 1 if candidate >= 0 else -1
            derived = round(float(current) / (1 + sign * float(abs(candidate)) / 100), -2)
            if derived == previous:
                return candidate
    raise ValueError(f"no stated growth gives {previous} from {current}")


def _budget_section(draft: Draft, f: Facts, rng: random.Random, para) -> None:
    """部门整体收支情况 in one of the three phrasings of the real reports; every rate
    stated is the report's own figures' rate (so stated_rate checks pass)."""
    y = f.year
    fig = draft.stated
    bt, be = money(f.budget_total, True), money(f.budget_executed, True)
    rate = rate_text(f.budget_executed, f.budget_total)
    style = rng.randrange(3)
    if style == 0:  # 白云 2021
        para(f"全年预算数 {fig('budget_total', bt, '万元')}万元，"
             f"执行数 {fig('budget_executed', be, '万元')}万元，"
             f"完成预算的 {fig('budget_execution_rate', rate, '%')}%。"
             f"我局较好完成了 {y}年职能职责和各项重点工作任务，整体支出和项目绩效情况较为理想。")
    elif style == 1:  # 增城 2023: the total and its two parts
        bx, px = money(f.basic_expenditure, True), money(f.project_expenditure, True)
        para(f"{y} 年区政数局全年预算数为 {fig('budget_total', bt, '万元')} 万元，均为一般公共预算财政拨款收入，"
             f"全年执行数为 {fig('budget_executed', be, '万元')} 万元（基本支出全年执行数 "
             f"{fig('basic_expenditure', bx, '万元')} 万元，项目支出全年执行数 "
             f"{fig('project_expenditure', px, '万元')} 万元），"
             f"{y} 年部门整体支出执行率为 {fig('budget_execution_rate', rate, '%')}%。")
    else:  # 番禺 2021: by source (with its 其中 parts) and by structure
        own = int(f.budget_total * rng.uniform(0.85, 0.95))
        own_spent = int(f.budget_executed * rng.uniform(0.85, 0.95))
        para(f"1.按资金来源：区政数局 {y}年度部门财政拨款预算数 {fig('budget_total', money(f.budget_total), '万元')}万元，"
             f"其中区政数局本级预算数 {money(own)}万元，区政务服务中心预算数 {money(f.budget_total - own)}万元；"
             f"区政数局 {y}年度部门财政拨款预算执行数 {fig('budget_executed', money(f.budget_executed), '万元')} 万元，"
             f"其中区政数局本级预算数 {money(own_spent)}万元，区政务服务中心预算数 {money(f.budget_executed - own_spent)}万元。"
             f"区政数局 {y}年度整体预算执行率为 {fig('budget_execution_rate', rate, '%')}%。")
        para("2.按资金结构：")
        for label, budget, spent, budget_kpi, spent_kpi, rate_kpi in (
                ("基本支出", f.basic_budget, f.basic_expenditure, "basic_budget", "basic_expenditure", "basic_execution_rate"),
                ("项目支出", f.project_budget, f.project_expenditure, "project_budget", "project_expenditure",
                 "project_execution_rate")):
            number = "1" if label == "基本支出" else "2"
            part_rate = rate_text(spent, budget)
            para(f"（{number}）区政数局 {y}年度{label}预算数 {fig(budget_kpi, money(budget), '万元')}万元；"
                 f"区政数局 {y} 年度部门{label}数 {fig(spent_kpi, money(spent), '万元')}万元。"
                 f"区政数局 {y}年度{label}执行率 {fig(rate_kpi, part_rate, '%')}%。")
    para(filler(rng, rng.randint(1, 3), f.district))


def _project_results(draft: Draft, rng: random.Random, number: int, project: str, width: int, gap: int) -> None:
    """One project: its budget line and its indicators, one sentence each
    ("（1）name：年度指标值为name≥150台，实际完成name 962台；"), as 白云 2021 writes them."""
    w = draft.writer
    w.line(f"{number}.{project}")
    w.blank(gap)
    budget = rng.randint(10_000, 400_000) * 100 + rng.randint(0, 99)
    spent = int(budget * rng.uniform(0.9, 1.0))
    w.paragraph(f"全年预算数 {money(budget, True)}万元，执行数 {money(spent, True)}万元，完成预算的 {rate_text(spent, budget)}%。",
                width, gap)
    w.line("绩效完成情况")
    w.blank(gap)
    chosen = rng.sample(_INDICATORS, rng.randint(2, 5))
    for item, (name, unit) in enumerate(chosen, start=1):
        if unit == "%":
            target = Decimal(rng.choice([90, 95, 98, 99]))
            actual = half_up(Decimal(rng.uniform(85, 100)), 1)
            target_text, actual_text = f"{target}", f"{actual}"
        else:
            target = Decimal(rng.randint(2, 300))
            actual = target + rng.randint(-2, 40) if target > 2 else target + rng.randint(0, 40)
            target_text, actual_text = f"{target}", f"{actual}"
        end = "。" if item == len(chosen) else "；"
        key = draft.key()
        draft.row("performance_indicators", {
            "project": project, "indicator": name, "target_value": float(target), "actual_value": float(actual),
            "unit": unit, "comparator": "≥", "met": actual >= target,
        }, key)
        w.paragraph(f"{mark(key)}（{item}）{name}：年度指标值为{name}≥{target_text}{unit}，实际完成{name} {actual_text}{unit}{end}",
                    width, gap)


# ---------------------------------------------------------------------------
# 部门决算
# ---------------------------------------------------------------------------

# 功能分类: 类 -> 款 -> 项, and whether a 项 carries basic or project spending.
_FUNCTIONS = (
    ("201", "一般公共服务支出", (("20103", "政府办公厅（室）及相关机构事务", (
        ("2010301", "行政运行", "basic"), ("2010302", "一般行政管理事务", "project"),
        ("2010350", "事业运行", "basic"), ("2010399", "其他政府办公厅（室）及相关机构事务支出", "project"))),)),
    ("206", "科学技术支出", (("20605", "科技条件与服务", (("2060503", "科技条件专项", "project"),)),)),
    ("208", "社会保障和就业支出", (("20805", "行政事业单位养老支出", (
        ("2080501", "行政单位离退休", "basic"), ("2080505", "机关事业单位基本养老保险缴费支出", "basic"),
        ("2080506", "机关事业单位职业年金缴费支出", "basic"))),)),
    ("210", "卫生健康支出", (("21011", "行政事业单位医疗", (("2101101", "行政单位医疗", "basic"),)),)),
    ("221", "住房保障支出", (("22102", "住房改革支出", (("2210201", "住房公积金", "basic"),)),)),
)
# 经济分类 of basic spending: (类, name, side, children)
_ECONOMIC = (
    ("301", "工资福利支出", "人员经费", (("30101", "基本工资"), ("30102", "津贴补贴"), ("30107", "绩效工资"),
                                     ("30108", "机关事业单位基本养老保险缴费"), ("30113", "住房公积金"), ("30199", "其他工资福利支出"))),
    ("303", "对个人和家庭的补助", "人员经费", (("30302", "退休费"), ("30305", "生活补助"))),
    ("302", "商品和服务支出", "公用经费", (("30201", "办公费"), ("30211", "差旅费"), ("30217", "公务接待费"),
                                     ("30231", "公务用车运行维护费"), ("30299", "其他商品和服务支出"))),
)
_SUMMARY_EXPENDITURE = ("一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
                        "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
                        "农林水支出", "交通运输支出", "资源勘探信息等支出", "商业服务业等支出", "金融支出",
                        "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
                        "灾害防治及应急管理支出", "其他支出")
_SUMMARY_INCOME = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                   "附属单位上缴收入", "其他收入")
_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六",
             "十七", "十八", "十九", "二十", "二十一", "二十二")


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` cents in `parts` random parts that add up exactly."""
    if parts == 1:
        return [total]
    weights = [rng.uniform(0.2, 1.0) for _ in range(parts)]
    shares = [int(total * w / sum(weights)) for w in weights]
    shares[0] += total - sum(shares)
    return shares


@dataclass
class _TableRow:
    cells: list[str]
    figures: list[dict]  # budget_lines rows this printed row yields (without line)


def _table(draft: Draft, title: str, header: list[str], rows: list[_TableRow], repeat: list[_TableRow],
           rng: random.Random, first_page_label: str | None = None, page_rows: int = 12) -> None:
    """A 部门决算表 split into pages: each page repeats the title, 部门, 单位, the
    header rows and the `repeat` rows (合计), as the PDF text does."""
    w = draft.writer
    organisation = f"广州市{draft.district}区政务服务数据管理局"
    width = len(header[0].split("|")) - 2
    separator = "|" + "|".join("-" * rng.randint(3, 12) for _ in range(width)) + "|"
    chunks = [rows[i:i + page_rows] for i in range(0, len(rows), page_rows)] or [[]]
    for page, chunk in enumerate(chunks):
        if page == 0 and first_page_label:
            w.line(first_page_label)
            w.blank()
        w.line(title)
        w.blank()
        w.line(f"部门：{organisation}")
        w.blank()
        w.line("单位：万元")
        w.blank()
        w.line(header[0])
        w.line(separator)
        for line in header[1:]:
            w.line(line)
        for row in [*repeat, *chunk]:
            key = draft.key()
            w.line(mark(key) + "| " + " | ".join(row.cells) + " |")
            if page == 0 or row not in repeat:
                for figure in row.figures:
                    draft.row("budget_lines", {"table_name": title, **figure}, key)
        w.blank()
    w.line("注：本表金额转换为万元时，因四舍五入可能存在尾差。")
    w.blank()


def _figure_cells(code: str | None, name: str, columns: list[str], values: list[int]) -> _TableRow:
    return _TableRow(
        cells=["" if code is None else code, name, *[money(v) for v in values]],
        figures=[{"code": code, "name": name, "column_name": column, "value": v / 100} for column, v in zip(columns, values, strict=True)],
    )


def _final_accounts(draft: Draft, f: Facts, seed: int, rng: random.Random) -> None:
    w, d, y = draft.writer, f.district, f.year
    organisation = f"广州市{d}区政务服务数据管理局"
    previous = facts(seed, d, y - 1)

    # Spending by 项: basic and project spending spread over the codes that carry them.
    basic_items = [i for _, _, kuan in _FUNCTIONS for _, _, items in kuan for i in items if i[2] == "basic"]
    project_items = [i for _, _, kuan in _FUNCTIONS for _, _, items in kuan for i in items if i[2] == "project"]
    spending: dict[str, tuple[int, int]] = {}
    for (code, _, _), share in zip(basic_items, split(f.basic_expenditure, len(basic_items), rng), strict=True):
        spending[code] = (share, 0)
    for (code, _, _), share in zip(project_items, split(f.project_expenditure, len(project_items), rng), strict=True):
        spending[code] = (0, share)

    def total(code: str) -> tuple[int, int]:
        parts = [v for k, v in spending.items() if k.startswith(code)]
        return sum(p[0] for p in parts), sum(p[1] for p in parts)

    coded: list[tuple[str, str]] = []
    for lei, lei_name, kuan in _FUNCTIONS:
        coded.append((lei, lei_name))
        for kuan_code, kuan_name, items in kuan:
            coded.append((kuan_code, kuan_name))
            coded += [(code, name) for code, name, _ in items]
    executed = f.budget_executed

    w.blank()
    w.line(f"{y} 年{organisation} 部 门决算")
    w.blank()
    w.line("目 录")
    w.blank()
    for part in (f"第一部分 {organisation} 概况", f"第二部分 {organisation} {y} 年部门决算表",
                 f"第三部分 {organisation} {y} 年部门决算情况说明", f"第四部分 {organisation} 部门整体绩效管理情况", "第五部分 名词解释"):
        w.line(part)
        w.blank()
    w.line(f"第一部分 {organisation}概况")
    w.blank()
    w.line("（一）部门主要职责")
    w.blank()
    for number in _NUMERALS[:rng.randint(6, 12)]:
        w.line(f"（{number}）{rng.choice(FILLER)}")
        w.blank()
    w.line("（二）部门决算单位构成")
    w.blank()
    w.line(f"按照部门决算编报要求，纳入{organisation} {y} 年部门决算编报范围的单位包括局本级和下属预算单位。")
    w.blank()
    w.line(f"第二部分 {organisation} {y}年部门决算表")
    w.blank()

    # 收入支出决算总表: 收入 | 支出 side by side.
    header = ["| 收入 | | | 支出 | | |", "| 项 目 | 行次 | 决算数 | 项 目 | 行次 | 决算数 |", "| 栏 次 | | 1 | 栏 次 | | 2 |"]
    lei_totals = {name: sum(total(code)) for code, name, _ in _FUNCTIONS}
    left = [(f"{_NUMERALS[i]}、{name}", executed if i == 0 else 0) for i, name in enumerate(_SUMMARY_INCOME)]
    right = [(f"{_NUMERALS[i]}、{name}", lei_totals.get(name, 0)) for i, name in enumerate(_SUMMARY_EXPENDITURE)]
    rows = []
    for index in range(len(right)):
        cells, figures = [], []
        if index < len(left):
            name, value = left[index]
            cells += [name, str(index + 1), money(value)]
            figures.append({"code": None, "name": name, "column_name": "决算数", "value": value / 100})
        else:
            cells += ["", str(index + 1), ""]
        name, value = right[index]
        cells += [name, str(len(right) + 5 + index), money(value)]
        figures.append({"code": None, "name": name, "column_name": "决算数", "value": value / 100})
        rows.append(_TableRow(cells, figures))
    closing = (("本年收入合计", executed, "本年支出合计", executed), ("用事业基金弥补收支差额", 0, "结余分配", 0),
               ("年初结转和结余", f.carry_over, "年末结转和结余", f.carry_over),
               ("总计", executed + f.carry_over, "总计", executed + f.carry_over))
    for offset, (income, income_value, spend, spend_value) in enumerate(closing):
        both = income == spend  # 总计 on both sides: the parser names each by its side
        rows.append(_TableRow(
            [income, str(len(right) + 1 + offset), money(income_value), spend, str(2 * len(right) + 5 + offset), money(spend_value)],
            [{"code": None, "name": ("收入" if both else "") + income, "column_name": "决算数", "value": income_value / 100},
             {"code": None, "name": ("支出" if both else "") + spend, "column_name": "决算数", "value": spend_value / 100}]))
    _table(draft, "收入支出决算总表", header, rows, [], rng, first_page_label="表 1")

    # 收入决算表 and 支出决算表: one row per code, 合计 repeated on every page.
    income_columns = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    spend_columns = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    general_columns = ["本年支出合计", "基本支出", "项目支出"]

    def coded_table(title: str, columns: list[str], values) -> None:
        header = ["| 项 目 | | " + " | ".join(columns) + " |",
                  "| 功能分类 科目编码 | 科目名称 | " + " | ".join("" for _ in columns) + " |",
                  "| 栏次 | | " + " | ".join(str(n) for n in range(1, len(columns) + 1)) + " |"]
        basic, project = f.basic_expenditure, f.project_expenditure
        repeat = [_figure_cells(None, "合计", columns, values(basic, project))]
        rows = [_figure_cells(code, name, columns, values(*total(code))) for code, name in coded]
        _table(draft, title, header, rows, repeat, rng, page_rows=rng.randint(9, 13))

    coded_table("收入决算表", income_columns, lambda b, p: [b + p, b + p, 0, 0, 0, 0, 0])
    coded_table("支出决算表", spend_columns, lambda b, p: [b + p, b, p, 0, 0, 0])
    coded_table("一般公共预算财政拨款支出决算表", general_columns, lambda b, p: [b + p, b, p])

    # 一般公共预算财政拨款基本支出决算表: 人员经费 | 公用经费 side by side, by 经济分类.
    groups = {}
    for (lei, name, side, children), share in zip(_ECONOMIC, split(f.basic_expenditure, len(_ECONOMIC), rng), strict=True):
        groups[lei] = (name, side, list(zip(children, split(share, len(children), rng), strict=True)), share)
    sides: dict[str, list[tuple[str, str, int]]] = {"人员经费": [], "公用经费": []}
    for lei, (name, side, children, share) in groups.items():
        sides[side].append((lei, name, share))
        sides[side] += [(code, child, value) for (code, child), value in children]
    header = ["| 人员经费 | | | 公用经费 | | |", "| 经济分类 科目编码 | 科目名称 | 金额 | 经济分类 科目编码 | 科目名称 | 金额 |"]
    rows = []
    for index in range(max(len(sides["人员经费"]), len(sides["公用经费"]))):
        cells, figures = [], []
        for side in ("人员经费", "公用经费"):
            if index < len(sides[side]):
                code, name, value = sides[side][index]
                cells += [code, name, money(value)]
                figures.append({"code": code, "name": name, "column_name": "金额", "value": value / 100})
            else:
                cells += ["", "", ""]
        rows.append(_TableRow(cells, figures))
    personnel = sum(v for c, _, v in sides["人员经费"] if len(c) == 3)
    public = sum(v for c, _, v in sides["公用经费"] if len(c) == 3)
    rows.append(_TableRow(["", "人员经费合计", money(personnel), "", "公用经费合计", money(public)],
                          [{"code": None, "name": "人员经费合计", "column_name": "金额", "value": personnel / 100},
                           {"code": None, "name": "公用经费合计", "column_name": "金额", "value": public / 100}]))
    _table(draft, "一般公共预算财政拨款基本支出决算表", header, rows, [], rng, page_rows=14)

    # “三公”经费支出决算表: one row of figures under 预算数 and 决算数.
    abroad, car_buy, car_run, reception = f.three_public
    b_abroad, b_car_buy, b_car_run, b_reception = f.three_public_budget
    items = ("合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费")
    budget_values = [sum(f.three_public_budget), b_abroad, b_car_buy + b_car_run, b_car_buy, b_car_run, b_reception]
    actual_values = [sum(f.three_public), abroad, car_buy + car_run, car_buy, car_run, reception]
    header = ["| 预算数 | | | | | | 决算数 | | | | | |",
              "| 合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费 "
              "| 合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费 |",
              "| | | 小计 | 公务用车购置费 | 公务用车运行费 | | | | 小计 | 公务用车购置费 | 公务用车运行费 | |",
              "| " + " | ".join(str(n) for n in range(1, 13)) + " |"]
    figures = [{"code": None, "name": item, "column_name": column, "value": v / 100}
               for column, values in (("预算数", budget_values), ("决算数", actual_values))
               for item, v in zip(items, values, strict=True)]
    three_row = _TableRow([money(v) for v in budget_values + actual_values], figures)
    _table(draft, "一般公共预算财政拨款“三公”经费支出决算表", header, [three_row], [], rng)

    # 第三部分: the explanations, with the KPI figures and their changes on last year.
    w.line(f"第三部分 {organisation} {y} 年部门决算情况说明")
    w.blank()
    w.line(f"一、{y} 年度收入支出决算总体情况说明")
    w.blank()
    w.line(f"{organisation} {y} 年度收、支总计 {money(executed + f.carry_over)} 万元。{rng.choice(FILLER)}")
    w.blank()
    w.line("（二）年度支出总体情况")
    w.blank()
    spent = draft.stated("budget_executed", money(executed), "万元")
    w.line(f"{organisation} {y} 年度总支出 {money(executed + f.carry_over)} 万元，其中本年支出 {spent} 万元。具体情况如下：")
    w.blank()
    for number, (label, kpi_id, now, before) in enumerate((
            ("基本支出", "basic_expenditure", f.basic_expenditure, previous.basic_expenditure),
            ("项目支出", "project_expenditure", f.project_expenditure, previous.project_expenditure)), start=1):
        change = now - before
        direction, growth = ("增加", "增长") if change >= 0 else ("减少", "下降")
        key = draft.key()
        draft.observations.append({"kpi_id": kpi_id, "year": y - 1, "value": before / 100, "precision": -2, "unit": "万元",
                                   "kind": "derived", "period": None, "qualifier": None, "mark": key})
        comma = "，" if number == 1 else ","
        w.line(f"{number}. {label} {draft.stated(kpi_id, money(now), '万元')} 万元{comma}比上年决算数{direction} "
               f"{mark(key)}{money(abs(change))} 万元{comma}{growth} {abs(change) * 100 / max(before, 1):.2f}%{comma}"
               f"主要变动情况：{rng.choice(FILLER)}")
        w.blank()
    w.line(f"二、{y}年度一般公共预算财政拨款“三公”经费支出决算情况说明")
    w.blank()
    three, three_budget = sum(f.three_public), sum(f.three_public_budget)
    w.line(f"{organisation}{y}年度“三公”经费财政拨款支出决算为"
           f"{draft.stated('three_public_expenses', money(three), '万元')}万元，完成预算{money(three_budget)}万元的"
           f"{three * 100 / max(three_budget, 1):.2f}%。其中：因公出国（境）费支出决算为{money(abroad)}万元；"
           f"公务用车购置及运行费支出决算为{money(car_buy + car_run)}万元；公务接待费支出决算为{money(reception)}万元。")
    w.blank()
    w.line(f"第四部分 {organisation} 部门整体绩效管理情况")
    w.blank()
    if rng.random() < 0.7:
        wan = half_up(Decimal(f.service_cases) / 10_000, 2)
        w.line(f"全区共受理政务业务{draft.stated('service_cases', f'{wan}', '件', 4)}万宗，"
               f"群众评价满意率{draft.stated('service_satisfaction_rate', f.service_satisfaction_rate, '%')}%。")
        w.blank()
    if rng.random() < 0.7:
        w.line(f"加快推进 5G 网络建设，全区已建成 5G 基站 "
               f"{draft.stated('total_5g_base_stations', str(f.total_5g), '座')} 座，基本实现重点区域的 5G 网络覆盖。")
        w.blank()
    # The real 部门决算 runs to 130 KB, most of it project evaluations in long lines.
    for _ in range(rng.randint(85, 115)):
        w.line(filler(rng, rng.randint(4, 9), d))
        w.blank()
    w.line("第五部分 名词解释")
    w.blank()
    w.line("基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")
    w.blank()
    w.line("项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")


# ---------------------------------------------------------------------------
# 项目支出绩效目标表
# ---------------------------------------------------------------------------

_PROJECT_NAMES = ("电子政务外网升级改造项目", "政务服务大厅运行保障经费", "数字政府建设专项资金", "政务云平台运维服务经费",
                  "业务办公用房经费", "后勤保障经费", "电子公务团队经费", "免费刻章经费", "政务晓屋智慧政务体系运行管理经费",
                  "放管服改革优化政务服务专项经费", "民生卡应用推广经费", "信息基础设施规划管理年度专项经费",
                  "政务热线运行管理经费", "政务数据资源管理平台建设经费", "网络安全等级保护测评经费", "视频会议系统运维经费",
                  "政府网站集约化平台运维经费", "城市运行管理中枢建设经费", "工作经费", "档案数字化加工经费",
                  "智慧城市运行监测平台经费", "政务服务标准化建设经费")
_LEVELS = (("1-产出指标", ("11-数量指标", "12-质量指标", "13-时效指标", "14-成本指标")),
           ("2-效益指标", ("21-经济效益", "22-社会效益")), ("3-满意度指标", ("31-服务对象满意度",)))
_TARGET_ITEMS = (("系统维护率", "%"), ("运维质量率", "%"), ("故障报修响应时间", "小时"), ("用户满意率", "%"),
                 ("推进信息化项目数量", "个"), ("验收次数", "次"), ("培训人次", "人次"), ("服务对象满意度", "%"),
                 ("数据归集条数", "万条"), ("布设的政务晓屋", "台"), ("资金支付率", "%"), ("工作人员", "人"),
                 ("开展检查次数", "次"), ("完成事项梳理数量", "项"))


def _project_targets(draft: Draft, f: Facts, rng: random.Random) -> None:
    w, d, y = draft.writer, f.district, f.year
    unit_name = f"广州市{d}区政务服务数据管理局本级"
    names = rng.sample(_PROJECT_NAMES, rng.randint(14, 22))
    amounts = split(f.project_budget, len(names), rng)
    total = f.project_budget
    w.blank()
    w.line("项目支出绩效目标表（含转移支付项目）")
    w.line(f"单位名称：{d}区政务服务数据管理局（本级） 单位：万元")
    w.blank()
    w.line("项目名称（资金使用单")
    w.line("位）")
    w.blank()
    w.line("总计 财政拨款")
    w.line("财政专户")
    w.line("拨款")
    w.blank()
    w.line("其他资金 绩效目标 绩效指标")
    w.blank()
    budget = draft.stated("project_budget", money(total, True), "万元")
    w.line(f"合计 {budget} {money(total, True)}")
    draft.row("table_totals", {"scope": "合计", "column_name": "total", "value": total / 100})
    draft.row("table_totals", {"scope": "合计", "column_name": "fiscal", "value": total / 100})
    w.blank()
    w.line(f"广州市{d}区政务服务")
    w.blank()
    w.line("数据管理局本级")
    w.line(f"{money(total, True)} {money(total, True)}")
    draft.row("table_totals", {"scope": unit_name, "column_name": "total", "value": total / 100})
    draft.row("table_totals", {"scope": unit_name, "column_name": "fiscal", "value": total / 100})
    w.blank()
    repeated = rng.randrange(len(names)) if rng.random() < 0.3 else None
    for index, (base, amount) in enumerate(zip(names, amounts, strict=True)):
        name = f"{d}区{base}" if rng.random() < 0.5 else base
        blocks = 2 if index == repeated else 1
        indicators = _indicator_list(rng, y)
        goal = f"{y}年，" + "".join(rng.choice(FILLER) for _ in range(rng.randint(1, 3)))
        for copy in range(blocks):
            key = draft.key()
            amount_text = f"{money(amount, True)} {money(amount, True)}"
            if len(name) <= 10:
                w.line(f"    {mark(key)}{name} {amount_text}")
            else:
                cut = rng.randint(6, 9)
                w.line(f"    {mark(key)}{name[:cut]}")
                w.line(name[cut:])
                w.blank()
                w.line(amount_text)
            w.blank()
            if copy == 0:
                draft.row("projects", {"unit_name": unit_name, "project_name": name, "total": amount / 100,
                                       "fiscal": amount / 100, "indicator_count": len(indicators)}, key)
            else:  # a block repeated at a page break: kept once, reported
                draft.row("duplicates", {"key": name}, None)
            w.paragraph(goal, 21, gap=0)
            w.blank()
            text = ""
            for seq, (level1, level2, item, target, unit) in enumerate(indicators, start=1):
                seq_key = f"{key}i{seq}"
                text += (f"{mark(seq_key)}{seq}、{level1}；{level2}；{item}；实施周期指标值:{target}{unit}；"
                         f"年度指标值:{target}{unit}。")
                if copy == 0:
                    value = float(target) * (10_000 if unit.startswith("万") else 1)  # 12万条 -> 120000 条
                    draft.row("project_indicators", {"project_name": name, "seq": seq, "indicator": item,
                                                     "target_value": value}, seq_key)
            w.paragraph(text, 34, gap=rng.choice([0, 1]))
            w.blank(1 if copy == 0 and blocks == 1 else 3)


def _indicator_list(rng: random.Random, year: int) -> list[tuple[str, str, str, str, str]]:
    chosen = []
    for item, unit in rng.sample(_TARGET_ITEMS, rng.randint(3, 5)):
        level1, level2s = _LEVELS[2] if "满意" in item else rng.choice(_LEVELS[:2])
        if unit == "%":
            target = str(rng.choice([90, 95, 98, 99, 100]))
        else:
            target = str(rng.randint(1, 400))
        chosen.append((level1, rng.choice(level2s), item, target, unit))
    return chosen


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

_TITLES = {
    "self_evaluation": "广州市{d}区政务服务数据管理局{y}年部门整体支出绩效自评报告",
    "final_accounts": "{y}年广州市{d}区政务服务数据管理局部门决算",
    "project_targets": "项目支出绩效目标表（含转移支付项目）",
}
_WRITERS = {"self_evaluation": _self_evaluation, "final_accounts": _final_accounts}


def assignments(documents: int, seed: int) -> list[tuple[str, int, str]]:
    """(district, year, kind) of each document: the real corpus's mix of kinds; each
    kind goes through every district-year once (in a seeded order) before any is
    repeated (a re-issued report: the same figures, other wording)."""
    rng = random.Random(seed)
    queues: dict[str, list[tuple[str, int]]] = {}
    chosen = []
    for number in range(documents):
        kind = KIND_CYCLE[number % len(KIND_CYCLE)]
        if not queues.get(kind):
            queue = [(d, y) for d in DISTRICTS for y in YEARS]
            rng.shuffle(queue)
            queues[kind] = queue
        district, year = queues[kind].pop()
        chosen.append((district, year, kind))
    return chosen


def write_document(number: int, district: str, year: int, kind: str, seed: int, salt: int = 0) -> Draft:
    """One synthetic report and the figures it states."""
    draft = Draft(doc_id=f"syn_{number:04d}", district=district, year=year, kind=kind)
    rng = _rng(seed, "document", number, salt)
    f = facts(seed, district, year)
    if kind == "project_targets":
        _project_targets(draft, f, rng)
    else:
        _WRITERS[kind](draft, f, seed, rng)
    draft.resolve()
    return draft


def recomputed_rates(observations: list[dict]) -> list[dict]:
    """The rates the build recomputes from a document's own figures (etl.build.recompute_rates)."""
    first: dict[tuple[int, str], dict] = {}
    for obs in observations:
        if obs["kind"] == "actual" and not obs["period"]:
            first.setdefault((obs["year"], obs["kpi_id"]), obs)
    derived = []
    for rate, numerator_id, denominator_id in (("budget_execution_rate", "budget_executed", "budget_total"),
                                               ("basic_execution_rate", "basic_expenditure", "basic_budget"),
                                               ("project_execution_rate", "project_expenditure", "project_budget")):
        for (year, kpi_id), numerator in first.items():
            denominator = first.get((year, denominator_id))
            if kpi_id != numerator_id or not denominator or not denominator["value"]:
                continue
            derived.append({"kpi_id": rate, "year": year, "value": round(numerator["value"] / denominator["value"] * 100, 4),
                            "precision": -4, "unit": "%", "kind": "derived", "period": None, "qualifier": None,
                            "line": numerator["line"], "recomputed": True})
    return derived


def generate_corpus(out_dir: Path, documents: int, seed: int = 2024) -> dict:
    """Write `documents` synthetic reports to out_dir/raw, with out_dir/manifest.csv
    and out_dir/expected.json (every figure each document states, with its line).
    Returns the summary: documents by kind, bytes, figures."""
    out_dir = Path(out_dir)
    raw = out_dir / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for old in raw.iterdir():
        old.unlink()
    manifest_rows, expected = [], {}
    seen: set[str] = set()
    total_bytes = 0
    for number, (district, year, kind) in enumerate(assignments(documents, seed)):
        for salt in range(10):  # a re-issued report must not be byte-identical to the first
            draft = write_document(number, district, year, kind, seed, salt)
            data = draft.writer.text().encode("utf-8")
            sha = hashlib.sha256(data).hexdigest()
            if sha not in seen:
                break
        seen.add(sha)
        file = f"{draft.doc_id}.txt"
        (raw / file).write_bytes(data)
        total_bytes += len(data)
        district_full = (f"{district}区政务服务数据管理局（本级）" if kind == "project_targets"
                         else f"广州市{district}区政务服务数据管理局")
        manifest_rows.append({"doc_id": draft.doc_id, "file": file, "district": district, "district_full": district_full,
                              "year": year, "kind": kind, "title": _TITLES[kind].format(d=district, y=year), "sha256": sha})
        observations = draft.observations + recomputed_rates(draft.observations)
        expected[draft.doc_id] = {"file": file, "district": district, "year": year, "kind": kind,
                                  "observations": observations, "tables": draft.tables}
    with (out_dir / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["doc_id", "file", "district", "district_full", "year", "kind", "title",
                                                    "sha256"])
        writer.writeheader()
        writer.writerows(manifest_rows)
    (out_dir / "expected.json").write_text(json.dumps({"seed": seed, "documents": expected}, ensure_ascii=False, indent=1),
                                           encoding="utf-8")
    kinds = {k: sum(1 for r in manifest_rows if r["kind"] == k) for k in ("self_evaluation", "final_accounts", "project_targets")}
    return {"documents": documents, "kinds": kinds, "bytes": total_bytes,
            "figures": sum(len(e["observations"]) for e in expected.values()),
            "table_rows": sum(len(rows) for e in expected.values() for rows in e["tables"].values()),
            "raw_dir": raw, "manifest": out_dir / "manifest.csv", "expected": out_dir / "expected.json"}
