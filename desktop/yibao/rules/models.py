"""Request and result: the one contract shared by the CLI, the window and the printed sheet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, Strict

from yibao.rules.inputs import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_AMOUNT,
    MAX_MONTHS,
    InputProblem,
    check_amount,
    check_share,
    check_whole,
    parse_amount,
    parse_date,
    parse_month,
    parse_share,
)
from yibao.vocabulary import TIER_NAMES, Employment, FlexibleOption, OptionStatus, Sex, Tier, VisitKind
from yibao.wording import LOCAL_MARK, fen_number, ratio_number

# Strict types (docs/command-line.md, "Bad input"): a number field takes a JSON number, never true/false; an amount or
# a share may also be a string, read by the same parser as the window's fields. A JSON number arrives as int or exact
# Decimal.


def _amount(maximum: Decimal) -> Callable[[object], Decimal]:
    def read(value: object) -> Decimal:
        if isinstance(value, str):
            return parse_amount(value, maximum=maximum)
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise InputProblem("必须是数字金额")
        return check_amount(Decimal(str(value)) if isinstance(value, float) else Decimal(value), maximum=maximum)

    return read


def _whole(maximum: int, unit: str, minimum: int = 0) -> Callable[[object], int]:
    def read(value: object) -> int:
        if isinstance(value, Decimal) and value.is_finite() and int(value.as_tuple().exponent) >= 0:
            # a whole JSON number, possibly too long for int(): clamped first, so the range check names it
            value = int(max(min(value, Decimal(maximum + 1)), Decimal(minimum - 1)))
        if isinstance(value, bool):
            raise InputProblem("必须是整数，不能是 true 或 false")
        if isinstance(value, str):
            raise InputProblem("必须是整数（写成数字，不加引号）")
        if not isinstance(value, int):
            raise InputProblem("必须是整数")
        return check_whole(value, maximum=maximum, unit=unit, minimum=minimum)

    return read


def _tier(value: object) -> int:
    if type(value) is not int or value not in TIER_NAMES:
        *first, last = TIER_NAMES
        raise InputProblem(f"只能是 {'、'.join(map(str, first))} 或 {last}（{'、'.join(TIER_NAMES.values())}）")
    return value


def _share(value: object) -> Decimal:
    if isinstance(value, str):
        return parse_share(value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InputProblem("必须是 0 到 1 之间的数字")
    return check_share(Decimal(str(value)) if isinstance(value, float) else Decimal(value))


def _month(value: object) -> str:
    if not isinstance(value, str):
        raise InputProblem("格式应为 YYYY-MM，例如 2025-03（写成文字）")
    return parse_month(value)


def _date(value: object) -> date:
    if isinstance(value, str):
        return parse_date(value)
    if type(value) is not date:
        raise InputProblem("不是有效日期（写成文字，格式 YYYY-MM-DD）")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InputProblem(f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间")
    return value


Amount = Annotated[Decimal, BeforeValidator(_amount(MAX_AMOUNT))]
Months = Annotated[int, BeforeValidator(_whole(MAX_MONTHS, "个月"))]
Flag = Annotated[bool, Strict()]

def _plain_number(number: Decimal) -> str:
    """A typed value as JSON text, as exact as it was made: money to the fen ("480.00"), rates and months as they
    are ("0.6", "360")."""
    return format(number, "f")


# Shown amounts: rounded half-up to the fen and written as "1234.50".
Money = Annotated[Decimal, PlainSerializer(fen_number, return_type=str)]
Ratio = Annotated[Decimal, PlainSerializer(ratio_number, return_type=str)]

MAX_VISITS = 1000  # a year's visits in one request


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Input):
    employment: Employment
    retired: Flag = False
    sex: Sex
    age: Annotated[int, BeforeValidator(_whole(120, "岁", minimum=16))]


class ContributionInput(_Input):
    monthly_base: Amount | None = None
    flexible_option: FlexibleOption | None = None


class Visit(_Input):
    kind: VisitKind
    tier: Annotated[Tier, BeforeValidator(_tier)]
    in_scope: Amount
    out_of_scope: Amount = Decimal("0")
    self_pay_first: Amount = Decimal("0")

    @property
    def bill(self) -> Decimal:
        return self.in_scope + self.out_of_scope + self.self_pay_first


class YearToDate(_Input):
    """What already happened this calendar year before the visits entered."""

    outpatient_deductible_counted: Amount = Decimal("0")
    outpatient_fund_paid: Amount = Decimal("0")
    outpatient_supplement_paid: Amount = Decimal("0")
    inpatient_stays: Annotated[int, BeforeValidator(_whole(366, "次"))] = 0
    inpatient_fund_paid: Amount = Decimal("0")
    inpatient_supplement_deductible_counted: Amount = Decimal("0")
    inpatient_supplement_paid: Amount = Decimal("0")


class RetirementInput(_Input):
    paid_months: Months
    deemed_months: Months = 0
    last_monthly_base: Amount | None = None
    never_enrolled: Flag = False  # retired without ever joining the scheme (Jining's special make-up bases)
    last_month_pension: Amount | None = None
    minimum_base: Amount | None = None  # the year's minimum contribution base (当年最低缴费基数)


FUND_MAXIMUM = Decimal("1e13")  # a province's fund, in yuan
FundAmount = Annotated[Decimal, BeforeValidator(_amount(FUND_MAXIMUM))]
Share = Annotated[Decimal, BeforeValidator(_share)]


class Enrolment(_Input):
    first_contribution_month: Annotated[str | None, BeforeValidator(lambda v: None if v is None else _month(v))] = None
    first_enrolment: Flag = True  # a flexible worker's first time in the scheme (Jining's six-month wait)

    def first_month(self) -> date | None:
        if self.first_contribution_month is None:
            return None
        year, month = self.first_contribution_month.split("-")
        return date(int(year), int(month), 1)


class FundInput(_Input):
    """A city's figures for the provincial adjustment fund (省级统筹调剂金), in yuan."""

    last_year_premium_income: FundAmount
    last_year_remittance: FundAmount
    deficit: FundAmount = Decimal("0")
    province_share_ratio: Share  # set by the province each year: an input, not a policy figure here
    accumulated_surplus: FundAmount = Decimal("0")
    city_share_ratio: Share | None = None  # Yantai: the city fund's part of what remains unfunded


