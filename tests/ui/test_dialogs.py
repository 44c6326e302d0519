"""The settings and history dialogs, typed into offscreen."""

from __future__ import annotations

from datetime import date, datetime

from pytestqt.qtbot import QtBot

from yibao.state.history import open_history
from yibao.state.settings import Settings, load_settings, save_settings
from yibao.ui.cities import city_names
from yibao.ui.dialogs.history import HistoryDialog
from yibao.ui.dialogs.settings import SettingsDialog


def test_settings_dialog_saves_what_the_clerk_typed(qtbot: QtBot) -> None:
    settings = Settings()
    dialog = SettingsDialog(settings, city_names())
    qtbot.addWidget(dialog)
    dialog.hall.setText("济宁市医疗保障服务中心")  # Chinese arrives by input method; QTest cannot type it
    qtbot.keyClicks(dialog.counter, "12")
    dialog.city.setCurrentIndex(dialog.city.findData("jining"))
    dialog.large_print.setChecked(True)
    dialog.apply_to(settings)
    save_settings(settings)
    again, message = load_settings()
    assert message is None
    assert (again.hall_name, again.counter_no, again.default_city, again.large_print) == (
        "济宁市医疗保障服务中心", "12", "jining", True)


def test_history_dialog_searches_by_text_and_date(qtbot: QtBot) -> None:
    history, _ = open_history()
    for when, city, name in ((datetime(2026, 11, 2, 9), "yantai", "烟台市"), (datetime(2026, 11, 20, 15), "jinan", "济南市")):
        history.add(city=city, city_name=name, on=date(2026, 11, 1), kind="保存", summary=f"{name} 企业职工",
                    request_json="{}", saved_at=when)
    dialog = HistoryDialog(history)
    qtbot.addWidget(dialog)
    assert [e.city_name for e in dialog.entries] == ["济南市", "烟台市"]  # newest first
    dialog.text.setText("烟台")
    assert [e.city_name for e in dialog.entries] == ["烟台市"]
    dialog.text.clear()
    dialog.use_from.setChecked(True)
    dialog.date_from.set_date(date(2026, 11, 10))
    assert [e.city_name for e in dialog.entries] == ["济南市"]
    dialog.table.selectRow(0)
    dialog.open_selected()
    assert dialog.chosen is not None and dialog.chosen.city == "jinan"
    history.close()
