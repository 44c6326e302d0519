"""The bundled Chinese font (a subset of Noto Sans CJK SC): loaded once, used by the window and the sheet.

A machine with no Chinese font would otherwise print boxes, and Debian's Noto CJK writes Kangxi
radicals (⽤ ⾦) into a PDF's text layer; the bundled subset has neither problem.
"""

from __future__ import annotations

from yibao.resources import resource_path

FAMILY = "Yibao Sans SC"
FILES = ("YibaoSansSC-Regular.otf", "YibaoSansSC-Bold.otf")

_family: str | None = None


def install_fonts() -> str:
    """Register the bundled font files with Qt (once per process) and return their family name.

    Needs a QGuiApplication. When a file is missing or unreadable the family name is still
    returned, so callers can ask for it; Qt then falls back to whatever the system has.
    """
    global _family
    if _family is not None:
        return _family
    from PySide6.QtGui import QFontDatabase

    family = FAMILY
    for name in FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id >= 0:
            families = QFontDatabase.applicationFontFamilies(font_id)
            if families:
                family = families[0]
    _family = family
    return family