class Request(_Input):
    city: Annotated[str, Field(max_length=40)]
    on: Annotated[date, BeforeValidator(_date)] = Field(default_factory=date.today)
    person: Person | None = None
    contribution: ContributionInput | None = None
    visits: Annotated[list[Visit], Field(max_length=MAX_VISITS)] | None = None
    year_to_date: YearToDate | None = None
    retirement: RetirementInput | None = None
    enrolment: Enrolment | None = None
    fund: FundInput | None = None


# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class SourceRef:
    """Where a figure comes from: a document's clause, or a figure entered locally."""

    document: str  # document number, e.g. 鲁政字〔2023〕184号; 本地录入 for a figure typed in with no document
    clause: str
    region: str  # 山东省, 烟台市 ...
    local: bool = False  # entered locally: typed in, or imported from a bureau's pack (which names its document)

    def text(self) -> str:
        if self.local and self.document == LOCAL_MARK:
            return f"{LOCAL_MARK}（{self.region}）"
        cited = f"{self.document} {self.clause}".strip()
        return f"{cited}（{LOCAL_MARK}）" if self.local else cited


LineUnit = Literal["yuan", "rate", "months"]


@dataclass(frozen=True)
class Line:
    """One figure that explains itself: label, value with its unit, the arithmetic, the clauses, the readings.

    A plain dataclass (pydantic serialises it inside the result models): a year of
    visits makes hundreds of lines, and they are built from values already checked.
    ``amount`` repeats ``value`` for money lines (yuan), so front ends that add money need not check the unit.
    """

    key: str
    label: str
    amount: Money | None  # money lines only
    figure: str | None  # the figure as shown: "480.00", "360个月", "60%"; None when unknown
    formula: str
    sources: tuple[SourceRef, ...] = ()
    note: str | None = None
    value: Annotated[Decimal, PlainSerializer(_plain_number, return_type=str)] | None = None
    unit: LineUnit = "yuan"
    readings: tuple[str, ...] = ()  # ids of the readings (解读) this figure rests on

    @property
    def local(self) -> bool:
        return any(s.local for s in self.sources)


class Missing(BaseModel):
    """A figure the result needed that the documents do not give."""

    parameter: str
    label: str
    reason: str


class NeedsInput(BaseModel):
    """A field of the request the user has not filled, without which a figure cannot be computed."""

    field: str  # dotted request path, e.g. retirement.last_monthly_base
    label: str  # the field's name on screen
    reason: str


class ReadingRef(BaseModel):
    """A reading of an unclear clause that the result relies on (its id is named by the lines resting on it)."""

    id: str
    document: str  # document number
    clause: str
    words: str
    reading: str
    alternative: str
    borrowed_from: str | None = None  # the city whose document it reads, when the case's city has no such rule of its own


