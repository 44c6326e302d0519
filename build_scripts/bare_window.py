"""The baseline for the start-up and size benchmark: a bare PySide6 window with a small form and a table.

It honours the app's ``YIBAO_EXIT_AFTER_FIRST_PAINT=1`` contract the same way: after the window's first
Paint event it prints ``yibao-first-paint <time.time()>``, flushes and exits 0.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class FirstPaint(QObject):
    """At the watched widget's first Paint event, print the marker and quit (from a zero timer, as the app does)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report_and_quit)
        return False


def report_and_quit() -> None:
    print(f"yibao-first-paint {time.time():.6f}", flush=True)
    QApplication.exit(0)


def build_window() -> QMainWindow:
    window = QMainWindow()
    window.setWindowTitle("bare")
    body = QWidget()
    form = QFormLayout()
    form.addRow("城市", QComboBox())
    form.addRow("日期", QDateEdit())
    form.addRow("缴费基数", QDoubleSpinBox())
    form.addRow("年龄", QSpinBox())
    form.addRow("姓名", QLineEdit())
    form.addRow("备注", QLineEdit())
    table = QTableWidget(10, 4)
    for row in range(10):
        for column in range(4):
            table.setItem(row, column, QTableWidgetItem(f"{row}.{column}"))
    layout = QVBoxLayout(body)
    layout.addLayout(form)
    layout.addWidget(table)
    window.setCentralWidget(body)
    window.resize(900, 600)
    return window


def main() -> int:
    app = QApplication(sys.argv)
    window = build_window()
    watcher = FirstPaint()
    if os.environ.get("YIBAO_EXIT_AFTER_FIRST_PAINT") == "1":
        window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
