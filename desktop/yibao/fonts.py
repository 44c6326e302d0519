"""The bundled Chinese font (a subset of Noto Sans CJK SC): loaded once, used by the window and the sheet.

A machine with no Chinese font would otherwise print boxes, and Debian's Noto CJK writes Kangxi
radicals (⽤ ⾦) into a PDF's text layer; the bundled subset has neither problem.
"""

from __future__ import annotations

from yibao.resources import resource_path

FAMILY = "Yibao Sans SC"
FILES = ("YibaoSansSC-Regular.otf", "YibaoSansSC-Bold.otf")

_loaded: set[str] = set()


def install_fonts(*, bold: bool = True) -> str:
    """Register the bundled font files with Qt (each once per process) and return their family name.

    ``bold=False`` loads the regular weight only: the window does that before its first paint and the
    bold weight just after (each file takes a few milliseconds). Needs a QGuiApplication. When a file is
    missing or unreadable the family name is still returned; Qt then falls back to what the system has.
    """
    from PySide6.QtGui import QFontDatabase

    for name in FILES if bold else FILES[:1]:
        if name not in _loaded:
            _loaded.add(name)
            QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
    return FAMILY
