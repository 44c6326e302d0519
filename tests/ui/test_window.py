"""The main window, driven through its real widgets offscreen; figures worked out by hand from 烟政字〔2023〕109号."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, not_none, open_window, set_case, type_into, visit_row

from yibao.state.history import history_path
from yibao.state.settings import load_settings
from yibao.ui.pages import TAB_COMPARE, TAB_CONTRIBUTION, TAB_POLICY, TAB_RETIREMENT, TAB_VISITS
from yibao.ui.tabs.visits import FIRST_INPUT
from yibao.version import app_version


def test_109号_二二1_enterprise_contribution_typed_into_the_form(qtbot: QtBot) -> None:
    """Base 6000: employer 8% = 480.00, individual 2% = 120.00, all of it to the personal account."""
    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    summary = window.contribution_tab.summary
    assert summary.value("单位缴费（每月）") == "¥480.00"
    assert summary.value("个人缴费（每月）") == "¥120.00"
    assert summary.value("划入个人账户（每月）") == "¥120.00"
    first = window.contribution_tab.lines.row_texts()[0]
    assert first[1:] == ("480.00", "6,000.00 × 8% = 480.00", "烟政字〔2023〕109号 二(二)1")


def test_109号_二二3_the_yearly_supplementary_parts_shown_add_up_to_the_total(qtbot: QtBot) -> None:
    """大额补助 funding: the person 36, the pooled fund 10 and its balance 30, no employer share: 0 + 36 + 40 = 76."""
    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    summary = window.contribution_tab.summary
    names = ("大额/大病保险费：单位（每年）", "大额/大病保险费：个人（每年）", "大额/大病筹资：基金划入（每年）",
             "大额/大病筹资合计（每人每年）")
    shown = [summary.value(name) for name in names]
    assert shown == ["¥0.00", "¥36.00", "¥40.00", "¥76.00"]


def test_live_recompute_after_each_keystroke(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window)
    base = window.contribution_tab.base
    type_into(qtbot, base, "500")
    assert window.contribution_tab.summary.value("单位缴费（每月）") == "¥40.00"
    qtbot.keyClicks(base, "0")
    assert window.contribution_tab.summary.value("单位缴费（每月）") == "¥400.00"
    qtbot.keyClick(base, Qt.Key.Key_Return)
    assert window.contribution_tab.summary.value("单位缴费（每月）") == "¥400.00"


def test_109号_二二1_retiree_personal_account_by_age(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window, retired=True, age=69)
    assert window.contribution_tab.summary.value("划入个人账户（每月）") == "¥100.00"
    window.person.age.setValue(70)
    assert window.contribution_tab.summary.value("划入个人账户（每月）") == "¥125.00"


def test_109号_二三1_outpatient_visit_in_the_table(qtbot: QtBot) -> None:
    """Tier 3, 2000 in scope + 100 out of scope: deductible 600, fund (2000 − 600) × 60% = 840, person 1260."""
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "outpatient", 3, "2000", "100")
    assert visit_row(window, 0) == ["600.00", "840.00", "0.00", "1,260.00"]
    totals = window.visits_tab.totals
    assert totals.value("医疗费用合计") == "¥2,100.00"
    assert totals.value("个人负担") == "¥1,260.00"
    assert totals.value("实际报销比例") == "40%"  # (840 + 0) / 2100, written as on the comparison tab
    labels = [row[0] for row in window.visits_tab.lines.row_texts()]
    assert "统筹基金支付" in labels


def test_109号_二三1_deductible_counts_across_tiers_and_reorder(qtbot: QtBot) -> None:
    """Tier 1 1000 (deductible 200) then tier 3 1000: the second owes 600 − 200 = 400 more."""
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "outpatient", 1, "1000")
    add_visit(window, "outpatient", 3, "1000")
    assert visit_row(window, 1)[0] == "400.00"
    window.visits_tab.select(1)
    window.visits_tab.up.click()
    assert visit_row(window, 0)[0] == "600.00"  # now the tier-3 visit comes first
    assert visit_row(window, 1)[0] == "0.00"
    window.visits_tab.remove.click()
    assert window.visits_tab.model.rowCount() == 1


def test_inpatient_share_missing_is_said_in_words(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "inpatient", 2, "12000")
    assert visit_row(window, 0) == ["500.00", "文件未规定", "文件未规定", "文件未规定"]
    assert "住院统筹基金支付比例" in window.notes.toPlainText()


def test_invalid_input_marks_the_field_and_names_it(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window)
    base = window.contribution_tab.base
    type_into(qtbot, base, "6000")
    qtbot.keyClicks(base, "abc")
    assert window.input_error() == "月缴费基数：“6000abc”不是数字金额"
    assert base.property("invalid") is True
    assert not window.contribution_tab.lines.isEnabled()  # stale figures are greyed out
    type_into(qtbot, base, "6000")
    assert window.input_error() is None
    assert base.property("invalid") is False
    assert window.contribution_tab.lines.isEnabled()


def test_a_wrong_field_is_marked_by_the_tab_that_holds_it_once_that_tab_is_built(qtbot: QtBot) -> None:
    """The window asks the person panel and the tabs built which widget a field is typed in (no tab is built for
    the asking); a tab built later marks its wrong field as it is put on its page."""
    window = open_window(qtbot)
    set_case(window)
    window.presenter.set("retirement.deemed_months", "abc")
    assert window.input_error() == "视同缴费月数：“abc”不是整数个月数"
    assert TAB_RETIREMENT not in window.tab_pages.built
    window.tabs.setCurrentIndex(TAB_RETIREMENT)
    tab = window.retirement_tab
    assert tab.deemed.text() == "abc" and tab.deemed.property("invalid") is True
    assert not tab.paid.property("invalid")
    type_into(qtbot, tab.deemed, "60")
    assert window.input_error() is None and tab.deemed.property("invalid") is False


def test_negative_amount_in_a_visit_cell(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "outpatient", 3, "-5")
    assert window.input_error() == "第1条就诊·政策范围内：不能为负数"
    assert window.visits_tab.model.index(0, FIRST_INPUT).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#ffe4e4"


def test_a_date_with_no_rules_names_the_date(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window, on=date(2010, 1, 1))
    error = window.input_error()
    assert error is not None and "适用日期" in error and "没有所收录文件中施行的规定" in error
    assert window.person.on.edit.property("invalid") is True


def test_retirement_tab_109号_二二4_shortfall(qtbot: QtBot) -> None:
    """Woman, 2026: 25 years required; 200 paid + 60 deemed = 260 months, 40 short."""
    window = open_window(qtbot)
    set_case(window, on=date(2026, 3, 1))
    window.person.sex.setCurrentIndex(window.person.sex.findData("female"))
    type_into(qtbot, window.retirement_tab.paid, "200")
    type_into(qtbot, window.retirement_tab.deemed, "60")
    summary = window.retirement_tab.summary
    assert summary.value("最低缴费年限") == "300个月（25年）"
    assert summary.value("累计缴费年限") == "260个月（21年8个月）"
    assert summary.value("尚缺缴费年限") == "40个月（3年4个月）"
    assert summary.value("是否达到") == "未满足"


def test_tier_comparison_tab_shows_three_tiers(qtbot: QtBot) -> None:
    """1000 in scope in service: tier 1 (1000−200)×80% = 640; tier 3 (1000−600)×60% = 240."""
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "outpatient", 3, "1000")
    window.tabs.setCurrentIndex(TAB_COMPARE)
    comparison, _chart = window.compare
    rows = comparison.figures()
    fund_row = next(row for label, row in zip(("医疗费用合计", "计入起付标准", "统筹基金支付"), rows, strict=False)
                    if label == "统筹基金支付")
    assert fund_row[0] == "640.00" and fund_row[2] == "240.00"


def test_policy_tab_follows_the_city_and_date(qtbot: QtBot) -> None:
    """政策依据 shows what is in force for the person panel's city and date, and follows a change of date."""
    window = open_window(qtbot)
    set_case(window)
    window.tabs.setCurrentIndex(TAB_POLICY)
    rows = window.policy_tab.visible_rows()
    assert any("8%" in row and "2024-01-01起" in row for row in rows)  # 施行期间: from 2024-01-01
    set_case(window, on=date(2023, 6, 1))
    qtbot.waitUntil(lambda: window.policy_tab.visible_rows() != rows)  # redrawn once the edits are handled


