"""The sheet as aligned plain text, for copying into a chat or a message (no Qt)."""

from __future__ import annotations

import unicodedata

from yibao.sheet.content import CODE_HOW, LOCAL, MISSING_TITLE, SheetContent
from yibao.sheet.html import HEADLINE_TITLE, headline_text

LABEL_WIDTH = 34  # at least; widened to the longest label (up to MAX_LABEL_WIDTH) so figures line up
MAX_LABEL_WIDTH = 52
FIGURE_WIDTH = 12  # at least; widened to the longest figure ("292个月（24年4个月）")


def width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ljust(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def rjust(text: str, columns: int) -> str:
    return " " * max(0, columns - width(text)) + text


def render_text(content: SheetContent) -> str:
    out: list[str] = [content.title, content.subtitle, content.counter_line, ""]
    if content.headlines:
        out.append(f"【{HEADLINE_TITLE}】")
        out += [f"  {headline_text(h)}" for h in content.headlines]
        out.append("")
    out.append("【测算条件】")
    key_width = max((width(k) for k, _ in content.inputs), default=0)
    out += [f"  {ljust(k, key_width)}  {v}" for k, v in content.inputs]
    labels = [row.label for s in content.sections for t in s.tables for row in t.rows if row.kind == "line"]
    labels += [total.label for s in content.sections for total in s.totals]
    label_width = min(MAX_LABEL_WIDTH, max([LABEL_WIDTH, *(width(label) + 2 for label in labels)]))
    figures = [row.figure for s in content.sections for t in s.tables for row in t.rows if row.kind == "line"]
    figure_width = max([FIGURE_WIDTH, *(width(figure) + 1 for figure in figures)])
    for section in content.sections:
        out += ["", f"【{section.title}】"]
        for table in section.tables:
            if table.title:
                out.append(f"  {table.title}")
            for row in table.rows:
                if row.kind == "group":
                    out.append(f"  {row.label}")
                    continue
                figure = row.figure + (f" [{LOCAL}]" if row.local else "")
                line = f"    {ljust(row.label, label_width)}{rjust(figure, figure_width)}"
                detail = "；".join(p for p in (row.formula, f"依据：{row.source}" if row.source else "") if p)
                out.append(f"{line}  {detail}" if detail else line)
        if section.totals:
            out.append(f"  {section.totals_title}：")
            for total in section.totals:
                capitals = f"（大写）人民币{total.capitals}" if total.capitals else total.note
                out.append(f"    {ljust(total.label, label_width)}{rjust(total.figure, figure_width)}  {capitals}".rstrip())
    if content.missing:
        out += ["", f"【{MISSING_TITLE}】"]
        out += [f"  {label}：{reason}" for label, reason in content.missing]
    if content.notes:
        out += ["", "【说明】"]
        out += [f"  {note}" for note in content.notes]
    if content.documents:
        out += ["", "【测算依据文件】"]
        for d in content.documents:
            title = f"《{d.title}》" if d.title else ""
            issuer = f"（{d.issuer}）" if d.issuer else ""
            short = f"{d.short}：" if d.short else ""
            out.append(f"  {short}{d.number}{title}{issuer}")
    out += ["", content.disclaimer, "", f"【调取码】（{CODE_HOW}）", content.case_code, ""]
    return "\n".join(out)
