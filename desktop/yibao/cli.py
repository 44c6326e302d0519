"""Command line: ``python -m yibao calc FILE``, ``sheet FILE --pdf OUT``, ``regions``, ``figures check|import|export``
and (with no sub-command) the window.

The rules core (pydantic) is imported only by the sub-commands that need it, so that
the window can paint before it is loaded.
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from datetime import date

    from yibao.rules import Request
    from yibao.session import Session

EXIT_OUTPUT = 1
EXIT_INPUT = 2
EXIT_POLICY = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl+C


class OutputError(Exception):
    """The result could not be written (a full disk, a closed pipe); the message is Chinese, one line."""


MAX_REQUEST_BYTES = 10 * 1024 * 1024  # far above any request (a year of visits is some kilobytes); /dev/zero ends


def read_request(source: str) -> Request:
    """Parse one JSON request from a file path or ``-``; raise InputError in Chinese on any problem (a closed stdin,
    a file larger than MAX_REQUEST_BYTES, text that is not UTF-8)."""
    from yibao.rules import InputError
    from yibao.wording import describe_os_error

    what = "标准输入" if source == "-" else f"请求文件 {source}"
    try:
        if source == "-":
            if sys.stdin is None:  # started with stdin closed (<&-)
                raise InputError("(文件)", "没有标准输入（已被关闭），请给出请求文件路径或用管道传入请求")
            data = sys.stdin.buffer.read(MAX_REQUEST_BYTES + 1)
        else:
            with open(source, "rb") as file:
                data = file.read(MAX_REQUEST_BYTES + 1)
    except OSError as exc:
        raise InputError("(文件)", f"无法读取{what}（{describe_os_error(exc)}）") from None
    if len(data) > MAX_REQUEST_BYTES:
        raise InputError("(文件)", f"{what} 超过 {MAX_REQUEST_BYTES // (1024 * 1024)} MB，不是一个测算请求")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("(文件)", f"{what} 不是 UTF-8 编码的文本") from None
    from yibao.rules.requests import request_from_text

    return request_from_text(text)


def _write_out(text: str) -> None:
    """Print the result; a full disk or a closed pipe is an OutputError, not a traceback."""
    from yibao.wording import describe_os_error

    try:
        _write_whole(text)
    except OSError as exc:
        import os

        with open(os.devnull, "w") as sink:  # what is left in the buffer must not fail again at exit
            os.dup2(sink.fileno(), sys.stdout.fileno())
        raise OutputError(f"无法写出结果（{describe_os_error(exc)}）") from None


def _write_whole(text: str) -> None:
    """Write ``text`` to stdout and flush it. Unbuffered (PYTHONUNBUFFERED, ``-u``) the text layer writes straight to
    the file and ignores a short write (a reader closing the pipe midway): write the bytes until all are out."""
    import io
    import os

    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if not isinstance(raw, io.RawIOBase):
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    data = memoryview(text.replace("\n", os.linesep).encode(stream.encoding, stream.errors or "strict"))
    while data:
        written = raw.write(data)
        if not written:
            raise OSError(errno.EIO, "short write")
        data = data[written:]


def output_path(text: str, option: str) -> Path:
    """A file the user names for output (``sheet --pdf``, ``figures export OUT``): its folder must exist (it is not
    made silently); InputError naming the option. What the path is (a device, a folder) is checked when writing."""
    from yibao.rules import InputError

    out = Path(text)
    if not out.parent.is_dir():
        raise InputError(option, f"无法写入 {out}：目录不存在")
    return out


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


def one_line_text(text: str, option: str, limit: int) -> str:
    """A name given on the command line to be printed or saved (``--hall``, ``--counter``, ``--issuer``): one line of
    text, at most ``limit`` characters; InputError naming the option."""
    import unicodedata

    from yibao.rules import InputError
    from yibao.rules.inputs import ONE_LINE, has_control_characters

    if any(unicodedata.category(ch) == "Cs" for ch in text):  # bytes that are not UTF-8 (\udcff)
        raise InputError(option, f"“{_one_line(text)}”含有无效的字符（不是 UTF-8 的文字），请重新输入")
    if has_control_characters(text):
        raise InputError(option, ONE_LINE)
    if len(text) > limit:
        raise InputError(option, f"最多 {limit} 个字符")
    return text


def open_session(args: argparse.Namespace) -> Session:
    """The session of calc and sheet: the hall's saved local figures, ``--figures PACK``'s for this run (nothing
    saved), or none with ``--no-local``; a problem with the saved figures is said on stderr."""
    from yibao.session import Session

    session = Session.open(pack=None if args.figures is None else Path(args.figures), saved=not args.no_local)
    for message in session.messages:
        print(_one_line(message), file=sys.stderr)
    return session


def _calc(args: argparse.Namespace) -> int:
    from yibao.visit_files import with_visits

    request = with_visits(read_request(args.request), args.visits)
    session = open_session(args)
    other = compare_on(args.compare_on)
    if other is not None:
        _write_out(session.compare(request, other).model_dump_json(indent=2) + "\n")
        return 0
    _write_out(session.compute(request).model_dump_json(indent=2) + "\n")
    return 0


def _figures_check(args: argparse.Namespace) -> int:
    from yibao.rules import bundled_policy
    from yibao.state.packs import read_pack, summary

    policy = bundled_policy()
    pack = read_pack(policy, Path(args.pack))
    _write_out("\n".join(summary(policy, pack, _progress_line if len(pack.figures) >= PROGRESS_FROM else None)) + "\n")
    return 0


MAX_ISSUER = 200  # characters: a bureau's full name, with room to spare
PROGRESS_FROM = 500  # figures: a pack this large takes seconds to check; say how far it is


def _progress_line(done: int, total: int) -> None:
    """``figures check`` on a large pack: a line on stderr at each tenth of the way (the result goes to stdout)."""
    if done == total or done * 10 // total != (done - 1) * 10 // total:
        print(f"正在检查：{done}/{total} 个城市时段", file=sys.stderr, flush=True)


def _figures_import(args: argparse.Namespace) -> int:
    from yibao.rules import bundled_policy
    from yibao.state.local_figures import local_figures_path
    from yibao.state.packs import import_saved, read_pack

    policy = bundled_policy()
    pack = read_pack(policy, Path(args.pack))
    try:
        imported = import_saved(policy, pack)
    except OSError as exc:  # a WriteError: the message names the file and says nothing was imported
        raise OutputError(str(exc)) from None
    if imported.message:
        print(_one_line(imported.message), file=sys.stderr)
    already = f"，{imported.same}条已有相同的" if imported.same else ""
    saved = _one_line(str(local_figures_path()))
    _write_out(f"已从“{pack.issuer}”的数据包导入{len(imported.added)}条本地录入参数{already}（保存在 {saved}）\n")
    return 0


def _figures_export(args: argparse.Namespace) -> int:
    from datetime import date

    from yibao.rules import InputError, bundled_policy
    from yibao.state.local_figures import load_local_figures
    from yibao.state.packs import default_issuer, write_pack

    policy = bundled_policy()
    if args.city is not None and args.city not in {r.code for r in policy.cities()}:
        raise InputError("--city", f"没有“{args.city}”这个城市代码（yibao regions 列出全部）")
    issuer = None if args.issuer is None else one_line_text(args.issuer, "--issuer", MAX_ISSUER)
    figures, message = load_local_figures(policy)
    if message:
        print(_one_line(message), file=sys.stderr)
    chosen = [f for f in figures if args.city is None or f.region == args.city]
    if not chosen:
        raise InputError("--city" if args.city else "(本地录入)", "没有可导出的本地录入参数")
    out = output_path(args.out, "OUT")
    try:
        write_pack(out, chosen, issuer or default_issuer(chosen), date.today())
    except OSError as exc:  # a WriteError: the message names the file and the problem
        raise OutputError(str(exc)) from None
    _write_out(f"已导出{len(chosen)}条本地录入参数到 {_one_line(str(out))}\n")  # a name not UTF-8 shown \udcff
    return 0


def _regions(_: argparse.Namespace) -> int:
    from yibao.rules import bundled_policy

    _write_out("".join(f"{region.code}\t{region.name}\n" for region in bundled_policy().cities()))
    return 0


def _sheet(args: argparse.Namespace) -> int:
    """Write the printed sheet as a PDF, headless (an offscreen Qt application when there is no display)."""
    from yibao.state.settings import MAX_COUNTER_NO, MAX_HALL_NAME
    from yibao.visit_files import with_visits

    hall = one_line_text(args.hall, "--hall", MAX_HALL_NAME)
    counter = one_line_text(args.counter, "--counter", MAX_COUNTER_NO)
    request = with_visits(read_request(args.request), args.visits)
    out = output_path(args.pdf, "(--pdf)")
    session = open_session(args)
    result = session.compute(request)
    other = compare_on(args.compare_on)
    comparison = None if other is None else session.compare(request, other)
    from datetime import datetime

    from yibao.sheet import SheetHeader, write_pdf
    from yibao.sheet.render import ensure_gui_app

    ensure_gui_app()
    _quiet_qt()
    header = SheetHeader(hall, counter, datetime.now().replace(microsecond=0))
    try:
        write_pdf(out, request, result, header, comparison)  # atomic: a failure keeps the old file
    except OSError as exc:
        raise OutputError(str(exc)) from None
    return 0


def _one_line(message: str) -> str:
    """An error is one line: a newline or other control character typed into a value is shown escaped (\\n), and so
    is a lone surrogate (a file name that is not UTF-8), which no terminal could print."""
    import unicodedata

    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") else ch for ch in message)


def _quiet_qt() -> None:
    """Qt's own warnings (``QPainter::begin(): Returned false``) go to the log, not as a second line on stderr."""
    import logging

    from PySide6.QtCore import qInstallMessageHandler

    log = logging.getLogger("yibao.qt")
    qInstallMessageHandler(lambda _mode, _context, message: log.info("Qt: %s", message))


