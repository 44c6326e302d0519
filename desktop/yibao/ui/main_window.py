"""The main window: the person panel, the tabs, the menus; every figure comes from ``Session.compute``.

Nothing here imports pydantic or the rules core at module level: the window paints first, then
``start_core`` loads them (see ``app.run``).
"""

from __future__ import annotations

import itertools
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from yibao.state.settings import Settings, save_settings
from yibao.ui.actions import Actions
from yibao.ui.geometry import keep_on_screen, restore_geometry, saved_geometry
from yibao.ui.menu_dialogs import MenuDialogs
from yibao.ui.notes import Notes
from yibao.ui.output import Output
from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_COMPARE, TAB_CONTRIBUTION, TAB_POLICY, TAB_RETIREMENT, TAB_VISITS
from yibao.ui.person import PersonPanel
from yibao.ui.presenter import Presenter
from yibao.ui.problems import Problems
from yibao.ui.refresh import VIEWS, Refresh
from yibao.ui.tab_pages import TabPages
from yibao.wording import cn_date

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QCloseEvent, QShowEvent

    from yibao.rules import Request, Result
    from yibao.session import Session
    from yibao.state.history import History
    from yibao.ui.dialogs.messages import Kind
    from yibao.ui.presenter import Problem
    from yibao.ui.tabs import Tab
    from yibao.ui.tabs.contribution import ContributionTab
    from yibao.ui.tabs.retirement import RetirementTab
    from yibao.ui.tabs.tiers import TiersTab
    from yibao.ui.tabs.visits import VisitsTab

LOADING_TEXT = "正在载入政策数据……"


