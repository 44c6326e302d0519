"""The sheet's body as HTML for QTextDocument (no Qt here: a string in, a string out).

Sizes are in points. The page header (hall, counter, title, city, dates) and the page numbers
are painted on every page by ``render.py``, not written here.
"""

from __future__ import annotations

import math
import unicodedata
from html import escape

from yibao.headline import Headline
from yibao.sheet.content import (
    LOCAL,
    MISSING_TITLE,
    SCAN_HOW,
    SCAN_TITLE,
    SCAN_TOO_LONG,
    DocumentRef,
    SheetContent,
)
from yibao.sheet.parts import Row, Section, Table
from yibao.sheet.qr import case_qr
from yibao.wording import YUAN_SIGN

BODY_PT = 8.0
COMPACT_BODY_PT = 7.5  # a sheet just over a page; never below SMALL_PT, the sheet's smallest text
SMALL_PT = 7.0
HEADING_PT = 9.5
HEADLINE_PT = 10.5
HEADLINE_TITLE = "测算结论"
GROUP_BG = "#eef1f5"
HEAD_BG = "#dfe4ea"
RULE = "#555555"

_TABLE = f'<table width="100%" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse; border-color:{RULE};">'
INPUTS_PER_ROW = 3
_CAPTION = f"font-size:{HEADING_PT}pt; font-weight:bold;"
CAPTION_BG = "#c5d0dc"
_SPACER = '<p style="font-size:3pt; margin:0px;">&nbsp;</p>'
# Cell padding, set once as the document's default style sheet (render.py applies it).
STYLE_SHEET = "td, th { padding-left: 3px; padding-right: 3px; padding-top: 0px; padding-bottom: 0px; }"
PAGE_WIDTH_PT = 521.6  # A4 less the margins (184 mm), in points
CELL_PADDING_PT = 8.0  # 3 px a side, as STYLE_SHEET sets, and the rules between the cells
# The label, figure and clause columns as wide as their longest text (within these bounds, per cent of the page);
# the arithmetic takes the rest, so that it wraps as little as it can.
LABEL_PERCENT = (13, 26)
FIGURE_PERCENT = (9, 14)
SOURCE_PERCENT = (8, 16)  # a pack's citation (1号 一、二（本地录入）) on one line; a longer one wraps
QR_SOURCE = "yibao-case-code"  # the QR code's image, added to the document by render.py
SCREEN_DPI = 96  # an <img>'s size is in pixels of the screen's logical resolution: Qt scales them to the paint device


def _e(text: str) -> str:
    return escape(text, quote=False)


def headline_text(headline: Headline) -> str:
    """A headline as the sheet writes it: a yes/no verdict's symbol and word first (paper has no colour)."""
    return f"【{headline.mark}】{headline.text}" if headline.has_verdict else headline.text


def _headlines(content: SheetContent) -> str:
    """The answer in a box, before the details: the same sentences as at the top of the window's tabs."""
    if not content.headlines:
        return ""
    rows = "".join(f'<tr><td style="font-size:{HEADLINE_PT}pt; font-weight:bold;">{_e(headline_text(h))}</td></tr>'
                   for h in content.headlines)
    caption = f'<tr><td bgcolor="{CAPTION_BG}" style="{_CAPTION}">{HEADLINE_TITLE}</td></tr>'
    return f"{_TABLE}<thead>{caption}</thead>{rows}</table>{_SPACER}"


def _inputs(content: SheetContent) -> str:
    cells = list(content.inputs)
    cells += [("", "")] * (-len(cells) % INPUTS_PER_ROW)
    widths = _input_widths(cells)
    rows = []
    for i in range(0, len(cells), INPUTS_PER_ROW):
        pairs = cells[i : i + INPUTS_PER_ROW]
        tds = "".join(f'<td width="{widths[2 * n]}%" bgcolor="{GROUP_BG}">{_e(k)}</td>'
                      f'<td width="{widths[2 * n + 1]}%">{_e(v)}</td>' for n, (k, v) in enumerate(pairs))
        rows.append(f"<tr>{tds}</tr>")
    caption = f'<tr><td colspan="{2 * INPUTS_PER_ROW}" bgcolor="{CAPTION_BG}" style="{_CAPTION}">测算条件</td></tr>'
    return f"{_TABLE}<thead>{caption}</thead>{''.join(rows)}</table>"