FIGURES_HELP = "本次计算使用这个数据包中的本地录入参数，不用本机保存的（也不改动本机保存的）"
VISITS_HELP = ("就诊记录表（CSV 或 XLSX：就诊类别、医院等级、政策范围内、政策范围外、先行自付；第一行可写表头），"
               "加在请求中的就诊记录之后")
NO_LOCAL_HELP = "不用本机保存的本地录入参数，只按所收录的政策文件计算（默认使用，与窗口相同）"


def _local_options(command: argparse.ArgumentParser) -> None:
    """Which local figures calc and sheet use: the hall's saved ones unless one of these says otherwise."""
    choice = command.add_mutually_exclusive_group()
    choice.add_argument("--figures", metavar="PACK.json", help=FIGURES_HELP)
    choice.add_argument("--no-local", action="store_true", help=NO_LOCAL_HELP)


# What argparse says (usage, help, its errors), in Chinese: it looks each phrase up through its module's ``_``.
ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：输入有误：%(message)s\n",
    "the following arguments are required: %s": "缺少必须给出的参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有 %(value)r 这一项（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "后面须跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少跟一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "ignored explicit argument %r": "多余的值 %r",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "须给出参数 %s 之一",
}


def _chinese_argparse() -> None:
    import argparse

    vars(argparse)["_"] = lambda text: ARGPARSE_WORDS.get(text, text)
    vars(argparse)["ngettext"] = lambda one, many, n: "后面须跟 %s 个值" if "argument" in one else (one if n == 1 else many)


