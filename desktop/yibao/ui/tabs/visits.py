"""就医报销: the year's visits in a table (add, edit, remove, reorder), year-to-date figures, and what each party pays.

The table is a view of ``VisitsModel``, a model over the presenter's list of visits and the result's
settled visits: an edit goes to the presenter, a new result redraws only the result columns, and kind and
tier are edited through a delegate's combo box (no widget per row).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QShortcutEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yibao.rules.inputs import InputProblem, parse_amount
from yibao.rules.models import YearToDate
from yibao.ui.fields import AmountEdit, CountEdit
from yibao.ui.lines import LOCAL_COLOUR, LinesTable
from yibao.ui.pages import TOTALS_HINT, VISITS_HINT
from yibao.ui.presenter import YTD_COUNTS, Presenter
from yibao.ui.summary import SummaryGrid
from yibao.ui.tabs import QuestionTab
from yibao.vocabulary import KIND_NAMES, TIER_NAMES
from yibao.wording import (
    FIELD_LABELS,
    LOCAL_MARK,
    NOT_STATED,
    NOT_STATED_LINES,
    figure_name,
    money,
    money_or_not_stated,
    percent,
    yuan,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from yibao.headline import Headline
    from yibao.rules import Result
    from yibao.rules.models import Visit, VisitResult, YearTotals
    from yibao.ui.headline_box import HeadlineBox

ModelIndex = QModelIndex | QPersistentModelIndex
INPUT_COLUMNS = tuple((key, FIELD_LABELS[f"visits.{key}"]) for key in ("in_scope", "out_of_scope", "self_pay_first"))
RESULT_COLUMNS = ("计入起付线", "统筹支付", "大额补助", "个人负担")
# An amount column is as wide as these where the room allows: typed amounts have no separators.
AMOUNT_SAMPLES = ("12345.00",) * len(INPUT_COLUMNS) + ("12,345.00",) * len(RESULT_COLUMNS)
# Qt keeps 3 px each side of a cell's text and the grid line takes 1. Advances are fractional (15360.00 is 87.3 px
# in 大字模式) and a figure a fraction of a pixel too wide is elided: widths are the advance rounded up, plus this.
CELL_PAD = 7
HEADER_PAD = 8  # a header keeps 4 px each side
FIGURE_RUN = re.compile(r"[0-9.,]+")  # the figures of a cell; its words (文件未规定) may go on two lines instead
SHOWN_ROWS = 4  # the table is never shorter than this many visits: the tab scrolls instead
RESULT_FIELDS = ("deductible", "fund_pays", "supplement_pays", "person_pays")
RESULT_LINES = ("deductible", "fund", "supplement", "person")  # the line that explains each result column
HEADERS = (FIELD_LABELS["visits.kind"], FIELD_LABELS["visits.tier"], *(label for _, label in INPUT_COLUMNS), *RESULT_COLUMNS)
KIND_COLUMN, TIER_COLUMN = 0, 1
FIRST_INPUT, FIRST_RESULT = 2, 2 + len(INPUT_COLUMNS)
RESULT_BRUSH = QBrush(QColor("#f3f6fa"))
INVALID_BRUSH = QBrush(QColor("#ffe4e4"))
STALE_COLOUR = QColor("#9a9a9a")
STALE_HIGHLIGHT = QColor("#e2e2e2")  # the selected row while its figures are stale
INVALID_FRAME = QColor("#c00000")  # as the fields' red frame (fields.INVALID_STYLE)
CHOICES: dict[int, tuple[tuple[Any, str], ...]] = {KIND_COLUMN: tuple(KIND_NAMES.items()),
                                                    TIER_COLUMN: tuple(TIER_NAMES.items())}


def _lines(name: str, lines: int) -> list[str]:
    """A name of the kind or tier column as shown on ``lines`` lines (普通 / 门诊)."""
    return two_lines(name).split("\n") if lines == 2 else [name]


def _words(text: str, lines: int) -> list[str]:
    """Words in an amount column: 文件未规定 on two lines breaks between its words; typed text stays as it is."""
    return list(NOT_STATED_LINES) if lines == 2 and text == NOT_STATED else [text]


def two_lines(header: str) -> str:
    """A header longer than three characters on two lines, so that nine columns fit even in 大字模式."""
    half = (len(header) + 1) // 2
    return header if len(header) <= 3 else f"{header[:half]}\n{header[half:]}"


class VisitsModel(QAbstractTableModel):
    """The presenter's visits as rows: kind, tier and amounts as typed, then the settled figures."""

    def __init__(self, presenter: Presenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.results: list[VisitResult] = []
        self.invalid: tuple[int, int] | None = None  # (row, column) of the cell the problem names
        self.stale = False
        self.narrow: frozenset[int] = frozenset()  # columns too narrow for 文件未规定 on one line: 文件 / 未规定

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.presenter.visits)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return two_lines(HEADERS[section])
        return str(section + 1)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() < FIRST_RESULT else base

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not index.isValid() or row >= len(self.presenter.visits):
            return None
        visit = self.presenter.visits[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == KIND_COLUMN:
                return KIND_NAMES[visit.kind] if role == Qt.ItemDataRole.DisplayRole else visit.kind
            if column == TIER_COLUMN:
                return TIER_NAMES[visit.tier] if role == Qt.ItemDataRole.DisplayRole else visit.tier
            if column < FIRST_RESULT and role == Qt.ItemDataRole.EditRole:
                return getattr(visit, INPUT_COLUMNS[column - FIRST_INPUT][0])
            shown = self.shown(row, column)
            return "\n".join(NOT_STATED_LINES) if shown == NOT_STATED and column in self.narrow else shown
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= FIRST_INPUT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if (row, column) == self.invalid:
                return INVALID_BRUSH
            return RESULT_BRUSH if column >= FIRST_RESULT else None
        if role == Qt.ItemDataRole.ForegroundRole and column >= FIRST_RESULT and self.stale:
            return STALE_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole and column >= FIRST_RESULT and self.stale:
            return "已过期：输入有误，这些数字是上一次的结果"
        if column >= FIRST_RESULT and self._rests_on_local(row, column):  # 本地录入, as in the lines below
            if role == Qt.ItemDataRole.ForegroundRole:
                return LOCAL_COLOUR
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"按本地录入参数计算（{LOCAL_MARK}）"
        return None

    def _rests_on_local(self, row: int, column: int) -> bool:
        """A figure (not 文件未规定) whose line rests on a local figure."""
        if row >= len(self.results) or getattr(self.results[row], RESULT_FIELDS[column - FIRST_RESULT]) is None:
            return False
        key = RESULT_LINES[column - FIRST_RESULT]
        return any(line.local for line in self.results[row].lines if line.key == key)

    def shown(self, row: int, column: int) -> str:
        """What an amount cell shows (typed amounts as accepted, settled figures), without going through Qt."""
        if column < FIRST_RESULT:
            return _shown_back(getattr(self.presenter.visits[row], INPUT_COLUMNS[column - FIRST_INPUT][0]))
        return self._figure(row, column)

    def _figure(self, row: int, column: int) -> str:
        if row >= len(self.results):
            return ""
        amount = getattr(self.results[row], RESULT_FIELDS[column - FIRST_RESULT])
        return money_or_not_stated(amount)

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() >= FIRST_RESULT:
            return False
        row, column = index.row(), index.column()
        if column == KIND_COLUMN:
            change: dict[str, Any] = {"kind": str(value)}
        elif column == TIER_COLUMN:
            change = {"tier": int(value)}
        else:
            change = {INPUT_COLUMNS[column - FIRST_INPUT][0]: str(value)}
        self.presenter.set_visit(row, **change)
        self.dataChanged.emit(index, index)
        return True

    # ------------------------------------------------------------ the list changes

    def add(self, kind: str) -> int:
        row = self.rowCount()
        with self.presenter.batch():  # computed once the view knows the new row
            self.beginInsertRows(QModelIndex(), row, row)
            self.presenter.add_visit(kind)
            self.endInsertRows()
        return row

    def append(self, visits: Sequence[Visit]) -> None:
        """Visits pasted or imported, after the others: computed once the view knows the new rows."""
        first = self.rowCount()
        with self.presenter.batch():
            self.beginInsertRows(QModelIndex(), first, first + len(visits) - 1)
            self.presenter.add_visits(visits)
            self.endInsertRows()

    def remove(self, row: int) -> None:
        with self.presenter.batch():
            self.beginRemoveRows(QModelIndex(), row, row)
            self.presenter.remove_visit(row)
            self.results = self.results[:row] + self.results[row + 1:]
            self.endRemoveRows()

    def move(self, row: int, step: int) -> bool:
        target = row + step
        if not (0 <= row < self.rowCount() and 0 <= target < self.rowCount()):
            return False
        with self.presenter.batch():
            # Qt's destination is the row the moved one goes before.
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + 1 if step > 0 else target)
            self.presenter.move_visit(row, step)
            self.endMoveRows()
        return True

    def reset(self) -> None:
        """The whole list replaced (a case loaded or a new one)."""
        self.beginResetModel()
        self.results = []
        self.invalid = None
        self.endResetModel()

    def show_results(self, results: list[VisitResult]) -> None:
        """New figures: only the result columns are redrawn."""
        self.results = results
        self.stale = False
        self._results_changed()

    def set_stale(self, stale: bool, invalid: tuple[int, int] | None) -> None:
        marked = {cell for cell in (self.invalid, invalid) if cell is not None}
        self.stale, self.invalid = stale, invalid
        for row, column in marked:
            if row < self.rowCount():
                self.dataChanged.emit(self.index(row, column), self.index(row, column))
        self._results_changed()

    def set_narrow(self, columns: frozenset[int]) -> None:
        if columns != self.narrow:
            self.narrow = columns
            self._results_changed()

    def _results_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, FIRST_RESULT), self.index(self.rowCount() - 1, len(HEADERS) - 1))


