"""The case out of the window: saved to the history, printed, previewed, written as PDF or PNG, copied as text.

The sheet holds the question of the tab on screen: printed from 医院级别对比 or 政策前后对比 it opens with that
tab's comparison (then the visits, or every question the case asks); print, preview and a file the clerk names
first let the clerk tick other questions to add after it. Each way out but the
preview and the copy is recorded in the history as what was done with the case (保存, 打印, PDF, 图片).
Nothing here is imported before the first paint wants it: the sheet and printing load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from yibao.rules import Request, Result
    from yibao.state.settings import Settings
    from yibao.ui.presenter import Presenter


class CaseOnScreen(Protocol):
    """What the output reads of the window: the case, the hall's settings, and what the tab on screen asks."""

    presenter: Presenter
    settings: Settings

    def sheet_question(self) -> str | None:
        """The sheet's question of the tab on screen (None: the tab asks none of its own)."""

    def printed_comparison(self) -> Any:
        """The comparison the tab on screen made, which the sheet leads with: 政策前后对比's two dates, or
        医院级别对比's chosen visit at each tier (``sheet.tiers.TierSheet``); None: the tab makes none."""


class Output:
    """What the File menu does with the case on screen; ``window`` is the dialogs' parent and shows the status."""

    def __init__(self, window: QMainWindow, case: CaseOnScreen) -> None:
        self.window = window
        self.case = case

    def ready(self) -> bool:
        """There are figures for what is typed now; if not, the clerk is told why nothing is output."""
        presenter = self.case.presenter
        if presenter.request is None or presenter.result is None or presenter.problem is not None:
            reason = presenter.problem.message if presenter.problem is not None else "还没有可输出的测算结果。"
            self._notify("information", "无法输出", reason)
            return False
        return True

    def remember(self, kind: str) -> bool:
        """Record the current case in the history (保存, 打印, PDF …); say so if it cannot be saved."""
        presenter = self.case.presenter
        history = self.case.presenter.session.history if self.case.presenter.session is not None else None
        if history is None or presenter.request is None or presenter.result is None:
            return False
        from yibao.state.history import HistoryUnavailable
        from yibao.ui.dialogs.history import case_summary

        request, result = presenter.request, presenter.result
        try:
            history.add(city=result.city, city_name=result.city_name, on=result.on, kind=kind,
                        summary=case_summary(request, result), request_json=request.model_dump_json())
        except HistoryUnavailable as exc:
            self._notify("warning", "历史记录", str(exc))
            return False
        presenter.saved()
        return True

    def save_case(self) -> None:
        if self.ready() and self.remember("保存"):
            self.window.statusBar().showMessage("已保存到历史记录", 4000)

    def sheet_header(self) -> Any:
        from yibao.sheet import SheetHeader

        settings = self.case.settings
        return SheetHeader(settings.hall_name, settings.counter_no)

    def sheet_case(self, *, ask: bool = False) -> tuple[Request, Result] | None:
        """The case as the sheet prints it: the question on screen (the tab and what it needs) by default, the
        comparison alone from 政策前后对比 (one page); with ``ask``, the clerk may tick other questions to add. None
        when the clerk cancels."""
        from yibao.ui.dialogs.sections import asked, choose_sections, limited
        from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_TITLES

        presenter = self.case.presenter
        request, result, session = presenter.request, presenter.result, presenter.session
        assert request is not None and result is not None and session is not None
        available = asked(request)
        on_screen = self.case.sheet_question()
        chosen = [on_screen] if on_screen in available else available
        compared = self.leading_title() == TAB_TITLES[TAB_BEFORE_AFTER]
        if compared:
            chosen = []  # the comparison is the question: each date's arithmetic is its own tab's sheet
        if ask and (len(available) > 1 or not chosen):
            picked = choose_sections(self.window, available, chosen, self.leading_title())
            if picked is None:
                return None
            chosen = picked
        if chosen == available:
            return request, result
        limited_request = limited(request, chosen)
        # the comparison was made of the whole case: its conditions and case code print whole
        return request if compared else limited_request, session.compute(limited_request)

    def leading_title(self) -> str | None:
        """The tab whose comparison opens the sheet whatever else is ticked (None: the sheet opens with the ticked)."""
        from yibao.sheet.tiers import TierSheet
        from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_COMPARE, TAB_TITLES

        comparison = self.case.printed_comparison()
        if comparison is None:
            return None
        return TAB_TITLES[TAB_COMPARE if isinstance(comparison, TierSheet) else TAB_BEFORE_AFTER]

    def print_sheet(self) -> None:
        if self.ready() and (case := self.sheet_case(ask=True)) is not None:
            from yibao.sheet import print_dialog

            try:
                printed = print_dialog(self.window, *case, self.sheet_header(), self.case.printed_comparison())
            except OSError as exc:  # the printer or the file printed to: the message names it and the cause
                self._notify("warning", "无法打印", f"测算单没有打印出来：{exc}")
                return
            if printed:
                self.remember("打印")

    def preview_sheet(self) -> None:
        if self.ready() and (case := self.sheet_case(ask=True)) is not None:
            from yibao.sheet import preview_dialog

            try:
                preview_dialog(self.window, *case, self.sheet_header(), self.case.printed_comparison())
            except OSError as exc:  # printed from the preview to a printer or file that failed
                self._notify("warning", "无法打印", f"测算单没有打印出来：{exc}")

    def save_pdf(self, path: str | bool | None = None) -> None:
        self.export("PDF", path)

    def save_png(self, path: str | bool | None = None) -> None:
        self.export("图片", path)

    def export(self, kind: Literal["PDF", "图片"], path: str | bool | None) -> None:
        """The sheet to a file the clerk names (or ``path``), recorded in the history as ``kind``."""
        if not self.ready():
            return
        from yibao import sheet

        result = self.case.presenter.result
        assert result is not None
        write, suffix, title, pattern = {
            "PDF": (sheet.write_pdf, "pdf", "另存为 PDF", "PDF 文件 (*.pdf)"),
            "图片": (sheet.save_png, "png", "另存为图片", "PNG 图片 (*.png)"),
        }[kind]
        asked_for_file = not isinstance(path, str) or not path  # a menu action passes its "checked" flag
        case = self.sheet_case(ask=asked_for_file)
        if case is None:
            return
        if asked_for_file:
            from yibao.ui.dialogs.files import ask_save_path

            path = ask_save_path(self.window, title, sheet_file_name(result, suffix), pattern)
            if not path:
                return
        try:
            write(str(path), *case, self.sheet_header(), self.case.printed_comparison())
        except OSError as exc:
            self._notify("warning", "无法保存", str(exc))  # names the file and the cause; the old file is kept
            return
        self.remember(kind)
        self.window.statusBar().showMessage(f"已保存 {path}", 6000)

    def copy_text(self) -> None:
        if self.ready():
            from PySide6.QtGui import QGuiApplication

            from yibao.sheet import plain_text

            case = self.sheet_case()
            assert case is not None
            text = plain_text(*case, self.sheet_header(), self.case.printed_comparison())
            QGuiApplication.clipboard().setText(text)
            self.window.statusBar().showMessage("测算结果已复制为文字，可粘贴到微信或短信", 4000)

    def _notify(self, kind: Literal["information", "warning"], title: str, text: str) -> None:
        from yibao.ui.dialogs.messages import notify

        notify(self.window, kind, title, text)


def sheet_file_name(result: Result, suffix: str) -> str:
    """The sheet's file named after the case: 测算单-烟台市-2025-06-01.pdf (the date whose rules apply)."""
    return f"测算单-{result.city_name}-{result.on:%Y-%m-%d}.{suffix}"
