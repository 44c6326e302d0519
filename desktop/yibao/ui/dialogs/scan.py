"""扫码调取: a sheet's case code taken back, as a counter's handheld scanner types it (the code's text, then Enter), as
pasted, or read from a picture of the sheet (PNG or JPG); the case it holds is then reopened by the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from yibao.casecode import MAX_CODE_LENGTH, CaseCodeError, DecodedCase, decode_case
from yibao.ui.dialogs.common import give_mnemonics, name_buttons, open_size
from yibao.ui.dialogs.files import ask_open_path
from yibao.version import APP_TITLE, app_version
from yibao.wording import cn_date

TITLE = "扫码调取"
PICTURE_PATTERN = "测算单图片 (*.png *.jpg *.jpeg *.PNG *.JPG *.JPEG)"
PROBLEM_STYLE = "color: #a00000; font-weight: bold;"


class ScanDialog(QDialog):
    """The code field has the focus: a scanner's keystrokes and its Enter take the case; ``decoded`` holds it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.decoded: DecodedCase | None = None
        intro = QLabel("用扫码枪扫描测算单上的二维码，或粘贴测算单复制文本中的调取码后按回车，即可重新打开那次测算。")
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setAccessibleName("调取码")
        self.code.setPlaceholderText("YB1……")
        self.code.setMaxLength(MAX_CODE_LENGTH + 100)
        # A scanner types letters: a Chinese input method left on would catch them as pinyin.
        self.code.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.code.returnPressed.connect(lambda: self.take(self.code.text()))
        label = QLabel("调取码(&C)")
        label.setBuddy(self.code)
        self.problem = QLabel()
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was scanned
        self.problem.setWordWrap(True)
        # Room for a two-line refusal from the start: the dialog does not grow (nor its intro get cut) when one comes.
        self.problem.setMinimumHeight(2 * self.problem.fontMetrics().lineSpacing())
        self.picture = QPushButton("从图片读取(&P)…")
        self.picture.clicked.connect(self.read_picture)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.picture, QDialogButtonBox.ButtonRole.ActionRole)
        for button in buttons.buttons():  # Enter (the scanner's last key) takes the code: it presses no button
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        name_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.code)
        layout.addWidget(self.problem)
        layout.addStretch()
        layout.addWidget(buttons)
        give_mnemonics(self)
        open_size(self, 560, 250)
        self.code.setFocus()

    def take(self, text: str) -> None:
        """The case in ``text``; refused in one line under the field, which is ready for the next scan."""
        try:
            self.decoded = decode_case(text)
        except CaseCodeError as exc:
            self.refuse(str(exc))
            return
        self.accept()

    def read_picture(self) -> None:
        chosen = ask_open_path(self, "选择测算单图片", PICTURE_PATTERN)
        if not chosen:
            return
        try:
            text = code_in_picture(Path(chosen))
        except CaseCodeError as exc:
            self.refuse(str(exc))
            return
        self.take(text)

    def refuse(self, message: str) -> None:
        self.problem.setText(message)
        self.code.setFocus()
        self.code.selectAll()  # the next scan replaces what was typed


def code_in_picture(path: Path) -> str:
    """The text of the QR code in a picture of the sheet; CaseCodeError (one Chinese line) where there is none."""
    import zxingcpp

    image = QImage(str(path))
    if image.isNull():
        raise CaseCodeError(f"无法打开图片“{path.name}”（不是 PNG 或 JPG 图片，或文件已损坏）")
    codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    if not codes:
        raise CaseCodeError(f"图片“{path.name}”中没有找到二维码：请用测算单的图片，二维码要清楚、完整")
    return codes[0].text


def scan_note(case: DecodedCase) -> str:
    """What the window says once the case is open: who made the code and when, and whose figures are shown now."""
    made = f"已调取{cn_date(case.made_on)}由{APP_TITLE} {case.version} 生成的测算"
    if case.version == app_version():
        return made
    return f"{made}；数字按本程序（{app_version()}）的政策参数重新计算"
