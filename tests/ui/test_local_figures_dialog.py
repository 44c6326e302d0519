"""The 本地录入参数 form: typed through its widgets, checked by the state layer, read back by the policy view."""

from __future__ import annotations

import errno
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot
from window_helpers import not_none

from yibao.cli import main
from yibao.rules import LocalFigure, Policy, bundled_policy
from yibao.rules.inventory import open_parameters, parameters_in_force
from yibao.state.local_figures import load_local_figures, local_figures_path, save_local_figures
from yibao.ui.dialogs.local_figures import EXPLANATION, LocalFiguresDialog

WAGE = LocalFigure("wage.province_average_monthly", "yantai", date(2024, 1, 1), date(2024, 12, 31),
                   Decimal("7215.5"), "省统计局公布")


@pytest.fixture(scope="module")
def policy() -> Policy:
    return bundled_policy()


@pytest.fixture
def dialog(qtbot: QtBot, policy: Policy) -> LocalFiguresDialog:
    """The dialog as the window opens it: with the figures saved (the wage)."""
    save_local_figures([WAGE])
    widget = LocalFiguresDialog(policy, [WAGE], "yantai", date(2024, 6, 1))
    qtbot.addWidget(widget)
    return widget


def table_texts(dialog: LocalFiguresDialog) -> list[list[str]]:
    table = dialog.table
    return [[not_none(table.item(r, c)).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def field_labels(dialog: LocalFiguresDialog) -> list[str]:
    """The value fields' labels without their Alt+letter: 一级及以下·在职(&L) → 一级及以下·在职."""
    labels = []
    for field in dialog.value_fields.values():
        label = dialog.value_form.labelForField(field)
        assert isinstance(label, QLabel), label
        labels.append(label.text().split("(&")[0])
    return labels


def choose_parameter(dialog: LocalFiguresDialog, parameter: str) -> None:
    index = dialog.parameter_box.findData(parameter)
    assert index >= 0, parameter
    dialog.parameter_box.setCurrentIndex(index)


def test_shows_current_figures_and_explanation(dialog: LocalFiguresDialog) -> None:
    assert dialog.windowTitle() == "本地录入参数"
    assert EXPLANATION.startswith("仅用于文件未规定、由本市确定的参数；使用本地录入参数的结果在屏幕和测算单上标注“本地录入”。")
    assert table_texts(dialog) == [["烟台市", "全省上年度全口径城镇单位就业人员月平均工资", "7215.5元/月", "2024-01-01",
                                    "2024-12-31", "本机本地录入", "省统计局公布"]]
    assert not dialog.pane.isEnabled()  # idle until 新增 or 修改


def test_offers_only_open_parameters_of_the_city(dialog: LocalFiguresDialog, policy: Policy, qtbot: QtBot) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    offered = [dialog.parameter_box.itemData(i) for i in range(dialog.parameter_box.count())]
    assert offered == open_parameters(policy, "yantai", date(2024, 6, 1))
    assert "outpatient.deductible" not in offered
    dialog.city_box.setCurrentIndex(dialog.city_box.findData("jining"))
    offered = [dialog.parameter_box.itemData(i) for i in range(dialog.parameter_box.count())]
    assert "outpatient.deductible" in offered  # Jining's documents give no outpatient figures
    assert dialog.city_box.count() == 16


def test_inpatient_share_typed_invalid_then_valid(dialog: LocalFiguresDialog, policy: Policy, qtbot: QtBot) -> None:
    """A share by tier and by in service / retired: one field per cell, the bad cell named and marked."""
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    choose_parameter(dialog, "inpatient.share")
    fields = dialog.value_fields
    # each label also carries its Alt+letter: 一级及以下·在职(&L)
    assert field_labels(dialog) == [
        "一级及以下·在职", "一级及以下·退休", "二级·在职", "二级·退休", "三级·在职", "三级·退休"]
    typed = {"1/in_service": "0.9", "1/retired": "0.92", "2/in_service": "85", "2/retired": "0.87",
             "3/in_service": "0.8", "3/retired": "0.82"}
    for key, text in typed.items():
        qtbot.keyClicks(fields[key], text)
    qtbot.keyClicks(dialog.note_edit, "local notice")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted and ok.isEnabled()
    assert dialog.invalid_fields() == [fields["2/in_service"]]
    assert dialog.error.text().startswith("数值（二级·在职）：“85”不符合要求")
    fields["2/in_service"].clear()
    qtbot.keyClicks(fields["2/in_service"], "85%")  # a share typed as a percentage, as in every other field
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.invalid_fields() == [] and dialog.error.text() == ""
    figures = dialog.figures()
    added = LocalFigure("inpatient.share", "yantai", date(2024, 1, 1), None,
                        {k: Decimal(v if k != "2/in_service" else "0.85") for k, v in typed.items()}, "local notice")
    assert figures == [WAGE, added]
    row = next(r for r in parameters_in_force(policy, "yantai", date(2024, 6, 1), figures)
               if r.parameter == "inpatient.share")
    assert (row.value_text, row.status) == (
        "一级及以下·在职 90%；一级及以下·退休 92%；二级·在职 85%；二级·退休 87%；三级·在职 80%；三级·退休 82%", "本地录入")


def test_end_before_start_marks_the_end_date(dialog: LocalFiguresDialog, qtbot: QtBot) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    choose_parameter(dialog, "inpatient.fund_yearly_limit")
    qtbot.keyClicks(dialog.value_fields[""], "300000")
    dialog.end_check.setChecked(True)
    dialog.end_edit.set_date(date(2023, 6, 30))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.invalid_fields() == [dialog.end_edit.edit]
    assert dialog.error.text().startswith("结束日期：")
    assert len(dialog.figures()) == 1


def test_overlapping_period_refused(dialog: LocalFiguresDialog, qtbot: QtBot) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    choose_parameter(dialog, "wage.province_average_monthly")
    qtbot.keyClicks(dialog.value_fields[""], "7400")
    dialog.start_edit.set_date(date(2024, 7, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.invalid_fields() == [dialog.start_edit.edit]
    assert "重叠" in dialog.error.text()


def test_edit_and_delete(dialog: LocalFiguresDialog, qtbot: QtBot) -> None:
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    field = dialog.value_fields[""]
    assert field.text() == "7215.5" and dialog.end_check.isChecked()
    field.clear()
    qtbot.keyClicks(field, "7300")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.figures()[0].value == Decimal("7300")
    assert table_texts(dialog)[0][2] == "7300元/月"
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.figures() == [] and dialog.table.rowCount() == 0


def test_flag_parameter_is_a_choice(dialog: LocalFiguresDialog, qtbot: QtBot) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    choose_parameter(dialog, "contribution.retirees_exempt")
    assert dialog.value_fields == {} and dialog.flag_box is not None
    dialog.flag_box.setCurrentText("否")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.figures()[-1].value is False


def test_age_bands_lowest_only(qtbot: QtBot, policy: Policy) -> None:
    dialog = LocalFiguresDialog(policy, [], "jinan", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    choose_parameter(dialog, "personal_account.retiree_monthly")
    labels = field_labels(dialog)
    assert labels == ["70周岁以下", "70周岁及以上"]
    qtbot.keyClicks(dialog.value_fields["0"], "120")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.figures()[0].value == {"0": Decimal("120")}
    assert not_none(dialog.table.item(0, 2)).text() == "各年龄 120元/月"
    # editing it again shows the band and leaves the blank one blank
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert (dialog.value_fields["0"].text(), dialog.value_fields["70"].text()) == ("120", "")


def test_a_packs_segments_are_kept_through_an_edit(qtbot: QtBot, policy: Policy) -> None:
    """A 大额 share by segment (109号 二(三)3, from a pack: 60% up to 100000, 70% beyond) keeps both segments when
    staff change one in the form; a new figure offers the one lowest segment."""
    segments = LocalFigure("inpatient.supplement_share", "yantai", date(2024, 1, 1), None,
                           {"0": Decimal("0.6"), "100000": Decimal("0.7")})
    dialog = LocalFiguresDialog(policy, [segments], "yantai", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert field_labels(dialog) == ["100000元以下", "100000元以上"]
    dialog.value_fields["100000"].clear()
    qtbot.keyClicks(dialog.value_fields["100000"], "0.75")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.figures()[0].value == {"0": Decimal("0.6"), "100000": Decimal("0.75")}
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    choose_parameter(dialog, "inpatient.supplement_share")
    assert list(dialog.value_fields) == ["0"]


EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-figures-pack.json"


def test_import_shows_issuer_document_and_clause(dialog: LocalFiguresDialog, policy: Policy) -> None:
    assert dialog.import_pack(str(EXAMPLE))
    rows = table_texts(dialog)
    assert len(rows) == 12
    limit = next(r for r in rows if r[1] == "住院统筹基金年度最高支付限额")
    assert limit[2:6] == ["60000元", "2024-01-01", "",
                          "示例医保发〔2024〕1号 二（示例医疗保障局（演示用，非真实单位，数字均为虚构））"]
    tip = not_none(dialog.table.item(rows.index(limit), 5)).toolTip()
    assert "示例医保发〔2024〕1号《（示例，虚构）烟台市职工住院待遇标准的通知》（示例医疗保障局" in tip  # plain text
    assert dialog.notice.text() == "已导入“示例医疗保障局（演示用，非真实单位，数字均为虚构）”的11条参数并已保存，计算即用。"
    row = next(r for r in parameters_in_force(policy, "yantai", date(2024, 6, 1), dialog.figures())
               if r.parameter == "inpatient.fund_yearly_limit")
    assert (row.status, row.clause) == ("本地录入", "二") and row.document.startswith("本地录入：示例医保发〔2024〕1号")


def test_a_conflicting_pack_changes_nothing(qtbot: QtBot, policy: Policy) -> None:
    typed = LocalFigure("inpatient.fund_yearly_limit", "yantai", date(2024, 1, 1), None, Decimal(300000))
    widget = LocalFiguresDialog(policy, [typed], "yantai", date(2024, 6, 1))
    qtbot.addWidget(widget)
    assert not widget.import_pack(str(EXAMPLE))
    assert widget.figures() == [typed]
    assert widget.notice.text().startswith(
        "数据包有误：第2条（烟台市·住院统筹基金年度最高支付限额，2024年1月1日起）与已有的本地录入参数")


def test_export_then_import_elsewhere(dialog: LocalFiguresDialog, qtbot: QtBot, policy: Policy, tmp_path: Path) -> None:
    assert dialog.import_pack(str(EXAMPLE))
    out = tmp_path / "hall.json"
    assert dialog.export_pack(str(out))
    other = LocalFiguresDialog(policy, [], "weifang", date(2024, 6, 1))
    qtbot.addWidget(other)
    assert other.import_pack(str(out))
    assert other.figures() == dialog.figures()


def test_not_offered_tick_box_saves_none_and_disables_the_value(qtbot: QtBot, policy: Policy) -> None:
    """本市不设此项: only for a parameter the catalogue marks may_be_absent (Weifang's documents give no 大额
    outpatient layer); ticked, the value field is off and the figure saved is None, listed 不设此项."""
    dialog = LocalFiguresDialog(policy, [], "weifang", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    choose_parameter(dialog, "outpatient.yearly_max")
    assert dialog.absent_check is None  # a figure the engine needs: no way to say it is absent
    choose_parameter(dialog, "outpatient.supplement_yearly_limit")
    box = dialog.absent_check
    assert box is not None and box.text().startswith("本市不设此项(&") and not box.isChecked()
    field = dialog.value_fields[""]
    assert field.isEnabled()
    # its Alt+letter ticks it
    letter = box.text().split("(&")[1][0]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or dialog, getattr(Qt.Key, f"Key_{letter}"), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(box.isChecked)  # a button's Alt+letter clicks it after a short animation
    assert not field.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""
    figure = dialog.figures()[0]
    assert (figure.parameter, figure.region, figure.value) == ("outpatient.supplement_yearly_limit", "weifang", None)
    assert table_texts(dialog)[0][:3] == ["潍坊市", "普通门诊超统筹限额部分大额补助年度最高支付额", "不设此项"]
    # editing it shows the box ticked; unticked and a figure typed, it becomes a figure again
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    box = dialog.absent_check
    assert box is not None and box.isChecked() and not dialog.value_fields[""].isEnabled()
    box.setChecked(False)
    qtbot.keyClicks(dialog.value_fields[""], "1000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.figures()[0].value == Decimal(1000)
    assert table_texts(dialog)[0][2] == "1000元"


def test_not_offered_figure_shows_in_the_policy_view(policy: Policy) -> None:
    figure = LocalFigure("outpatient.supplement_yearly_limit", "weifang", date(2024, 1, 1), None, None)
    row = next(r for r in parameters_in_force(policy, "weifang", date(2024, 6, 1), [figure])
               if r.parameter == figure.parameter)
    assert (row.value_text, row.status, row.document) == ("不设此项", "本地录入", "本地录入")


def _yantai_wage_typed(dialog: LocalFiguresDialog, qtbot: QtBot, start: date) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    dialog.city_box.setCurrentIndex(dialog.city_box.findData("yantai"))
    choose_parameter(dialog, "inpatient.fund_yearly_limit")
    dialog.start_edit.set_date(date(start.year, start.month, start.day))
    qtbot.keyClicks(dialog.value_fields[""], "300000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_ok_keeps_figures_imported_meanwhile(qtbot: QtBot, policy: Policy) -> None:
    """Issue 22.1: the dialog opened with the wage only; the command line imports the example pack meanwhile; the
    clerk deletes the wage and presses 确定: the pack's 11 figures stay, the wage goes (no stale copy written back)."""
    save_local_figures([WAGE])
    dialog = LocalFiguresDialog(policy, [WAGE], "yantai", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    assert main(["figures", "import", str(EXAMPLE)]) == 0
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved, _message = load_local_figures(policy)
    assert saved == dialog.figures() and len(saved) == 11 and WAGE not in saved


def test_ok_refuses_a_figure_clashing_with_one_imported_meanwhile(qtbot: QtBot, policy: Policy) -> None:
    """Issue 22.1: the clerk types Yantai's fund limit from 2024-03-01 while the command line imports the pack's (from
    2024-01-01): 确定 refuses at the top, naming both periods; the file keeps the pack's figures; the dialog stays."""
    dialog = LocalFiguresDialog(policy, [], "yantai", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    _yantai_wage_typed(dialog, qtbot, date(2024, 3, 1))
    assert main(["figures", "import", str(EXAMPLE)]) == 0
    imported = local_figures_path().read_bytes()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.notice.text() == (
        "本对话框打开后，另一个程序（如命令行导入数据包）已保存了烟台市·住院统筹基金年度最高支付限额2024年1月1日起的一条，"
        "与您录入的2024年3月1日起的日期重叠；未保存。请修改或删除您的这一条后再按“确定”")
    assert not_none(dialog.layout()).indexOf(dialog.notice) == 0 and not dialog.notice.isHidden()
    assert local_figures_path().read_bytes() == imported
    # the clerk deletes the clashing figure: 确定 now saves the pack's figures as they are
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and len(load_local_figures(policy)[0]) == 11


def test_ok_on_a_full_disk_keeps_the_dialog_and_the_file(qtbot: QtBot, policy: Policy,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22.12: a full disk under the state folder: 确定 says so at the top, nothing is lost, no traceback."""
    save_local_figures([WAGE])
    before = local_figures_path().read_bytes()
    dialog = LocalFiguresDialog(policy, [WAGE], "yantai", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("yibao.state.local_figures.write_text_atomic", full)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.notice.text().startswith("本地录入参数未能保存（磁盘已满），修改仍在本对话框中")
    assert local_figures_path().read_bytes() == before and dialog.figures() == []
