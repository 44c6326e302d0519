"""Qt rendering of the sheet: one paint function for PDF, printer, preview and PNG (novelWriter's way).

The body is a QTextDocument laid out for the paint device (fonts in points, so sizes hold at any
resolution), cut into pages of the body's height; each page gets the header (hall, counter,
title, city, dates) and a footer with the page number painted around it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
    QTextTableCellFormat,
)

from yibao.fonts import install_fonts
from yibao.rules import Request, Result
from yibao.rules.compare import Comparison
from yibao.sheet.content import SheetContent, SheetHeader, build_content
from yibao.sheet.html import BODY_PT, COMPACT_BODY_PT, HEAD_BG, QR_SOURCE, STYLE_SHEET, sheet_html
from yibao.sheet.parts import Table
from yibao.sheet.qr import case_qr
from yibao.sheet.tiers import TierSheet
from yibao.state.atomic import WriteError, replace_checked
from yibao.version import APP_TITLE, app_version

MARGINS_MM = QMarginsF(13, 8, 13, 8)  # left, top, right, bottom
LINE_HEIGHT_PERCENT = 72
BASELINE_RAISE_PERCENT = 20.0  # of the font's height: the glyphs centred in the tightened line
FOOTER_MM = 7.0
TITLE_PT = 15.0
HEADER_PT = 8.5
FOOTER_PT = 7.5
PDF_DPI = 600
PNG_DPI = 150
PNG_GAP_MM = 4.0
PREVIEW_WIDTH = 1000  # px: an A4 page at a readable size, the toolbar whole


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or a new offscreen one for headless use (the CLI, scripts)."""
    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    assert isinstance(app, QGuiApplication)
    return app


def _font(family: str, points: float, bold: bool = False) -> QFont:
    font = QFont(family)
    font.setPointSizeF(points)
    font.setBold(bold)
    # Noto Sans CJK's 'locl' feature swaps digits, '.' and ',' in a Latin run ("min(800.00", "A12") for glyphs
    # outside its character map; Qt's PDF writer can map those glyphs back to no character, so pdftotext and
    # copy-and-paste lost the digits. Without it, every digit is drawn with the glyph of its own code point.
    font.setFeature(QFont.Tag("locl"), 0)
    return font


