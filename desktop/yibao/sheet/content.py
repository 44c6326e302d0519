"""What the sheet says, built once from the request and its result (no Qt, no second calculation).

The HTML for print and PDF (``html.py``) and the plain text for copying (``text.py``) are two
renderings of the same ``SheetContent``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from yibao.casecode import encode_case
from yibao.headline import Headline, headlines, tiers_headline
from yibao.rules.models import Line, Request, Result, SourceRef, Supplementary
from yibao.sheet.capitals import amount_in_capitals
from yibao.sheet.parts import Row, Section, Table, Total
from yibao.sheet.tiers import TierSheet, tiers_section
from yibao.vocabulary import EMPLOYMENT_NAMES, KIND_NAMES, OPTION_NAMES, SEX_NAMES, TIER_NAMES, status_name
from yibao.wording import (
    ABSENT_MARK,
    LOCAL_MARK,
    NOT_STATED,
    READING_MARK,
    READING_STAR,
    choices_text,
    cn_date,
    figure_name,
    label,
    money,
    months,
    percent,
    short_cite,
    short_numbers,
)

if TYPE_CHECKING:
    from yibao.rules.compare import Comparison

TITLE = "职工基本医疗保险测算单"
DISCLAIMER = "测算结果仅供参考，以医保经办机构实际结算为准"
LOCAL = LOCAL_MARK
MISSING_TITLE = f"{NOT_STATED}的数字（未予计算，不作估计）"
LOCAL_NOTE = "依据栏标注“本地录入”的数字由经办机构工作人员录入（或从医疗保障部门的参数数据包导入），不是所收录政策文件中的数字。"
SCAN_TITLE = "扫码调取"
SCAN_HOW = "在本程序中按 Ctrl+L，用扫码枪扫描此码，即可重新打开本次测算，不必重新录入"
SCAN_TOO_LONG = "本次测算内容较多，二维码无法容纳；调取码见本测算单的复制文本"
CODE_HOW = "在本程序中按 Ctrl+L，粘贴此码，即可重新打开本次测算"
BLANK_HALL = "________________"
BLANK_COUNTER = "______"


@dataclass(frozen=True)
class SheetHeader:
    """What the counter adds to the sheet: the service hall and counter (blank lines when unset) and when it was printed."""

    hall: str = ""
    counter: str = ""
    printed_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    def hall_text(self) -> str:
        return self.hall.strip() or BLANK_HALL

    def counter_text(self) -> str:
        return self.counter.strip() or BLANK_COUNTER

    def printed_text(self) -> str:
        return f"{cn_date(self.printed_at.date())} {self.printed_at:%H:%M}"


@dataclass(frozen=True)
class DocumentRef:
    number: str
    title: str
    issuer: str
    short: str = ""  # how the sheet cites it (109号), when shorter than the number


@dataclass(frozen=True)
class SheetContent:
    title: str
    header: SheetHeader
    city_name: str
    rules_date: str
    inputs: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    missing: tuple[tuple[str, str], ...]  # (label, reason)
    notes: tuple[str, ...]
    documents: tuple[DocumentRef, ...]
    case_code: str  # the request as a case code (yibao.casecode), printed as a QR code and in the text copy
    headlines: tuple[Headline, ...] = ()  # the answer first: the same sentences as at the top of the window's tabs
    disclaimer: str = DISCLAIMER

    @property
    def subtitle(self) -> str:
        return f"参保地：{self.city_name}　政策适用日期：{self.rules_date}　打印时间：{self.header.printed_text()}"

    @property
    def counter_line(self) -> str:
        return f"服务大厅：{self.header.hall_text()}　　窗口号：{self.header.counter_text()}"


# ---------------------------------------------------------------- building


def build_content(
    request: Request,
    result: Result,
    header: SheetHeader | None = None,
    comparison: Comparison | TierSheet | None = None,
) -> SheetContent:
    """Everything the sheet prints, in order, from the result the window shows; a comparison the tab on screen
    made of the same case (政策前后对比, or 医院级别对比's tiers) leads: it is the question asked there."""
    header = header or SheetHeader()
    sections: list[Section] = []
    any_local = False
    if result.contribution is not None:
        c = result.contribution
        line_rows = tuple(_row(line) for line in c.lines)
        totals = (
            _total(figure_name("contribution.employer_monthly"), c.employer_monthly),
            _total(figure_name("contribution.individual_monthly"), c.individual_monthly),
            *_yearly_fees(c.supplementary_yearly),
        )
        sections.append(Section("缴费测算", (Table("", line_rows),), totals, "缴费合计"))
    if result.visits is not None:
        sections.append(_visits_section(request, result))
    if result.retirement is not None:
        r = result.retirement
        totals = (_total(figure_name("retirement.makeup_amount"), r.makeup_amount),) if r.makeup_amount is not None else ()
        sections.append(Section("退休缴费年限", (Table("", tuple(_row(line) for line in r.lines)),), totals))
    if result.coverage is not None:
        cov = result.coverage
        month_given = request.enrolment is not None and request.enrolment.first_contribution_month is not None
        rows = [Row("待遇享受起始", cn_date(cov.benefits_from) if cov.benefits_from else NOT_STATED)] if month_given else []
        for item in cov.items:
            if not _applies(item.key, month_given, result):
                continue
            covered = {True: "享受", False: "不享受", None: NOT_STATED}[item.covered] + (READING_STAR if item.readings else "")
            rows.append(Row(item.label, covered, item.detail, _sources(item.sources), any(s.local for s in item.sources)))
        sections.append(Section("待遇享受", (Table("", tuple(rows), ("项目", "结论", "说明", "依据")),)))
    if result.fund is not None:
        f = result.fund
        sections.append(Section("省级统筹调剂金", (Table("", tuple(_row(line) for line in f.lines)),)))
    if isinstance(comparison, TierSheet):
        sections.insert(0, tiers_section(comparison))
    elif comparison is not None:
        from yibao.sheet.before_after import before_after_section

        sections.insert(0, before_after_section(comparison))
    for section in sections:
        any_local = any_local or any(row.local for table in section.tables for row in table.rows)
    notes = [f"还需填写：{n.label}（{n.reason}）" for n in result.needs_input]
    # a comparison's readings are those of both dates: each once, here (its section cites none)
    readings = comparison.readings if comparison is not None and not isinstance(comparison, TierSheet) else result.readings
    notes += [f"{READING_STAR}{READING_MARK}（{r.document} {r.clause}）：{r.reading}；另一种理解：{r.alternative}"
              for r in readings]
    notes += [f"未计算（{n.document} {n.clause}）：{n.text}" for n in result.not_computed]
    notes += result.notes
    if any_local:
        notes.append(LOCAL_NOTE)
    documents = _documents_of(result, comparison)
    short = short_numbers(d.number for d in documents)
    cited = {**short, f"{LOCAL}（{result.city_name}）": LOCAL}  # a figure the hall entered for the sheet's own city
    numbered = tuple(replace(s, title=f"{_CN_ORDINALS[i]}、{s.title}", tables=_cited_short(s.tables, cited))
                     for i, s in enumerate(sections))
    return SheetContent(
        title=TITLE,
        header=header,
        city_name=result.city_name,
        rules_date=cn_date(result.on),
        inputs=tuple(_inputs(request, result)),
        sections=numbered,
        missing=_missing(result),
        notes=tuple(short_cite(note, cited) for note in notes),
        documents=tuple(replace(d, short=short.get(d.number, "")) for d in documents),
        headlines=tuple(_asked_first(comparison, headlines(result, request.person))),
        case_code=encode_case(request, header.printed_at.date()),
    )


_CN_ORDINALS = "一二三四五六七八九十"


def _asked_first(comparison: Comparison | TierSheet | None, answers: list[Headline]) -> list[Headline]:
    """The conclusions, the comparison's first when the sheet is printed from 医院级别对比 (the saving) or
    政策前后对比 (what moved between the two dates, and why)."""
    if isinstance(comparison, TierSheet):
        return [tiers_headline(comparison.settled), *answers]
    return answers if comparison is None else [Headline("before_after", comparison.headline), *answers]


def _applies_to_visit(line: Line) -> bool:
    """Left out: a 大额补助 line that pays nothing because the fund's yearly limit is not reached (kept when the
    city has no such layer: it says why the person pays what is above the limit), and the bill's sum (the visit's
    title row says it)."""
    if line.key == "supplement":
        return not (line.amount is not None and line.amount == 0 and ABSENT_MARK not in line.formula)
    return line.key != "bill"


def _applies(item: str, month_given: bool, result: Result) -> bool:
    """A coverage row the person's case leaves open is left out: the start of benefits with no first month,
    the years check when no years were asked about."""
    if item == "benefits_start":
        return month_given
    if item == "retiree_benefits":
        return result.retirement is not None
    return True


def _figure(line: Line) -> str:
    """The figure, starred where it rests on a reading (本地录入 is marked by the renderers from ``Row.local``)."""
    if line.figure is None:
        return NOT_STATED
    return f"{line.figure}{READING_STAR}" if line.readings else line.figure


def _sources(sources: Iterable[SourceRef], above: Collection[SourceRef] = ()) -> str:
    """The citations, a document's clauses together (a pack's 1号 一、二（本地录入）, not each with its number). A
    pack's document cited for several clauses that the visit's lines ``above`` each cite is named alone, still marked
    (1号（本地录入）): a stay's 个人负担, resting on all of them, wrapped the 依据 column on every stay."""
    clauses: dict[SourceRef, list[str]] = {}
    for source in sources:
        clauses.setdefault(replace(source, clause=""), []).append(source.clause)
    cited = (s if s.local and s.document != LOCAL and len(set(cs)) > 1 and all(replace(s, clause=c) in above for c in cs)
             else replace(s, clause="、".join(dict.fromkeys(cs))) for s, cs in clauses.items())
    return "；".join(dict.fromkeys(s.text() for s in cited))


def _row(line: Line, above: Collection[SourceRef] = ()) -> Row:
    formula = line.formula if not line.note else f"{line.formula}（{line.note}）"
    return Row(line.label, _figure(line), formula, _sources(line.sources, above), line.local)


def _yearly_fees(fees: Supplementary) -> tuple[Total, ...]:
    """The yearly 大额/大病 fees as paid: the employer's and the person's where not nothing (what the funds put in is
    in the lines above, 36.00 + 10.00 + 30.00 = 76.00, and nobody pays it); the total where the payer is not named."""
    if fees.employer is None or fees.individual is None:
        return (_total(figure_name("contribution.supplementary_yearly.total"), fees.total),)
    paid = ((figure_name("contribution.supplementary_yearly.employer"), fees.employer),
            (figure_name("contribution.supplementary_yearly.individual"), fees.individual))
    return tuple(_total(name, amount) for name, amount in paid if amount)


def _total(label: str, amount: Decimal | None) -> Total:
    if amount is None:
        return Total(label, NOT_STATED, "")
    return Total(label, money(amount), amount_in_capitals(amount))


def _visits_section(request: Request, result: Result) -> Section:
    assert result.visits is not None
    rows: list[Row] = []
    printed: set[Row] = set()  # a rate the same as one above (a tier's 支付比例 again) is printed once
    first_seen: dict[Row, int] = {}  # a line that says what a line of an earlier visit says: 同第N次
    entered = request.visits or []
    for number, visit in enumerate(result.visits, start=1):
        title = f"第{number}次　{KIND_NAMES[visit.kind]}·{TIER_NAMES.get(visit.tier, str(visit.tier))}医疗机构"
        if number <= len(entered):
            v = entered[number - 1]
            parts = [f"政策范围内 {money(v.in_scope)}"]
            if v.out_of_scope:
                parts.append(f"政策范围外 {money(v.out_of_scope)}")
            if v.self_pay_first:
                parts.append(f"先行自付 {money(v.self_pay_first)}")
            bill = next((line for line in visit.lines if line.key == "bill"), None)
            if len(parts) > 1 and bill is not None and bill.figure is not None:
                parts.append(f"{bill.label} {bill.figure}")
            title += "　" + "　".join(parts)
        rows.append(Row(title, "", kind="group"))
        above: set[SourceRef] = set()  # what this visit's lines printed so far cite
        for line in filter(_applies_to_visit, visit.lines):
            row = _row(line, above)
            if line.unit == "rate" and row in printed:
                continue
            printed.add(row)
            above.update(line.sources)
            earlier = first_seen.setdefault(row, number)
            # 同第N次 stands for the earlier line's clauses too (two lines of them beside its one); 本地录入 still marked
            rows.append(row if earlier == number else replace(row, formula=f"同第{earlier}次", source=LOCAL if row.local else ""))
    totals: list[Total] = []
    t = result.year_totals
    if t is not None:
        rate = percent(t.reimbursement_rate) if t.reimbursement_rate is not None else NOT_STATED
        totals = [
            _total(figure_name("year_totals.bill"), t.bill),
            _total(figure_name("year_totals.deductible"), t.deductible),
            _total(figure_name("year_totals.fund_pays"), t.fund_pays),
            _total(figure_name("year_totals.supplement_pays"), t.supplement_pays),
            _total(figure_name("year_totals.person_pays"), t.person_pays),
            Total(figure_name("year_totals.reimbursement_rate"), rate, "",
                  f"（{figure_name('year_totals.fund_pays')} + {figure_name('year_totals.supplement_pays')}）"
                  f"÷ {figure_name('year_totals.bill')}"),
        ]
    count = len(result.visits)
    return Section(f"就医报销（{result.on.year}年度，{count}次就医）", (Table("", tuple(rows)),), tuple(totals),
                   totals_title=f"{result.on.year}年度合计（各次之和）")


def _inputs(request: Request, result: Result) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = [(label("city"), result.city_name), (label("on"), cn_date(result.on))]
    p = request.person
    if p is not None:
        pairs += [
            (label("person.employment"), EMPLOYMENT_NAMES[p.employment]),
            (label("person.retired"), status_name(p.retired)),
            (label("person.sex"), SEX_NAMES[p.sex]),
            (label("person.age"), f"{p.age}岁"),
        ]
    c = request.contribution
    if c is not None:
        pairs.append((label("contribution.monthly_base"), money(c.monthly_base) if c.monthly_base is not None else "未填写"))
        if c.flexible_option is not None:
            pairs.append((label("contribution.flexible_option"), OPTION_NAMES[c.flexible_option]))
        if result.contribution is not None and result.contribution.flexible_choices:
            pairs.append((label("contribution.flexible_choices"), choices_text(result.contribution.flexible_choices)))
    if request.visits is not None:
        outpatient = sum(1 for v in request.visits if v.kind == "outpatient")
        pairs.append(("本年就医", f"{len(request.visits)}次（门诊{outpatient}、住院{len(request.visits) - outpatient}）"))
    y = request.year_to_date
    if y is not None:
        pairs += [
            (label("year_to_date.outpatient_deductible_counted"), money(y.outpatient_deductible_counted)),
            (label("year_to_date.outpatient_fund_paid"), money(y.outpatient_fund_paid)),
            (label("year_to_date.outpatient_supplement_paid"), money(y.outpatient_supplement_paid)),
            (label("year_to_date.inpatient_stays"), f"{y.inpatient_stays}次"),
            (label("year_to_date.inpatient_fund_paid"), money(y.inpatient_fund_paid)),
        ]
    r = request.retirement
    if r is not None:
        pairs += [(label("retirement.paid_months"), months(r.paid_months)),
                  (label("retirement.deemed_months"), months(r.deemed_months))]
        if r.last_monthly_base is not None:
            pairs.append((label("retirement.last_monthly_base"), money(r.last_monthly_base)))
    e = request.enrolment
    if e is not None and e.first_contribution_month is not None:  # no month given: nothing of the enrolment to print
        pairs.append((label("enrolment.first_contribution_month"), e.first_contribution_month))
        if p is not None and p.employment == "flexible":  # the first enrolment matters to flexible workers only
            pairs.append((label("enrolment.first_enrolment"), "是" if e.first_enrolment else "否"))
    f = request.fund
    if f is not None:
        pairs += [
            (label("fund.last_year_premium_income"), money(f.last_year_premium_income)),
            (label("fund.last_year_remittance"), money(f.last_year_remittance)),
            (label("fund.deficit"), money(f.deficit)),
            (label("fund.province_share_ratio"), percent(f.province_share_ratio)),
            (label("fund.accumulated_surplus"), money(f.accumulated_surplus)),
        ]
        if f.city_share_ratio is not None:
            pairs.append((label("fund.city_share_ratio"), percent(f.city_share_ratio)))
    return pairs


def _documents_of(result: Result, comparison: Comparison | TierSheet | None) -> tuple[DocumentRef, ...]:
    """The documents the result cites (the result carries them, as computed), in the order first cited."""
    results = [result]
    if comparison is not None and not isinstance(comparison, TierSheet):
        results += [comparison.before, comparison.after]
    return tuple(dict.fromkeys(DocumentRef(d.number, d.title, d.issuer) for r in results for d in r.documents))


def _cited_short(tables: tuple[Table, ...], short: dict[str, str]) -> tuple[Table, ...]:
    return tuple(replace(t, rows=tuple(replace(r, source=short_cite(r.source, short)) for r in t.rows)) for t in tables)


def _missing(result: Result) -> tuple[tuple[str, str], ...]:
    """The figures the documents do not give; those missing for one reason are named together before it."""
    by_reason: dict[str, list[str]] = {}
    for m in result.missing:
        by_reason.setdefault(m.reason, []).append(m.label)
    return tuple(("、".join(labels), reason) for reason, labels in by_reason.items())
