"""The sheet as PDF and PNG, offscreen: text layer (pdftotext), fonts (pdffonts), pages, and the dialogs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sheet_helpers import USUAL, pdf_pages, pdffonts, pdftotext, year_of_visits

from yibao.rules import Request, Result
from yibao.sheet import DISCLAIMER, SheetHeader, preview_dialog, print_dialog, save_png, write_pdf

KANGXI = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")  # radicals and compatibility ideographs: never in our text


@pytest.fixture
def usual_pdf(qapp: object, usual: tuple[Request, Result], header: SheetHeader, tmp_path: Path) -> Path:
    out = tmp_path / "usual.pdf"
    write_pdf(out, *usual, header)
    return out


def test_pdf_text_has_the_hand_worked_figures(usual_pdf: Path) -> None:
    text = pdftotext(usual_pdf)
    flat = re.sub(r"\s+", "", text)
    assert "职工基本医疗保险测算单" in flat
    assert "6,000.00×8%=480.00" in flat  # 烟政字〔2023〕109号 二(二)1
    assert "6,000.00×2%=120.00" in flat
    assert "(2,000.00−600.00)×60%=840.00" in flat  # 二(三)1
    assert "¥1,260.00" in flat and "人民币壹仟贰佰陆拾元整" in flat
    assert "人民币捌佰肆拾元整" in flat
    assert "109号二(三)1" in flat and "109号：烟政字〔2023〕109号《" in flat
    assert "烟政字〔2023〕109号《烟台市落实职工基本医疗保险省级统筹工作的实施方案》" in flat
    assert DISCLAIMER in flat
    assert "经办人（签字）" in flat and "经办机构（盖章）" in flat
    assert "服务大厅：烟台市芝罘区医保服务大厅" in flat and "窗口号：3" in flat
    assert "文件未规定的数字" in flat


def test_pdf_text_is_real_characters_not_kangxi_radicals(usual_pdf: Path) -> None:
    text = pdftotext(usual_pdf)
    assert not KANGXI.findall(text), sorted(set(KANGXI.findall(text)))
    for word in ("个人负担", "费用", "基金", "职工", "大额医疗费用补助"):  # 用 金 工 are the usual victims
        assert word in re.sub(r"\s+", "", text)


def test_pdf_embeds_only_the_bundled_font(usual_pdf: Path) -> None:
    fonts = pdffonts(usual_pdf)
    assert fonts, "no fonts in the PDF"
    for font in fonts:
        assert font["emb"] == "yes", font
        assert font["uni"] == "yes", font  # a ToUnicode map: copy and search work
        assert "YibaoSansSC" in font["name"], font
    assert {f["name"].split("+")[-1] for f in fonts} == {"YibaoSansSC-Regular", "YibaoSansSC-Bold"}


def test_a_thirty_visit_year_paginates_with_header_and_page_numbers(
    qapp: object, long_year: tuple[Request, Result], header: SheetHeader, tmp_path: Path
) -> None:
    out = tmp_path / "year.pdf"
    write_pdf(out, *long_year, header)
    pages = pdf_pages(out)
    assert 2 <= pages <= 8
    seen_visits = set()
    for page in range(1, pages + 1):
        text = pdftotext(out, page, page)
        flat = re.sub(r"\s+", "", text)
        assert "职工基本医疗保险测算单" in flat, page
        assert "服务大厅：烟台市芝罘区医保服务大厅" in flat, page
        assert "参保地：烟台市" in flat and "政策适用日期：2024年11月30日" in flat, page
        assert f"第{page}页，共{pages}页" in flat, page
        if 1 < page < pages:
            assert "金额/数值" in flat and "计算过程" in flat, page  # the table head repeats
        if page == 1:  # the headline box above the inputs speaks of the year, not of one visit
            flat = flat.split("测算条件", 1)[1]
        visits_here = re.findall(r"第(\d+)次(?:普通门诊|住院)·", flat)
        seen_visits |= {int(n) for n in visits_here}
        # a visit is never split: each visit title on a page has its last line (个人负担) on the same page
        visit_part = flat.split("年度合计（各次之和）", 1)[0]  # the year's totals name 个人负担 once more
        assert len(visits_here) == len(re.findall("个人负担", visit_part)), page
    assert seen_visits == set(range(1, 31))
    last = re.sub(r"\s+", "", pdftotext(out, pages, pages))
    assert DISCLAIMER in last and "经办人（签字）" in last


def test_locally_entered_figure_marked_on_paper(
    qapp: object, with_local: tuple[Request, Result], header: SheetHeader, tmp_path: Path
) -> None:
    out = tmp_path / "local.pdf"
    write_pdf(out, *with_local, header)
    flat = re.sub(r"\s+", "", pdftotext(out))
    assert "(10,000.00−500.00)×85%=8,075.00" in flat
    assert "本地录入109号二(三)2" in flat  # the fund's 依据: the hall's share, then the clause of the deductible


def test_png_is_the_sheet_at_150_dpi(
    qapp: object, long_year: tuple[Request, Result], header: SheetHeader, tmp_path: Path
) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "sheet.png"
    save_png(out, *long_year, header)
    image = QImage(str(out))
    assert image.width() == 1240  # A4 width at 150 dpi
    assert image.height() > 2 * 1754  # several pages stacked
    # ink on the page: the title row is not blank
    dark = sum(1 for x in range(0, 1240, 2) for y in range(60, 200, 2) if image.pixelColor(x, y).lightness() < 100)
    assert dark > 200


def test_print_dialog_prints_through_the_same_painter(
    qapp: object, usual: tuple[Request, Result], header: SheetHeader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    out = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:  # the user picks "print to file" and presses Print
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert print_dialog(None, *usual, header) is True
    assert "人民币壹仟贰佰陆拾元整" in re.sub(r"\s+", "", pdftotext(out))


def test_print_dialog_cancelled_prints_nothing(
    qapp: object, usual: tuple[Request, Result], header: SheetHeader, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    from yibao.sheet import render

    painted: list[object] = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QPrintDialog.DialogCode.Rejected.value)
    monkeypatch.setattr(render, "paint_sheet", lambda *a: painted.append(a))
    assert print_dialog(None, *usual, header) is False
    assert painted == []


def test_preview_dialog_paints_the_pages(
    qapp: object, long_year: tuple[Request, Result], header: SheetHeader, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPagedPaintDevice
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication

    from yibao.sheet import render
    from yibao.sheet.content import SheetContent

    pages: list[int] = []
    real = render.paint_sheet

    def counting(device: QPagedPaintDevice, content: SheetContent) -> None:
        real(device, content)
        pages.append(1)

    monkeypatch.setattr(render, "paint_sheet", counting)
    seen: list[int] = []

    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QPrintPreviewDialog):
                preview = widget.findChild(QPrintPreviewWidget)
                assert preview is not None
                seen.append(preview.pageCount())
                widget.reject()

    QTimer.singleShot(200, close)
    preview_dialog(None, *long_year, header)
    assert pages, "the preview never painted the sheet"
    assert seen and seen[0] >= 2


def test_pdf_without_any_system_cjk_font(tmp_path: Path) -> None:
    """As on a new machine: fontconfig sees no font folder at all; the bundled font must carry the sheet."""
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                      f"<cachedir>{tmp_path / 'cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    request = tmp_path / "request.json"
    import json

    request.write_text(json.dumps(USUAL), encoding="utf-8")
    out = tmp_path / "bare.pdf"
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env |= {"FONTCONFIG_FILE": str(config), "QT_QPA_FONTDIR": str(empty), "QT_QPA_PLATFORM": "offscreen"}
    probe = subprocess.run(
        [sys.executable, "-c", "from PySide6.QtGui import QGuiApplication, QFontDatabase; app = QGuiApplication([]);"
         " print(len([f for f in QFontDatabase.families() if 'CJK' in f]))"],
        env=env, capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip() == "0", "the system CJK fonts are still visible"
    done = subprocess.run([sys.executable, "-m", "yibao", "sheet", str(request), "--pdf", str(out)], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    flat = re.sub(r"\s+", "", pdftotext(out))
    assert "(2,000.00−600.00)×60%=840.00" in flat and "人民币壹仟贰佰陆拾元整" in flat
    assert not KANGXI.findall(flat)
    assert all(f["emb"] == "yes" and "YibaoSansSC" in f["name"] for f in pdffonts(out))


def test_write_pdf_to_an_unwritable_place_raises(qapp: object, usual: tuple[Request, Result], header: SheetHeader,
                                                 tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_pdf(tmp_path / "missing-folder" / "x.pdf", *usual, header)


def test_thirty_visits_request_is_what_the_fixture_says() -> None:
    visits = year_of_visits(30)["visits"]
    assert isinstance(visits, list) and len(visits) == 30


def test_with_no_printer_the_dialog_offers_a_named_pdf(
    qapp: object, usual: tuple[Request, Result], header: SheetHeader, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo

    if QPrinterInfo.availablePrinters():
        pytest.skip("a printer is installed here")
    offered: list[str] = []

    def look(dialog: QPrintDialog) -> int:
        offered.append(dialog.printer().outputFileName())
        return QPrintDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QPrintDialog, "exec", look)
    print_dialog(None, *usual, header)
    assert offered and offered[0].endswith("测算单-烟台市-20240601-1005.pdf")


def test_pdf_text_gives_back_every_digit_after_latin_letters_and_in_wrapped_cells(
    qapp: object, usual: tuple[Request, Result], tmp_path: Path
) -> None:
    """Noto's 'locl' swapped digits in a Latin run for unmapped glyphs: `A12` came out as `A`, `min(800.00` as `min(`."""
    out = tmp_path / "digits.pdf"
    write_pdf(out, *usual, SheetHeader("B座2楼 Hall A12", "C3"))
    text = pdftotext(out)
    flat = re.sub(r"\s+", "", text)
    assert "min(2,000.00,600.00)=600.00" in flat  # 烟政字〔2023〕109号 二(三)1: the tier-3 deductible, 600
    assert "HallA12" in flat and "窗口号：C3" in flat and "B座2楼" in flat
    assert "¥1,260.00" in flat  # the totals figure after the Latin-1 ¥ sign


