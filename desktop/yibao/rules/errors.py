"""Input errors with a Chinese message that names the field."""

from __future__ import annotations

from pydantic import ValidationError

FIELD_LABELS = {
    "city": "城市",
    "on": "计算日期",
    "person": "参保人信息",
    "person.employment": "就业类型",
    "person.retired": "是否退休",
    "person.sex": "性别",
    "person.age": "年龄",
    "contribution": "缴费测算",
    "contribution.monthly_base": "月缴费基数",
    "contribution.flexible_option": "灵活就业缴费方式",
    "visits": "就诊记录",
    "visits.kind": "就诊类型",
    "visits.tier": "医院等级",
    "visits.in_scope": "政策范围内费用",
    "visits.out_of_scope": "政策范围外费用",
    "visits.self_pay_first": "个人先行自付费用",
    "year_to_date": "本年度已发生",
    "year_to_date.outpatient_deductible_counted": "本年门诊已计起付线",
    "year_to_date.outpatient_fund_paid": "本年门诊统筹已支付",
    "year_to_date.outpatient_supplement_paid": "本年门诊大额补助已支付",
    "year_to_date.inpatient_stays": "本年已住院次数",
    "year_to_date.inpatient_fund_paid": "本年住院统筹已支付",
    "year_to_date.inpatient_supplement_deductible_counted": "本年住院大额补助已计起付标准",
    "year_to_date.inpatient_supplement_paid": "本年住院大额补助已支付",
    "retirement": "退休缴费年限",
    "retirement.paid_months": "实际缴费月数",
    "retirement.deemed_months": "视同缴费月数",
    "retirement.last_monthly_base": "最后一次缴费基数",
    "retirement.never_enrolled": "从未参加职工医保",
    "retirement.last_month_pension": "上月养老金",
    "retirement.minimum_base": "当年最低缴费基数",
    "enrolment": "参保登记",
    "enrolment.first_contribution_month": "首次缴费月份",
    "enrolment.first_enrolment": "是否首次参保",
    "fund": "调剂金测算",
    "fund.last_year_premium_income": "上年度统筹基金保险费收入",
    "fund.last_year_remittance": "上年度调剂金上解额",
    "fund.deficit": "当期基金收支缺口",
    "fund.province_share_ratio": "省定调剂金分担比例",
    "fund.accumulated_surplus": "统筹基金历年累计结余",
    "fund.city_share_ratio": "市基金分担比例",
}


class InputError(Exception):
    """Bad input: ``field`` is the dotted request path, the message is for people."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"输入有误：{field_title(field)}：{problem}")


def field_title(path: str) -> str:
    """'visits[2].tier' → 'visits[2].tier（第3条就诊·医院等级）'."""
    plain_parts: list[str] = []
    index = None
    for part in path.replace("]", "").replace("[", ".").split("."):
        if part.isdigit():
            index = int(part)
        elif part:
            plain_parts.append(part)
    label = FIELD_LABELS.get(".".join(plain_parts))
    if label is None:
        return path
    if index is not None and plain_parts and plain_parts[0] == "visits":
        label = f"第{index + 1}条就诊·{label}"
    return f"{path}（{label}）"


def reason_for(err: dict[str, object]) -> str:
    kind = str(err["type"])
    ctx = err.get("ctx") or {}
    assert isinstance(ctx, dict)
    reasons = {
        "missing": "必须填写",
        "extra_forbidden": "不认识这个字段",
        "decimal_parsing": "必须是数字金额",
        "decimal_type": "必须是数字金额",
        "decimal_max_places": "最多两位小数",
        "int_parsing": "必须是整数",
        "int_type": "必须是整数",
        "int_from_float": "必须是整数",
        "bool_parsing": "必须是 true 或 false",
        "bool_type": "必须是 true 或 false",
        "date_from_datetime_parsing": "不是有效日期（格式 YYYY-MM-DD）",
        "date_parsing": "不是有效日期（格式 YYYY-MM-DD）",
        "date_type": "不是有效日期（格式 YYYY-MM-DD）",
        "string_type": "必须是文字",
        "list_type": "必须是列表",
        "model_type": "必须是对象",
        "dict_type": "必须是对象",
        "finite_number": "必须是有限的数字",
        "string_pattern_mismatch": "格式应为 YYYY-MM，如 2025-03",
    }
    if kind in reasons:
        return reasons[kind]
    if kind == "greater_than_equal":
        return "不能为负数" if str(ctx.get("ge")) == "0" else f"不能小于 {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"不能大于 {ctx.get('le')}"
    if kind == "literal_error":
        from yibao.rules.models import CODE_NAMES

        expected = str(ctx.get("expected"))
        for code, name in CODE_NAMES.items():
            expected = expected.replace(f"'{code}'", f"'{code}'（{name}）")
        return "只能是 " + expected.replace(" or ", " 或 ").replace(", ", "、")
    if kind == "too_long":
        return f"最多 {ctx.get('max_length')} 条"
    if kind == "string_too_long":
        return f"最多 {ctx.get('max_length')} 个字符"
    if kind == "value_error":  # our validators' own messages, already in Chinese
        return str(err["msg"]).removeprefix("Value error, ")
    return "取值无效"  # never pydantic's English


def from_validation_error(exc: ValidationError) -> InputError:
    err = exc.errors()[0]
    parts = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    # a key the user typed may hold a line break or other control characters: the message stays one line
    parts = [p if isinstance(p, int) or p.isprintable() else p.encode("unicode_escape").decode("ascii") for p in parts]
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return InputError(path or "(请求)", reason_for(dict(err)))
