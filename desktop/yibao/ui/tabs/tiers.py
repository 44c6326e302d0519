"""The 医院级别对比 tab: the chosen visit at each tier, as a table and as the share chart, settled once for both
(the presenter keeps the settled visit while it stays as it is)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from yibao.rules import InputError
from yibao.ui.page_scroll import PageScroll
from yibao.ui.tabs import show_stale
from yibao.ui.tabs.chart import ShareChart
from yibao.ui.tabs.compare import NO_VISIT_HINT, TierComparison, headline

if TYPE_CHECKING:
    from yibao.rules import Result
    from yibao.ui.headline_box import HeadlineBox
    from yibao.ui.presenter import Presenter


class TiersTab(PageScroll):
    """One column, no splitter: a splitter ignores how tall wrapped sentences need to be and lets the table and
    the chart be drawn over them; the page scrolls instead (the chart has a tall minimum)."""

    question = "visits"

    def __init__(self, presenter: Presenter, headline_box: HeadlineBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter, self.headline_box = presenter, headline_box
        self.table, self.chart = TierComparison(), ShareChart()
        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(self.table)
        column_layout.addWidget(self.chart, 1)
        self.setWidget(column)

    def request_part(self) -> tuple[str, ...]:
        return ()

    def show_result(self, result: Result, stale: bool) -> None:
        """The visit chosen in 就医报销 (else the first) of ``result``, the presenter's last figures."""
        try:
            variants, curves = self.presenter.tier_variants()
        except InputError as exc:
            self.table.show_problem(exc.shown(), error=True)
            self.headline_box.show_headline(None, exc.shown())
            self.chart.show_problem(exc.shown(), error=True)
        else:
            self.table.show_variants(variants)
            self.headline_box.show_headline(headline(self.table.visits), NO_VISIT_HINT)
            self.chart.show_curves(-1 if variants is None else variants.visit_index, curves)
        show_stale([self.table, self.chart], stale)