def _input_widths(cells: list[tuple[str, str]]) -> list[int]:
    """Each column's share of the page in proportion to its longest name or value: all on one line where the page
    has room for them (a year-to-date's long names wrapped in equal columns, beside short values)."""
    needs = [max(_ems(pair[side]) for pair in cells[column::INPUTS_PER_ROW]) * BODY_PT + CELL_PADDING_PT
             for column in range(INPUTS_PER_ROW) for side in (0, 1)]
    widths = [math.floor(100 * need / sum(needs)) for need in needs]
    widths[-1] += 100 - sum(widths)  # 100% in all: at 99% the box was drawn ~2 mm narrower than the others
    return widths


_NARROW_EMS = {",": 0.28, ".": 0.28, ":": 0.28, ";": 0.28, " ": 0.22, "(": 0.34, ")": 0.34, "%": 0.92}


def _ems(text: str) -> float:
    """The width of a text in ems of its font: a Chinese character is one, a digit or a Latin letter about half, a
    comma, point or space about a quarter (Noto Sans CJK's advances)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else _NARROW_EMS.get(ch, 0.56) for ch in text)


def _percent(texts: list[str], points: float, bounds: tuple[int, int]) -> int:
    needed = max((_ems(text) * points + CELL_PADDING_PT for text in texts), default=0.0)
    return max(bounds[0], min(bounds[1], math.ceil(100 * needed / PAGE_WIDTH_PT)))


def _column_widths(table: Table) -> tuple[str, str, str, str]:
    """The four columns' widths for this table's rows (each visit's table of a section gets the same)."""
    lines = [row for row in table.rows if row.kind == "line"]
    label = _percent([row.label for row in lines], BODY_PT, LABEL_PERCENT)
    figure = _percent([row.figure for row in lines], BODY_PT, FIGURE_PERCENT)
    source = _percent([cited for row in lines for cited in row.source.split("；")], SMALL_PT, SOURCE_PERCENT)
    return f"{label}%", f"{figure}%", f"{100 - label - figure - source}%", f"{source}%"


def _line_row(row: Row, w: tuple[str, str, str, str]) -> str:
    # each citation on a line of its own (two never share the column's line); 本地录入 in bold: the figure's mark
    source = "<br/>".join(_e(part).replace(LOCAL, f"<b>{LOCAL}</b>") for part in row.source.split("；")) or "—"
    return (
        f'<tr><td width="{w[0]}">{_e(row.label)}</td><td width="{w[1]}" align="right">{_e(row.figure)}</td>'
        f'<td width="{w[2]}" style="font-size:{SMALL_PT}pt;">{_e(row.formula)}</td>'
        f'<td width="{w[3]}" style="font-size:{SMALL_PT}pt;">{source}</td></tr>'
    )


def headings_row(headings: tuple[str, ...], widths: tuple[str, str, str, str]) -> str:
    cells = zip(widths, headings, strict=True)
    return "<tr>" + "".join(f'<td width="{w}" bgcolor="{HEAD_BG}"><b>{_e(h)}</b></td>' for w, h in cells) + "</tr>"


def _table(table: Table, caption: str) -> str:
    """One HTML table per group of rows (a visit and its lines), so that pagination can keep a visit together.

    The first group's head carries the caption and the column headings; every group's head carries
    its own title row, repeated by Qt if a group is ever longer than a page.
    """
    widths = _column_widths(table)
    groups: list[list[Row]] = [[]]
    for row in table.rows:
        if row.kind == "group" and groups[-1]:
            groups.append([])
        groups[-1].append(row)
    parts = []
    for index, rows in enumerate(groups):
        head = []
        if index == 0:
            if caption:
                head.append(f'<tr><td colspan="4" bgcolor="{CAPTION_BG}" style="{_CAPTION}">{_e(caption)}</td></tr>')
            head.append(headings_row(table.headings, widths))
        if rows and rows[0].kind == "group":
            head.append(f'<tr><td colspan="4" bgcolor="{GROUP_BG}"><b>{_e(rows[0].label)}</b></td></tr>')
            rows = rows[1:]
        parts.append(f"{_TABLE}<thead>{''.join(head)}</thead>{''.join(_line_row(row, widths) for row in rows)}</table>")
    return "".join(parts)


def _totals(section: Section) -> str:
    rows = []
    for total in section.totals:
        capitals = f"人民币{_e(total.capitals)}" if total.capitals else _e(total.note)
        figure = f"{YUAN_SIGN}{_e(total.figure)}" if total.capitals else _e(total.figure)
        rows.append(
            f'<tr><td width="42%">{_e(total.label)}</td>'
            f'<td width="14%" align="right"><b>{figure}</b></td><td width="44%">{capitals}</td></tr>'
        )
    # headings as bold cells, not <th>: Qt gives a <th>'s text a background of its own, which stayed below the raised
    # text and showed as a band over the row under it
    head = (
        f'<tr><td bgcolor="{HEAD_BG}"><b>{_e(section.totals_title)}</b></td>'
        f'<td bgcolor="{HEAD_BG}" align="right"><b>小写</b></td><td bgcolor="{HEAD_BG}"><b>大写</b></td></tr>'
    )
    return f'{_TABLE}<thead>{head}</thead>{"".join(rows)}</table>'


def _section(section: Section) -> str:
    parts = [_SPACER]
    parts += [_table(t, section.title if i == 0 else t.title) for i, t in enumerate(section.tables)]
    if section.totals:
        parts.append(_totals(section))
    return "".join(parts)


def _list(title: str, items: list[str]) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{item}</li>" for item in items)
    heading = f'<p style="font-weight:bold; margin-top:1px; margin-bottom:0px;">{_e(title)}</p>'
    return (f'{heading}<ol style="font-size:{SMALL_PT}pt; margin-top:0px; margin-bottom:0px; margin-left:0px;'
            f' -qt-list-indent:1;">{lis}</ol>')


def _document(d: DocumentRef) -> str:
    title = f"《{_e(d.title)}》" if d.title else ""
    issuer = f"（{_e(d.issuer)}）" if d.issuer else ""
    short = f"<b>{_e(d.short)}</b>：" if d.short else ""
    return f"{short}{_e(d.number)}{title}{issuer}"


def sheet_html(content: SheetContent, screen_dpi: float = SCREEN_DPI, body_pt: float = BODY_PT) -> str:
    """The body of the sheet: inputs, result tables, totals, missing figures, notes, documents, disclaimer, signature."""
    parts = [f'<html><body style="font-size:{body_pt}pt;">', _headlines(content), _inputs(content)]
    parts += [_section(s) for s in content.sections]
    missing = [f"<b>{_e(label)}</b>：{_e(reason)}" for label, reason in content.missing]
    parts.append(_list(MISSING_TITLE, missing))
    parts.append(_list("说明", [_e(n) for n in content.notes]))
    parts.append(_list("测算依据文件", [_document(d) for d in content.documents]))
    parts.append(_signature(content, screen_dpi))
    parts.append("</body></html>")
    return "".join(parts)


def _case_qr(code: str, screen_dpi: float) -> str:
    """The QR code of the case code with what it is for (or why there is none)."""
    qr = case_qr(code)
    if qr is None:
        return f'<td colspan="2" valign="top" style="font-size:{SMALL_PT}pt;">{_e(SCAN_TOO_LONG)}</td>'
    side = round(qr.side_mm / 25.4 * screen_dpi)
    return (f'<td width="20%" valign="top" style="font-size:{SMALL_PT}pt;"><b>{SCAN_TITLE}</b><br/>{_e(SCAN_HOW)}</td>'
            f'<td width="17%" align="right" valign="top"><img src="{QR_SOURCE}" width="{side}" height="{side}"/></td>')


def _signature(content: SheetContent, screen_dpi: float) -> str:
    """The disclaimer, the lines to sign and stamp, and the QR code that reopens the case: one table, kept together."""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:2px;"><tr><td width="63%" valign="top">'
        f'<p align="center" style="font-size:{HEADING_PT}pt; font-weight:bold;">{_e(content.disclaimer)}</p>'
        f'<p style="margin-top:6px;">经办人（签字）：________________　　日期：______年____月____日</p>'
        f'<p style="margin-top:6px;">经办机构（盖章）：</p></td>{_case_qr(content.case_code, screen_dpi)}</tr></table>'
    )
