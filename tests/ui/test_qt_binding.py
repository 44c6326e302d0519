"""The Qt binding must not leak or drop references: the window makes thousands of calls an hour.

PySide6 6.12.0 on Python 3.11 returned None from void methods without a new reference, so None's
count fell by one per call until the interpreter aborted (none_dealloc); pyproject pins below it.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QLineEdit, QTableWidgetItem
from pytestqt.qtbot import QtBot


def test_void_calls_keep_the_reference_count_of_none(qtbot: QtBot) -> None:
    label, edit, item = QLabel(), QLineEdit(), QTableWidgetItem()
    qtbot.addWidget(label)
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("¥480.00")
        edit.setText("6000")
        item.setText("840.00")
        label.setStyleSheet("")
    assert abs(sys.getrefcount(None) - before) < 100
