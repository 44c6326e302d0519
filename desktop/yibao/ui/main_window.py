"""The main window: the person panel, the tabs, the menus; every figure comes from ``Session.compute``.

Nothing here imports pydantic or the rules core at module level: the window paints first, then
``start_core`` loads them (see ``app.run``).
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yibao.state.settings import Settings, save_settings
from yibao.ui.actions import Actions
from yibao.ui.menu_dialogs import MenuDialogs
from yibao.ui.notes import Notes
from yibao.ui.output import Output
from yibao.ui.pages import (
    TAB_BEFORE_AFTER,
    TAB_COMPARE,
    TAB_CONTRIBUTION,
    TAB_POLICY,
    TAB_RETIREMENT,
    TAB_TITLES,
    TAB_VISITS,
)
from yibao.ui.person import PersonPanel
from yibao.ui.presenter import Presenter
from yibao.ui.problems import Problems
from yibao.ui.refresh import VIEWS, Refresh
from yibao.wording import cn_date

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QCloseEvent, QShowEvent

    from yibao.rules import Request, Result
    from yibao.session import Session
    from yibao.state.history import History
    from yibao.ui.dialogs.messages import Kind
    from yibao.ui.headline_box import HeadlineBox
    from yibao.ui.presenter import Problem
    from yibao.ui.tabs import Tab
    from yibao.ui.tabs.contribution import ContributionTab
    from yibao.ui.tabs.retirement import RetirementTab
    from yibao.ui.tabs.tiers import TiersTab
    from yibao.ui.tabs.visits import VisitsTab

DEFAULT_SIZE = (1200, 800)
# Room left on the screen for the window manager's title bar and borders, not known before the window is shown:
# at 1024×768 a window as tall as the screen put its status bar (已保存, PDF 已保存) below the screen's edge.
FRAME_ALLOWANCE = (16, 40)
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
        # Tabs are built when first shown (or needed), the first one just after the window's first paint:
        # until the rules core is loaded there is nothing to show in them.
        self.built: dict[int, Tab] = {}
        self.pages = [QWidget() for _ in TAB_TITLES]
        self.tabs = QTabWidget()
        # The answer first: each question's tab opens with its headline, above what the tab itself holds
        # (made right after the first paint, with the tabs' contents: they use the costly Qt namespace).
        self.headlines: dict[int, HeadlineBox] = {}
        for page, title in zip(self.pages, TAB_TITLES, strict=True):
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, title)

        self.message = QLabel(LOADING_TEXT)
        self.message.setWordWrap(True)
        self.notes = Notes()
        self.problems = Problems(self.message, self.pages, self._widget_for)

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
        self.notes.anchorClicked.connect(lambda _url: self.dialogs.open_local_figures())
        self.commands = Actions(self, self.tabs, self.tab)
        self.refresh = Refresh(self, self.presenter, self.tabs, self.built, self.tab)

        self.presenter.computed.connect(self._render)
        self.presenter.failed.connect(self._show_problem)
        self.presenter.stale_changed.connect(self._set_stale)
        self.presenter.loaded.connect(self._load_fields)
        self.tabs.currentChanged.connect(self._tab_shown)
        self._restore_geometry()

    # ------------------------------------------------------------ set-up

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [*self.person.widgets(), self.tabs, *self.contribution_tab.input_widgets()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            restored = self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode("ascii")))
            if restored:
                self.tabs.setCurrentIndex(self.settings.last_tab)
                return
        room = self.screen().availableGeometry()  # a counter PC's 1024×768 screen: the window stays on it
        self.resize(min(DEFAULT_SIZE[0], room.width() - FRAME_ALLOWANCE[0]),
                    min(DEFAULT_SIZE[1], room.height() - FRAME_ALLOWANCE[1]))
        self.tabs.setCurrentIndex(self.settings.last_tab)

    def keep_on_screen(self) -> None:
        """The whole window on its screen, frame included (a geometry saved on a larger screen, a taller title bar)."""
        room = self.screen().availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        width = min(inner.width(), room.width() - (frame.width() - inner.width()))
        height = min(inner.height(), room.height() - (frame.height() - inner.height()))
        if (width, height) != (inner.width(), inner.height()):
            self.resize(width, height)
        left = min(max(frame.left(), room.left()), room.right() + 1 - self.frameGeometry().width())
        top = min(max(frame.top(), room.top()), room.bottom() + 1 - self.frameGeometry().height())
        if (left, top) != (frame.left(), frame.top()):
            self.move(left, top)

    def _build_headlines(self) -> None:
        from yibao.ui.headline_box import HeadlineBox

        for index in (TAB_CONTRIBUTION, TAB_VISITS, TAB_COMPARE, TAB_RETIREMENT):
            self.headlines[index] = HeadlineBox()
            layout = self.pages[index].layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, self.headlines[index])

    def start_core(self) -> None:
        """Load the rules core and the history (after the first paint), then compute."""
        from PySide6.QtCore import Qt  # the Qt namespace costs ~45 ms: only after the first paint

        from yibao.rules import PolicyError
        from yibao.session import Session

        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it repeats typed text: never rich text
        self.commands.set_keys()
        self._build_headlines()
        _remove_stale_temps()
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
        messages = folder_problems() + session.messages  # the first cause, said once
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

    def tab(self, index: int) -> Tab:
        """The tab at ``index``, built and put on its page the first time it is needed."""
        if index not in self.built:
            from yibao.ui.tabs import make_tab

            tab = make_tab(index, self.presenter, self.headlines)
            self.built[index] = tab
            if index == TAB_VISITS:
                visits = cast("VisitsTab", tab)
                visits.selection_changed.connect(self._visit_chosen)
                visits.visits_added.connect(lambda count: self.statusBar().showMessage(f"已添加{count}条就诊记录", 4000))
                visits.paste_refused.connect(lambda text: notify(self, "warning", "粘贴就诊记录", text))
            self._mount(index, tab)
        return self.built[index]

    @property
    def contribution_tab(self) -> ContributionTab:
        return cast("ContributionTab", self.tab(TAB_CONTRIBUTION))

    @property
    def visits_tab(self) -> VisitsTab:
        return cast("VisitsTab", self.tab(TAB_VISITS))

    @property
    def retirement_tab(self) -> RetirementTab:
        return cast("RetirementTab", self.tab(TAB_RETIREMENT))

    @property
    def compare(self) -> Any:
        """The tier comparison table and chart, once the 医院级别对比 tab is built."""
        tab = cast("TiersTab | None", self.built.get(TAB_COMPARE))
        return None if tab is None else (tab.table, tab.chart)

    @property
    def policy_tab(self) -> Any:
        return self.built.get(TAB_POLICY)

    @property
    def before_after_tab(self) -> Any:
        return self.built.get(TAB_BEFORE_AFTER)

    def _visit_chosen(self, row: int) -> None:
        self.presenter.choose_visit(row)
        self.refresh.later()

    def _mount(self, index: int, tab: Tab) -> None:
        """Put a newly built tab on its page (in a scroll area: in 大字模式 a tab taller than the window scrolls,
        nothing is squeezed); an input tab shows the current figures at once (greyed if stale)."""
        from PySide6.QtWidgets import QFrame

        layout = self.pages[index].layout()
        assert isinstance(layout, QVBoxLayout) and isinstance(tab, QWidget)
        if isinstance(tab, QScrollArea):
            layout.addWidget(tab)
        else:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(tab)
            layout.addWidget(scroll, 1)
        if index == TAB_CONTRIBUTION:
            self._set_tab_order()
        if self.result is not None and index not in VIEWS:
            tab.show_result(self.result, self.presenter.stale)
        if self.presenter.problem is not None:
            self._show_problem(self.presenter.problem)

    def _tab_shown(self, index: int) -> None:
        if self.session is None:
            return  # before the first paint: start_core builds the tab on show
        if index not in VIEWS:
            self.tab(index)
        self.refresh.view_now()

    # ------------------------------------------------------------ errors

    def _widget_for(self, field: str) -> QWidget | None:
        widgets: dict[str, QWidget] = {
            "city": self.person.city, "on": self.person.on.edit, "person.age": self.person.age,
            "person.sex": self.person.sex, "person.retired": self.person.retired,
            "person.employment": self.person.employment,
            "contribution.monthly_base": self.contribution_tab.base,
            "contribution.flexible_option": self.contribution_tab.option,
            "enrolment.first_contribution_month": self.contribution_tab.first_month,
            "retirement.paid_months": self.retirement_tab.paid,
            "retirement.deemed_months": self.retirement_tab.deemed,
            "retirement.last_monthly_base": self.retirement_tab.last_base,
            "retirement.last_month_pension": self.retirement_tab.pension,
            "retirement.minimum_base": self.retirement_tab.minimum_base,
            **{f"year_to_date.{key}": edit for key, edit in self.visits_tab.ytd.items()},
        }
        if field.startswith("visits"):
            return self.visits_tab.table
        return widgets.get(field)

    def _show_problem(self, problem: Problem) -> None:
        """The input cannot be computed: the message above the tabs, the field marked, the old figures stale."""
        self.problems.show_problem(problem.field, problem.message)
        self.contribution_tab.set_flexible(self.presenter.flexible)
        if TAB_VISITS in self.built:
            self.visits_tab.set_stale(True, problem.field)

    def _set_stale(self, stale: bool) -> None:
        """While the input is invalid the last figures stay, greyed (red ones too) under a 已过期 marker on every tab.

        Nobody then reads them as the answer to what is typed now; they come back the moment it computes.
        """
        from yibao.ui.tabs import show_stale

        show_stale([self.notes, *self.headlines.values()], stale)
        self.problems.set_stale(stale)
        self.refresh.stale_changed()
        if TAB_VISITS in self.built and not stale:
            self.visits_tab.set_stale(False, None)

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
        from yibao.ui.tabs import InputTab

        values = self.presenter.values
        self.person.load(values)
        needed = {TAB_CONTRIBUTION: True, TAB_VISITS: bool(self.presenter.visits),
                  TAB_RETIREMENT: bool(values["retirement.paid_months"])}
        for index in (index for index, wanted in needed.items() if wanted):
            self.tab(index)
        for tab in list(self.built.values()):
            if tab.request_part():  # a tab with fields of the case
                cast(InputTab, tab).load()

    def new_case(self) -> None:
        if not self.dialogs.may_discard():
            return
        self.presenter.load(None, self.settings.default_city, date.today())
        self.tabs.setCurrentIndex(TAB_CONTRIBUTION)
        self.person.city.setFocus()

    def import_visits(self) -> None:
        """导入就诊记录: a CSV or XLSX file's visits, added once the clerk has seen them."""
        from yibao.ui.dialogs.visits_import import choose_visits

        self.tabs.setCurrentIndex(TAB_VISITS)
        visits = choose_visits(self, self.visits_tab.model.rowCount())
        if visits:
            self.visits_tab.add_visits(visits)

    def paste_visits(self) -> None:
        self.tabs.setCurrentIndex(TAB_VISITS)
        self.visits_tab.paste()

    def sheet_question(self) -> str | None:
        tab = self.built.get(self.tabs.currentIndex())
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

        QTimer.singleShot(0, self, self.keep_on_screen)  # once the window manager has framed it

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
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.settings.last_tab = self.tabs.currentIndex()
        try:
            save_settings(self.settings)
        except OSError as exc:
            _log().warning("settings not saved: %s", exc)
        if self.history is not None:
            self.history.close()
        super().closeEvent(event)


def _remove_stale_temps() -> None:
    from yibao.state.atomic import remove_stale_temps
    from yibao.state.paths import config_dir, data_dir

    for folder in (config_dir(), data_dir()):
        remove_stale_temps(folder)


def folder_problems() -> list[str]:
    """One Chinese line per user folder where nothing can be written."""
    from yibao.state.paths import unwritable_folders
    from yibao.wording import describe_os_error

    folders = [f"{folder}（{describe_os_error(exc) if exc else '权限不足'}）" for folder, exc in unwritable_folders()]
    if not folders:
        return []
    return [f"无法写入文件夹 {'、'.join(folders)}：本次运行的设置、历史记录、本地录入参数和日志都不会保存，测算和打印照常"]


def _log() -> Any:
    import logging  # not before the first paint: importing logging costs start-up time

    return logging.getLogger(__name__)


def notify(parent: QWidget, kind: Kind, title: str, text: str) -> None:
    from yibao.ui.dialogs.messages import notify as show

    show(parent, kind, title, text)
