"""Rows of cells from a visits file, CSV or XLSX, for ``yibao.rules.visit_rows`` (the window's 导入就诊记录 and
``yibao calc --visits``). Qt-free; openpyxl is imported only when an XLSX file is read.

A CSV file is read as UTF-8 (with or without the byte-order mark Excel's "CSV UTF-8" writes) or else as GB18030,
what Excel on a Chinese Windows writes by default; its cells are separated by commas, or by tabs where the first
line has tabs and no comma. An XLSX file's first worksheet is read, formulas as the values Excel last saved, and a
number as Excel shows it with 15 significant digits (0.1+0.2 is 0.3, not 0.30000000000000004).
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from yibao.rules.models import MAX_VISITS
from yibao.rules.visit_rows import RowProblem, VisitRows, read_visit_rows, split_rows
from yibao.wording import describe_os_error

if TYPE_CHECKING:
    from yibao.rules import Request

log = logging.getLogger(__name__)
SUFFIXES = (".csv", ".xlsx")
MAX_BYTES = 10_000_000  # a year's visits are a few kilobytes; anything this large is the wrong file
MAX_ROWS = 5000


def read_visits_file(path: Path, *, room: int = MAX_VISITS) -> VisitRows:
    """The visits in a CSV or XLSX file (at most ``room``); RowProblem (Chinese, naming the file's row and column)
    on any problem."""
    return read_visit_rows(_rows(path), room=room)


def _rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise RowProblem(f"{path.name} 不是 CSV 或 XLSX 文件（.xls 请在 Excel 中另存为 .xlsx 或 CSV）")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RowProblem(f"无法读取 {path.name}（{describe_os_error(exc)}）") from None
    if size > MAX_BYTES:
        raise RowProblem(f"{path.name} 太大（{size // 1_000_000} MB），不是就诊记录表")
    return _csv_rows(path) if suffix == ".csv" else _xlsx_rows(path)


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RowProblem(f"无法读取 {path.name}（{describe_os_error(exc)}）") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RowProblem(f"{path.name} 不是 UTF-8 或 GBK 编码的文本")
    first = text.lstrip("\ufeff").partition("\n")[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    return split_rows(text, delimiter)[:MAX_ROWS]


def _xlsx_rows(path: Path) -> list[list[str]]:
    """The first sheet's rows. A damaged workbook fails in the zip, deflate or XML reader, at opening or on any row
    (BadZipFile, zlib.error, EOFError, ParseError, IndexError for no sheet …): each is "not a valid XLSX file"."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            rows = []
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    break
                rows.append([cell_text(value) for value in row])
            return rows
        finally:
            book.close()
    except OSError as exc:
        raise RowProblem(f"无法读取 {path.name}（{describe_os_error(exc)}）") from None
    except Exception as exc:  # whatever the readers raise on damaged bytes: the file is refused, the app goes on
        log.info("%s is not a readable workbook: %r", path, exc)
        raise RowProblem(f"{path.name} 不是有效的 XLSX 文件（已损坏，或是改了扩展名的其他文件）") from None


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text Excel shows: 1500 → '1500', 1234.5 → '1234.5', a date → '2024-03-15',
    blank → ''."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    return str(value)


def with_visits(request: Request, source: str | None) -> Request:
    """The request with the visits of a CSV or XLSX file after its own (``--visits``); InputError naming the
    option, the file, and its row and column."""
    if source is None:
        return request
    from yibao.rules import InputError

    kept = list(request.visits or [])
    try:
        added = read_visits_file(Path(source), room=MAX_VISITS - len(kept)).visits
    except RowProblem as exc:
        raise InputError("--visits", f"{Path(source).name}：{exc}") from None
    return request.model_copy(update={"visits": kept + added})