def test_history_and_settings_survive_a_restart(qtbot: QtBot, warnings: list[str]) -> None:
    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    add_visit(window, "outpatient", 3, "2000")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.settings.hall_name = "烟台市芝罘区医疗保障服务大厅"
    window.tabs.setCurrentIndex(1)
    window.close()

    settings, message = load_settings()
    assert message is None
    assert settings.hall_name == "烟台市芝罘区医疗保障服务大厅" and settings.last_tab == 1 and settings.window_geometry
    again = open_window(qtbot, settings)
    assert again.tabs.currentIndex() == 1
    assert again.history is not None
    [entry] = again.history.search("烟台")
    assert entry.kind == "保存" and "基数6,000.00" in entry.summary
    assert again.session is not None and entry.app_version == app_version()

    again.new_case()
    assert again.contribution_tab.base.text() == ""
    again.load_request(again.session.reopen(entry))
    assert again.contribution_tab.base.text() == "6000.00"
    assert visit_row(again, 0) == ["600.00", "840.00", "0.00", "1,160.00"]
    assert warnings == []


def test_damaged_history_is_set_aside_and_the_app_starts(qtbot: QtBot, warnings: list[str]) -> None:
    path = history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    window = open_window(qtbot)
    assert window.history is not None and window.history.search() == []
    assert len(warnings) == 1 and "历史记录" in warnings[0]
    aside = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == b"this is not a database" * 100
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    window.output.save_case()
    assert len(window.history.search()) == 1


