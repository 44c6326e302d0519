"""What the window says when the input cannot be computed: the message above the tabs in red, the field marked,
and a 已过期 marker on every tab above the last figures (greyed by the tabs themselves)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #a00000; font-weight: bold;"
STALE_TEXT = "已过期：输入有误（见上方红字），下面灰色的数字是上一次的结果，不是当前输入的答案；改正后自动重算。"
STALE_STYLE = "background: #fff3c4; color: #7a4b00; font-weight: bold; padding: 4px; border: 1px solid #d9a400;"


class Problems:
    """Over ``message`` (the line above the tabs) and the tabs' ``pages``; ``widget_for(field)`` names the field's widget."""

    def __init__(self, message: QLabel, pages: Sequence[QWidget], widget_for: Callable[[str], QWidget | None]) -> None:
        self.message, self.pages, self.widget_for = message, pages, widget_for
        self._marked: list[QWidget] = []
        self._stale_marks: list[QLabel] = []  # one 已过期 marker per tab, made when first needed

    def show_answer(self, text: str) -> None:
        """The input computed: ``text`` above the tabs, no field marked."""
        self.clear_marks()
        self.message.setText(text)
        self.message.setStyleSheet("")

    def show_problem(self, field: str, text: str) -> None:
        """``text`` above the tabs in red, the field it names marked (a visit's cell is marked by its table)."""
        self.clear_marks()
        self.show_error(text)
        widget = self.widget_for(field)
        if widget is not None and not field.startswith("visits"):
            from yibao.ui.fields import mark_invalid

            mark_invalid(widget, text)
            self._marked.append(widget)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE)

    def set_stale(self, stale: bool) -> None:
        """The 已过期 marker on every tab while the figures below are not the answer to what is typed now."""
        if not self._stale_marks and stale:
            for page in self.pages:
                mark = QLabel(STALE_TEXT)
                mark.setObjectName("stale")
                mark.setWordWrap(True)
                mark.setStyleSheet(STALE_STYLE)
                layout = page.layout()
                assert isinstance(layout, QVBoxLayout)
                layout.insertWidget(0, mark)
                self._stale_marks.append(mark)
        for mark in self._stale_marks:
            mark.setVisible(stale)

    def clear_marks(self) -> None:
        from yibao.ui.fields import mark_invalid

        for widget in self._marked:
            mark_invalid(widget, None)
        self._marked = []
