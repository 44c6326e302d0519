"""Start the window: Qt, the bundled font and the settings first; the rules core after the first paint.

Environment switches (for the benchmark and the frozen smoke test):
``YIBAO_EXIT_AFTER_FIRST_PAINT=1`` prints ``yibao-first-paint <time.time()>`` at the first paint and exits;
``YIBAO_SMOKE=1`` loads the rules core, computes the default case, saves its sheet as a PNG picture and reads the
case back from the picture's QR code, prints ``yibao-smoke-ok …`` and exits.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from yibao.fonts import install_fonts
from yibao.resources import resource_path
from yibao.state.settings import load_settings
from yibao.ui.cities import city_names
from yibao.ui.main_window import MainWindow
from yibao.ui.qt_setup import apply_font, install_qt_translation


class FirstPaint(QObject):
    """Calls back once, at the window's first Paint event (a zero timer after show() fires before it)."""

    def __init__(self, callback: object) -> None:
        super().__init__()
        self._callback = callback
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, self._callback)  # type: ignore[call-overload]
        return False


def unexpected_error_hook(window: MainWindow | None) -> Callable[[type[BaseException], BaseException,
                                                                    TracebackType | None], None]:
    """``sys.excepthook``: unexpected errors are logged and shown; the window stays open, nothing saved is lost.

    The log file itself is set up after the first paint (``logging.handlers`` costs start-up time).
    """

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from yibao.state.logs import log_exception, setup_logging

        log_path = setup_logging()
        log_exception(kind, exc, tb)
        if os.environ.get("YIBAO_SMOKE"):
            traceback.print_exception(kind, exc, tb)
            os._exit(1)
        from yibao.ui.dialogs.messages import notify

        notify(window, "critical", "意外错误", f"发生了一个意外错误，已记录在日志中：\n{log_path}\n\n{kind.__name__}: {exc}\n\n"
                                           "已保存的设置和历史记录不受影响。")

    return hook


def _set_icon(app: QApplication) -> None:
    """After the first paint: QIcon and its image plugin cost start-up time."""
    from PySide6.QtGui import QIcon

    icon = resource_path("icons", "yibao.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def run() -> int:
    started = time.time()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("yibao")
    app.setApplicationDisplayName("山东职工医保测算")
    settings, settings_message = load_settings()
    apply_font(settings)
    window = MainWindow(settings, city_names())
    sys.excepthook = unexpected_error_hook(window)

    def after_first_paint() -> None:
        if os.environ.get("YIBAO_EXIT_AFTER_FIRST_PAINT"):
            print(f"yibao-first-paint {time.time():.6f}", flush=True)
            app.quit()
            return
        from yibao.state.logs import log_started, setup_logging

        setup_logging()
        log_started()
        install_qt_translation(app)  # Qt's own dialogs only open after this
        install_fonts()
        _set_icon(app)
        window.start_core()
        if settings_message:
            from yibao.ui.dialogs.messages import notify

            notify(window, "warning", "设置文件", settings_message)
        if os.environ.get("YIBAO_SMOKE"):
            _smoke_report(window, started)
            app.quit()

    first_paint = FirstPaint(after_first_paint)
    window.installEventFilter(first_paint)
    window.show()
    return app.exec()


def _smoke_report(window: MainWindow, started: float) -> None:
    window.contribution_tab.base.setText("6000")
    result = window.result
    if result is None or result.contribution is None:
        print(f"yibao-smoke-failed {window.input_error()}", file=sys.stderr, flush=True)
        os._exit(1)
    scanned = _scan_saved_sheet(window)
    if scanned != window.presenter.request:
        print(f"yibao-smoke-failed 扫码调取 read another case: {scanned}", file=sys.stderr, flush=True)
        os._exit(1)
    print(f"yibao-smoke-ok {result.city_name} 单位月缴 {result.contribution.employer_monthly} 扫码调取 PNG "
          f"({time.time() - started:.2f}s)", flush=True)


def _scan_saved_sheet(window: MainWindow) -> object:
    """The sheet written as a PNG picture (as 文件 › 另存为图片 does, not recorded in the history) and its QR code read
    back (扫码调取 from a picture): the case it holds."""
    from yibao import sheet
    from yibao.casecode import decode_case
    from yibao.state.paths import data_dir
    from yibao.ui.dialogs.scan import code_in_picture

    picture = data_dir() / "smoke-sheet.png"
    case = window.output.sheet_case()
    assert case is not None
    sheet.save_png(str(picture), *case, window.output.sheet_header(), window.printed_comparison())
    return decode_case(code_in_picture(picture)).request
