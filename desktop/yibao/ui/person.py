"""The person panel: city, the date the rules apply, employment type, status, sex and age."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtGui import QFocusEvent, QKeyEvent, QWheelEvent
    from PySide6.QtWidgets import QCompleter

    from yibao.ui.presenter import Presenter

from yibao.state.settings import DEFAULT_POINT_SIZE
from yibao.ui.dates import DateField
from yibao.vocabulary import EMPLOYMENT_NAMES, SEX_NAMES, status_name
from yibao.wording import label

EMPLOYMENTS = tuple(EMPLOYMENT_NAMES.items())
STATUSES = ((False, status_name(False)), (True, status_name(True)))
SEXES = tuple(SEX_NAMES.items())


def combo(items: tuple[tuple[Any, str], ...] | list[tuple[str, str]], name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for value, text in items:
        box.addItem(text, value)
    return box


def select(box: QComboBox, value: object) -> None:
    index = box.findData(value)
    if index >= 0:
        box.setCurrentIndex(index)


class CityBox(QComboBox):
    """The city: typed 汉字, full pinyin or initials list the matches (烟, yantai, yt → 烟台市).

    The city changes only on Enter or a click: arrow and page keys open the list instead of stepping
    through it, the wheel does nothing, and leaving the box puts the chosen city's name back.
    Qt's enums are imported on first use: this box is built before the window's first paint.
    """

    def __init__(self, cities: list[tuple[str, str]], search: dict[str, str]) -> None:
        super().__init__()
        self.setAccessibleName(label("city"))
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setCompleter(None)  # type: ignore[arg-type]  # its inline completion would rewrite what is typed
        for code, name in cities:
            self.addItem(name, code)
        self._search = {code: search.get(code, name) for code, name in cities}
        self._completer: QCompleter | None = None
        line = self.lineEdit()
        assert line is not None
        self.line: QLineEdit = line
        self.line.textEdited.connect(self._find)
        self.line.returnPressed.connect(self._take_first)
        self.setToolTip("输入城市名、拼音或拼音首字母（如 烟、yantai、yt），按回车选定")

    def _matches(self) -> QCompleter:
        if self._completer is None:
            from PySide6.QtCore import QModelIndex, Qt
            from PySide6.QtGui import QStandardItem, QStandardItemModel
            from PySide6.QtWidgets import QCompleter

            model = QStandardItemModel(self)
            for index in range(self.count()):
                item = QStandardItem(self.itemText(index))
                item.setData(self.itemData(index), Qt.ItemDataRole.UserRole)
                item.setData(self._search[str(self.itemData(index))], Qt.ItemDataRole.UserRole + 1)
                model.appendRow(item)
            completer = QCompleter(model, self)
            completer.setCompletionRole(Qt.ItemDataRole.UserRole + 1)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setWidget(self.line)  # not setCompleter: the typed text stays as typed
            completer.activated[QModelIndex].connect(self._chosen)  # type: ignore[index]
            self._completer = completer
        return self._completer

    def _find(self, text: str) -> None:
        """The cities matching what is typed, the first highlighted so that Enter takes it."""
        completer = self._matches()
        completer.setCompletionPrefix(text.strip())
        popup = completer.popup()
        assert popup is not None
        if text.strip() and completer.completionCount():
            completer.complete()
            popup.setCurrentIndex(completer.completionModel().index(0, 0))
        else:
            popup.hide()

    def _chosen(self, index: QModelIndex) -> None:
        from PySide6.QtCore import Qt

        found = self.findData(index.data(Qt.ItemDataRole.UserRole))
        if found >= 0:
            self.setCurrentIndex(found)
        self.setEditText(self.itemText(self.currentIndex()))

    def matches(self) -> list[str]:
        """The names listed for what is typed (for tests)."""
        completer = self._matches()
        model = completer.completionModel()
        return [str(model.index(row, 0).data()) for row in range(completer.completionCount())]

    def _take_first(self) -> None:
        """Enter: the first city matching what is typed (the highlighted one, while the list shows)."""
        text = self.line.text().strip()
        completer = self._matches()
        completer.setCompletionPrefix(text)
        if text != self.itemText(self.currentIndex()) and completer.completionCount():
            popup = completer.popup()
            current = popup.currentIndex() if popup is not None and popup.isVisible() else None
            self._chosen(current if current is not None and current.isValid()
                         else completer.completionModel().index(0, 0))
            if popup is not None:
                popup.hide()
        else:
            self.setEditText(self.itemText(self.currentIndex()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._take_first()
            return
        if key == Qt.Key.Key_Escape:
            self.setEditText(self.itemText(self.currentIndex()))
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.showPopup()  # the list opens; nothing changes until Enter or a click
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Typing starts a new search: the shown name is selected, so the first key replaces it."""
        super().focusInEvent(event)
        self.line.selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        popup = self._completer.popup() if self._completer is not None else None
        if popup is None or not popup.isVisible():
            self.setEditText(self.itemText(self.currentIndex()))
        super().focusOutEvent(event)