@lru_cache(maxsize=4096)  # a redraw asks again for every amount typed; a day of typing stays bounded
def _shown_back(typed: str) -> str:
    """An amount as accepted (１５００ or 1500元 → 1,500.00): written as the figures beside it are (typed 1500.00 beside
    computed 1,950.00 read as two kinds of number); what cannot be read stays as typed."""
    try:
        return money(parse_amount(typed))
    except InputProblem:
        return typed


class MarkingDelegate(QStyledItemDelegate):
    """The selected row shows the marks too: stale figures grey on a grey highlight (they were drawn bright), the
    cell in error framed in red on its own colour (the highlight hid it)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        invalid = index.data(Qt.ItemDataRole.BackgroundRole) == INVALID_BRUSH
        if option.state & QStyle.StateFlag.State_Selected:
            option = QStyleOptionViewItem(option)
            palette = option.palette
            foreground = index.data(Qt.ItemDataRole.ForegroundRole)
            if invalid:
                palette.setColor(QPalette.ColorRole.Highlight, INVALID_BRUSH.color())
                palette.setColor(QPalette.ColorRole.HighlightedText, QColor("black"))
            elif foreground == STALE_COLOUR:
                palette.setColor(QPalette.ColorRole.Highlight, STALE_HIGHLIGHT)
                palette.setColor(QPalette.ColorRole.HighlightedText, STALE_COLOUR)
        super().paint(painter, option, index)
        if invalid:
            painter.save()
            painter.setPen(QPen(INVALID_FRAME, 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


class ChoiceDelegate(MarkingDelegate):
    """Kind and tier chosen from a combo box that exists only while the cell is edited."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.setAccessibleName(f"第{index.row() + 1}条就诊·{HEADERS[index.column()]}")
        for value, text in CHOICES[index.column()]:
            box.addItem(text, value)
        box.activated.connect(lambda _i, box=box: self.commitData.emit(box))
        return box

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PromptButton(QPushButton):
    """A button whose Alt+letter acts at once. Qt presses a button's Alt+letter 100 ms late (to show it pressed):
    an amount typed straight after Alt+O went into the previous visit's cell."""

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QShortcutEvent) and not event.isAmbiguous():
            self.click()
            return True
        return super().event(event)


