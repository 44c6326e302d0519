"""The one date field of the window (适用日期, 之前/之后 on 政策前后对比 and 政策依据, the 本地录入参数 dialog's dates,
the history search): typed as people write dates, or picked from a calendar, with the same keys everywhere."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QDate
    from PySide6.QtGui import QKeyEvent

FORMATS_HELP = "可输入 2024-03-15、2024/3/15、20240315 或 2024年3月15日；Alt+↓ 打开日历"


class DateField(QWidget):
    """A date typed as 2024-03-15, 2024/3/15, 20240315 or 2024年3月15日, or picked from a calendar (▾, Alt+↓ or F4).

    A line of text, not Qt's sectioned date edit: Ctrl+A then typing replaces the whole date, Tab leaves the field,
    and no key steps a year or a month behind the clerk's back. Leaving the field writes the date back as it was
    read (2024-03-15). ``dateChanged`` carries the date each time the text reads as a new one, and None when the
    field is left holding text that is not a date; with ``checks_itself`` the field then shows a red frame and
    says why, naming itself (适用日期 leaves that to the presenter, which checks the whole case).
    """

    dateChanged = Signal(object)  # dt.date | None

    def __init__(self, name: str, day: dt.date | None = None, parent: QWidget | None = None, *,
                 help_text: str = "", checks_itself: bool = True) -> None:
        super().__init__(parent)
        self.name = name
        self._checks_itself = checks_itself
        self._read: dt.date | None = day
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(name)
        self.setAccessibleName(name)
        self.edit.setPlaceholderText("例如 2024-03-15")
        self.edit.setProperty("help", f"{help_text}{FORMATS_HELP}")
        self.edit.setToolTip(self.edit.property("help"))
        self._fit_width()
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")  # narrow: in 大字模式 the room goes to the tables
        self.calendar_button.setToolTip("从日历选择日期（Alt+↓）")
        self.calendar_button.setAccessibleName(f"{name}：选择日期")
        self.calendar_button.setFocusProxy(self.edit)  # Tab leaves the field, never stops on its button
        self.calendar_button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.edit)
        self._calendar: Any = None
        if day is not None:
            self.edit.setText(day.isoformat())
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self._left)
        self.edit.installEventFilter(self)

    # ------------------------------------------------------------ the date

    def date(self) -> dt.date | None:
        """The date the text reads as now; None while it is not a date."""
        from yibao.rules.inputs import parse_typed_date

        try:
            return parse_typed_date(self.edit.text())
        except ValueError:
            return None

    def problem(self) -> str | None:
        """What is wrong with the text (without the field's name); None for a date."""
        from yibao.rules.inputs import parse_typed_date

        try:
            parse_typed_date(self.edit.text())
        except ValueError as exc:
            return str(exc)
        return None

    def set_date(self, day: dt.date) -> None:
        self.edit.setText(day.isoformat())

    def _typed(self) -> None:
        read = self.date()
        if read is None:
            return
        if self._checks_itself:
            self._mark(None)
        if read != self._read:
            self._read = read
            self.dateChanged.emit(read)

    def _left(self) -> None:
        """Leaving the field: a date typed as 2024年3月15日 is shown as it was read, 2024-03-15; what cannot be read
        stays as typed, and (checking itself) is marked with the reason."""
        read = self.date()
        if read is None:
            if self._checks_itself:
                self._mark(first_problem(self))
                if self._read is not None:
                    self._read = None
                    self.dateChanged.emit(None)
            return
        if read.isoformat() != self.edit.text():
            self.edit.setText(read.isoformat())

    def _mark(self, message: str | None) -> None:
        from yibao.ui.fields import mark_invalid

        if message is not None or self.edit.property("invalid"):
            mark_invalid(self.edit, message)

    # ------------------------------------------------------------ keys, font and the calendar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Alt+↓ and F4 open the calendar, as on a drop-down list; ↑ and ↓ alone change nothing."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt  # not before the first paint: Qt's namespace costs ~30 ms of start-up

            key_event: QKeyEvent = event  # type: ignore[assignment]
            alt = bool(key_event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if key_event.key() == Qt.Key.Key_F4 or (alt and key_event.key() == Qt.Key.Key_Down):
                self.show_calendar()
                return True
        return super().eventFilter(watched, event)

    def _fit_width(self) -> None:
        """The date whole at the field's font (in 大字模式 turned on with the window open, 2024-06-01 showed as
        024-06-01)."""
        self.edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("2024-06-01") + 16)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()
        super().changeEvent(event)

    def show_calendar(self) -> None:
        """A month calendar under the field; a click or Enter picks the day, Esc closes it."""
        from PySide6.QtCore import QDate, QLocale, Qt
        from PySide6.QtWidgets import QCalendarWidget

        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setGridVisible(True)
            self._calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # 六月, 周一: no English
            self._calendar.activated.connect(self._picked)
            self._calendar.clicked.connect(self._picked)
        shown = self.date()
        if shown is not None:
            self._calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self._calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self._calendar.show()
        self._calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self._calendar.hide()
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self.edit.setFocus()


def first_problem(*fields: DateField) -> str:
    """The first of these fields whose text is not a date, and why: 之前：“2024-02-30”不是有效日期（没有这一天）."""
    for field in fields:
        problem = field.problem()
        if problem is not None:
            return f"{field.name}：{problem}"
    return ""
