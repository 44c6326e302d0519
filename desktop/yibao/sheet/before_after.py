"""The sheet's 政策前后对比 section: each figure before and after with its reasons by number, the reasons spelled out
once with their clauses, from one ``Comparison`` (no Qt, no second calculation). The headline sentence opens the
sheet's 测算结论 and the readings are its notes, each once."""

from __future__ import annotations

from yibao.rules.compare import Comparison
from yibao.sheet.parts import Row, Section, Table
from yibao.wording import cn_date

REASONS_TITLE = "上表“原因”所列的规定变化"
MOVING_NOTHING = "其他变化"


def before_after_section(comparison: Comparison) -> Section:
    first, second = cn_date(comparison.before.on), cn_date(comparison.after.on)
    rows = []
    for row in comparison.rows:
        numbers = comparison.reason_numbers(row)
        moved = f"{row.before_text} → {row.after_text}"
        rows.append(Row(row.label, row.difference_text, f"{moved}；原因见{numbers}" if numbers else moved))
    tables = [Table("", tuple(rows), ("项目", "差额", f"{first} → {second}", ""))]
    reasons = [Row(str(n), "", reason.text, "；".join(dict.fromkeys(s.text() for s in reason.sources)))
               for n, reason in enumerate(comparison.reasons(), start=1)]
    others = comparison.changes_moving_nothing()
    if others:
        reasons.append(Row(MOVING_NOTHING, "", "、".join(c.label for c in others) + "（不影响本测算的数字）",
                           "；".join(dict.fromkeys(s for c in others for s in c.sources))))
    if reasons:
        tables.append(Table(REASONS_TITLE, tuple(reasons), ("序号", "", "规定的变化（按本人情况）", "依据")))
    return Section(f"政策前后对比（{first} → {second}）", tuple(tables))