def parser() -> argparse.ArgumentParser:
    import argparse

    _chinese_argparse()

    top = argparse.ArgumentParser(prog="yibao", description="山东职工基本医疗保险测算")
    top.add_argument("--version", action="store_true", help="显示版本号和内置政策参数的日期")
    sub = top.add_subparsers(dest="command")
    calc = sub.add_parser("calc", help="读取一个 JSON 请求，输出 JSON 结果")
    calc.add_argument("request", help="请求文件路径，- 表示标准输入")
    calc.add_argument("--compare-on", metavar="YYYY-MM-DD",
                      help="同一请求再按这一日期的规定计算，输出 before/after/changes/difference")
    _local_options(calc)
    calc.add_argument("--visits", metavar="FILE.csv|xlsx", help=VISITS_HELP)
    calc.set_defaults(run=_calc)
    sub.add_parser("regions", help="列出城市代码").set_defaults(run=_regions)
    sheet = sub.add_parser("sheet", help="读取一个 JSON 请求，输出 A4 测算单 PDF")
    sheet.add_argument("request", help="请求文件路径，- 表示标准输入")
    sheet.add_argument("--pdf", required=True, metavar="OUT.pdf", help="输出的 PDF 文件")
    sheet.add_argument("--hall", default="", help="服务大厅名称（不填则留空线）")
    sheet.add_argument("--counter", default="", help="窗口号（不填则留空线）")
    sheet.add_argument("--compare-on", metavar="YYYY-MM-DD", help="加印政策前后对比：同一请求再按这一日期的规定计算")
    _local_options(sheet)
    sheet.add_argument("--visits", metavar="FILE.csv|xlsx", help=VISITS_HELP)
    sheet.set_defaults(run=_sheet)
    figures = sub.add_parser("figures", help="本地录入参数数据包：检查、导入、导出")
    actions = figures.add_subparsers(dest="action", required=True)
    check = actions.add_parser("check", help="检查数据包并列出各城市、各期间补全了哪些结果")
    check.add_argument("pack", help="数据包文件（JSON）")
    check.set_defaults(run=_figures_check)
    put = actions.add_parser("import", help="把数据包并入本机的本地录入参数（与已有的重叠则拒绝，不写入任何数据）")
    put.add_argument("pack", help="数据包文件（JSON）")
    put.set_defaults(run=_figures_import)
    export = actions.add_parser("export", help="把本机的本地录入参数导出为数据包")
    export.add_argument("out", metavar="OUT", help="输出的数据包文件")
    export.add_argument("--city", help="只导出这个城市（城市代码，如 yantai）")
    export.add_argument("--issuer", help="数据包的发布单位（默认：参数来自的那一个数据包的发布单位）")
    export.set_defaults(run=_figures_export)
    return top


