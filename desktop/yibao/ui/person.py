"""The person panel: city, the date the rules apply, employment type, status, sex and age."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QGroupBox, QSpinBox, QWidget

from yibao.wording import label

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
    """Who is asking and under which rules; emits ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, cities: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__("参保人", parent)
        self.city = combo(cities, label("city"))
        self.on = QDateEdit()
        self.on.setAccessibleName(label("on"))
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setCalendarPopup(True)
        self.on.setDate(QDate.currentDate())
        self.on.setToolTip("按这一天施行的政策计算：缴费按该月，报销按该自然年，年限按该日退休")
        self.employment = combo(EMPLOYMENTS, label("person.employment"))
        self.retired = combo(STATUSES, label("person.retired"))
        self.sex = combo(SEXES, label("person.sex"))
        self.age = QSpinBox()
        self.age.setAccessibleName(label("person.age"))
        self.age.setRange(16, 120)
        self.age.setValue(40)
        self.age.setSuffix(" 岁")

        form = QFormLayout(self)
        form.addRow(f"{label('city')}(&C)", self.city)
        form.addRow(f"{label('on')}(&D)", self.on)
        form.addRow(f"{label('person.employment')}(&E)", self.employment)
        form.addRow(f"{label('person.retired')}(&R)", self.retired)
        form.addRow(f"{label('person.sex')}(&X)", self.sex)
        form.addRow(f"{label('person.age')}(&A)", self.age)

        for box in (self.city, self.employment, self.retired, self.sex):
            box.currentIndexChanged.connect(self.changed)
        self.on.dateChanged.connect(self.changed)
        self.age.valueChanged.connect(self.changed)

    def widgets(self) -> list[QWidget]:
        """In tab order."""
        return [self.city, self.on, self.employment, self.retired, self.sex, self.age]

    def city_code(self) -> str:
        return str(self.city.currentData())

    def rules_date(self) -> date:
        value = self.on.date().toPython()
        assert isinstance(value, date)
        return value

    def request_part(self) -> dict[str, Any]:
        return {
            "city": self.city_code(),
            "on": self.rules_date().isoformat(),
            "person": {
                "employment": self.employment.currentData(),
                "retired": bool(self.retired.currentData()),
                "sex": self.sex.currentData(),
                "age": self.age.value(),
            },
        }

    def load(self, city: str, on: date, person: dict[str, Any] | None) -> None:
        select(self.city, city)
        self.on.setDate(QDate(on.year, on.month, on.day))
        if person:
            select(self.employment, person.get("employment"))
            select(self.retired, bool(person.get("retired")))
            select(self.sex, person.get("sex"))
            self.age.setValue(int(person.get("age", 40)))
