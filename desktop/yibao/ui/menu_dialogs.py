"""The dialogs the menus open: 历史记录, 扫码调取, 设置, 本地录入参数, the fund, help and about. What a dialog changes goes back
to the presenter (a reopened case, other local figures) or to the settings; each dialog's module loads when opened."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from yibao.state.settings import Settings
    from yibao.ui.dialogs.messages import Kind
    from yibao.ui.output import Output
    from yibao.ui.presenter import Presenter


class MenuDialogs:
    """Opened over ``window``; ``cities`` are the (code, name) pairs the person panel offers."""

    def __init__(self, window: QMainWindow, presenter: Presenter, settings: Settings, cities: list[tuple[str, str]],
                 output: Output) -> None:
        self.window, self.presenter, self.settings, self.cities, self.output = window, presenter, settings, cities, output

    def may_discard(self) -> bool:
        """Before another case replaces the one on screen (新建, 历史记录, 扫码调取) or the window closes: an edited case
        not yet saved is kept unless the clerk says otherwise."""
        if not self.presenter.unsaved:
            return True
        from yibao.ui.dialogs.messages import ask_discard

        return ask_discard(self.window)

    def open_history(self) -> None:
        """历史记录 (Ctrl+H): the chosen entry reopens its case (an edited case not yet saved is kept unless the clerk
        says otherwise)."""
        session = self.presenter.session
        if session is None or session.history is None:
            return
        from yibao.rules import InputError
        from yibao.ui.dialogs.history import HistoryDialog

        dialog = HistoryDialog(session.history, self.window)
        if _run(dialog) and dialog.chosen is not None:
            try:
                request = session.reopen(dialog.chosen)
            except InputError as exc:
                self._notify("warning", "历史记录", f"这条记录无法重新打开（{exc}）")
                return
            if not self.may_discard():
                return
            self.presenter.load(request, request.city, request.on)
            self.window.statusBar().showMessage(f"已打开 {dialog.chosen.saved_at:%Y-%m-%d %H:%M} 的测算", 4000)

    def scan_case(self) -> None:
        """扫码调取 (Ctrl+L): a case code scanned, pasted or read from a picture of the sheet reopens its case (an
        edited case not yet saved is kept unless the clerk says otherwise)."""
        from yibao.ui.dialogs.scan import ScanDialog, scan_note

        dialog = ScanDialog(self.window)
        if not _run(dialog) or dialog.decoded is None or not self.may_discard():
            return
        request = dialog.decoded.request
        self.presenter.load(request, request.city, request.on)
        self.window.statusBar().showMessage(scan_note(dialog.decoded))  # stays until the next message

    def open_settings(self) -> None:
        from yibao.state.settings import save_settings
        from yibao.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.settings, self.cities, self.window)
        if _run(dialog):
            dialog.apply_to(self.settings)
            try:
                save_settings(self.settings)
            except OSError as exc:
                from yibao.wording import describe_os_error

                self._notify("warning", "无法保存", f"设置未能保存（{describe_os_error(exc)}），本次运行中仍然有效")
            from yibao.ui.qt_setup import apply_font

            apply_font(self.settings)

    def open_local_figures(self, start: Literal["import", "export", "missing"] | None = None) -> None:
        """The 本地录入参数 dialog; ``start`` opens it with a pack import (saved at once) or export, or (the notes' link)
        on the parameters the case's result lacks. Edits are saved, with what others saved meanwhile, by 确定."""
        session = self.presenter.session
        if session is None:
            return
        from yibao.ui.dialogs.local_figures import LocalFiguresDialog

        result = self.presenter.result if start == "missing" else None
        city, on, missing = ((result.city, result.on, [m.parameter for m in result.missing]) if result is not None
                             else (self.presenter.values["city"], self.presenter.rules_date, []))
        dialog = LocalFiguresDialog(session.policy, session.local, city, on, self.window, missing)
        if start == "import":
            dialog.import_pack()
        elif start == "export":
            dialog.export_pack()
        saved = dialog.figures() if _run(dialog) else dialog.imported()  # an import is kept even after 取消
        if saved is not None:
            session.local = saved
            self.presenter.figures_changed()

    def open_fund(self) -> None:
        session = self.presenter.session
        if session is None:
            return
        from yibao.ui.dialogs.fund import FundDialog

        city = self.presenter.values["city"]
        _run(FundDialog(city, session.city_name(city), self.presenter.rules_date, session.compute, self.window,
                        self.output.sheet_header()))

    def show_help(self) -> None:
        from yibao.ui.dialogs.help import show_help

        show_help(self.window)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from yibao.version import APP_TITLE, app_version, figures_text

        QMessageBox.about(self.window, "关于", f"{APP_TITLE} {app_version()}\n{figures_text()}\n\n"
                          "依据山东省及烟台、济南、济宁的医保政策文件逐项测算。\n测算结果仅供参考，以医保经办机构实际结算为准。")

    def _notify(self, kind: Kind, title: str, text: str) -> None:
        from yibao.ui.dialogs.messages import notify

        notify(self.window, kind, title, text)


def _run(dialog: Any) -> int:
    from yibao.ui.dialogs.common import run_dialog

    return int(run_dialog(dialog))