def test_damaged_local_figures_file_is_reported(qtbot: QtBot, warnings: list[str]) -> None:
    from yibao.state.local_figures import local_figures_path

    path: Path = local_figures_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    window = open_window(qtbot)
    assert window.session is not None and window.session.local == []
    assert len(warnings) == 1


def test_local_figure_is_marked_本地录入(qtbot: QtBot) -> None:
    """A locally entered inpatient share is used and marked; nothing else changes."""
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "inpatient", 3, "10000")
    assert window.session is not None
    from yibao.state.local_figures import make_local_figure

    shares = {t: {"in_service": r, "retired": r} for t, r in (("1", "0.9"), ("2", "0.85"), ("3", "0.8"))}
    share = make_local_figure(window.session.policy, parameter="inpatient.share", region="yantai",
                              start=date(2024, 1, 1), end=None, raw_value=shares)
    window.session.local = [share]
    window.recompute()
    fund = next(row for row in window.visits_tab.lines.row_texts() if row[0] == "统筹基金支付")
    assert "本地录入" in fund[1] and "本地录入" in fund[3]


def test_new_case_shortcut_clears_the_form(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    add_visit(window, "outpatient", 3, "2000")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.contribution_tab.base.text() == "" and window.visits_tab.model.rowCount() == 0
    assert window.person.on.edit.text() == date.today().isoformat()


def test_saving_a_pdf_records_it_in_the_history(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    out = tmp_path / "sheet.pdf"
    window.output.save_pdf(str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert window.history is not None and [e.kind for e in window.history.search()] == ["PDF"]


def test_settings_file_damaged_falls_back(qtbot: QtBot) -> None:
    from yibao.state.settings import settings_path

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[1, 2", encoding="utf-8")
    settings, message = load_settings()
    assert message is not None and "设置" in message
    window = open_window(qtbot, settings)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    assert window.contribution_tab.summary.value("单位缴费（每月）") == "¥480.00"
    assert json.loads(path.read_text(encoding="utf-8")) if path.exists() else True


def test_flexible_worker_sees_only_the_ways_the_city_offers(qtbot: QtBot) -> None:
    """烟政字〔2023〕109号 二(二)2: Yantai has no with-account way (6.3%: 4000 × 6.3% = 252.00); Jinan 2019 offers both."""
    window = open_window(qtbot)
    set_case(window, employment="flexible")
    type_into(qtbot, window.contribution_tab.base, "4000")
    option = window.contribution_tab.option
    assert [option.itemText(i) for i in range(option.count())] == ["不建立个人账户"]
    assert not option.isEnabled()
    assert window.contribution_tab.summary.value("个人缴费（每月）") == "¥252.00"
    set_case(window, city="jinan", employment="flexible")
    assert option.count() == 2 and option.isEnabled()
    option.setCurrentIndex(option.findData("with_account"))
    option.activated.emit(option.currentIndex())
    assert window.presenter.values["contribution.flexible_option"] == "with_account"
    assert window.result is not None and window.result.contribution is not None
    assert window.result.contribution.flexible_option == "with_account"
    set_case(window, city="yantai", employment="flexible")  # Yantai does not offer it: back to its only way
    assert window.input_error() is None
    assert window.contribution_tab.summary.value("个人缴费（每月）") == "¥252.00"


def test_print_goes_into_the_history_only_when_printed(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QPrintDialog.DialogCode.Rejected.value)
    window.output.print_sheet()
    assert window.history is not None and window.history.search() == []
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QPrintDialog.DialogCode.Accepted.value)
    from yibao.sheet import render

    monkeypatch.setattr(render, "paint_sheet", lambda *args: None)  # no printer here: the painting is tested in tests/sheet
    monkeypatch.setattr(render, "_printed_whole", lambda _path: True)  # nor the PDF file printed to without one
    window.output.print_sheet()
    assert [entry.kind for entry in window.history.search()] == ["打印"]


def test_large_print_mode_enlarges_the_figures(qtbot: QtBot) -> None:
    """大字模式 for elderly citizens: the application font ×1.4 reaches the headline figures at once."""
    from yibao.ui.qt_setup import apply_font

    window = open_window(qtbot)
    apply_font(window.settings)  # 11 pt, as the app starts
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    value = window.contribution_tab.summary._values["单位缴费（每月）"]
    qtbot.waitUntil(lambda: value.font().pointSizeF() == pytest.approx(11 * 1.3))
    before = value.font().pointSizeF()
    window.settings.large_print = True
    apply_font(window.settings)
    qtbot.waitUntil(lambda: value.font().pointSizeF() > before)
    assert value.font().pointSizeF() == pytest.approx(before * 1.4, rel=0.05)
    window.settings.large_print = False
    apply_font(window.settings)
    qtbot.waitUntil(lambda: value.font().pointSizeF() == pytest.approx(before, rel=0.05))


def test_f1_opens_the_help_page(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialog, QTextBrowser

    shown: list[str] = []

    def record(dialog: QDialog) -> int:
        shown.append(not_none(dialog.findChild(QTextBrowser)).toPlainText())
        return 0

    monkeypatch.setattr(QDialog, "exec", record)
    window = open_window(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert len(shown) == 1 and "Ctrl+P" in shown[0] and "本地录入参数" in shown[0]


def test_saving_a_png_of_the_sheet(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    out = tmp_path / "sheet.png"
    window.output.save_png(str(out))
    assert out.read_bytes().startswith(b"\x89PNG")
    assert window.history is not None and [e.kind for e in window.history.search()] == ["图片"]


def test_save_pdf_from_the_menu_asks_in_chinese_in_the_documents_folder(qtbot: QtBot, tmp_path: Path) -> None:
    """The menu action passes its checked flag; the window still asks where to save: Qt's own dialog, in Chinese,
    in the documents folder, the file named after the case; the clerk types another name and presses Enter."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    from yibao.ui.dialogs.files import documents_folder

    seen: dict[str, object] = {}
    out = tmp_path / "from-menu.pdf"

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        seen["labels"] = [dialog.labelText(label) for label in (
            QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileName, QFileDialog.DialogLabel.FileType,
            QFileDialog.DialogLabel.Accept, QFileDialog.DialogLabel.Reject)]
        seen["folder"] = dialog.directory().absolutePath()
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        seen["name"] = name.text()
        name.setText(str(out))  # typed key by key, the completer's popup (busy /tmp) took the Enter: the test hung
        qtbot.keyClick(name, Qt.Key.Key_Return)

    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    action = next(a for a in window.findChildren(QAction) if a.text().startswith("另存为 PDF"))
    QTimer.singleShot(100, answer)
    action.trigger()
    assert seen["labels"] == ["查找范围：", "文件名(&N)：", "文件类型(&T)：", "保存", "取消"]
    assert Path(str(seen["folder"])) == documents_folder()
    assert seen["name"] == "测算单-烟台市-2024-06-01.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: not window.findChildren(QFileDialog))  # deleted once closed


def test_jining_first_enrolment_six_months_shown_in_the_window(qtbot: QtBot) -> None:
    """济宁 灵活就业人员 first enrolled, first month 2025-03: benefits after 6 full months, from 2025-09-01."""
    window = open_window(qtbot)
    set_case(window, city="jining", on=date(2025, 6, 1), employment="flexible")
    type_into(qtbot, window.contribution_tab.base, "4000")
    type_into(qtbot, window.contribution_tab.first_month, "2025-03")
    assert window.contribution_tab.benefits_from.text() == "开始享受待遇：2025年9月1日"
    window.contribution_tab.first_enrolment.setChecked(False)  # not the first time: from the month after
    assert window.contribution_tab.benefits_from.text() == "开始享受待遇：2025年4月1日"
    set_case(window, city="yantai", on=date(2025, 6, 1), employment="flexible")
    assert window.contribution_tab.benefits_from.text() == "开始享受待遇：文件未规定（见下表“待遇开始时间”）"


def test_alt_letter_jumps_to_a_field(qtbot: QtBot) -> None:
    """Keyboard first: each field's label carries its Alt+letter, none taken twice (the menus have theirs)."""
    from PySide6.QtWidgets import QApplication

    window = open_window(qtbot)
    set_case(window)
    tab = window.contribution_tab
    qtbot.wait(50)
    for key, target in ((Qt.Key.Key_B, tab.base), (Qt.Key.Key_Y, tab.first_month), (Qt.Key.Key_A, window.person.age),
                        (Qt.Key.Key_C, window.person.city)):
        qtbot.keyClick(QApplication.focusWidget() or window, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(target.hasFocus)


def test_unexpected_error_is_logged_and_shown(qtbot: QtBot, warnings: list[str], _own_user_folders: Path) -> None:
    from yibao.ui.app import unexpected_error_hook

    window = open_window(qtbot)
    try:
        raise RuntimeError("something unforeseen")
    except RuntimeError as exc:
        unexpected_error_hook(window)(RuntimeError, exc, exc.__traceback__)
    assert len(warnings) == 1 and "已记录在日志中" in warnings[0] and "something unforeseen" in warnings[0]
    log = (_own_user_folders / "logs" / "yibao.log").read_text(encoding="utf-8")
    assert "RuntimeError: something unforeseen" in log
    assert window.isVisible()


def test_damaged_policy_data_is_reported_and_the_window_stays(qtbot: QtBot, warnings: list[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from yibao import session
    from yibao.rules import PolicyError

    def damaged() -> None:
        raise PolicyError("regions/yantai.json", "parameters", "不是有效的 JSON")

    monkeypatch.setattr(session, "bundled_policy", damaged)
    window = open_window(qtbot)
    assert window.session is None
    error = window.input_error()
    assert error is not None and "政策数据文件损坏" in error and "yantai.json" in error
    assert len(warnings) == 1
    window.contribution_tab.base.setText("6000")  # nothing to compute with, and no crash
    assert window.result is None


def test_copy_as_text_for_sharing(qtbot: QtBot) -> None:
    """Ctrl+Shift+C: the sheet as aligned plain text with figures and clauses, as citizens share by phone."""
    from PySide6.QtGui import QGuiApplication

    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QGuiApplication.clipboard().text()
    assert "480.00" in text and "依据：109号 二(二)1" in text and "109号：烟政字〔2023〕109号" in text
    assert "测算结果仅供参考，以医保经办机构实际结算为准" in text
    assert text.splitlines()[-1].startswith("YB1")  # the case code, to reopen the case


def test_invalid_input_greys_every_figure_under_a_stale_marker_on_every_tab(qtbot: QtBot) -> None:
    """The old figures stay, greyed (the red 文件未规定 too), with 已过期 on whichever tab shows."""
    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    add_visit(window, "inpatient", 2, "12000")  # its share is not in the documents: red 文件未规定
    window.tabs.setCurrentIndex(TAB_COMPARE)
    type_into(qtbot, window.retirement_tab.paid, "20x")
    assert window.input_error() == "实际缴费月数：“20x”不是整数个月数"
    assert "2px solid #c00000" in window.retirement_tab.paid.styleSheet()
    marks = [not_none(page.findChild(QLabel, "stale")) for page in window.tab_pages.pages]
    assert all("已过期" in mark.text() for mark in marks)
    for index in (TAB_CONTRIBUTION, TAB_VISITS, TAB_COMPARE, TAB_RETIREMENT):
        window.tabs.setCurrentIndex(index)
        assert marks[index].isVisible()
    figures = [window.contribution_tab.summary, window.visits_tab.totals, *window.compare, window.notes]
    assert all(w.graphicsEffect() is not None and not w.isEnabled() for w in figures)
    model = window.visits_tab.model
    assert model.index(0, FIRST_INPUT + 3).data(Qt.ItemDataRole.ForegroundRole).name() == "#9a9a9a"
    type_into(qtbot, window.retirement_tab.paid, "200")
    assert window.input_error() is None
    assert not any(mark.isVisible() for mark in marks)
    assert all(w.graphicsEffect() is None and w.isEnabled() for w in figures)
    assert model.index(0, FIRST_INPUT + 3).data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_window_opens_within_a_small_screen(qtbot: QtBot) -> None:
    """A counter PC's 1024×768 screen (here the offscreen screen, 800 px): the window opens no larger than the
    screen's free area instead of running past its edge (its tabs scroll)."""
    from yibao.ui.cities import city_names
    from yibao.ui.main_window import MainWindow

    window = MainWindow(load_settings()[0], city_names())
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert room.width() < 1200  # the test's premise
    assert window.width() <= room.width() and window.height() <= room.height()


def test_retirement_card_says_cannot_judge_as_the_headline_does(qtbot: QtBot) -> None:
    """Yantai before 2026: no minimum years in the documents (109号 二(二)4 applies from 2026-01-01), so whether 200
    months reach it 无法判断, on the card as in the headline (the card said 文件未规定; issue 21.16)."""
    window = open_window(qtbot)
    set_case(window, on=date(2025, 6, 1))
    type_into(qtbot, window.retirement_tab.paid, "200")
    summary = window.retirement_tab.summary
    assert summary.value("最低缴费年限") == "文件未规定"
    assert summary.value("是否达到") == "无法判断"
    assert "无法判断" in window.tab_pages.headlines[TAB_RETIREMENT].text.text()
