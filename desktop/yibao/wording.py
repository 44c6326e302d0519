"""How every figure and field is written, once: money, rates, months, dates, the words for a figure the
documents do not give, and the Chinese name of every field.

The window, the printed sheet, the text copy, error messages and the CLI all write figures through here,
so the same figure reads the same everywhere. Standard library only: the window imports it before the
rules core (pydantic) is loaded. Amounts are exact Decimals inside and rounded half-up to the fen only
where a figure is shown or paid.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Protocol

from yibao.vocabulary import OPTION_NAMES

FEN = Decimal("0.01")
RATE_PLACES = Decimal("0.0001")  # a computed rate (the reimbursement rate) is kept to 0.01%
ZERO = Decimal("0")

NOT_STATED = "文件未规定"
"""The one wording for a figure or rule the documents collected here do not give (never a guess, never 0)."""

NOT_STATED_HINT = f"{NOT_STATED}（可在“本地录入参数”中填写）"
NOT_STATED_LINES = ("文件", "未规定")  # its words: on two lines in a narrow column (never 文件未规/定)
YUAN_SIGN = "¥"
LOCAL_MARK = "本地录入"  # a figure staff entered (by hand or from a pack), on screen and paper
ABSENT_MARK = "不设此项"  # a layer or option the city does not have (a document's not_offered, or 本市不设此项 entered)
LEFT_OUT_NOTE = f"本次计算未使用本机保存的{LOCAL_MARK}参数，只按所收录的政策文件计算"  # yibao calc --no-local
READING_MARK = "解读"  # a figure resting on a reading of an unclear clause (resources/policy/readings.json)
READING_STAR = "＊"  # the same mark where a column is narrow (the printed sheet), explained under 说明

# The Chinese name of every request field, as the window labels it; the sheet, the text copy and error
# messages use the same names. Keys are dotted request paths (a visit's fields under "visits").
FIELD_LABELS = {
    "city": "城市",
    "on": "适用日期",
    "person": "参保人信息",
    "person.employment": "就业类型",
    "person.retired": "参保状态",
    "person.sex": "性别",
    "person.age": "年龄",
    "contribution": "缴费测算",
    "contribution.monthly_base": "月缴费基数",
    "contribution.flexible_option": "灵活就业缴费方式",
    "contribution.flexible_choices": "各缴费方式",
    "visits": "就诊记录",
    "visits.kind": "就诊类别",
    "visits.tier": "医院等级",
    "visits.in_scope": "政策范围内",
    "visits.out_of_scope": "政策范围外",
    "visits.self_pay_first": "先行自付",
    "year_to_date": "本年已发生",
    "year_to_date.outpatient_deductible_counted": "本年门诊已计起付标准",
    "year_to_date.outpatient_fund_paid": "本年门诊统筹已支付",
    "year_to_date.outpatient_supplement_paid": "本年门诊大额补助已支付",
    "year_to_date.inpatient_stays": "本年已住院次数",
    "year_to_date.inpatient_fund_paid": "本年住院统筹已支付",
    "year_to_date.inpatient_supplement_deductible_counted": "本年住院大额补助已计起付标准",
    "year_to_date.inpatient_supplement_paid": "本年住院大额补助已支付",
    "retirement": "退休缴费年限",
    "retirement.paid_months": "实际缴费月数",
    "retirement.deemed_months": "视同缴费月数",
    "retirement.last_monthly_base": "最后一次月缴费基数",
    "retirement.never_enrolled": "从未参加职工医保",
    "retirement.last_month_pension": "上月养老金",
    "retirement.minimum_base": "当年最低缴费基数",
    "enrolment": "参保登记",
    "enrolment.first_contribution_month": "首次缴费月份",
    "enrolment.first_enrolment": "首次参保",
    "fund": "调剂金测算",
    "fund.last_year_premium_income": "上年度统筹基金保险费收入",
    "fund.last_year_remittance": "上年度已上解调剂金",
    "fund.deficit": "当年基金收支缺口",
    "fund.province_share_ratio": "省定调剂金分担比例",
    "fund.accumulated_surplus": "统筹基金累计结余",
    "fund.city_share_ratio": "市职工医保基金分担比例",
    # a figure entered locally (设置 › 本地录入参数)
    "local_figure.parameter": "参数",
    "local_figure.region": "城市",
    "local_figure.start": "开始日期",
    "local_figure.end": "结束日期",
    "local_figure.value": "数值",
    "local_figure.note": "备注",
    "local_figure.source": "依据文件",
}


def label(path: str) -> str:
    """The Chinese name of a request field: label('retirement.paid_months') → '实际缴费月数'."""
    return FIELD_LABELS[path]


# The name of every summed-up figure of the result, the same on the window's tabs, the printed sheet's totals and
# in 政策前后对比 (keys are dotted result paths). The 大额/大病 parts add up to their total on every one of them.
FIGURE_NAMES = {
    "contribution.employer_monthly": "单位缴费（每月）",
    "contribution.individual_monthly": "个人缴费（每月）",
    "contribution.personal_account_monthly": "划入个人账户（每月）",
    "contribution.supplementary_yearly.employer": "大额/大病保险费：单位（每年）",
    "contribution.supplementary_yearly.individual": "大额/大病保险费：个人（每年）",
    "contribution.supplementary_yearly.from_funds": "大额/大病筹资：基金划入（每年）",
    "contribution.supplementary_yearly.total": "大额/大病筹资合计（每人每年）",
    "contribution.monthly_base": "缴费基数（每月）",
    "year_totals.bill": "医疗费用合计",
    "year_totals.deductible": "计入起付标准",
    "year_totals.fund_pays": "统筹基金支付",
    "year_totals.supplement_pays": "大额医疗费用补助支付",
    "year_totals.person_pays": "个人负担",
    "year_totals.reimbursement_rate": "实际报销比例",
    "retirement.required_months": "最低缴费年限",
    "retirement.counted_months": "累计缴费年限",
    "retirement.shortfall_months": "尚缺缴费年限",
    "retirement.eligible": "是否达到",
    "retirement.makeup_amount": "一次性补缴金额",
    "fund.remittance": "调剂金上解额",
    "fund.adjustment_fund_pays": "调剂金分担缺口",
    "fund.surplus_pays": "累计结余分担缺口",
    "fund.unfunded": "累计结余不足部分",
    "fund.city_fund_pays": "市职工医保基金分担",
    "fund.district_finance_pays": "区市财政分担",
}


def figure_name(path: str) -> str:
    """The Chinese name of a result figure: figure_name('year_totals.fund_pays') → '统筹基金支付'."""
    return FIGURE_NAMES[path]


# ---------------------------------------------------------------- money


def to_fen(amount: Decimal) -> Decimal:
    """Half-up to the fen: the one rounding of an amount that is shown or paid."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=4096)