class SheetPages:
    """The sheet laid out for one paint device: page count, and each page painted on demand."""

    def __init__(self, content: SheetContent, device: QPaintDevice, page: QRectF) -> None:
        self.content = content
        self.family = install_fonts()
        self.page = page
        self.mm = device.logicalDpiY() / 25.4
        self.small = _font(self.family, HEADER_PT)
        self.title = _font(self.family, TITLE_PT, bold=True)
        self.line = QFontMetricsF(self.small, device).height()
        self.title_height = QFontMetricsF(self.title, device).height()
        # the font's line gap (1.45 em) below the counter line and the title is most of their space: a little of it taken
        self.rule_y = self.line * 1.1 + self.title_height * 0.9 + self.line + 1.0 * self.mm
        self.header_height = self.rule_y + 2.5 * self.mm
        self.footer_height = FOOTER_MM * self.mm
        self.body = QSizeF(page.width(), page.height() - self.header_height - self.footer_height)
        qr = case_qr(content.case_code)
        qr_image = _qr_image(qr.modules) if qr is not None else None  # made once, also for a second layout
        self.doc = self._laid_out(content, device, BODY_PT, qr_image)
        if self.doc.pageCount() == 2:  # just over a page: the body a little smaller may bring it onto one
            compact = self._laid_out(content, device, COMPACT_BODY_PT, qr_image)
            if compact.pageCount() == 1:
                self.doc = compact
        self.count = max(1, self.doc.pageCount())

    def _laid_out(self, content: SheetContent, device: QPaintDevice, body_pt: float,
                  qr_image: QImage | None) -> QTextDocument:
        """The body with its text at ``body_pt`` (the formulas, clauses and notes stay at SMALL_PT), cut into pages."""
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(device)
        doc.setDefaultFont(_font(self.family, body_pt))
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(STYLE_SHEET)
        if qr_image is not None:
            doc.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(QR_SOURCE), qr_image)
        doc.setHtml(sheet_html(content, _screen_dpi(), body_pt))
        _tighten_lines(doc)
        doc.setPageSize(self.body)
        _keep_tables_together(doc, self.body.height())
        return doc

    def paint(self, painter: QPainter, index: int, origin: QPointF | None = None) -> None:
        origin = origin or QPointF(0, 0)
        painter.save()
        painter.translate(origin + self.page.topLeft())
        self._header(painter, index)
        painter.save()
        painter.translate(0, self.header_height - index * self.body.height())
        self.doc.drawContents(painter, QRectF(QPointF(0, index * self.body.height()), self.body))
        painter.restore()
        self._footer(painter, index)
        painter.restore()

    def _text(self, painter: QPainter, rect: QRectF, flags: Qt.AlignmentFlag, text: str, font: QFont) -> float:
        painter.setFont(font)
        painter.drawText(rect, int(flags), text)
        return QFontMetricsF(font, painter.device()).height()

    def _header(self, painter: QPainter, index: int) -> None:
        width = self.page.width()
        painter.setPen(QColor("#000000"))
        left, right, centre = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignHCenter
        self._text(painter, QRectF(0, 0, width, self.line), left, self.content.counter_line, self.small)
        if index:
            self._text(painter, QRectF(0, 0, width, self.line), right, "（续）", self.small)
        y = self.line * 1.1
        self._text(painter, QRectF(0, y, width, self.title_height), centre, self.content.title, self.title)
        y += self.title_height * 0.9
        self._text(painter, QRectF(0, y, width, self.line), centre, self.content.subtitle, self.small)
        painter.setPen(QPen(QColor("#000000"), 0.35 * self.mm))
        painter.drawLine(QPointF(0, self.rule_y), QPointF(width, self.rule_y))
        painter.setPen(QPen(QColor("#000000"), 0.15 * self.mm))
        painter.drawLine(QPointF(0, self.rule_y + 0.7 * self.mm), QPointF(width, self.rule_y + 0.7 * self.mm))

    def _footer(self, painter: QPainter, index: int) -> None:
        width = self.page.width()
        font = _font(self.family, FOOTER_PT)
        top = self.page.height() - self.footer_height + 2 * self.mm
        painter.setPen(QPen(QColor("#777777"), 0.15 * self.mm))
        painter.drawLine(QPointF(0, top - 1 * self.mm), QPointF(width, top - 1 * self.mm))
        painter.setPen(QColor("#000000"))
        rect = QRectF(0, top, width, self.footer_height - 2 * self.mm)
        self._text(painter, rect, Qt.AlignmentFlag.AlignLeft, self.content.disclaimer, font)
        self._text(painter, rect, Qt.AlignmentFlag.AlignHCenter, f"{APP_TITLE} {app_version()} 版", font)
        self._text(painter, rect, Qt.AlignmentFlag.AlignRight, f"第 {index + 1} 页，共 {self.count} 页", font)


def _screen_dpi() -> float:
    """The resolution Qt reads an <img>'s size in (its default dpi: the screen's logical dpi, 96 on most systems and
    72 on macOS), so that the QR code prints at its size on any of them."""
    screen = QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi):
        return 96.0
    return float(round(screen.logicalDotsPerInchY()))


QR_PIXELS_PER_MODULE = 8  # sharp edges however the PDF viewer scales the picture


def _qr_image(modules: tuple[tuple[bool, ...], ...]) -> QImage:
    """The QR code as a black-and-white picture, each module a square of pixels."""
    size = len(modules)
    image = QImage(size, size, QImage.Format.Format_Grayscale8)
    image.fill(QColor("#ffffff"))
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x, y, 0)
    side = size * QR_PIXELS_PER_MODULE
    return image.scaled(side, side, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation)


def _tighten_lines(doc: QTextDocument) -> None:
    """Noto CJK's line gap (1.45 em) is generous for a form: print lines at LINE_HEIGHT_PERCENT of it. Qt cuts the
    shorter line from below, so the glyphs sank onto the rule under them: they are raised back into their line."""
    block_format = QTextBlockFormat()
    block_format.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    raised = QTextCharFormat()
    raised.setBaselineOffset(BASELINE_RAISE_PERCENT)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()  # block by block in one edit: a whole-document selection costs the square of its length
    block = doc.begin()
    while block.isValid():
        cursor.setPosition(block.position())
        cursor.mergeBlockFormat(block_format)
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(raised)
        block = block.next()
    cursor.endEditBlock()


COLUMN_HEADINGS = Table("", ()).headings
KEEP_TOGETHER_FRACTION = 0.4  # a table up to this share of a page is never split across pages
UNPAGED_HEIGHT = 1e9  # a page taller than any sheet: the layout without page breaks


def _tables(doc: QTextDocument) -> list[QTextTable]:
    """The sheet's tables in document order (all at the top level of the document)."""
    return [frame for frame in doc.rootFrame().childFrames() if isinstance(frame, QTextTable)]


