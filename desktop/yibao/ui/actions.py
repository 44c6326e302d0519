"""The window's menus, toolbar and keyboard, declared in one place.

Each menu item names the window's method it calls (a dotted path such as ``output.print_sheet``), or a tab's: the
tab is opened first (built if it never was). Menus and
toolbar are built with the window; their key sequences once it is on screen (``QKeySequence`` loads Qt's key
enums, ~80 ms, which the first paint does not wait for).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from operator import attrgetter
from typing import Any, NamedTuple

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget, QWidget

from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_CONTRIBUTION, TAB_RETIREMENT, TAB_VISITS


class Item(NamedTuple):
    """A menu entry: its text, the method it calls (given ``args``), its key, and whether the toolbar has it."""

    text: str
    slot: str
    key: str | None = None  # a QKeySequence.StandardKey name ("Save") or a sequence ("Ctrl+H")
    tool: bool = False
    args: tuple[str, ...] = ()
    key_shown_only: bool = False  # the key is said here but acts in the widget that owns it (the visits table's Ctrl+V)
    tab: int | None = None  # the slot is this tab's, not the window's


SEPARATOR = None
# The menus in order; "设置(&T)/本地录入参数(&L)" is a submenu of 设置, placed after the items listed before it.
MENUS: dict[str, tuple[Item | None, ...]] = {
    "文件(&F)": (
        Item("新建测算(&N)", "new_case", "New", tool=True),
        Item("保存到历史记录(&S)", "output.save_case", "Save", tool=True),
        Item("历史记录(&H)…", "dialogs.open_history", "Ctrl+H", tool=True),
        Item("扫码调取(&L)…", "dialogs.scan_case", "Ctrl+L"),
        SEPARATOR,
        Item("导入就诊记录(&R)…", "import_file", tab=TAB_VISITS),
        Item("粘贴就诊记录(&E)", "paste", "Paste", key_shown_only=True, tab=TAB_VISITS),
        SEPARATOR,
        Item("打印(&P)…", "output.print_sheet", "Print", tool=True),
        Item("打印预览(&V)…", "output.preview_sheet", "Ctrl+Shift+P", tool=True),
        Item("另存为 PDF(&D)…", "output.save_pdf", "Ctrl+Shift+S", tool=True),
        Item("另存为图片 PNG(&G)…", "output.save_png"),
        Item("复制文字结果(&C)", "output.copy_text", "Ctrl+Shift+C", tool=True),
        SEPARATOR,
        Item("退出(&X)", "close", "Quit"),
    ),
    "设置(&T)": (Item("设置(&S)…", "dialogs.open_settings"),),
    "设置(&T)/本地录入参数(&L)": (
        Item("查看和编辑(&E)…", "dialogs.open_local_figures"),
        Item("导入数据包(&I)…", "dialogs.open_local_figures", args=("import",)),
        Item("导出数据包(&O)…", "dialogs.open_local_figures", args=("export",)),
    ),
    "基金管理(&M)": (Item("省级统筹调剂金测算(&A)…", "dialogs.open_fund"),),
    "帮助(&H)": (
        Item("使用说明(&H)", "dialogs.show_help", "HelpContents"),
        Item("关于(&A)", "dialogs.show_about"),
    ),
}
# The Alt+letter of every field and button on the tabs (each label says it too, and a test checks they agree):
# pressed while another tab shows, it opens the tab (building it if never opened) and goes to the field.
FIELD_KEYS = {
    "B": (TAB_CONTRIBUTION, "base"), "G": (TAB_CONTRIBUTION, "option"), "Y": (TAB_CONTRIBUTION, "first_month"),
    "O": (TAB_VISITS, "add_outpatient"), "I": (TAB_VISITS, "add_inpatient"), "K": (TAB_VISITS, "remove"),
    "U": (TAB_VISITS, "up"), "W": (TAB_VISITS, "down"),
    "P": (TAB_RETIREMENT, "paid"), "V": (TAB_RETIREMENT, "deemed"), "L": (TAB_RETIREMENT, "last_base"),
    "J": (TAB_RETIREMENT, "pension"), "N": (TAB_RETIREMENT, "minimum_base"),
    "Q": (TAB_BEFORE_AFTER, "first_date"), "Z": (TAB_BEFORE_AFTER, "second_date"),
}


class Actions:
    """The menus and toolbar of ``window`` (built now) and its keys (``set_keys``, after the first paint).

    ``tab(index)`` gives the tab at ``index``, built if it never was (None while it cannot be).
    """

    def __init__(self, window: QMainWindow, tabs: QTabWidget, tab: Callable[[int], object | None]) -> None:
        self.window, self.tabs, self._tab = window, tabs, tab
        self._keys: list[tuple[QAction, Item]] = []
        self._field_keys: dict[str, Any] = {}  # letter: QShortcut
        self._build_menus()

    def _build_menus(self) -> None:
        toolbar = self.window.addToolBar("常用")
        toolbar.setObjectName("toolbar")
        menus: dict[str, QMenu] = {}
        for path, items in MENUS.items():
            parent, _, title = path.rpartition("/")
            menu = menus[parent].addMenu(title) if parent else self.window.menuBar().addMenu(title)
            menus[path] = menu
            for item in items:
                if item is None:
                    menu.addSeparator()
                    continue
                action = QAction(self.window)  # QAction(text, parent) would make QIcon's enums, ~2 ms
                action.setText(item.text)
                if item.tab is not None:
                    action.triggered.connect(lambda _checked=False, item=item: self.on_tab(item.tab, item.slot))
                else:
                    slot = attrgetter(item.slot)(self.window)
                    action.triggered.connect(partial(slot, *item.args) if item.args else slot)
                if item.key is not None:
                    self._keys.append((action, item))
                menu.addAction(action)
                if item.tool:
                    toolbar.addAction(action)

    def set_keys(self) -> None:
        """The menus' keys; Ctrl+1…Ctrl+6 and Ctrl+PgUp/PgDn switch tabs; a field's Alt+letter on another tab."""
        from PySide6.QtCore import Qt  # the Qt namespace costs ~45 ms: never before the first paint
        from PySide6.QtGui import QKeySequence, QShortcut

        for action, item in self._keys:
            assert item.key is not None
            standard = getattr(QKeySequence.StandardKey, item.key, None)
            action.setShortcut(QKeySequence(standard) if standard is not None else QKeySequence(item.key))
            if item.key_shown_only:  # a field's own Ctrl+V still pastes text
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._keys = []
        tabs = self.tabs

        def step(by: int) -> None:
            tabs.setCurrentIndex((tabs.currentIndex() + by) % tabs.count())

        for index in range(tabs.count()):
            QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self.window).activated.connect(
                lambda index=index: tabs.setCurrentIndex(index))
        QShortcut(QKeySequence("Ctrl+PgDown"), self.window).activated.connect(lambda: step(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self.window).activated.connect(lambda: step(-1))
        for letter, (index, name) in FIELD_KEYS.items():
            shortcut = QShortcut(QKeySequence(f"Alt+{letter}"), self.window)
            shortcut.activated.connect(lambda index=index, name=name: self.go_to_field(index, name))
            self._field_keys[letter] = shortcut
        self._enable_field_keys(tabs.currentIndex())
        tabs.currentChanged.connect(self._enable_field_keys)

    def _enable_field_keys(self, current: int) -> None:
        """On the tab that shows, its labels' own Alt+letters act (two shortcuts for one key would cancel out)."""
        for letter, shortcut in self._field_keys.items():
            shortcut.setEnabled(FIELD_KEYS[letter][0] != current)

    def on_tab(self, index: int | None, name: str) -> None:
        """Open tab ``index`` and call its method ``name`` (导入就诊记录 and 粘贴就诊记录 on 就医报销)."""
        assert index is not None
        self.tabs.setCurrentIndex(index)
        getattr(self._tab(index), name)()

    def go_to_field(self, index: int, name: str) -> None:
        """Open tab ``index`` and do what its Alt+letter does there: a button is pressed, a field takes the focus."""
        from PySide6.QtWidgets import QAbstractButton, QLineEdit

        self.tabs.setCurrentIndex(index)
        tab = self._tab(index)
        widget = getattr(tab, name, None) if tab is not None else None
        if isinstance(widget, QAbstractButton):
            widget.click()  # at once, as on its own tab (PromptButton): what is typed next goes where it leads
        elif isinstance(widget, QWidget):
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