class BuddyLabel(QLabel):
    """A form label whose Alt+letter also selects the whole field, even when the field already has the focus."""

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Shortcut:
            buddy = self.buddy()
            field = buddy.focusProxy() if buddy is not None and buddy.focusProxy() is not None else buddy
            if isinstance(field, QComboBox) and field.isEditable():
                field = field.lineEdit()
            if isinstance(field, QLineEdit):
                field.setFocus()
                field.selectAll()
        return handled


class PersonPanel(QGroupBox):
    """Who is asking and under which rules; every edit goes to the presenter (``bind``)."""

    def __init__(self, cities: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__("参保人", parent)
        from yibao.ui.cities import search_texts

        self.city = CityBox(cities, search_texts())
        self.on = DateField(label("on"), help_text="按这一天施行的政策计算：缴费按该月，报销按该自然年，年限按该日退休。",
                            checks_itself=False)  # the presenter checks the date with the whole case
        self.employment = combo(EMPLOYMENTS, label("person.employment"))
        # Narrower than 机关事业单位职工: the tabs keep the room (the open list shows every name whole).
        self.employment.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.employment.setMinimumContentsLength(5)
        self.retired = combo(STATUSES, label("person.retired"))
        self.sex = combo(SEXES, label("person.sex"))
        self.age = QSpinBox()
        self.age.setAccessibleName(label("person.age"))
        self.age.setRange(16, 120)
        self.age.setValue(40)
        self.age.setSuffix(" 岁")

        form = QFormLayout(self)
        self._form = form
        self._fit_rows()
        city_label = BuddyLabel(f"{label('city')}(&C)")
        city_label.setBuddy(self.city)
        form.addRow(city_label, self.city)
        on_label = BuddyLabel(f"{label('on')}(&D)")
        on_label.setBuddy(self.on)
        form.addRow(on_label, self.on)
        form.addRow(f"{label('person.employment')}(&E)", self.employment)
        form.addRow(f"{label('person.retired')}(&R)", self.retired)
        form.addRow(f"{label('person.sex')}(&X)", self.sex)
        form.addRow(f"{label('person.age')}(&A)", self.age)

    def _fit_rows(self) -> None:
        """In 大字模式 each label sits above its field: the panel is narrower and the tabs get the room (a nine-column
        visits table, six-figure bills); in the usual print the labels stand beside the fields."""
        large = self.font().pointSizeF() > DEFAULT_POINT_SIZE * 1.2
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows if large
                                    else QFormLayout.RowWrapPolicy.DontWrapRows)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # 大字模式 turned on or off
            self._fit_rows()
        super().changeEvent(event)

    def widgets(self) -> list[QWidget]:
        """In tab order."""
        return [self.city, self.on.edit, self.employment, self.retired, self.sex, self.age]

    def widget_for(self, field: str) -> QWidget | None:
        """The widget ``field`` of the request (``city``, ``on``, ``person.age`` …) is typed in, marked when it is wrong."""
        widgets = {"city": self.city, "on": self.on.edit, "person.employment": self.employment,
                   "person.retired": self.retired, "person.sex": self.sex, "person.age": self.age}
        return widgets.get(field)

    def bind(self, presenter: Presenter) -> None:
        """Every edit goes to the presenter; ``load`` writes its values back without echoing them."""
        self.city.currentIndexChanged.connect(lambda _i: presenter.set("city", self.city.currentData()))
        self.on.edit.textChanged.connect(lambda text: presenter.set("on", text))
        for box, path in ((self.employment, "person.employment"), (self.retired, "person.retired"),
                          (self.sex, "person.sex")):
            box.currentIndexChanged.connect(lambda _i, box=box, path=path: presenter.set(path, box.currentData()))
        self.age.valueChanged.connect(lambda age: presenter.set("person.age", age))

    def load(self, values: dict[str, Any]) -> None:
        for widget in self.widgets():
            widget.blockSignals(True)
        try:
            select(self.city, values["city"])
            on = values["on"]
            self.on.edit.setText(on.isoformat() if isinstance(on, date) else str(on))
            select(self.employment, values["person.employment"])
            select(self.retired, bool(values["person.retired"]))
            select(self.sex, values["person.sex"])
            self.age.setValue(int(values["person.age"]))
        finally:
            for widget in self.widgets():
                widget.blockSignals(False)
