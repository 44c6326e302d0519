"""The sheet's 政策前后对比 section: the headline sentence, each figure before and after with its reasons,
and the rules that changed between the two dates, from one ``Comparison`` (no Qt, no second calculation)."""

from __future__ import annotations

from yibao.rules.compare import Comparison
from yibao.sheet.parts import Row, Section, Table
from yibao.wording import cn_date

CHANGES_TITLE = "两个日期之间本测算所用规定的变化"
READINGS_TITLE = "对比所依据的文件解读（条文不明确之处）"


def before_after_section(comparison: Comparison) -> Section:
    first, second = cn_date(comparison.before.on), cn_date(comparison.after.on)
    rows = [Row(comparison.headline, "", kind="group")]
    for row in comparison.rows:
        moved = f"{first} {row.before_text} → {second} {row.after_text}"
        because = "，".join(r.text for r in row.reasons)
        sources = "；".join(dict.fromkeys(s.text() for r in row.reasons for s in r.sources))
        rows.append(Row(row.label, row.difference_text, f"{moved}；原因：{because}" if because else moved, sources))
    tables = [Table("", tuple(rows), ("项目", "差额", "之前 → 之后；原因", "依据"))]
    if comparison.changes:
        changes = tuple(Row(c.label, "", f"{c.before} → {c.after}", "；".join(c.sources)) for c in comparison.changes)
        tables.append(Table(CHANGES_TITLE, changes, ("规定", "", "之前 → 之后", "依据")))
    if comparison.readings:
        readings = tuple(Row(f"{r.document} {r.clause}", "", r.reading, r.alternative) for r in comparison.readings)
        tables.append(Table(READINGS_TITLE, readings, ("条款", "", "本计算器的理解", "另一种理解")))
    return Section(f"政策前后对比（{first} → {second}）", tuple(tables))
