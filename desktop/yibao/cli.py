"""Command line: ``python -m yibao calc FILE``, ``sheet FILE --pdf OUT``, ``regions`` and (with no sub-command) the window.

The rules core (pydantic) is imported only by the sub-commands that need it, so that
the window can paint before it is loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from datetime import date

    from yibao.rules import Request

EXIT_OUTPUT = 1
EXIT_INPUT = 2
EXIT_POLICY = 3


class OutputError(Exception):
    """The result could not be written (a full disk, a closed pipe); the message is Chinese, one line."""


def read_request(source: str) -> Request:
    """Parse one JSON request from a file path or ``-``; raise InputError in Chinese on any problem."""
    from yibao.rules import InputError
    from yibao.state.atomic import describe_os_error

    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("(文件)", f"请求文件 {source} 不是 UTF-8 编码的文本") from None
    except OSError as exc:
        raise InputError("(文件)", f"无法读取请求文件 {source}（{describe_os_error(exc)}）") from None
    return request_from_text(text)


def request_from_text(text: str) -> Request:
    """The request in ``text`` (JSON); InputError in Chinese naming the field.

    A byte-order mark (Windows Notepad) is skipped. Refused before validation: a key given twice, nesting deeper
    than Python can read, NaN and Infinity. Numbers are read exactly (Decimal) and a whole number too long for
    ``int`` stays a Decimal, so the field's own check says it is too large.
    """
    import json
    from decimal import Decimal

    from pydantic import ValidationError

    from yibao.rules import InputError, Request
    from yibao.rules.errors import from_validation_error

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, value in pairs:
            if key in data:
                raise InputError(key, "这个字段出现了两次，只能写一次")
            data[key] = value
        return data

    def no_constant(name: str) -> Any:
        raise InputError("(请求)", f"{name} 不是数字，JSON 中只能写有限的数字")

    def whole(digits: str) -> int | Decimal:
        return int(digits) if len(digits) <= 40 else Decimal(digits)

    try:
        data: Any = json.loads(text.removeprefix("\ufeff"), object_pairs_hook=unique_keys, parse_float=Decimal,
                               parse_int=whole, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise InputError("(请求)", f"不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）") from None
    except RecursionError:
        raise InputError("(请求)", "嵌套层数太多，不是一个测算请求") from None
    if not isinstance(data, dict):
        raise InputError("(请求)", "请求必须是一个 JSON 对象")
    try:
        return Request.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None
    except RecursionError:
        raise InputError("(请求)", "嵌套层数太多，不是一个测算请求") from None


def _write_out(text: str) -> None:
    """Print the result; a full disk or a closed pipe is an OutputError, not a traceback."""
    from yibao.state.atomic import describe_os_error

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        import os

        with open(os.devnull, "w") as sink:  # what is left in the buffer must not fail again at exit
            os.dup2(sink.fileno(), sys.stdout.fileno())
        raise OutputError(f"无法写出结果（{describe_os_error(exc)}）") from None


def compare_on(text: str | None) -> date | None:
    """The ``--compare-on`` date, or an InputError in Chinese naming the option."""
    from yibao.rules import InputError
    from yibao.rules.inputs import InputProblem, parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except InputProblem as exc:
        raise InputError("--compare-on", str(exc)) from None


def _calc(args: argparse.Namespace) -> int:
    from yibao.rules import calculate

    request = read_request(args.request)
    other = compare_on(args.compare_on)
    if other is not None:
        from yibao.rules.compare import compare

        _write_out(compare(request, other).model_dump_json(indent=2) + "\n")
        return 0
    _write_out(calculate(request).model_dump_json(indent=2) + "\n")
    return 0


def _regions(_: argparse.Namespace) -> int:
    from yibao.rules import bundled_policy

    for region in bundled_policy().cities():
        print(f"{region.code}\t{region.name}")
    return 0


def _sheet(args: argparse.Namespace) -> int:
    """Write the printed sheet as a PDF, headless (an offscreen Qt application when there is no display)."""
    from yibao.rules import InputError, calculate

    request = read_request(args.request)
    out = Path(args.pdf)
    if not out.parent.is_dir():
        raise InputError("(--pdf)", f"无法写入 {out}：目录不存在")
    result = calculate(request)
    other = compare_on(args.compare_on)
    comparison = None
    if other is not None:
        from yibao.rules.compare import compare

        comparison = compare(request, other)
    from datetime import datetime

    from yibao.sheet import SheetHeader, write_pdf
    from yibao.sheet.render import ensure_gui_app

    ensure_gui_app()
    header = SheetHeader(args.hall, args.counter, datetime.now().replace(microsecond=0))
    try:
        write_pdf(out, request, result, header, comparison)
    except OSError as exc:
        raise InputError("(--pdf)", f"无法写入 {out}：{exc}") from None
    return 0


def parser() -> argparse.ArgumentParser:
    import argparse

    top = argparse.ArgumentParser(prog="yibao", description="山东职工基本医疗保险测算")
    top.add_argument("--version", action="store_true", help="显示版本号和内置政策参数的日期")
    sub = top.add_subparsers(dest="command")
    calc = sub.add_parser("calc", help="读取一个 JSON 请求，输出 JSON 结果")
    calc.add_argument("request", help="请求文件路径，- 表示标准输入")
    calc.add_argument("--compare-on", metavar="YYYY-MM-DD",
                      help="同一请求再按这一日期的规定计算，输出 before/after/changes/difference")
    calc.set_defaults(run=_calc)
    sub.add_parser("regions", help="列出城市代码").set_defaults(run=_regions)
    sheet = sub.add_parser("sheet", help="读取一个 JSON 请求，输出 A4 测算单 PDF")
    sheet.add_argument("request", help="请求文件路径，- 表示标准输入")
    sheet.add_argument("--pdf", required=True, metavar="OUT.pdf", help="输出的 PDF 文件")
    sheet.add_argument("--hall", default="", help="服务大厅名称（不填则留空线）")
    sheet.add_argument("--counter", default="", help="窗口号（不填则留空线）")
    sheet.add_argument("--compare-on", metavar="YYYY-MM-DD", help="加印政策前后对比：同一请求再按这一日期的规定计算")
    sheet.set_defaults(run=_sheet)
    return top


def main(argv: list[str] | None = None) -> int:
    if not (sys.argv[1:] if argv is None else argv):
        from yibao.ui.app import run  # the window: Qt first, the rules core after the first paint

        return run()
    _utf8_when_redirected()
    args = parser().parse_args(argv)  # an unknown word exits 2 with argparse's usage line
    from yibao.rules import InputError, PolicyError

    if args.version:
        from yibao.version import about_text

        print(about_text())
        return 0
    if args.command is None:
        parser().print_usage(sys.stderr)
        return EXIT_INPUT
    try:
        return int(args.run(args))
    except InputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except PolicyError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_POLICY
    except OutputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_OUTPUT


def _utf8_when_redirected() -> None:
    """A request piped in, and JSON and messages piped out, are UTF-8 whatever the system's code page (Windows: cp936,
    cp1252)."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if stream is not None and not stream.isatty() and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
