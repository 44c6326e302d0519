"""The window's six pages: each tab is built the first time it is needed and put on its page, under its question's
headline (the answer first), in a scroll area (in 大字模式 a tab taller than the window scrolls, nothing is squeezed).

Until the rules core is loaded there is nothing to show in a tab: the first one is built just after the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QScrollArea, QTabWidget, QVBoxLayout, QWidget

from yibao.ui.pages import TAB_COMPARE, TAB_CONTRIBUTION, TAB_RETIREMENT, TAB_TITLES, TAB_VISITS

if TYPE_CHECKING:
    from yibao.ui.headline_box import HeadlineBox
    from yibao.ui.presenter import Presenter
    from yibao.ui.tabs import InputTab, Tab


class TabPages:
    """The tab widget (``widget``) over ``presenter``; ``built(index, tab)`` is called once a tab is on its page."""

    def __init__(self, presenter: Presenter, built: Callable[[int, Tab], None]) -> None:
        self.presenter, self._built = presenter, built
        self.widget = QTabWidget()
        self.pages = [QWidget() for _ in TAB_TITLES]
        self.headlines: dict[int, HeadlineBox] = {}  # made with the tabs' contents: they use the costly Qt namespace
        self.built: dict[int, Tab] = {}
        for page, title in zip(self.pages, TAB_TITLES, strict=True):
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.widget.addTab(page, title)

    def build_headlines(self) -> None:
        """Each question's page opens with its headline, above what the tab itself holds (after the first paint)."""
        from yibao.ui.headline_box import HeadlineBox

        for index in (TAB_CONTRIBUTION, TAB_VISITS, TAB_COMPARE, TAB_RETIREMENT):
            self.headlines[index] = HeadlineBox()
            self._layout(index).insertWidget(0, self.headlines[index])

    def tab(self, index: int) -> Tab:
        """The tab at ``index``, built and put on its page the first time it is needed."""
        if index not in self.built:
            from yibao.ui.page_scroll import PageScroll
            from yibao.ui.tabs import make_tab

            tab = make_tab(index, self.presenter, self.headlines)
            self.built[index] = tab
            assert isinstance(tab, QWidget)
            if isinstance(tab, QScrollArea):
                self._layout(index).addWidget(tab)
            else:
                self._layout(index).addWidget(PageScroll(tab), 1)
            self._built(index, tab)
        return self.built[index]

    def input_tabs(self) -> list[InputTab]:
        """The tabs built that have fields of the case."""
        return [cast("InputTab", tab) for tab in self.built.values() if tab.request_part()]

    def _layout(self, index: int) -> QVBoxLayout:
        layout = self.pages[index].layout()
        assert isinstance(layout, QVBoxLayout)
        return layout
