"""Visits pasted from a spreadsheet (Ctrl+V on the table) or imported from a CSV or XLSX file after a preview (issue 23):
task 1's year, worked by hand in tests/helpers/visit_rows_helpers.py (烟政字〔2023〕109号 二(三)1)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from visit_rows_helpers import FUND_AND_SUPPLEMENT, PERSON, TASK_ONE_LIST, TASK_ONE_ROWS, tsv
from window_helpers import add_visit, not_none, open_window, set_case

from yibao.ui.dialogs import visits_import
from yibao.ui.dialogs.visits_import import VisitsPreview
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_VISITS
from yibao.ui.tabs.visits import FIRST_INPUT, KIND_COLUMN, TIER_COLUMN


def task_one_window(qtbot: QtBot) -> MainWindow:
    window = open_window(qtbot)
    set_case(window, retired=True, age=72)
    window.tabs.setCurrentIndex(TAB_VISITS)
    qtbot.waitUntil(window.visits_tab.table.isVisible)  # a hidden table's Ctrl+V is no shortcut
    return window


def paste(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """The text on the clipboard, then Ctrl+V with the table focused, as a clerk pastes."""
    QApplication.clipboard().setText(text)
    table = window.visits_tab.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def year(window: MainWindow) -> tuple[Decimal, Decimal]:
    """Fund and 大额 together, and the person's part; the headline says them."""
    assert window.presenter.problem is None and window.result is not None
    totals = window.result.year_totals
    assert totals is not None and totals.fund_pays is not None and totals.supplement_pays is not None
    assert totals.person_pays is not None
    assert window.tab_pages.headlines[TAB_VISITS].text.text() == (
        "本年3次就医，费用共 ¥5,300.00：统筹基金和大额补助共支付 ¥3,055.00，您个人负担 ¥2,245.00（实际报销 57.64%）。")
    return totals.fund_pays + totals.supplement_pays, totals.person_pays


def test_109号_二三1_three_rows_pasted_from_a_spreadsheet_give_task_ones_year(qtbot: QtBot) -> None:
    window = task_one_window(qtbot)
    paste(qtbot, window, tsv(TASK_ONE_ROWS))
    tab = window.visits_tab
    assert [(v.kind, v.tier, v.in_scope) for v in window.presenter.visits] == [
        ("outpatient", 3, "1200.00"), ("outpatient", 3, "1800.00"), ("outpatient", 3, "2300.00")]
    assert [tab.cell_text(row, TIER_COLUMN) for row in range(3)] == ["三级"] * 3
    assert year(window) == (FUND_AND_SUPPLEMENT, PERSON)
    assert window.statusBar().currentMessage() == "已添加3条就诊记录"
    assert tab.selected_index() == 0 and tab.table.hasFocus()


def test_109号_二三1_rows_pasted_after_a_visit_typed_in_continue_its_year(qtbot: QtBot, warnings: list[str]) -> None:
    window = task_one_window(qtbot)
    add_visit(window, "outpatient", 3, "1200")
    paste(qtbot, window, tsv(TASK_ONE_LIST[2:]).replace("\r\n", "\n"))  # a header-less paste of two list rows
    assert len(window.presenter.visits) == 1  # the list's rows have seven columns: refused without its header
    assert warnings[0].endswith("第1行有7列：没有表头时按 就诊类别、医院等级、政策范围内、政策范围外、先行自付 的顺序读，"
                                "最多5列（或在第一行写上表头）")
    paste(qtbot, window, tsv([TASK_ONE_LIST[0], *TASK_ONE_LIST[2:]]))
    assert [v.in_scope for v in window.presenter.visits] == ["1200", "1800.00", "2300.00"]
    assert year(window) == (FUND_AND_SUPPLEMENT, PERSON)


def test_a_bad_cell_is_named_and_nothing_is_added(qtbot: QtBot, warnings: list[str]) -> None:
    window = task_one_window(qtbot)
    add_visit(window, "outpatient", 3, "1200")
    before = list(window.presenter.visits)
    paste(qtbot, window, tsv([["门诊", "三级", "1800"], ["门诊", "三甲", "2,3OO"]]))
    assert warnings == ["无法粘贴，没有添加任何就诊记录。\n第2行第3列（政策范围内）：“2,3OO”不是数字金额"]
    assert window.presenter.visits == before
    assert window.visits_tab.model.rowCount() == 1