def test_preview_opens_readable_with_print_first(
    qapp: object, usual: tuple[Request, Result], header: SheetHeader
) -> None:
    """Issue 21.14: the page fit to the dialog's width (it opened whole, at ~38%), the dialog within the screen, and
    打印 the toolbar's first button (last, it fell into the overflow menu at 1024×768)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication, QToolBar

    seen: list[tuple[object, str, bool]] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QPrintPreviewDialog):
                preview, toolbar = widget.findChild(QPrintPreviewWidget), widget.findChild(QToolBar)
                assert preview is not None and toolbar is not None
                within = widget.screen().availableGeometry().contains(widget.frameGeometry())
                seen.append((preview.zoomMode(), toolbar.actions()[0].text(), within))
                widget.reject()

    QTimer.singleShot(200, look)
    preview_dialog(None, *usual, header)
    assert len(seen) == 1
    zoom, first, within = seen[0]
    assert zoom == QPrintPreviewWidget.ZoomMode.FitToWidth and within
    assert first in ("打印", "Print")  # Qt's own text: Chinese once the window has installed Qt's translation


def test_every_box_is_as_wide_as_the_page(
    qapp: object, usual: tuple[Request, Result], header: SheetHeader, tmp_path: Path
) -> None:
    """测算结论, 测算条件 and the result tables: their caption bands end at the same edge, as drawn at 150 dpi (the
    测算条件 box was ~2 mm narrower: its columns added up to 99%)."""
    from PySide6.QtGui import QColor, QImage

    from yibao.sheet.html import CAPTION_BG

    out = tmp_path / "sheet.png"
    save_png(out, *usual, header)
    image = QImage(str(out))
    caption = QColor(CAPTION_BG).rgb()
    edges = {}  # a caption band's first row → its left and right edge
    in_band = False
    for y in range(0, 1754):  # the first page
        inked = [x for x in range(image.width()) if image.pixel(x, y) == caption]
        if len(inked) > image.width() // 2 and not in_band:
            edges[y] = (inked[0], inked[-1])
        in_band = len(inked) > image.width() // 2
    assert len(edges) >= 3  # 测算结论, 测算条件, a table's caption
    lefts, rights = {left for left, _ in edges.values()}, {right for _, right in edges.values()}
    assert max(lefts) - min(lefts) <= 1 and max(rights) - min(rights) <= 1, edges  # 1 px = 0.17 mm