def money(amount: Decimal) -> str:
    """An amount in tables and arithmetic: 3055 → '3,055.00' (memoised: a year of visits repeats its figures)."""
    return f"{to_fen(amount):,.2f}"


def yuan(amount: Decimal | None) -> str:
    """An amount in a sentence or a headline figure: '¥3,055.00'; None → 文件未规定."""
    return NOT_STATED if amount is None else f"{YUAN_SIGN}{money(amount)}"


def money_or_not_stated(amount: Decimal | None) -> str:
    """A table cell: '3,055.00', or 文件未规定 when the documents do not give the figure."""
    return NOT_STATED if amount is None else money(amount)


def fen_number(amount: Decimal) -> str:
    """The machine-readable amount of the JSON contract and of typed input: '3055.00' (no separators)."""
    return f"{to_fen(amount):.2f}"


# ---------------------------------------------------------------- rates and counts


def round_rate(rate: Decimal) -> Decimal:
    """A computed rate kept to 0.01%, half-up: 0.576349 → 0.5763."""
    return rate.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def rate_of(part: Decimal, whole: Decimal) -> Decimal:
    """A computed rate (part ÷ whole), kept to 0.01% as it is shown: 2305 ÷ 4000 → 0.5763."""
    return round_rate(part / whole)


def percent(rate: Decimal) -> str:
    """A rate as a percentage with as many decimals as it needs: 0.6 → '60%', 0.5764 → '57.64%', 0.073 → '7.3%'."""
    text = format((rate * 100).normalize(), "f")
    return f"{text}%"


