"""F1: a short help page, read from ``resources/help/zh_CN.html``."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from yibao.resources import resource_path
from yibao.ui.dialogs.common import name_buttons, open_size, run_dialog


def show_help(parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("使用说明")
    open_size(dialog, 720, 640)
    browser = QTextBrowser()
    try:
        browser.setHtml(resource_path("help", "zh_CN.html").read_text(encoding="utf-8"))
    except OSError:
        browser.setPlainText("帮助文件缺失，请重新安装本软件。")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    name_buttons(buttons)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    browser.setFocus()  # the arrow and page keys scroll the text
    run_dialog(dialog)