def test_one_value_pasted_goes_into_the_current_cell(qtbot: QtBot, warnings: list[str]) -> None:
    window = task_one_window(qtbot)
    add_visit(window, "outpatient", 1, "1200")
    tab = window.visits_tab
    tab.select(0, FIRST_INPUT)
    paste(qtbot, window, "1,500.00\r\n")
    tab.select(0, TIER_COLUMN)
    paste(qtbot, window, "三甲")
    tab.select(0, KIND_COLUMN)
    paste(qtbot, window, "急诊")
    assert window.presenter.visits[0].in_scope == "1,500.00"
    assert window.presenter.visits[0].tier == 3
    assert warnings == ["无法粘贴，没有添加任何就诊记录。\n就诊类别：“急诊”不是就诊类别（可写 门诊 或 住院）"]


# ------------------------------------------------------------ 导入就诊记录


def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "结算清单.csv"
    text = "".join(",".join(f'"{cell}"' if "," in cell else cell for cell in row) + "\r\n" for row in TASK_ONE_LIST)
    path.write_bytes(text.encode("gb18030"))  # Excel's CSV on a Chinese Windows
    return path


def xlsx_file(tmp_path: Path) -> Path:
    path = tmp_path / "结算清单.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in TASK_ONE_LIST:
        sheet.append([float(cell.replace(",", "")) if cell[:1].isdigit() and "-" not in cell else cell for cell in row])
    book.save(path)
    return path


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[list[list[str]]]:
    """The preview's rows as shown, each time it opens; the clerk presses 添加."""
    shown: list[list[list[str]]] = []

    def look(dialog: VisitsPreview) -> int:
        table = dialog.table
        shown.append([[not_none(table.item(r, c)).text() for c in range(table.columnCount())] for r in range(table.rowCount())])
        return 1

    monkeypatch.setattr(VisitsPreview, "exec", look)
    return shown


@pytest.mark.parametrize("make", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_109号_二三1_a_settlement_list_imported_after_its_preview_gives_task_ones_year(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, previews: list[list[list[str]]], make: object) -> None:
    assert callable(make)
    path = make(tmp_path)
    monkeypatch.setattr(visits_import, "ask_open_path", lambda *_a: str(path))
    window = task_one_window(qtbot)
    window.visits_tab.import_file()
    assert previews == [[["普通门诊", "三级", "1,200.00", "0.00", "0.00"], ["普通门诊", "三级", "1,800.00", "0.00", "0.00"],
                         ["普通门诊", "三级", "2,300.00", "0.00", "0.00"]]]
    assert year(window) == (FUND_AND_SUPPLEMENT, PERSON)


def test_an_import_cancelled_in_its_preview_adds_nothing(qtbot: QtBot, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = csv_file(tmp_path)
    monkeypatch.setattr(visits_import, "ask_open_path", lambda *_a: str(path))
    monkeypatch.setattr(VisitsPreview, "exec", lambda _self: 0)
    window = task_one_window(qtbot)
    window.visits_tab.import_file()
    assert window.presenter.visits == []


def test_a_bad_file_is_refused_naming_row_and_column(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     warnings: list[str], previews: list[list[list[str]]]) -> None:
    path = tmp_path / "visits.csv"
    path.write_text("类别,级别,范围内\n门诊,3,1200\n住院,四级,800\n", encoding="utf-8")
    monkeypatch.setattr(visits_import, "ask_open_path", lambda *_a: str(path))
    window = task_one_window(qtbot)
    window.visits_tab.import_file()
    assert warnings == ["无法导入“visits.csv”，没有添加任何就诊记录。\n第3行第2列（医院等级）：“四级”不是医院等级"
                        "（可写 1、2、3，一级、二级、三级，或三甲、二乙这样的写法）"]
    assert previews == [] and window.presenter.visits == []


def test_the_file_menu_imports_and_pastes_visits(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 previews: list[list[list[str]]]) -> None:
    """文件 › 导入就诊记录 and 粘贴就诊记录 open 就医报销 and do what the table's Ctrl+V does; the menu shows Ctrl+V."""
    path = csv_file(tmp_path)
    monkeypatch.setattr(visits_import, "ask_open_path", lambda *_a: str(path))
    window = open_window(qtbot)
    set_case(window, retired=True, age=72)
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    actions = {action.text(): action for action in menu.actions()}
    actions["导入就诊记录(&R)…"].trigger()
    assert window.tabs.currentIndex() == TAB_VISITS and len(previews) == 1
    QApplication.clipboard().setText(tsv(TASK_ONE_ROWS))
    actions["粘贴就诊记录(&E)"].trigger()
    assert len(window.presenter.visits) == 6
    assert actions["粘贴就诊记录(&E)"].shortcut().toString() == "Ctrl+V"