class VisitsTab(QuestionTab):
    question = "visits"
    hint = VISITS_HINT
    sections = ("visits", "year_to_date")
    selection_changed = Signal(int)
    visits_added = Signal(int)  # how many were pasted or imported
    paste_refused = Signal(str)  # why nothing was pasted (the window says it in a message box)

    def __init__(self, presenter: Presenter, headline: HeadlineBox, parent: QWidget | None = None) -> None:
        super().__init__(presenter, headline, parent)
        self.model = VisitsModel(presenter, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(FIELD_LABELS["visits"])
        self.table.verticalHeader().setVisible(False)  # room for the nine columns; 第N条 is said below the table
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setWordWrap(True)
        # The result columns, repainted at every keystroke (~36 cells), are drawn by Qt's own delegate while their
        # figures are fresh and by the marking one (a Python call a cell, ~2.5 ms a keystroke) only while stale. They
        # are never edited: swapping the delegate of an edited column would cut an open editor off from its delegate.
        self._plain_delegate = self.table.itemDelegate()
        self._marking_delegate = MarkingDelegate(self.table)
        self.table.setItemDelegate(self._marking_delegate)
        self._draw_results_with(self._plain_delegate)
        self._choices = ChoiceDelegate(self.table)
        for column in (KIND_COLUMN, TIER_COLUMN):
            self.table.setItemDelegateForColumn(column, self._choices)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # sized by _fit_columns
        self.table.viewport().installEventFilter(self)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # one line of figures a row
        self._fit_rows()
        self.table.setToolTip("金额单位：元。双击或直接输入修改；Tab 键移到下一格；"
                              "从电子表格复制几行（就诊类别、医院等级、政策范围内、政策范围外、先行自付）后按 Ctrl+V 添加")
        self.paste_action = QAction("粘贴就诊记录", self.table)
        self.paste_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Paste))
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # a cell being edited pastes text
        self.paste_action.triggered.connect(self.paste)
        self.table.addAction(self.paste_action)

        self.add_outpatient = PromptButton("添加门诊(&O)")
        self.add_inpatient = PromptButton("添加住院(&I)")
        self.remove = PromptButton("删除(&K)")
        self.up = PromptButton("上移(&U)")
        self.down = PromptButton("下移(&W)")
        buttons = QHBoxLayout()
        for button in (self.add_outpatient, self.add_inpatient, self.remove, self.up, self.down):
            buttons.addWidget(button)
        buttons.addStretch()

        # A tick box and the fields it opens (not a checkable group box: unticked, that leaves an empty grey bar).
        self.ytd_box = QCheckBox("本年已发生（年中开始测算时填写）")
        self.ytd: dict[str, AmountEdit | CountEdit] = {}
        self.ytd_fields = QWidget()
        self.ytd_fields.setVisible(False)
        self.ytd_box.toggled.connect(self.ytd_fields.setVisible)
        ytd_form = QFormLayout(self.ytd_fields)
        ytd_form.setContentsMargins(24, 0, 0, 0)
        for key in YearToDate.model_fields:
            label = FIELD_LABELS[f"year_to_date.{key}"]
            edit: AmountEdit | CountEdit = (
                CountEdit(label, maximum=366, unit="次") if key in YTD_COUNTS else AmountEdit(label)
            )
            self.ytd[key] = edit
            self.fields[f"year_to_date.{key}"] = edit
            ytd_form.addRow(label, edit)
            edit.textEdited.connect(lambda text, key=key: presenter.set(f"year_to_date.{key}", text))

        self.totals = SummaryGrid(3)
        self.detail_title = QLabel()
        self.lines = LinesTable()

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.ytd_box)
        top_layout.addWidget(self.ytd_fields)
        top_layout.addWidget(QLabel("<b>全年合计</b>"))
        top_layout.addWidget(self.totals)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.detail_title)
        bottom_layout.addWidget(self.lines)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)  # never below their contents: the tab scrolls instead
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)  # narrow margins: in 大字模式 the nine columns need every pixel
        layout.addWidget(splitter)

        self.add_outpatient.clicked.connect(lambda: self.add_visit("outpatient"))
        self.add_inpatient.clicked.connect(lambda: self.add_visit("inpatient"))
        self.remove.clicked.connect(self.remove_selected)
        self.up.clicked.connect(lambda: self.move_selected(-1))
        self.down.clicked.connect(lambda: self.move_selected(1))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.ytd_box.toggled.connect(lambda on: presenter.set("year_to_date.given", on))
        self.load()

    # ------------------------------------------------------------ editing

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # 大字模式: rows and columns follow the font
            self._fit_rows()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Each column as wide as what it shows: kind and tier as their words, an amount column as its widest figure,
        its header or 文件未规定 on one line; with room to spare, an amount column grows to 12,345.00 (room to type a
        five-figure bill). Where that is wider than the table (大字模式 at 1024×768), rows are two lines high and words
        that do not fit go on two lines between their words (普通 / 门诊, 一级及 / 以下, 文件 / 未规定, never
        文件未规 / 定); 文件未规定 keeps one line first. Only a year of six-figure bills in 大字模式 may still need the
        table scrolled sideways."""
        metrics = QFontMetricsF(self.table.font())
        rows = range(self.model.rowCount())

        def wide(texts: Iterable[str], pad: int = CELL_PAD) -> int:
            return max((math.ceil(metrics.horizontalAdvance(text)) + pad for text in texts if text), default=0)

        def fitting(column: int, lines: int) -> int:
            header = wide(two_lines(HEADERS[column]).split("\n"), HEADER_PAD)
            if column in CHOICES:  # 普通门诊, 一级及以下: on two lines as a header is
                names = {self.model.data(self.model.index(row, column)) for row in rows}
                return max(header, wide(line for name in names for line in _lines(str(name), lines)))
            shown = [self.model.shown(row, column) for row in rows]
            figures = wide(run for text in shown for run in FIGURE_RUN.findall(text))
            words = wide(word for text in shown if not FIGURE_RUN.fullmatch(text) for word in _words(text, lines))
            return max(header, figures, words)

        least = [0, 0, *(wide([sample]) for sample in AMOUNT_SAMPLES)]
        room = self.table.viewport().width()
        whole = [fitting(column, 1) for column in range(len(HEADERS))]
        wrapped = sum(whole) > room
        widths = [fitting(column, 2) for column in range(len(HEADERS))] if wrapped else list(whole)
        # Whole words where the room allows: 文件未规定 in every amount column or in none, then kind, then tier.
        for columns in (range(FIRST_INPUT, len(HEADERS)), [KIND_COLUMN], [TIER_COLUMN]):
            if sum(whole[column] - widths[column] for column in columns) <= room - sum(widths):
                for column in columns:
                    widths[column] = whole[column]
        # The room left grows the amount columns towards 12,345.00, in proportion to what each lacks; then evenly.
        short = [max(0, low - width) for low, width in zip(least, widths, strict=True)]
        spare = max(0, room - sum(widths))
        grown = min(spare, sum(short))
        widths = [width + lack * grown // max(1, sum(short)) for width, lack in zip(widths, short, strict=True)]
        extra = (spare - grown) // (len(HEADERS) - FIRST_INPUT)
        widths = [width + (extra if column >= FIRST_INPUT else 0) for column, width in enumerate(widths)]
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(20)
        for column, width in enumerate(widths):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
        self.model.set_narrow(frozenset(column for column in range(FIRST_INPUT, len(HEADERS))
                                        if widths[column] < whole[column]))
        lines = 2 if wrapped else 1
        self.table.verticalHeader().setDefaultSectionSize(lines * round(metrics.lineSpacing()) + 10)

    def _fit_rows(self) -> None:
        self._fit_columns()
        header = self.table.horizontalHeader()
        row = 2 * self.table.fontMetrics().lineSpacing() + 10  # room for rows of two lines
        self.table.setMinimumHeight(header.sizeHint().height() + SHOWN_ROWS * row + 2 * self.table.frameWidth())

    def input_widgets(self) -> list[QWidget]:
        return [self.add_outpatient, self.add_inpatient, self.table, self.remove, self.up, self.down, self.ytd_box,
                *self.ytd.values()]

    def add_visit(self, kind: str) -> int:
        row = self.model.add(kind)
        self.table.setCurrentIndex(self.model.index(row, FIRST_INPUT))
        self.table.setFocus()
        return row

    def paste(self) -> None:
        """Rows copied from a spreadsheet appended as visits, all or none; one value alone goes into the current cell."""
        from PySide6.QtWidgets import QApplication

        from yibao.rules.inputs import InputProblem
        from yibao.rules.models import MAX_VISITS
        from yibao.rules.visit_rows import RowProblem, read_kind, read_tier, read_visit_rows, split_rows

        rows = split_rows(QApplication.clipboard().text())
        filled = [cell for row in rows for cell in row if cell.strip()]
        current = self.table.currentIndex()
        if len(filled) == 1 and current.isValid() and current.column() < FIRST_RESULT:
            readers = {KIND_COLUMN: read_kind, TIER_COLUMN: read_tier}
            try:
                value = readers.get(current.column(), str)(filled[0])
            except InputProblem as exc:
                self._refuse_paste(f"{HEADERS[current.column()]}：{exc}")
                return
            self.model.setData(current, value)
            return
        try:
            read = read_visit_rows(rows, room=MAX_VISITS - self.model.rowCount())
        except RowProblem as exc:
            self._refuse_paste(str(exc))
            return
        self.add_visits(read.visits)

    def import_file(self) -> None:
        """导入就诊记录: a CSV or XLSX file's visits, added once the clerk has seen them."""
        from yibao.ui.dialogs.visits_import import choose_visits

        visits = choose_visits(self.window(), self.model.rowCount())
        if visits:
            self.add_visits(visits)

    def _refuse_paste(self, problem: str) -> None:
        self.paste_refused.emit(f"无法粘贴，没有添加任何就诊记录。\n{problem}")

    def add_visits(self, visits: Sequence[Visit]) -> None:
        """Visits pasted or imported, after the others; the first of them chosen."""
        first = self.model.rowCount()
        self.model.append(visits)
        self.table.setCurrentIndex(self.model.index(first, FIRST_INPUT))
        self.table.setFocus()
        self.visits_added.emit(len(visits))

    def remove_selected(self) -> None:
        row = self.selected_index()
        if row < 0:
            return
        from yibao.ui.dialogs import messages

        visit = self.presenter.visits[row]
        if not messages.ask_remove_visit(self, f"第{row + 1}条就诊（{KIND_NAMES[visit.kind]}·{TIER_NAMES[visit.tier]}）"):
            return
        self.model.remove(row)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), FIRST_INPUT))
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    def move_selected(self, step: int) -> None:
        row = self.selected_index()
        if self.model.move(row, step):
            self.table.setCurrentIndex(self.model.index(row + step, FIRST_INPUT))

    def load(self) -> None:
        """Every field from the presenter (a case loaded or a new one)."""
        self.model.reset()
        values = self.presenter.values
        blocked = self.ytd_box.blockSignals(True)
        self.ytd_box.setChecked(bool(values["year_to_date.given"]))
        self.ytd_fields.setVisible(bool(values["year_to_date.given"]))
        self.ytd_box.blockSignals(blocked)
        for key, edit in self.ytd.items():
            edit.setText(values.get(f"year_to_date.{key}", ""))

    def select(self, row: int, column: int = FIRST_INPUT) -> None:
        self.table.setCurrentIndex(self.model.index(row, column))

    def selected_index(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def cell_text(self, row: int, column: int) -> str:
        """What a cell shows (for tests and copying)."""
        return str(self.model.index(row, column).data() or "")

    # ------------------------------------------------------------ result

    def result_widgets(self) -> list[QWidget]:
        return [self.totals, self.lines]

    def answer(self, result: Result) -> Headline | None:
        from yibao.headline import visits_headline

        totals = result.year_totals
        if totals is None:
            return None
        return visits_headline(totals, result.visits or [], result.missing, result.needs_input)

    def draw(self, result: Result) -> None:
        self._show(result.visits, result.year_totals)

    def _show(self, visits: list[VisitResult] | None, totals: YearTotals | None) -> None:
        self.model.show_results(visits or [])
        self._fit_columns()  # a six-figure bill widens its column
        if totals is None:
            self.totals.set_rows([("提示", TOTALS_HINT)])  # the whole hint, in large bold, scrolled the tab sideways
        else:
            rate = totals.reimbursement_rate
            self.totals.set_rows([
                (figure_name("year_totals.bill"), yuan(totals.bill)),
                (figure_name("year_totals.fund_pays"), yuan(totals.fund_pays)),
                (figure_name("year_totals.supplement_pays"), yuan(totals.supplement_pays)),
                (figure_name("year_totals.deductible"), yuan(totals.deductible)),
                (figure_name("year_totals.person_pays"), yuan(totals.person_pays)),
                (figure_name("year_totals.reimbursement_rate"), NOT_STATED if rate is None else percent(rate)),
            ])
        self._show_detail(self.selected_index())

    def set_stale(self, stale: bool, field: str | None) -> None:
        """Greys the figures of the table while the input is invalid and marks the cell the problem names."""
        self.model.set_stale(stale, _cell_of(field) if stale else None)
        self._draw_results_with(self._marking_delegate if stale else self._plain_delegate)

    def _draw_results_with(self, delegate: QAbstractItemDelegate) -> None:
        if self.table.itemDelegateForColumn(FIRST_RESULT) is not delegate:
            for column in range(FIRST_RESULT, len(HEADERS)):
                self.table.setItemDelegateForColumn(column, delegate)

    def _show_detail(self, row: int) -> None:
        results = self.model.results
        if 0 <= row < len(results):
            self.detail_title.setText(f"<b>第{row + 1}条就诊明细</b>（选中表格中的一行查看）")
            self.lines.show_lines(results[row].lines)
        else:
            self.detail_title.setText("<b>就诊明细</b>：选中表格中的一行查看计算过程")
            self.lines.show_lines([])

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        """Another visit chosen: its lines here, and the comparison follows (a new column alone changes nothing)."""
        row = current.row() if current.isValid() else -1
        if previous.isValid() and previous.row() != row:
            self.presenter.leave_visit(previous.row())
        self._show_detail(row)
        self.selection_changed.emit(row)


    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The focus gone to another field (not a cell's editor): the clerk has left the visit being typed."""
        if new is not None and new is not self.table and not self.table.isAncestorOf(new):
            row = self.selected_index()
            if row >= 0:
                self.presenter.leave_visit(row)


def _cell_of(field: str | None) -> tuple[int, int] | None:
    """'visits[2].out_of_scope' → (2, the column of 政策范围外)."""
    if field is None or not field.startswith("visits["):
        return None
    index, _, key = field.removeprefix("visits[").partition("].")
    keys = ["kind", "tier", *(name for name, _ in INPUT_COLUMNS)]
    if not index.isdigit() or key not in keys:
        return None
    return int(index), keys.index(key)
