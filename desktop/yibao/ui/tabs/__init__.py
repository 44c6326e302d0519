"""The window's tabs, each built the first time it is shown; every one is a ``Tab``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from yibao.ui.pages import TAB_COMPARE, TAB_CONTRIBUTION, TAB_POLICY, TAB_RETIREMENT, TAB_VISITS

if TYPE_CHECKING:
    from yibao.headline import Headline
    from yibao.rules import Result
    from yibao.ui.headline_box import HeadlineBox
    from yibao.ui.presenter import Presenter


class Tab(Protocol):
    """What the window asks of every tab: draw a result, say which part of the request its fields fill, and
    which question of the sheet is printed from it."""

    @property
    def question(self) -> str | None:
        """The sheet's section printed from this tab (dialogs/sections.py); None: every one the case asks."""

    def show_result(self, result: Result, stale: bool) -> None:
        """Draw ``result``; ``stale``: the input cannot be computed now, so these are the last figures, greyed."""

    def request_part(self) -> tuple[str, ...]:
        """The request's sections this tab's fields fill (a view of the result fills none)."""


class InputTab(Tab, Protocol):
    """A tab with fields of the case (its ``request_part`` is not empty)."""

    def load(self) -> None:
        """Every field from the presenter (a case loaded or a new one), without echoing the edits back."""

    def widget_for(self, field: str) -> QWidget | None:
        """The widget ``field`` of the request (``retirement.paid_months``) is typed in here, marked when it is wrong."""


class QuestionTab(QWidget):
    """An input tab of one question: its fields over the presenter, its answer in ``headline`` (on its page, above
    the tab: the answer first), then its breakdown. Subclasses say what the answer is (``answer``) and draw the
    rest (``draw``); greying while stale is done here."""

    question: str
    hint: str  # what the headline says before there is an answer: what to enter
    sections: tuple[str, ...]  # the request's sections its fields fill

    def __init__(self, presenter: Presenter, headline: HeadlineBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter, self.headline = presenter, headline
        self.fields: dict[str, QWidget] = {}  # each field of the request by its path: the widget it is typed in

    def request_part(self) -> tuple[str, ...]:
        return self.sections

    def widget_for(self, field: str) -> QWidget | None:
        return self.fields.get(field)

    def show_result(self, result: Result, stale: bool) -> None:
        self.headline.show_headline(self.answer(result), self.hint)
        self.draw(result)
        show_stale(self.result_widgets(), stale)

    def answer(self, result: Result) -> Headline | None:
        """The question's headline, or None while there is no answer yet (the hint shows)."""
        raise NotImplementedError

    def draw(self, result: Result) -> None:
        raise NotImplementedError

    def result_widgets(self) -> list[QWidget]:
        """What shows the figures (greyed while stale)."""
        raise NotImplementedError


def show_stale(widgets: Sequence[QWidget], stale: bool) -> None:
    """While the input is invalid the last figures stay, greyed (red ones too): nobody then reads them as the
    answer to what is typed now; they come back the moment it computes."""
    from yibao.ui.stale import StaleEffect

    for widget in widgets:
        if stale == (widget.graphicsEffect() is not None):
            continue
        widget.setEnabled(not stale)
        widget.setGraphicsEffect(StaleEffect(widget) if stale else None)  # type: ignore[arg-type]  # None: no effect


def make_tab(index: int, presenter: Presenter, headlines: dict[int, HeadlineBox]) -> Tab:
    """The tab at ``index`` of the window (ui/pages.py), over ``presenter``; its module is loaded now."""
    if index == TAB_CONTRIBUTION:
        from yibao.ui.tabs.contribution import ContributionTab

        return ContributionTab(presenter, headlines[TAB_CONTRIBUTION])
    if index == TAB_VISITS:
        from yibao.ui.tabs.visits import VisitsTab

        return VisitsTab(presenter, headlines[TAB_VISITS])
    if index == TAB_COMPARE:
        from yibao.ui.tabs.tiers import TiersTab

        return TiersTab(presenter, headlines[TAB_COMPARE])
    if index == TAB_RETIREMENT:
        from yibao.ui.tabs.retirement import RetirementTab

        return RetirementTab(presenter, headlines[TAB_RETIREMENT])
    if index == TAB_POLICY:
        from yibao.ui.tabs.policy import PolicyTab

        return PolicyTab(presenter)
    from yibao.ui.tabs.before_after import BeforeAfterTab

    return BeforeAfterTab(presenter)
