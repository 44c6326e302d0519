"""Date fields: a calendar popup written yyyy-MM-dd, and dates between Qt and Python (the policy and 政策前后对比
tabs and the 本地录入参数 dialog)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

DATE_FORMAT = "yyyy-MM-dd"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def date_edit(parent: QWidget, day: date | None = None) -> QDateEdit:
    """A date field with a calendar popup, written yyyy-MM-dd."""
    edit = QDateEdit(parent)
    if day is not None:
        edit.setDate(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit
