"""The answer at the top of a tab: its headline sentence in large type, with a symbol and a word for a yes/no verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

if TYPE_CHECKING:
    from yibao.headline import Headline

TEXT_SCALE = 1.25  # relative to the window's font (大字模式 and the font size setting reach it through FontChange)
MARK_SCALE = 1.6
BOX_BACKGROUND = "#f4f7fb"  # a palette, not a style sheet: a style sheet would stop the application font reaching the box
# The verdict is said by the symbol and the word; the colour only repeats it.
MARK_STYLES = {True: "color: #1a6b2a;", False: "color: #a00000;", None: "color: #555555;"}
HINT_STYLE = "color: #555555;"


class HeadlineBox(QFrame):
    """One or two sentences that answer the tab's question; selectable, so a clerk can copy them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headline")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(BOX_BACKGROUND))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.mark = QLabel()
        self.mark.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.mark.setVisible(False)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("结论")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.mark)
        layout.addWidget(self.text, 1)
        self._apply_fonts()

    def show_headline(self, headline: Headline | None, hint: str = "") -> None:
        """The headline, or a grey hint saying what to enter when the question has no answer yet."""
        if headline is None:
            self.mark.setVisible(False)
            self.text.setText(hint)
            self.text.setStyleSheet(HINT_STYLE)
            return
        self.text.setText(headline.text)
        self.text.setStyleSheet("")
        self.mark.setVisible(headline.has_verdict)
        if headline.has_verdict:
            self.mark.setText(headline.mark)
            self.mark.setStyleSheet(MARK_STYLES[headline.verdict])

    def sentence(self) -> str:
        """What the box says, mark first (for tests and copying)."""
        mark = self.mark.text() if self.mark.isVisibleTo(self) else ""
        return f"{mark} {self.text.text()}".strip()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
        super().changeEvent(event)

    def _apply_fonts(self) -> None:
        for label, scale in ((self.text, TEXT_SCALE), (self.mark, MARK_SCALE)):
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * scale)
            font.setBold(True)
            label.setFont(font)
