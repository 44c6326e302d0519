"""What a clerk would see as broken: a label, button or header cut short or elided, widgets drawn over each other."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QTableView,
    QWidget,
)

from yibao.wording import NOT_STATED, NOT_STATED_LINES

ASCII_RUN = re.compile(r"[!-~]+")


def _visible(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.width() > 0 and widget.height() > 0


def _clipped_by_parents(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area a widget may extend past the viewport: that is scrolling, not clipping."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def problems(top: QWidget) -> list[str]:
    found: list[str] = []
    for widget in top.findChildren(QWidget):
        if not _visible(widget, top):
            continue
        name = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        if isinstance(widget, QLabel) and widget.text():
            hint = widget.sizeHint()
            if widget.wordWrap() and widget.hasHeightForWidth():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    found.append(f"{name} 「{widget.text()[:30]}」 cut: {widget.height()} < {needed} px high")
            elif hint.width() > widget.width() + 1 and not _clipped_by_parents(widget, top):
                found.append(f"{name} 「{widget.text()[:30]}」 cut: {widget.width()} < {hint.width()} px wide")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                found.append(f"{name} 「{widget.text()}」 cut: {widget.width()} < {widget.sizeHint().width()} px")
        elif (isinstance(widget, (QLineEdit, QComboBox)) and widget.objectName() != "qt_spinbox_lineedit"  # frameless
              and widget.minimumSizeHint().height() > widget.height() + 1):
            found.append(f"{name} too low: {widget.height()} < {widget.minimumSizeHint().height()} px")
        elif isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            found += _header_problems(widget, name)
        if isinstance(widget, QGraphicsView) and hasattr(widget, "chart"):
            found += _chart_problems(widget)
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            found.append(f"{name}: its content is cut off to the right (a horizontal scroll bar)")
        if isinstance(widget, QTableView):
            found += _cell_problems(widget, name)
            if widget.horizontalScrollBar().isVisible():
                found.append(f"{name}: columns cut off to the right (a horizontal scroll bar)")
            model = widget.model()
            rows = min(model.rowCount(), 3) if model is not None else 0
            shown = sum(1 for row in range(rows)
                        if widget.rowViewportPosition(row) + widget.rowHeight(row) <= widget.viewport().height())
            if rows and shown < rows:
                found.append(f"{name}: only {shown} of its first {rows} rows can be seen")
    found += _overlaps(top)
    return found


def _header_problems(header: QHeaderView, name: str) -> list[str]:
    model = header.model()
    if model is None:
        return []
    found = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        font = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole)
        metrics = QFontMetricsF(font if isinstance(font, QFont) else header.font())  # a header item's own font is whole
        needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + 8 if text else 0
        if needed > header.sectionSize(section):
            found.append(f"{name} header 「{text}」 elided: {header.sectionSize(section)} < {needed} px")
        if font is not None and metrics.height() < QFontMetricsF(header.font()).height():
            found.append(f"{name} header 「{text}」 at its old size ({metrics.height():.0f} px high, not "
                         f"{QFontMetricsF(header.font()).height():.0f})")
        high = (text.count("\n") + 1) * metrics.height()
        if text and high > header.height():
            found.append(f"{name} header 「{text}」 cut: {header.height()} < {high:.0f} px high")
    return found


def _cell_problems(view: QTableView, name: str) -> list[str]:
    """A cell whose text would be elided: too wide for a column that does not wrap, or, where cells wrap, a run of
    Latin letters and digits (a figure such as 15360.00) wider than its column (Chinese wraps anywhere)."""
    model = view.model()
    if model is None:
        return []
    metrics = QFontMetricsF(view.font())  # fractional advances: 30000.00 is 87.3 px, and Qt elides it in 87
    found = []
    for row in range(min(model.rowCount(), 40)):
        if view.isRowHidden(row):
            continue
        covered = 0
        for column in range(model.columnCount()):
            if view.isColumnHidden(column) or column < covered:
                continue
            text = str(model.index(row, column).data() or "")
            span = max(1, view.columnSpan(row, column))  # a group row spanning the table
            covered = column + span
            # Qt keeps 3 px each side of a cell's text, and the grid line takes one more
            width = sum(view.columnWidth(c) for c in range(column, covered)) - 6 - (1 if view.showGrid() else 0)
            pieces = ASCII_RUN.findall(text) if view.wordWrap() else [text]
            widest = max((metrics.horizontalAdvance(piece) for piece in pieces), default=0)
            if widest > width:
                found.append(f"{name} cell ({row},{column}) 「{text[:30]}」 cut: column {width} < {widest} px")
            elif view.wordWrap() and text:  # wrapped onto more lines than the row has room for: elided (文件未…)
                flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
                high = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()
                if high > view.rowHeight(row) + 1:
                    found.append(f"{name} cell ({row},{column}) 「{text[:30]}」 cut: row {view.rowHeight(row)} < {high} px")
    return found


def words_split(view: QTableView) -> list[str]:
    """Cells showing 文件未规定 in place of a figure broken anywhere but between its words (文件未规 / 定), laid out as
    an item view lays out a cell. (In a sentence it wraps where the line ends, as any text does.)"""
    model = view.model()
    found = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            text = str(model.index(row, column).data() or "")
            if text.replace("\n", "") != NOT_STATED or view.isRowHidden(row) or view.isColumnHidden(column):
                continue
            width = view.columnWidth(column) - 6 - (1 if view.showGrid() else 0)  # as _cell_problems
            layout = QTextLayout(text.replace("\n", "\u2028"), view.font())  # a line break as the view draws it
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.beginLayout()
            starts = []
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width)
                starts.append(line.textStart())
            layout.endLayout()
            between = len(NOT_STATED_LINES[0]) + ("\n" in text)  # 文件 | 未规定, or after the line break put there
            if any(start not in (0, between) for start in starts):
                found.append(f"cell ({row},{column}) 「{text}」 wraps mid-word: lines start at {starts}")
    return found


def _overlaps(top: QWidget) -> list[str]:
    """Two visible sibling widgets drawn over each other."""
    found = []
    for parent in [top, *top.findChildren(QWidget)]:
        if not _visible(parent, top) or isinstance(parent, (QAbstractItemView, QAbstractScrollArea)):
            continue
        children = [c for c in parent.children() if isinstance(c, QWidget) and _visible(c, top) and not c.isWindow()]
        for i, first in enumerate(children):
            for second in children[i + 1:]:
                shared: QRect = first.geometry().intersected(second.geometry())
                if shared.width() > 2 and shared.height() > 2:
                    found.append(f"{type(first).__name__} 「{_label(first)}」 overlaps {type(second).__name__} "
                                 f"「{_label(second)}」 in {type(parent).__name__}")
    return found


def _label(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return str(text())[:20] if callable(text) else widget.objectName()


def screen_problems(window: QMainWindow, room: QRect) -> list[str]:
    """The window off a screen of ``room`` (a counter PC's 1024×768), or its status bar (已保存, PDF 已保存) not shown."""
    found = []
    if not room.contains(window.frameGeometry()):
        found.append(f"window {window.frameGeometry()} not within the screen {room}")
    bar = window.statusBar()
    shown = QRect(bar.mapToGlobal(bar.rect().topLeft()), bar.size())
    if not _visible(bar, window) or not room.contains(shown):
        found.append(f"status bar {shown} not visible within the screen {room}")
    return found


def font_sizes(top: QWidget) -> dict[str, float]:
    """The point size of every visible text-bearing widget, keyed by its kind, its text and which one it is."""
    sizes = {}
    for widget in top.findChildren(QWidget):
        if _visible(widget, top) and isinstance(widget, (QLabel, QAbstractButton, QLineEdit, QComboBox, QTableView)):
            sizes[f"{type(widget).__name__} {_label(widget)} {id(widget)}"] = widget.font().pointSizeF()
    return sizes


def _chart_problems(view: QGraphicsView) -> list[str]:
    """QtCharts elides an axis title or label that does not fit (个人负…, … for every figure): each title within
    its side of the plot, the widest label times the ticks within the horizontal side, a label a line high per tick."""
    from PySide6.QtCharts import QChartView, QValueAxis

    assert isinstance(view, QChartView)
    chart = view.chart()
    plot = chart.plotArea()
    found = []
    for axis in chart.axes():
        horizontal = axis.orientation() == Qt.Orientation.Horizontal
        side = plot.width() if horizontal else plot.height()
        title = QFontMetricsF(axis.titleFont()).horizontalAdvance(axis.titleText())
        if title > side:
            found.append(f"chart axis title 「{axis.titleText()}」 elided: {side:.0f} < {title:.0f} px")
        if isinstance(axis, QValueAxis):
            labels = QFontMetricsF(axis.labelsFont())
            widest = labels.horizontalAdvance(axis.labelFormat() % axis.max())
            needed = (widest if horizontal else labels.height()) * axis.tickCount()
            if needed > side + (widest if horizontal else labels.height()):
                found.append(f"chart axis labels elided: {axis.tickCount()} in {side:.0f} px, each {widest:.0f} px")
    return found


def table_geometry(top: QWidget) -> list[tuple[str, int, tuple[int, ...], tuple[int, ...]]]:
    """Each visible table's kind, header height, row heights and column widths: after 大字模式 is turned on or off
    they are those of a window opened in it (a table kept the old font's rows)."""
    shown = []
    for view in top.findChildren(QTableView):
        model = view.model()
        if _visible(view, top) and model is not None:
            shown.append((type(view).__name__, view.horizontalHeader().height(),
                          tuple(view.rowHeight(row) for row in range(model.rowCount())),
                          tuple(view.columnWidth(column) for column in range(model.columnCount()))))
    return shown


def nested_scrolling(top: QWidget) -> list[str]:
    """Two scrolls in one view (issue 21.10): a scroll area that can scroll inside another that can, so the wheel
    moves whichever is under the pointer. A table as tall as its rows inside a scrolling page is one scroll."""
    found = []
    for area in top.findChildren(QAbstractScrollArea):
        if not _visible(area, top) or not _scrolls(area):
            continue
        parent = area.parentWidget()
        while parent is not None:
            if isinstance(parent, QAbstractScrollArea) and _scrolls(parent):
                bars = f"{area.horizontalScrollBar().maximum()} px across, {area.verticalScrollBar().maximum()} px down"
                found.append(f"{type(area).__name__} {area.accessibleName()} scrolls ({bars}) inside {type(parent).__name__}")
                break
            parent = parent.parentWidget()
    return found


def _scrolls(area: QAbstractScrollArea) -> bool:
    return area.verticalScrollBar().maximum() > 0 or area.horizontalScrollBar().maximum() > 0


def cells_over(view: QTableView, lines: int = 2, columns: Sequence[int] | None = None) -> list[str]:
    """Cells whose text wraps onto more than ``lines`` lines at the column's width (a document's name in 6–9 lines
    made a row the height of the view)."""
    model = view.model()
    metrics = QFontMetricsF(view.font())
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    found = []
    for row in range(model.rowCount()):
        if view.isRowHidden(row) or view.columnSpan(row, 0) > 1:
            continue
        for column in columns if columns is not None else range(model.columnCount()):
            text = str(model.index(row, column).data() or "")
            width = view.columnWidth(column) - 6 - (1 if view.showGrid() else 0)
            high = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()
            if text and high > lines * metrics.lineSpacing() + 1:
                found.append(f"cell ({row},{column}) 「{text[:20]}」 in {round(high / metrics.lineSpacing())} lines")
    return found


def rows_in_sight(view: QTableView, page: QAbstractScrollArea) -> int:
    """The table's rows wholly within what the page shows at its scroll position."""
    shown = page.viewport().rect()
    count = 0
    for row in range(view.model().rowCount()):
        if view.isRowHidden(row):
            continue
        top = view.viewport().mapTo(page.viewport(), QPoint(0, view.rowViewportPosition(row)))
        count += shown.contains(QRect(top, QSize(1, view.rowHeight(row))))
    return count
