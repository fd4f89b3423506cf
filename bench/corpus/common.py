"""What every synthetic report shares: figures written the way reports write them,
the seeded figures of one district and year, the writer that wraps text like PDF
output and records the line each figure lands on, and prose that states nothing."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

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


def seeded(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in (seed, *parts)))


def _new_5g(seed: int, district: str, year: int) -> int:
    return seeded(seed, district, year, "5g").randint(300, 3200)


def facts(seed: int, district: str, year: int) -> Facts:
    """The figures of one district-year (the same for every call)."""
    rng = seeded(seed, district, year)
    basic_budget = rng.randint(90_000, 260_000) * 100 + rng.randint(0, 99)
    project_budget = rng.randint(300_000, 1_200_000) * 100 + rng.randint(0, 99)
    basic_expenditure = int(basic_budget * rng.uniform(0.86, 0.995))
    project_expenditure = int(project_budget * rng.uniform(0.80, 0.999))
    total_5g = seeded(seed, district, "5g-base").randint(800, 2500) + sum(
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

def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` cents in `parts` random parts that add up exactly."""
    if parts == 1:
        return [total]
    weights = [rng.uniform(0.2, 1.0) for _ in range(parts)]
    shares = [int(total * w / sum(weights)) for w in weights]
    shares[0] += total - sum(shares)
    return shares



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


