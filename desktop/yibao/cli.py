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

EXIT_INPUT = 2
EXIT_POLICY = 3


def read_request(source: str) -> Request:
    """Parse one JSON request from a file path or ``-``; raise InputError in Chinese on any problem."""
    import json

    from pydantic import ValidationError

    from yibao.rules import InputError, Request
    from yibao.rules.errors import from_validation_error

    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("(文件)", f"无法读取请求文件 {source}：{exc.__class__.__name__}") from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("(请求)", f"不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）") from None
    if not isinstance(data, dict):
        raise InputError("(请求)", "请求必须是一个 JSON 对象")
    try:
        return Request.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None


def compare_on(text: str | None) -> date | None:
    """The ``--compare-on`` date, or an InputError in Chinese naming the option."""
    from datetime import date

    from yibao.rules import InputError

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("--compare-on", f"“{text}”不是有效日期（格式 YYYY-MM-DD）") from None


def _calc(args: argparse.Namespace) -> int:
    from yibao.rules import calculate

    request = read_request(args.request)
    other = compare_on(args.compare_on)
    if other is not None:
        from yibao.rules.compare import compare

        print(compare(request, other).model_dump_json(indent=2))
        return 0
    print(calculate(request).model_dump_json(indent=2))
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
    from datetime import datetime

    from yibao.sheet import SheetHeader, write_pdf
    from yibao.sheet.render import ensure_gui_app

    ensure_gui_app()
    try:
        write_pdf(out, request, result, SheetHeader(args.hall, args.counter, datetime.now().replace(microsecond=0)))
    except OSError as exc:
        raise InputError("(--pdf)", f"无法写入 {out}：{exc}") from None
    return 0


def parser() -> argparse.ArgumentParser:
    import argparse

    top = argparse.ArgumentParser(prog="yibao", description="山东职工基本医疗保险测算")
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
    args = parser().parse_args(argv)  # an unknown word exits 2 with argparse's usage line
    from yibao.rules import InputError, PolicyError

    try:
        return int(args.run(args))
    except InputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except PolicyError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_POLICY
