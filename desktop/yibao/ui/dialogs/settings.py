"""设置: default city, service hall and counter (printed on the sheet), font size, large print, language."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from yibao.state.settings import Settings
from yibao.ui.dialogs.common import give_mnemonics, name_buttons, open_size
from yibao.ui.person import combo, select

LANGUAGES = (("zh_CN", "简体中文"),)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, cities: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("设置")
        self.city: QComboBox = combo(cities, "默认城市")
        select(self.city, settings.default_city)
        self.hall = QLineEdit(settings.hall_name)
        self.hall.setMaxLength(100)
        self.hall.setPlaceholderText("例如 烟台市芝罘区医疗保障服务大厅（打印在测算单抬头）")
        self.counter = QLineEdit(settings.counter_no)
        self.counter.setMaxLength(20)
        self.counter.setPlaceholderText("例如 3")
        self.font_size = QSpinBox()
        self.font_size.setRange(9, 24)
        self.font_size.setValue(settings.font_point_size)
        self.font_size.setSuffix(" 磅")
        self.large_print = QCheckBox("大字模式（为老年参保人放大全部文字）")
        self.large_print.setChecked(settings.large_print)
        self.language = combo(LANGUAGES, "界面语言")
        self.language.setToolTip("目前只有简体中文界面")
        form = QFormLayout(self)
        form.addRow("默认城市(&C)", self.city)
        form.addRow("服务大厅名称(&H)", self.hall)
        form.addRow("窗口号(&N)", self.counter)
        form.addRow("字号(&F)", self.font_size)
        form.addRow("", self.large_print)
        form.addRow("界面语言(&L)", self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        name_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        give_mnemonics(self)
        self.city.setFocus()
        open_size(self, 620, 0)  # the hall's whole example name in view; as low as its rows allow

    def apply_to(self, settings: Settings) -> None:
        settings.default_city = str(self.city.currentData())
        settings.hall_name = self.hall.text().strip()
        settings.counter_no = self.counter.text().strip()
        settings.font_point_size = self.font_size.value()
        settings.large_print = self.large_print.isChecked()
        settings.language = str(self.language.currentData())
