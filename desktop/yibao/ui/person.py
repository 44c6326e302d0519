"""The person panel: city, the date the rules apply, employment type, status, sex and age."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QGroupBox, QSpinBox, QWidget

if TYPE_CHECKING:
    from yibao.ui.presenter import Presenter

EMPLOYMENTS = (("enterprise", "企业职工"), ("public_institution", "机关事业单位职工"), ("flexible", "灵活就业人员"))
STATUSES = ((False, "在职"), (True, "退休"))
SEXES = (("male", "男"), ("female", "女"))


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


class PersonPanel(QGroupBox):
    """Who is asking and under which rules; every edit goes to the presenter (``bind``)."""

    def __init__(self, cities: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__("参保人", parent)
        self.city = combo(cities, "城市")
        self.on = QDateEdit()
        self.on.setAccessibleName("适用日期")
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setCalendarPopup(True)
        self.on.setDate(QDate.currentDate())
        self.on.setToolTip("按这一天施行的政策计算：缴费按该月，报销按该自然年，年限按该日退休")
        self.employment = combo(EMPLOYMENTS, "就业类型")
        self.retired = combo(STATUSES, "参保状态")
        self.sex = combo(SEXES, "性别")
        self.age = QSpinBox()
        self.age.setAccessibleName("年龄")
        self.age.setRange(16, 120)
        self.age.setValue(40)
        self.age.setSuffix(" 岁")

        form = QFormLayout(self)
        form.addRow("城市(&C)", self.city)
        form.addRow("适用日期(&D)", self.on)
        form.addRow("就业类型(&E)", self.employment)
        form.addRow("参保状态(&R)", self.retired)
        form.addRow("性别(&X)", self.sex)
        form.addRow("年龄(&A)", self.age)

    def widgets(self) -> list[QWidget]:
        """In tab order."""
        return [self.city, self.on, self.employment, self.retired, self.sex, self.age]

    def bind(self, presenter: Presenter) -> None:
        """Every edit goes to the presenter; ``load`` writes its values back without echoing them."""
        self.city.currentIndexChanged.connect(lambda _i: presenter.set("city", self.city.currentData()))
        self.on.dateChanged.connect(lambda day: presenter.set("on", day.toPython()))
        for box, path in ((self.employment, "person.employment"), (self.retired, "person.retired"),
                          (self.sex, "person.sex")):
            box.currentIndexChanged.connect(lambda _i, box=box, path=path: presenter.set(path, box.currentData()))
        self.age.valueChanged.connect(lambda age: presenter.set("person.age", age))

    def load(self, values: dict[str, Any]) -> None:
        for widget in self.widgets():
            widget.blockSignals(True)
        try:
            select(self.city, values["city"])
            on: date = values["on"]
            self.on.setDate(QDate(on.year, on.month, on.day))
            select(self.employment, values["person.employment"])
            select(self.retired, bool(values["person.retired"]))
            select(self.sex, values["person.sex"])
            self.age.setValue(int(values["person.age"]))
        finally:
            for widget in self.widgets():
                widget.blockSignals(False)
