"""What the window says when the input cannot be computed: the message above the tabs in red, the field marked,
and a 已过期 marker on every tab above the last figures (greyed by the tabs themselves)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from yibao.ui.pages import TAB_VISITS

if TYPE_CHECKING:
    from yibao.ui.person import PersonPanel
    from yibao.ui.tab_pages import TabPages
    from yibao.ui.tabs import InputTab
    from yibao.ui.tabs.visits import VisitsTab

ERROR_STYLE = "color: #a00000; font-weight: bold;"
STALE_TEXT = "已过期：输入有误（见上方红字），下面灰色的数字是上一次的结果，不是当前输入的答案；改正后自动重算。"
STALE_STYLE = "background: #fff3c4; color: #7a4b00; font-weight: bold; padding: 4px; border: 1px solid #d9a400;"


class Problems:
    """Over ``message`` (the line above the tabs), the fields of ``person`` and of the tabs of ``pages``, and
    ``notes`` (greyed with the headlines while stale)."""

    def __init__(self, message: QLabel, person: PersonPanel, pages: TabPages, notes: QWidget) -> None:
        self.message, self.person, self.pages, self.notes = message, person, pages, notes
        self._marked: list[QWidget] = []
        self._stale_marks: list[QLabel] = []  # one 已过期 marker per tab, made when first needed

    def show_answer(self, text: str) -> None:
        """The input computed: ``text`` above the tabs, no field marked."""
        self.clear_marks()
        self.message.setText(text)
        self.message.setStyleSheet("")

    def show_problem(self, field: str, text: str) -> None:
        """``text`` above the tabs in red, the field it names marked: on the person panel or a tab built (a tab built
        later is marked when built); a visit's cell by the visits table."""
        self.clear_marks()
        self.show_error(text)
        widget = self.widget_for(field)
        if widget is not None:
            from yibao.ui.fields import mark_invalid

            mark_invalid(widget, text)
            self._marked.append(widget)
        if TAB_VISITS in self.pages.built:
            cast("VisitsTab", self.pages.built[TAB_VISITS]).set_stale(True, field)

    def widget_for(self, field: str) -> QWidget | None:
        """The widget ``field`` of the request is typed in, asked of the person panel and of each tab built."""
        parts: list[PersonPanel | InputTab] = [self.person, *self.pages.input_tabs()]
        return next((widget for part in parts if (widget := part.widget_for(field)) is not None), None)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE)

    def set_stale(self, stale: bool) -> None:
        """While the input is invalid the last figures stay, greyed (red ones too) under a 已过期 marker on every tab.

        Nobody then reads them as the answer to what is typed now; they come back the moment it computes.
        """
        from yibao.ui.tabs import show_stale

        show_stale([self.notes, *self.pages.headlines.values()], stale)
        if not self._stale_marks and stale:
            for page in self.pages.pages:
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
        if TAB_VISITS in self.pages.built and not stale:
            cast("VisitsTab", self.pages.built[TAB_VISITS]).set_stale(False, None)

    def clear_marks(self) -> None:
        from yibao.ui.fields import mark_invalid

        for widget in self._marked:
            mark_invalid(widget, None)
        self._marked = []