def percentage_points(difference: Decimal) -> str:
    """A change of rate: 0.015 → '1.5个百分点' (the sign is the caller's)."""
    return f"{format((difference * 100).normalize(), 'f')}个百分点"


def ratio_number(rate: Decimal) -> str:
    """The machine-readable rate of the JSON contract: 0.5764 → '0.5764'."""
    return f"{rate:.4f}"


def plain(number: Decimal) -> str:
    """A count or factor without trailing zeros: 2.0 → '2', 0.50 → '0.5'."""
    return format(number.normalize(), "f")


def months(count: int) -> str:
    """A number of months, with years where there are any: 8 → '8个月', 36 → '36个月（3年）', 280 → '280个月（23年4个月）'."""
    years, rest = divmod(count, 12)
    if not years:
        return f"{count}个月"
    return f"{count}个月（{years}年{rest}个月）" if rest else f"{count}个月（{years}年）"


_FIGURE_AND_UNIT = re.compile(r"^(\d+(?:\.\d+)?)([^\d（]*)")  # the figure and its unit: 800 元, 6.3 %, 120 个月


def change_words(before: str, after: str) -> str:
    """How a rule moved, written after its name: 由800元降至600元 / 由6.3%升至7% / 仍为9% / 由文件未规定变为5%.
    A layer or option the city sets up or gives up reads as such, not as a value (由不设此项变为1500元):
    新设为1500元（此前不设此项） / 不再设立（此前为1500元）."""
    if before == after:
        return f"仍为{after}"
    if before == ABSENT_MARK:
        return f"新设为{after}（此前{ABSENT_MARK}）"
    if after == ABSENT_MARK:
        return f"不再设立（此前为{before}）"
    old, new = _FIGURE_AND_UNIT.match(before), _FIGURE_AND_UNIT.match(after)
    if old and new and old.group(2) == new.group(2):
        a, b = Decimal(old.group(1)), Decimal(new.group(1))
        if b < a:
            return f"由{before}降至{after}"
        if b > a:
            return f"由{before}升至{after}"
        return f"仍为{after}"
    return f"由{before}变为{after}"


# ---------------------------------------------------------------- citations


NATIONAL_LAW = "《中华人民共和国"


def short_numbers(numbers: Iterable[str]) -> dict[str, str]:
    """How a table cites each document: its number after the year (烟政字〔2023〕109号 → 109号), which a list of the
    documents below spells out; in full where two of the documents would share it, or it has no year."""
    numbers = list(numbers)
    tails = {number: number.rpartition("〕")[2] for number in numbers if "〕" in number}
    shared = {tail for tail in tails.values() if list(tails.values()).count(tail) > 1}
    short = {number: tail for number, tail in tails.items() if tail and tail not in shared}
    # a national law by its short title, as laws are cited: 《中华人民共和国社会保险法》 → 《社会保险法》
    short |= {number: "《" + number.removeprefix(NATIONAL_LAW) for number in numbers if number.startswith(NATIONAL_LAW)}
    return short


def short_cite(text: str, short: dict[str, str]) -> str:
    """A citation with each document's number as ``short_numbers`` gives it: 烟政字〔2023〕109号 二(三)1 → 109号 二(三)1."""
    for number, tail in short.items():
        text = text.replace(number, tail)
    return text


# ---------------------------------------------------------------- dates


def pack_note(issuer: str, file_name: str) -> str:
    """What a result computed with a figures pack for one run (yibao calc --figures) says about its local figures."""
    return f"本次计算的{LOCAL_MARK}参数取自数据包“{issuer}”（{file_name}），未使用本机保存的{LOCAL_MARK}参数"