def _is_group_only_head(table: QTextTable) -> bool:
    """A visit's own table: its head is just the visit's title row, without the column headings."""
    return table.format().headerRowCount() == 1 and table.columns() == 4 and table.cellAt(0, 0).columnSpan() == 4


def _add_column_headings(table: QTextTable) -> None:
    """Put the column headings above a visit's title when that visit starts a page."""
    sample = table.cellAt(table.rows() - 1, 0).format().toTableCellFormat()
    first_block = table.cellAt(table.rows() - 1, 0).firstCursorPosition().blockFormat()
    table.insertRows(0, 1)
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    bold.setBaselineOffset(BASELINE_RAISE_PERCENT)  # as _tighten_lines raised every other line
    for column, text in enumerate(COLUMN_HEADINGS):
        cell = table.cellAt(0, column)
        cell_format = QTextTableCellFormat(sample)
        cell_format.setBackground(QColor(HEAD_BG))
        cell.setFormat(cell_format)
        cursor = cell.firstCursorPosition()
        cursor.setBlockFormat(first_block)
        cursor.insertText(text, bold)
    table_format = table.format()
    table_format.setHeaderRowCount(table_format.headerRowCount() + 1)
    table.setFormat(table_format)


def _keep_tables_together(doc: QTextDocument, page_height: float) -> None:
    """Clean page breaks: a short table (a visit with its lines, a totals block) moves whole to the next page
    rather than splitting, and a visit that opens a page gets the column headings again.

    Linear in the sheet's length: the breaks are planned from one layout and applied in one edit; then each table
    is checked against the real layout, and only what the plan got wrong (text split across a page before it) is
    changed there, one relayout per change. Changing the document table by table would relayout the rest of it
    each time: 1,000 visits took two minutes.
    """
    _plan_breaks(doc, page_height)
    _fix_breaks(doc, page_height)
    _keep_signature_with_totals(doc, page_height)


