"""The 政策依据 tab: real figures read back from the widgets, the filter and the two-date comparison."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from window_helpers import not_none

from yibao.rules import LocalFigure, Policy, bundled_policy
from yibao.ui.tabs.policy import COLUMNS, NO_CHANGES, PolicyTab


@pytest.fixture(scope="module")
def policy() -> Policy:
    return bundled_policy()


@pytest.fixture
def tab(qtbot: QtBot, policy: Policy) -> PolicyTab:
    widget = PolicyTab()
    qtbot.addWidget(widget)
    widget.set_context(policy, "yantai", date(2024, 6, 1), [])
    return widget


def type_chinese(widget: QWidget, text: str) -> None:
    """What an input method does (QTest.keyClicks only types ASCII): commit the text to the focused field."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def by_label(rows: list[tuple[str, ...]]) -> dict[str, dict[str, str]]:
    return {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows}


def test_yantai_outpatient_deductible_row(tab: PolicyTab, policy: Policy) -> None:
    rows = by_label(tab.visible_rows())
    assert len(rows) == len(policy.catalogue)
    row = rows["普通门诊统筹起付标准（年度）"]
    assert row["数值"] == "一级及以下 200元；二级 400元；三级 600元"
    assert (row["状态"], row["依据"], row["施行期间"]) == ("施行中", "109号 二(三)1", "2024-01-01起")
    assert "109号＝烟政字〔2023〕109号《烟台市落实职工基本医疗保险省级统筹工作的实施方案》" in tab.documents.text()
    absent = rows["住院统筹基金支付比例"]
    assert (absent["数值"], absent["状态"], absent["依据"]) == ("文件未规定", "文件未规定", "")
    assert not_none(tab.table.item(0, 0)).text() == "缴费"  # a group heading first


def test_not_stated_rows_grey_italic(tab: PolicyTab) -> None:
    table = tab.table
    for r in range(table.rowCount()):
        item = table.item(r, 2)
        if item is not None and item.text().replace("\n", "") == "文件未规定":
            assert not_none(table.item(r, 0)).font().italic()
            assert not_none(table.item(r, 0)).foreground().color().name() == "#707070"
            break
    else:
        pytest.fail("no 文件未规定 row")


def test_filter_narrows_to_outpatient(tab: PolicyTab, qtbot: QtBot) -> None:
    type_chinese(tab.filter_edit, "门诊")
    labels = [row[0] for row in tab.visible_rows()]
    assert labels == [
        "普通门诊统筹起付标准（年度）",
        "普通门诊统筹在职职工支付比例",
        "普通门诊统筹退休人员支付比例提高",
        "普通门诊统筹年度最高支付限额",
        "普通门诊统筹基金年度最高支付限额",
        "普通门诊超统筹限额部分大额补助年度最高支付额",
    ]
    assert tab.visible_groups() == ["门诊"]
    tab.filter_edit.clear()
    assert len(tab.visible_rows()) > 40


def test_filter_by_clause_and_keeps_across_refresh(tab: PolicyTab, policy: Policy) -> None:
    tab.filter_edit.setText("二(三)2")
    assert [row[0] for row in tab.visible_rows()] == ["住院起付标准（第一次住院）", "住院起付标准按本年度住院次数调整"]
    tab.set_context(policy, "yantai", date(2024, 7, 1), [])
    assert len(tab.visible_rows()) == 2


def test_default_dates_open_on_the_last_change(tab: PolicyTab) -> None:
    """Yantai 2024-06-01: the comparison opens on 2023-12-31 → 2024-01-01, when 烟政字〔2023〕109号 took effect."""
    assert tab.first_date.date() == date(2023, 12, 31)
    assert tab.second_date.date() == date(2024, 1, 1)
    assert tab.first_date.edit.text() == "2023-12-31"  # written yyyy-MM-dd
    assert "普通门诊统筹起付标准（年度）" in by_label_changes(tab.change_rows())
    assert tab.no_changes.isHidden() and not tab.changes.isHidden()


def test_no_changes_between_two_quiet_days(tab: PolicyTab) -> None:
    tab.first_date.set_date(date(2024, 5, 31))
    tab.second_date.set_date(date(2024, 6, 1))
    assert tab.change_rows() == []
    assert tab.no_changes.text() == NO_CHANGES
    assert not tab.no_changes.isHidden() and tab.changes.isHidden()


def test_changes_on_2024_01_01(tab: PolicyTab) -> None:
    tab.first_date.set_date(date(2023, 12, 31))
    tab.second_date.set_date(date(2024, 1, 1))
    rows = by_label_changes(tab.change_rows())
    assert rows["普通门诊统筹起付标准（年度）"] == (
        "一级及以下 500元；二级 800元；三级 800元", "一级及以下 200元；二级 400元；三级 600元",
        "109号 二(三)1", "109号 二(三)1")
    assert rows["普通门诊统筹在职职工支付比例"][:2] == (
        "一级及以下 75%；二级 65%；三级 55%", "一级及以下 80%；二级 70%；三级 60%")
    assert rows["普通门诊统筹年度最高支付限额"][:2] == ("在职 2300元；退休 2300元", "在职 5000元；退休 6000元")
    assert tab.no_changes.isHidden() and not tab.changes.isHidden()


def by_label_changes(rows: list[tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {row[0]: row[1:] for row in rows}


def test_new_context_date_resets_the_comparison(tab: PolicyTab, policy: Policy) -> None:
    tab.set_context(policy, "jining", date(2024, 1, 1), [])
    change = by_label_changes(tab.change_rows())["机关事业单位缴费比例"]
    assert change[:2] == ("7.4%", "7.3%")
    assert change[3] == "184号 三(二)"  # by short number, as the table above cites it


def test_local_figure_marked(tab: PolicyTab, policy: Policy) -> None:
    shares = {f"{t}/{s}": Decimal(r) for t, r in (("1", "0.9"), ("2", "0.85"), ("3", "0.8")) for s in ("in_service", "retired")}
    figure = LocalFigure("inpatient.share", "yantai", date(2024, 1, 1), None, shares)
    tab.set_context(policy, "yantai", date(2024, 6, 1), [figure])
    row = by_label(tab.visible_rows())["住院统筹基金支付比例"]
    assert row["数值"] == ("一级及以下·在职 90%；一级及以下·退休 90%；二级·在职 85%；二级·退休 85%；"
                          "三级·在职 80%；三级·退休 80%（本地录入）")
    assert (row["状态"], row["依据"]) == ("本地录入", "本地录入")