def cn_date(day: date) -> str:
    """2026-01-01 → '2026年1月1日'."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_month(day: date) -> str:
    """2025-03-01 → '2025年3月'."""
    return f"{day.year}年{day.month}月"


def documents_key(cited: Iterable[tuple[str, str]]) -> str:
    """The documents a table cites by short number, each spelled out once under it:
    文件：109号＝烟政字〔2023〕109号《…》；…"""
    return "文件：" + "；".join(f"{short}＝{full}" for short, full in cited)


class ShownChoice(Protocol):
    """A flexible worker's way of paying as the result gives it (``rules.models.FlexibleChoice``)."""

    @property
    def option(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def rate(self) -> Decimal | None: ...
    @property
    def account_share(self) -> Decimal | None: ...
    @property
    def individual_monthly(self) -> Decimal | None: ...
    @property
    def offered_from(self) -> date | None: ...


def choice_text(choice: ShownChoice) -> str:
    """One way of paying in a sentence: 建立个人账户（按9%缴费，每月 ¥540.00，其中2%划入个人账户） /
    2026年1月1日起才可选择不建立个人账户 / 不设“建立个人账户”的缴费方式 / 不建立个人账户（文件未规定）."""
    name = OPTION_NAMES[choice.option]
    if choice.status == "not_offered":
        if choice.offered_from is None:
            return f"不设“{name}”的缴费方式"
        return f"{cn_date(choice.offered_from)}起才可选择{name}"
    if choice.status != "offered" or choice.rate is None:
        return f"{name}（{NOT_STATED}）"
    parts = [f"按{percent(choice.rate)}缴费"]
    if choice.individual_monthly is not None:
        parts.append(f"每月 {yuan(choice.individual_monthly)}")
    if choice.option == "with_account":
        share = choice.account_share
        parts.append(f"其中{percent(share)}划入个人账户" if share is not None else f"划入个人账户的标准{NOT_STATED}")
    return f"{name}（{'，'.join(parts)}）"


def choices_text(choices: Iterable[ShownChoice]) -> str:
    """Every way of paying on a date, those offered first: 建立个人账户（按9%缴费…）；2026年1月1日起才可选择不建立个人账户."""
    shown = sorted(choices, key=lambda choice: choice.status != "offered")
    return "；".join(choice_text(choice) for choice in shown)


def marked(figure: str, *, local: bool = False, reading: bool = False) -> str:
    """A figure with its marks: 480.00（本地录入，解读）."""
    marks = [mark for mark, on in ((LOCAL_MARK, local), (READING_MARK, reading)) if on]
    return f"{figure}（{'，'.join(marks)}）" if marks else figure


_OS_PROBLEMS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "权限不足",
    errno.EPERM: "权限不足",
    errno.EROFS: "磁盘是只读的",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已满",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EPIPE: "输出已被关闭",
    errno.EBUSY: "正被另一个程序（另一个窗口或命令行）修改，请稍后再试",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.ELOOP: "路径中的快捷方式（符号链接）指向自身，形成了循环",
    errno.EIO: "读写出错（磁盘、U 盘或网络驱动器可能有问题）",
    errno.EFBIG: "文件太大",
    errno.ENXIO: "设备不存在或未连接",
    errno.ENODEV: "设备不存在或未连接",
    errno.EMFILE: "打开的文件太多，请关闭一些程序后再试",
    errno.ENFILE: "打开的文件太多，请关闭一些程序后再试",
    errno.ETXTBSY: "文件正被使用，不能写入",
    errno.EAGAIN: "暂时无法读写，请稍后再试",
    errno.EEXIST: "已有同名的文件",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ENOMEM: "内存不足",
    errno.EINVAL: "文件名或路径无效",
    errno.ESTALE: "网络驱动器上的文件已失效，请重新连接",
    errno.ETIMEDOUT: "读写超时（网络驱动器可能已断开）",
}


def describe_os_error(exc: OSError) -> str:
    """What went wrong with a file, in Chinese: PermissionError → '权限不足'. A rare problem is named by its code
    (系统错误 ECOMM（代码 70）), never by the system's English text."""
    code = exc.errno
    if code is None:
        return "系统错误"
    return _OS_PROBLEMS.get(code, f"系统错误 {errno.errorcode.get(code, '')}（代码 {code}）".replace(" （", "（"))