class DocumentRef(BaseModel):
    """A document the result cites, as the result was computed with it."""

    id: str
    number: str
    title: str
    issuer: str


class NotComputedRef(BaseModel):
    """What a document says for this case that the product does not compute."""

    id: str
    document: str
    clause: str
    text: str


class Supplementary(BaseModel):
    """Yearly 大额/大病 funding per person: what the employer and the person pay, what the funds put in (the
    pooled fund, its accumulated balance), and the total; the parts add up to the total wherever all are known."""

    employer: Money | None
    individual: Money | None
    from_funds: Money | None
    total: Money | None


class FlexibleChoice(BaseModel):
    """One way a flexible worker may pay, as it stands on the date: offered, with its rate (and the personal
    account's share) and what the person pays a month; not offered on this date, a document saying so, with the first
    day it is (``offered_from``, None if none is known); or not stated by the documents (文件未规定)."""

    option: FlexibleOption
    status: OptionStatus
    rate: Ratio | None
    account_share: Ratio | None
    individual_monthly: Money | None
    offered_from: date | None
    sources: list[SourceRef]


class ContributionResult(BaseModel):
    employer_monthly: Money | None
    individual_monthly: Money | None
    personal_account_monthly: Money | None
    supplementary_yearly: Supplementary
    monthly_base: Money | None
    flexible_option: FlexibleOption | None
    flexible_options_offered: list[FlexibleOption]
    lines: list[Line]
    flexible_choices: list[FlexibleChoice] = Field(default_factory=list)  # a flexible worker's: every way, side by side


class RunningTotals(BaseModel):
    """The year's running totals once a visit is settled, named as in YearToDate; None once a figure is unknown."""

    outpatient_deductible_counted: Money | None
    outpatient_fund_paid: Money | None
    outpatient_supplement_paid: Money | None
    inpatient_stays: int
    inpatient_fund_paid: Money | None
    inpatient_supplement_deductible_counted: Money | None
    inpatient_supplement_paid: Money | None


class VisitResult(BaseModel):
    kind: VisitKind
    tier: int
    bill: Money
    deductible: Money | None
    fund_pays: Money | None
    supplement_pays: Money | None
    person_pays: Money | None
    lines: list[Line]
    year_after: RunningTotals | None = None  # filled by settle_year: what the next visit of the year starts from


class YearTotals(BaseModel):
    bill: Money
    deductible: Money | None
    fund_pays: Money | None
    supplement_pays: Money | None
    person_pays: Money | None
    reimbursement_rate: Ratio | None  # (fund + supplement) / bill


class RetirementResult(BaseModel):
    required_months: int | None
    counted_months: int | None
    shortfall_months: int | None
    eligible: bool | None
    makeup_amount: Money | None
    lines: list[Line]


class CoverageItem(BaseModel):
    key: str
    label: str
    covered: bool | None  # None: the documents do not say
    detail: str
    sources: tuple[SourceRef, ...] = ()
    readings: tuple[str, ...] = ()


class CoverageResult(BaseModel):
    benefits_from: date | None
    items: list[CoverageItem]


class FundResult(BaseModel):
    remittance: Money | None
    adjustment_fund_pays: Money | None
    surplus_pays: Money | None
    unfunded: Money | None
    city_fund_pays: Money | None = None
    district_finance_pays: Money | None = None
    lines: list[Line]


LocalOrigin = Literal["saved", "pack", "left_out"]


class LocalFiguresUse(BaseModel):
    """Which local figures (本地录入) the result was computed with: the hall's saved ones (the window, and the command
    line by default), a figures pack for one run (``--figures``), or none (``--no-local``)."""

    origin: LocalOrigin
    available: int  # local figures in play, every city and period
    used: bool  # a figure of this result rests on one of them


class Result(BaseModel):
    city: str
    city_name: str
    on: date
    contribution: ContributionResult | None = None
    visits: list[VisitResult] | None = None
    year_totals: YearTotals | None = None
    retirement: RetirementResult | None = None
    coverage: CoverageResult | None = None
    fund: FundResult | None = None
    missing: list[Missing] = []  # figures the documents do not give
    needs_input: list[NeedsInput] = []  # fields the user has not filled (never offered as local figures)
    readings: list[ReadingRef] = []  # readings of unclear clauses the figures rest on
    not_computed: list[NotComputedRef] = []  # rules of the documents for this case the product does not compute
    documents: list[DocumentRef] = []  # every document cited by a line, a coverage item or a reading
    notes: list[str] = []
    local_figures: LocalFiguresUse | None = None  # set by the session (yibao.session); None from calculate() alone
