"""When the tabs draw a new result: the input tabs at once; the views computed from it (the tier comparison and
chart, the policy view, 政策前后对比) only while shown, once per burst of edits, and 政策前后对比 once typing pauses.

A burst of edits (a held key, keys typed faster than they are drawn) then redraws these views once: the
keystroke on every tab stays within a frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_COMPARE, TAB_POLICY

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from yibao.ui.presenter import Presenter
    from yibao.ui.tab_pages import TabPages

VIEWS = (TAB_COMPARE, TAB_POLICY, TAB_BEFORE_AFTER)
BEFORE_AFTER_PAUSE_MS = 250  # 政策前后对比 is redone once typing pauses this long


class Refresh:
    """Draws the presenter's result in the tabs of ``pages`` built so far (a view on screen is built if never shown)."""

    def __init__(self, owner: QWidget, presenter: Presenter, pages: TabPages) -> None:
        self.owner, self.presenter, self.pages = owner, presenter, pages
        self.tabs, self.built = pages.widget, pages.built
        self._pending = False
        self._pause: Any = None  # the QTimer of 政策前后对比, made when first needed

    def computed(self) -> None:
        """A new result: the input tabs now, the view on screen once the events queued now are handled."""
        result = self.presenter.result
        assert result is not None
        for index, tab in self.built.items():
            if index not in VIEWS:
                tab.show_result(result, False)
        self.later()

    def later(self) -> None:
        """The view on screen draws the result once the events queued now are handled."""
        if self._pending:
            return
        from PySide6.QtCore import QTimer

        self._pending = True
        QTimer.singleShot(0, lambda: self.view_now(from_edit=True))

    def stale_changed(self) -> None:
        """Every tab built shows its last figures, greyed while the input cannot be computed."""
        result = self.presenter.result
        if result is not None:
            for tab in self.built.values():
                tab.show_result(result, self.presenter.stale)

    def view_now(self, *, from_edit: bool = False) -> None:
        """The view on screen (built if never shown) draws the result; 政策前后对比 waits for a pause in typing."""
        self._pending = False
        index = self.tabs.currentIndex()
        result = self.presenter.result
        if index not in VIEWS or self.presenter.session is None or result is None:
            return
        tab = self.pages.tab(index)
        if index == TAB_BEFORE_AFTER and from_edit and self.presenter.comparison is not None:
            self._before_after_later()
        else:
            tab.show_result(result, self.presenter.stale)

    def _before_after_later(self) -> None:
        """Two dates' rules over a whole year of visits take more than a frame (~0.2 s for 20 visits): while the
        clerk types, that comparison is redone once typing pauses, not at every key."""
        from PySide6.QtCore import QTimer

        if self._pause is None:
            self._pause = QTimer(self.owner)
            self._pause.setSingleShot(True)
            self._pause.setInterval(BEFORE_AFTER_PAUSE_MS)
            self._pause.timeout.connect(self._before_after_now)
        self._pause.start()

    def _before_after_now(self) -> None:
        tab, result = self.built.get(TAB_BEFORE_AFTER), self.presenter.result
        if tab is not None and result is not None:
            tab.show_result(result, self.presenter.stale)
