"""A bureau's pack that says its city has no 大额补助 outpatient layer, imported through the window: the year comes
out whole, the 大额 line says 不设此项 and 本地录入, the 政策依据 tab lists it (figures worked by hand in
tests/state/test_absent_layers.py: Weifang, made-up figures from docs/example-figures-pack.json)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pack_helpers import example
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, import_pack_through_the_menu, open_window, set_case

from yibao.ui.pages import TAB_POLICY, TAB_VISITS


def test_an_absent_layer_from_a_pack_completes_the_year_on_screen(qtbot: QtBot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    pack = example()
    pack["documents"] = [d for d in pack["documents"] if d["id"] == "outpatient"]
    pack["figures"] = [f for f in pack["figures"] if f["region"] == "weifang"]
    next(f for f in pack["figures"] if f["parameter"] == "outpatient.supplement_yearly_limit").update(value=None)
    path = tmp_path / "weifang.json"
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    window = open_window(qtbot)
    import_pack_through_the_menu(window, monkeypatch, path)
    set_case(window, city="weifang", on=date(2024, 6, 1), age=35)
    window.tabs.setCurrentIndex(TAB_VISITS)
    add_visit(window, "outpatient", 2, "1500")
    add_visit(window, "outpatient", 3, "4000")
    tab = window.visits_tab
    qtbot.waitUntil(lambda: tab.totals.value("个人负担") == "¥3,500.00")
    assert tab.totals.value("统筹基金支付") == "¥2,000.00"
    assert tab.totals.value("大额医疗费用补助支付") == "¥0.00"
    tab.select(1, 0)
    rows = {row[0]: row for row in tab.lines.row_texts()}
    supplement = rows["大额医疗费用补助支付"]
    assert supplement[1].startswith("0.00") and "本地录入" in supplement[1]
    assert "不设此项" in supplement[2] and "示例医保发〔2024〕2号 三" in supplement[3]
    window.tabs.setCurrentIndex(TAB_POLICY)
    qtbot.waitUntil(lambda: window.policy_tab is not None)
    table = window.policy_tab.table
    texts = [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
             for r in range(table.rowCount())]
    absent = next(row for row in texts if row[0] == "普通门诊超统筹限额部分大额补助年度最高支付额")
    assert absent[1] == "不设此项（本地录入）" and "示例医保发〔2024〕2号" in absent[3]
