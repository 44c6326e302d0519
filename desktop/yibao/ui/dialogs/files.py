"""Choosing a file to save or open: Qt's own dialog, entirely in Chinese, starting in the documents folder.

The desktop's native dialog would follow the desktop's language (often English on a service-hall PC) and
open wherever the program was started; Qt's own one is the same on every machine.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QTreeView, QWidget

from yibao.ui.dialogs.common import open_size, run_dialog

LABELS = {
    QFileDialog.DialogLabel.LookIn: "查找范围：",
    QFileDialog.DialogLabel.FileName: "文件名(&N)：",
    QFileDialog.DialogLabel.FileType: "文件类型(&T)：",
    QFileDialog.DialogLabel.Reject: "取消",
}


def documents_folder() -> Path:
    """The user's documents folder (文档), or the home folder where there is none."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def file_dialog(parent: QWidget | None, title: str, pattern: str, *, save_as: str | None = None) -> QFileDialog:
    """The dialog, set up but not shown: ``save_as`` names the suggested file (else it opens a file)."""
    from yibao.ui.qt_setup import install_qt_translation

    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_qt_translation(app)  # the views' column names and tooltips (it is loaded once)
    dialog = QFileDialog(parent, title, str(documents_folder()), pattern)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    for label, text in LABELS.items():
        dialog.setLabelText(label, text)
    if save_as is not None:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "保存")
        dialog.setDefaultSuffix(Path(save_as).suffix.lstrip("."))
        dialog.selectFile(save_as)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "打开")
    open_size(dialog, 860, 520)
    for view in dialog.findChildren(QTreeView):  # the detail view: the name takes the room, the date is never cut
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return dialog


def ask_save_path(parent: QWidget | None, title: str, name: str, pattern: str) -> str | None:
    """Where to save ``name`` (the clerk may change it); None when cancelled."""
    dialog = file_dialog(parent, title, pattern, save_as=name)
    chosen = dialog.selectedFiles() if run_dialog(dialog) else []
    return chosen[0] if chosen else None


def ask_open_path(parent: QWidget | None, title: str, pattern: str) -> str | None:
    dialog = file_dialog(parent, title, pattern)
    chosen = dialog.selectedFiles() if run_dialog(dialog) else []
    return chosen[0] if chosen else None