def _plan_breaks(doc: QTextDocument, page_height: float) -> None:
    size = doc.pageSize()
    doc.setPageSize(QSizeF(size.width(), UNPAGED_HEIGHT))  # one layout without pages: each table's own height
    layout = doc.documentLayout()
    plan: list[tuple[QTextTable, bool, bool]] = []
    shift = 0.0  # how far the breaks planned so far move what follows
    for table in _tables(doc):
        rect = layout.frameBoundingRect(table)
        top = rect.top() + shift
        first_page, last_page = int(top // page_height), int((top + rect.height() - 1) // page_height)
        if first_page != last_page and _first_row_overflows(layout, table, top, page_height):
            shift += (first_page + 1) * page_height - top
            first_page += 1
            top = first_page * page_height
            last_page = int((top + rect.height() - 1) // page_height)
        pushed = first_page != last_page and rect.height() <= page_height * KEEP_TOGETHER_FRACTION
        if pushed:
            shift += last_page * page_height - top
            top, first_page = last_page * page_height, last_page
        headings = first_page > 0 and top - first_page * page_height < 0.02 * page_height and _is_group_only_head(table)
        if headings:
            shift += _title_row_height(layout, table)
        plan.append((table, pushed, headings))
    doc.setPageSize(QSizeF())  # no layout while editing: with a page size, each change relayouts the rest
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for table, pushed, headings in plan:
        if pushed:
            table_format = table.format()
            table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            table.setFormat(table_format)
        if headings:
            _add_column_headings(table)
    cursor.endEditBlock()
    doc.setPageSize(size)


def _first_row_overflows(layout: Any, table: QTextTable, top: float, page_height: float) -> bool:
    """Whether not even the table's first line fits on the page it starts on: Qt then carries the table to the next
    page by itself, and a break before the table as well would leave a page blank."""
    room = (top // page_height + 1) * page_height - top
    first_line = layout.blockBoundingRect(table.cellAt(0, 0).firstCursorPosition().block()).height()
    return bool(room < first_line)


def _title_row_height(layout: Any, table: QTextTable) -> float:
    """The height the column headings add: a one-line row, as tall as the visit's title row."""
    first = layout.blockBoundingRect(table.cellAt(0, 0).firstCursorPosition().block())
    second = layout.blockBoundingRect(table.cellAt(1, 0).firstCursorPosition().block())
    return float(second.top() - first.top())


def _fix_breaks(doc: QTextDocument, page_height: float) -> None:
    """Check every table against the real layout and change those the plan got wrong."""
    layout = doc.documentLayout()
    for table in _tables(doc):
        rect = layout.frameBoundingRect(table)
        first_page, last_page = int(rect.top() // page_height), int((rect.bottom() - 1) // page_height)
        pushed = (first_page != last_page and rect.height() <= page_height * KEEP_TOGETHER_FRACTION
                  and not _first_row_overflows(layout, table, rect.top(), page_height))
        opens_page = pushed or rect.top() - first_page * page_height < 0.02 * page_height
        page = last_page if pushed else first_page
        headings = page > 0 and opens_page and _is_group_only_head(table)
        if not (pushed or headings):
            continue
        cursor = QTextCursor(doc)  # one relayout per table changed, not one per edit
        cursor.beginEditBlock()
        if pushed:
            table_format = table.format()
            table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            table.setFormat(table_format)
        if headings:
            _add_column_headings(table)
        cursor.endEditBlock()


def _page_of(layout: Any, table: QTextTable, page_height: float) -> int:
    return int(layout.frameBoundingRect(table).top() // page_height)


def _set_break_before(table: QTextTable, flag: QTextFormat.PageBreakFlag) -> None:
    cursor = QTextCursor(table.document())
    cursor.beginEditBlock()
    table_format = table.format()
    table_format.setPageBreakPolicy(flag)
    table.setFormat(table_format)
    cursor.endEditBlock()


def _keep_signature_with_totals(doc: QTextDocument, page_height: float) -> None:
    """The signature block (the sheet's last table) never opens a page alone: when it falls on a later page than the
    table before it (the totals), that table starts the new page, and the notes and documents between come along.
    Left as it is when the totals and all that follows would not fit on one page."""
    tables = _tables(doc)
    if len(tables) < 2:
        return
    layout = doc.documentLayout()
    signature, totals = tables[-1], tables[-2]
    policies = (totals.format().pageBreakPolicy(), signature.format().pageBreakPolicy())
    if policies[0] != QTextFormat.PageBreakFlag.PageBreak_Auto or (
            _page_of(layout, signature, page_height) == _page_of(layout, totals, page_height)):
        return
    _set_break_before(totals, QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    _set_break_before(signature, QTextFormat.PageBreakFlag.PageBreak_Auto)
    if _page_of(layout, signature, page_height) != _page_of(layout, totals, page_height):
        _set_break_before(totals, policies[0])
        _set_break_before(signature, policies[1])


def _page_layout() -> QPageLayout:
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    return QPageLayout(a4, QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter)


def paint_sheet(device: QPagedPaintDevice, content: SheetContent) -> None:
    """Paint every page of the sheet on a printer or PDF writer whose page layout is already set."""
    resolution = device.logicalDpiY()
    paint_rect = device.pageLayout().paintRectPixels(resolution)
    pages = SheetPages(content, device, QRectF(0, 0, paint_rect.width(), paint_rect.height()))
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始绘制测算单（打印机或文件不可用）")
    try:
        for index in range(pages.count):
            if index:
                device.newPage()
            pages.paint(painter, index)
    finally:
        painter.end()


def write_pdf(
    path: str | Path, request: Request, result: Result, header: SheetHeader, comparison: Comparison | TierSheet | None = None
) -> None:
    content = build_content(request, result, header, comparison=comparison)

    def write(temp: Path) -> None:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(_page_layout())
        writer.setTitle(f"{content.title}（{content.city_name}）")
        writer.setCreator("yibao 山东职工医保测算")
        paint_sheet(writer, content)
        del writer  # the file is finished when the writer goes

    replace_checked(Path(path), write, _complete_pdf)


def _complete_pdf(path: Path) -> bool:
    """Qt reports no write error: a PDF cut short by a full disk lacks its end marker."""
    with path.open("rb") as pdf:
        if pdf.read(5) != b"%PDF-":
            return False
        pdf.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in pdf.read()


def _set_dpi(image: QImage, dpi: int) -> None:
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)


def _complete_png(path: Path) -> bool:
    with path.open("rb") as png:
        if png.read(8) != b"\x89PNG\r\n\x1a\n":
            return False
        png.seek(max(0, path.stat().st_size - 12))
        return png.read().startswith(b"\x00\x00\x00\x00IEND")


def _a4_pixels() -> QSizeF:
    full_mm = _page_layout().fullRect(QPageLayout.Unit.Millimeter)
    return QSizeF(full_mm.width() * PDF_DPI / 25.4, full_mm.height() * PDF_DPI / 25.4)


def a4_pages(content: SheetContent) -> SheetPages:
    """The sheet laid out on A4 at the PDF's resolution, as the PDF and the PNG print it (not painted)."""
    px = PDF_DPI / 25.4
    full = _a4_pixels()
    paint = QRectF(MARGINS_MM.left() * px, MARGINS_MM.top() * px, full.width() - (MARGINS_MM.left() + MARGINS_MM.right()) * px,
                   full.height() - (MARGINS_MM.top() + MARGINS_MM.bottom()) * px)
    probe = QImage(1, 1, QImage.Format.Format_RGB32)
    _set_dpi(probe, PDF_DPI)
    return SheetPages(content, probe, paint)


def save_png(
    path: str | Path, request: Request, result: Result, header: SheetHeader, comparison: Comparison | TierSheet | None = None
) -> None:
    """The sheet's pages stacked in one picture at 150 dpi. The text is laid out at the PDF's resolution and drawn
    smaller, so the picture breaks pages where the paper does (laid out at 150 dpi, fonts round to coarser sizes and
    a one-page year ran onto a second page)."""
    pages = a4_pages(build_content(request, result, header, comparison=comparison))
    full = _a4_pixels()
    scale = PNG_DPI / PDF_DPI
    width, height = round(full.width() * scale), round(full.height() * scale)
    gap = round(PNG_GAP_MM * PNG_DPI / 25.4)
    image = QImage(width, height * pages.count + gap * (pages.count - 1), QImage.Format.Format_RGB32)
    _set_dpi(image, PDF_DPI)  # while painting: a point is as many pixels as on the probe, then scaled down
    image.fill(QColor("#9a9a9a"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    for index in range(pages.count):
        top = index * (height + gap)
        painter.fillRect(QRectF(0, top, width, height), QColor("#ffffff"))
        painter.save()
        painter.translate(0, top)
        painter.scale(scale, scale)
        pages.paint(painter, index)
        painter.restore()
    painter.end()
    _set_dpi(image, PNG_DPI)

    def write(temp: Path) -> None:
        if not image.save(str(temp), "PNG"):  # type: ignore[call-overload]  # the stubs want bytes, the binding a str
            raise WriteError(errno.EIO, f"无法写入 {path}（图片没有写完整，可能磁盘已满），原文件未改动")

    replace_checked(Path(path), write, _complete_png)


def _documents_folder() -> Path:
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def _printer() -> Any:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_page_layout())
    printer.setDocName("职工基本医疗保险测算单")
    return printer


def print_dialog(
    parent: Any, request: Request, result: Result, header: SheetHeader, comparison: Comparison | TierSheet | None = None
) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo

    content = build_content(request, result, header, comparison=comparison)
    printer = _printer()
    if not QPrinterInfo.availablePrinters():  # no printer installed: Qt offers "Print to File (PDF)"; name the file
        stamp = header.printed_at.strftime("%Y%m%d-%H%M")
        printer.setOutputFileName(str(_documents_folder() / f"测算单-{content.city_name}-{stamp}.pdf"))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印测算单")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_sheet(printer, content)
    out = printer.outputFileName()
    if out and printer.outputFormat() == printer.OutputFormat.PdfFormat and not _printed_whole(Path(out)):
        raise WriteError(errno.EIO, f"无法写入 {out}（文件没有写完整，可能磁盘已满）")
    return True


def _printed_whole(path: Path) -> bool:
    """Printed to a PDF file: Qt says nothing of a full disk, the file is cut short (or missing)."""
    try:
        return _complete_pdf(path)
    except OSError:
        return False


def preview_dialog(
    parent: Any, request: Request, result: Result, header: SheetHeader, comparison: Comparison | TierSheet | None = None
) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    content = build_content(request, result, header, comparison=comparison)
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览：测算单")
    failed: list[OSError] = []  # printed from the preview to a printer or file that failed: raised once it closes

    def paint(device: QPagedPaintDevice) -> None:
        try:
            paint_sheet(device, content)
        except OSError as exc:
            failed.append(exc)

    dialog.paintRequested.connect(paint)
    _readable(dialog)
    dialog.exec()
    if failed:
        raise failed[-1]


def _readable(dialog: Any) -> None:
    """The page as wide as the dialog (Qt opened it whole, at ~38%, too small to read), the dialog as tall as the
    screen, and 打印 first in the toolbar (last, it fell into the overflow menu at 1024×768)."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QToolBar

    room = dialog.screen().availableGeometry()
    dialog.resize(min(PREVIEW_WIDTH, room.width() - 40), room.height() - 60)
    toolbar = dialog.findChild(QToolBar)
    fit_width = dialog.findChild(QAction, "fitWidthAction")
    if fit_width is not None:
        fit_width.trigger()
    if toolbar is not None:
        print_action = toolbar.actions()[-1]  # Qt's last: 打印
        first = toolbar.actions()[0]
        toolbar.insertAction(first, print_action)
        toolbar.insertSeparator(first)