def main(argv: list[str] | None = None) -> int:
    if not (sys.argv[1:] if argv is None else argv):
        from yibao.ui.preload import load_pyside

        load_pyside()
        from yibao.ui.app import run  # the window: Qt first, the rules core after the first paint

        return run()
    _utf8_when_redirected()
    args = parser().parse_args(argv)  # an unknown word exits 2 with argparse's usage line
    _log_to_the_log_file()
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
        print(_one_line(str(exc)), file=sys.stderr)
        return EXIT_INPUT
    except PolicyError as exc:
        print(_one_line(str(exc)), file=sys.stderr)
        return EXIT_POLICY
    except OutputError as exc:
        print(_one_line(str(exc)), file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt:  # Ctrl+C: a file being written is replaced whole or not at all (state/atomic.py)
        print("已中断（Ctrl+C）", file=sys.stderr)
        return EXIT_INTERRUPTED


def _log_to_the_log_file() -> None:
    """What a command logs (a damaged file set aside, figures skipped) goes to the app's log, as the window's does:
    without a handler Python prints it on stderr, in English, beside the Chinese message that already says it."""
    import logging

    from yibao.state.logs import setup_logging

    root = logging.getLogger()
    if not any(type(handler) is logging.NullHandler for handler in root.handlers):
        root.addHandler(logging.NullHandler())  # no log file (a read-only folder): still nothing on stderr
    setup_logging()


def _utf8_when_redirected() -> None:
    """A request piped in, and JSON and messages piped out, are UTF-8 whatever the system's code page (Windows: cp936,
    cp1252)."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if stream is not None and not stream.isatty() and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