class MainWindow(QMainWindow):
    computed = Signal()

    def __init__(self, settings: Settings, cities: list[tuple[str, str]]) -> None:
        super().__init__()
        self.settings = settings
        self.setWindowTitle("山东职工医保测算")

        codes = [code for code, _ in cities]
        self.presenter = Presenter(settings.default_city if settings.default_city in codes or not codes else codes[0],
                                   date.today())
        self.person = PersonPanel(cities)
        self.person.load(self.presenter.values)
        self.person.bind(self.presenter)
        self.tab_pages = TabPages(self.presenter, self._tab_built)  # each tab built when first shown or needed
        self.tabs = self.tab_pages.widget

        self.message = QLabel(LOADING_TEXT)
        self.message.setWordWrap(True)
        self.notes = Notes()
        self.problems = Problems(self.message, self.person, self.tab_pages, self.notes)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 2, 4)  # narrow margins: in 大字模式 every pixel goes to the tables
        left_layout.addWidget(self.person)
        left_layout.addStretch()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(2, 4, 4, 4)
        right_layout.addWidget(self.message)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.notes)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        self._splitter, self._left = splitter, left
        self.setCentralWidget(splitter)
        self.statusBar()  # there from the start: a message never pushes the window's content up or off the screen
        self.output = Output(self, self)
        self.dialogs = MenuDialogs(self, self.presenter, settings, cities, self.output)
        self.notes.anchorClicked.connect(lambda _url: self.dialogs.open_local_figures("missing"))
        self.commands = Actions(self, self.tabs, self.tab_pages.tab)
        self.refresh = Refresh(self, self.presenter, self.tab_pages)

        self.presenter.computed.connect(self._render)
        self.presenter.failed.connect(self._show_problem)
        self.presenter.stale_changed.connect(self._set_stale)
        self.presenter.loaded.connect(self._load_fields)
        self.tabs.currentChanged.connect(self._tab_shown)
        restore_geometry(self, settings.window_geometry)
        self.tabs.setCurrentIndex(settings.last_tab)

    # ------------------------------------------------------------ set-up

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [*self.person.widgets(), self.tabs, *self.contribution_tab.input_widgets()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def start_core(self) -> None:
        """Load the rules core and the history (after the first paint), then compute."""
        from PySide6.QtCore import Qt  # the Qt namespace costs ~45 ms: only after the first paint

        from yibao.rules import PolicyError
        from yibao.session import Session
        from yibao.state.paths import remove_stale_user_temps, unwritable_folders_problem

        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it repeats typed text: never rich text
        self.commands.set_keys()
        self.tab_pages.build_headlines()
        remove_stale_user_temps()
        try:
            session = Session.open(settings=self.settings)
        except PolicyError as exc:
            _log().error("policy data damaged: %s", exc)
            self.presenter.cannot_compute(f"政策数据文件损坏，无法计算：{exc}。请重新安装本软件。")
            notify(self, "critical", "政策数据损坏", f"{exc}\n\n请重新安装本软件；已保存的设置和历史记录不受影响。")
            return
        session.open_history()
        self.presenter.start(session)
        self._tab_shown(self.tabs.currentIndex())
        folders = unwritable_folders_problem()
        messages = ([folders] if folders else []) + session.messages  # the first cause, said once
        if messages:
            notify(self, "warning", "用户数据", "\n\n".join(messages))

    # ------------------------------------------------------------ compute

    @property
    def session(self) -> Session | None:
        return self.presenter.session

    @property
    def history(self) -> History | None:
        return self.session.history if self.session is not None else None

    @property
    def request(self) -> Request | None:
        """The request of the figures shown (the last one that computed)."""
        return self.presenter.request

    @property
    def result(self) -> Result | None:
        return self.presenter.result

    def recompute(self) -> None:
        self.presenter.recompute()

    def _render(self, result: Result) -> None:
        self.problems.show_answer(f"{result.city_name} · 按 {cn_date(result.on)} 施行的政策计算")
        _ = self.contribution_tab  # the first question's tab is always there
        self.refresh.computed()
        self.notes.show_result(result)
        self.computed.emit()

    # ------------------------------------------------------------ tabs

    @property
    def contribution_tab(self) -> ContributionTab:
        return cast("ContributionTab", self.tab_pages.tab(TAB_CONTRIBUTION))

    @property
    def visits_tab(self) -> VisitsTab:
        return cast("VisitsTab", self.tab_pages.tab(TAB_VISITS))

    @property
    def retirement_tab(self) -> RetirementTab:
        return cast("RetirementTab", self.tab_pages.tab(TAB_RETIREMENT))

    @property
    def compare(self) -> Any:
        """The tier comparison table and chart, once the 医院级别对比 tab is built."""
        tab = cast("TiersTab | None", self.tab_pages.built.get(TAB_COMPARE))
        return None if tab is None else (tab.table, tab.chart)

    @property
    def policy_tab(self) -> Any:
        return self.tab_pages.built.get(TAB_POLICY)

    @property
    def before_after_tab(self) -> Any:
        return self.tab_pages.built.get(TAB_BEFORE_AFTER)

    def _tab_built(self, index: int, tab: Tab) -> None:
        """A tab just put on its page: wired, and an input tab shows the current figures at once (greyed if stale)."""
        if index == TAB_VISITS:
            visits = cast("VisitsTab", tab)
            visits.selection_changed.connect(self._visit_chosen)
            visits.visits_added.connect(lambda count: self.statusBar().showMessage(f"已添加{count}条就诊记录", 4000))
            visits.paste_refused.connect(lambda text: notify(self, "warning", "粘贴就诊记录", text))
        if index == TAB_CONTRIBUTION:
            self._set_tab_order()
        if self.result is not None and index not in VIEWS:
            tab.show_result(self.result, self.presenter.stale)
        if self.presenter.problem is not None:
            self._show_problem(self.presenter.problem)

    def _visit_chosen(self, row: int) -> None:
        self.presenter.choose_visit(row)
        self.refresh.later()

    def _tab_shown(self, index: int) -> None:
        if self.session is None:
            return  # before the first paint: start_core builds the tab on show
        if index not in VIEWS:
            self.tab_pages.tab(index)
        self.refresh.view_now()

    # ------------------------------------------------------------ errors

    def _show_problem(self, problem: Problem) -> None:
        """The input cannot be computed: the message above the tabs, the field marked, the old figures stale."""
        self.problems.show_problem(problem.field, problem.message)
        self.contribution_tab.set_flexible(self.presenter.flexible)

    def _set_stale(self, stale: bool) -> None:
        """The last figures greyed under a 已过期 marker while the input cannot be computed (``Problems.set_stale``)."""
        self.problems.set_stale(stale)
        self.refresh.stale_changed()

    def input_error(self) -> str | None:
        """The message shown for bad input, or None when the last edit computed."""
        problem = self.presenter.problem
        return problem.message if problem is not None else None

    # ------------------------------------------------------------ cases, history, printing

    def load_request(self, request: Request) -> None:
        """Fill every field from a request (a case reopened from the history) and compute it."""
        self.presenter.load(request, request.city, request.on)

    def _load_fields(self) -> None:
        """The presenter's case replaced: every field shows it again (tabs needed for it are built)."""
        values = self.presenter.values
        self.person.load(values)
        needed = {TAB_CONTRIBUTION: True, TAB_VISITS: bool(self.presenter.visits),
                  TAB_RETIREMENT: bool(values["retirement.paid_months"])}
        for index in (index for index, wanted in needed.items() if wanted):
            self.tab_pages.tab(index)
        for tab in self.tab_pages.input_tabs():
            tab.load()

    def new_case(self) -> None:
        if not self.dialogs.may_discard():
            return
        self.presenter.load(None, self.settings.default_city, date.today())
        self.tabs.setCurrentIndex(TAB_CONTRIBUTION)
        self.person.city.setFocus()

    def sheet_question(self) -> str | None:
        tab = self.tab_pages.built.get(self.tabs.currentIndex())
        return tab.question if tab is not None else None

    def printed_comparison(self) -> Any:
        index = self.tabs.currentIndex()
        if index == TAB_BEFORE_AFTER:
            return self.presenter.comparison
        return self.presenter.tier_sheet() if index == TAB_COMPARE else None

    def showEvent(self, event: QShowEvent) -> None:
        """The person panel as narrow as its fields allow (the lists still show full names): the tabs get the room."""
        super().showEvent(event)
        self._fit_person_panel()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self, partial(keep_on_screen, self))  # once the window manager has framed it

    def _fit_person_panel(self) -> None:
        self._splitter.setSizes([self._left.minimumSizeHint().width() + 8, self.width()])

    def changeEvent(self, event: QEvent) -> None:
        """大字模式 turned on or off: the person panel changes its layout (labels above or beside the fields), and
        its width follows once it has (it kept the old width, and the tabs' tables were squeezed)."""
        super().changeEvent(event)
        from PySide6.QtCore import QEvent, QTimer

        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self._fit_person_panel)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.dialogs.may_discard():
            event.ignore()
            return
        self.settings.window_geometry = saved_geometry(self)
        self.settings.last_tab = self.tabs.currentIndex()
        try:
            save_settings(self.settings)
        except OSError as exc:
            from yibao.wording import describe_os_error

            _log().warning("settings not saved: %s", exc)
            notify(self, "warning", "无法保存", f"窗口的大小、位置和所在页签未能保存（{describe_os_error(exc)}），"
                                               "下次打开时按默认大小；其他数据不受影响")
        if self.history is not None:
            self.history.close()
        super().closeEvent(event)


def _log() -> Any:
    import logging  # not before the first paint: importing logging costs start-up time

    return logging.getLogger(__name__)


def notify(parent: QWidget, kind: Kind, title: str, text: str) -> None:
    from yibao.ui.dialogs.messages import notify as show

    show(parent, kind, title, text)
