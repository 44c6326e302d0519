"""Input errors with a Chinese message that names the field."""

from __future__ import annotations

from pydantic import ValidationError

from yibao.rules.inputs import ascii_digits
from yibao.wording import FIELD_LABELS


class InputError(Exception):
    """Bad input: ``field`` is the dotted request path, the message is for people."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"输入有误：{field_title(field)}：{problem}")

    def shown(self) -> str:
        """The message as the window shows it, beside the field it names: '适用日期：烟台市在 2019-01-01 没有……'
        (the request path, for the command line and the log, stays out of sight)."""
        return f"{field_label(self.field)}：{self.problem}"


def field_title(path: str) -> str:
    """'visits[2].tier' → 'visits[2].tier（第3条就诊·医院等级）'."""
    label = field_label(path)
    return path if label == path else f"{path}（{label}）"


def field_label(path: str) -> str:
    """'visits[2].tier' → '第3条就诊·医院等级'; a path with no Chinese name is returned as it is."""
    plain_parts: list[str] = []
    index = None
    for part in path.replace("]", "").replace("[", ".").split("."):
        if ascii_digits(part):
            index = int(part)
        elif part:
            plain_parts.append(part)
    label = FIELD_LABELS.get(".".join(plain_parts))
    if label is None:
        return path
    if index is not None and plain_parts and plain_parts[0] == "visits":
        label = f"第{index + 1}条就诊·{label}"
    return label


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
        "date_from_datetime_inexact": "不是有效日期（格式 YYYY-MM-DD）",
        "int_parsing_size": "数字太大",
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
        from yibao.vocabulary import CODE_NAMES

        expected = str(ctx.get("expected"))
        for code, name in CODE_NAMES.items():
            expected = expected.replace(f"'{code}'", f"'{code}'（{name}）")
        return "只能是 " + expected.replace(" or ", " 或 ").replace(", ", "、")
    if kind == "too_short":
        return f"至少 {ctx.get('min_length')} 条"
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
