"""The notes below the tabs: what the documents leave unstated, what is still to fill in, the readings the figures
rest on, the rules not computed, and the result's notes (the link opens 本地录入参数)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser

if TYPE_CHECKING:
    from yibao.rules import Result


ROOM = 110  # px for the notes below the tabs, in whole lines (at least MIN_LINES): the last line was cut; the rest scrolls
MIN_LINES = 3
COLOURS = {"missing": "#a00000", "quiet": "#555"}  # 文件未规定的参数 in red; 另一种理解 and the disclaimer in grey


class Notes(QTextBrowser):
    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        self._html = ""
        self._fit()

    def _fit(self) -> None:
        """Whole lines at the current font: five at the usual size, three in 大字模式 (the tabs keep their room)."""
        margins = 2 * (self.frameWidth() + round(self.document().documentMargin()))
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(max(MIN_LINES, ROOM // line) * line + margins)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit()
        if event.type() == QEvent.Type.EnabledChange:  # disabled: the figures are stale
            self._render()
        super().changeEvent(event)

    def _render(self) -> None:
        """While stale every line is in the disabled text's grey. The greying effect can only lighten a colour: the
        dark grey 另一种理解 lines and the blue link stayed darker than the rest and looked bold (their anti-aliasing
        flattened)."""
        stale = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
        colours = COLOURS if self.isEnabled() else dict.fromkeys((*COLOURS, "link"), stale)
        self.document().setDefaultStyleSheet("".join(f".{name} {{ color: {colour} }}" for name, colour in colours.items()))
        scrolled = self.verticalScrollBar().value()  # the line being read stays in sight
        self.setHtml(self._html)
        self.verticalScrollBar().setValue(scrolled)

    def show_result(self, result: Result) -> None:
        from html import escape  # not before the first paint (html.entities is a large table)

        parts = []
        if result.missing:
            items = "".join(f"<li>{escape(m.label)}：{escape(m.reason)}</li>" for m in result.missing)
            parts.append(f"<b class='missing'>文件未规定的参数</b>（相关金额显示为“文件未规定”；"
                         f"本市有规定的，可在<a class='link' href='local'>本地录入参数</a>中填写）：<ul>{items}</ul>")
        if result.needs_input:
            items = "".join(f"<li>{escape(n.label)}：{escape(n.reason)}</li>" for n in result.needs_input)
            parts.append(f"<b>还需填写</b>：<ul>{items}</ul>")
        if result.readings:
            items = "".join(
                f"<li>［{escape(r.document)} {escape(r.clause)}］{escape(r.reading)}"
                f"<br><span class='quiet'>另一种理解：{escape(r.alternative)}</span></li>"
                for r in result.readings
            )
            parts.append(f"<b>解读</b>（标有“解读”的数字依据以下对文件的理解）：<ul>{items}</ul>")
        if result.not_computed:
            items = "".join(f"<li>［{escape(n.document)} {escape(n.clause)}］{escape(n.text)}</li>"
                            for n in result.not_computed)
            parts.append(f"<b>未计算的规定</b>：<ul>{items}</ul>")
        if result.notes:
            parts.append("<b>说明</b>：<ul>" + "".join(f"<li>{escape(n)}</li>" for n in result.notes) + "</ul>")
        parts.append("<span class='quiet'>测算结果仅供参考，以医保经办机构实际结算为准。</span>")
        html = "".join(parts)
        if html != self._html:
            self._html = html
            self._render()
