"""Issue 22.14: the command line's smaller edges. A closed stdin and an endless input (/dev/zero) end in one Chinese
line; argparse's usage, help and errors are in Chinese, never English; what the command logs goes to the log."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from chinese_messages import english_in

from yibao.cli import MAX_REQUEST_BYTES, main


def yibao(*args: str) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "yibao", *args], capture_output=True, timeout=60)
    return done.returncode, done.stderr.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="closes the child's stdin before it starts")
def test_a_closed_stdin_is_one_line() -> None:
    """``yibao calc - <&-``: Python starts with no sys.stdin at all."""
    done = subprocess.run([sys.executable, "-m", "yibao", "calc", "-"], preexec_fn=lambda: os.close(0),
                          capture_output=True, timeout=60)
    assert (done.returncode, done.stderr.decode("utf-8")) == (
        2, "输入有误：(文件)：没有标准输入（已被关闭），请给出请求文件路径或用管道传入请求\n")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_input_is_refused_once_it_passes_the_bound() -> None:
    assert yibao("calc", "/dev/zero") == (2, f"输入有误：(文件)：请求文件 /dev/zero 超过 {MAX_REQUEST_BYTES // 2**20} MB，"
                                              "不是一个测算请求\n")


@pytest.mark.parametrize(("args", "said"), [
    (["calc"], "yibao calc：输入有误：缺少必须给出的参数：request"),
    (["frob"], "yibao：输入有误：参数 command：没有 'frob' 这一项（可选：'calc', 'regions', 'sheet', 'figures'）"),
    (["regions", "--bogus"], "yibao：输入有误：不认识的参数：--bogus"),
    (["calc", "-", "--compare-on"], "yibao calc：输入有误：参数 --compare-on：后面须跟一个值"),
], ids=["missing", "unknown-command", "unknown-option", "no-value"])
def test_argparse_says_it_in_chinese(args: list[str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    err = capsys.readouterr().err
    assert exited.value.code == 2 and err.startswith("用法：yibao") and err.endswith(said + "\n")
    assert not re.search(r"\b(usage|error|required|invalid|unrecognized|expected)\b", err)


def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["figures", "-h"])
    out = capsys.readouterr().out
    assert out.startswith("用法：yibao figures") and "位置参数" in out and "显示此帮助并退出" in out
    assert not re.search(r"\b(usage|positional|options|show this help)\b", out)


def test_what_the_command_line_logs_goes_to_the_log_not_to_stderr(tmp_path: Path) -> None:
    """Issue 22.14, found re-checking 22.4: with a damaged local-figures file, ``calc`` printed Python's last-resort
    log line, in English, before its Chinese message (“local figures skipped: [...]”); it belongs in the log file."""
    from yibao.state.local_figures import local_figures_path
    from yibao.state.paths import log_dir

    record = {"parameter": "wage.province_average_monthly", "region": "jinan", "start": "2024-01-01", "end": None,
              "value": "1" + "0" * 30, "note": ""}
    local_figures_path().write_text(json.dumps({"version": 1, "figures": [record]}), encoding="utf-8")
    request = tmp_path / "year.json"
    request.write_text(json.dumps({"city": "jinan", "on": "2024-06-01", "person": {
        "employment": "enterprise", "retired": False, "sex": "male", "age": 40}, "contribution": {
        "monthly_base": "6000"}}), encoding="utf-8")
    code, err = yibao("calc", str(request))
    assert code == 0, err
    assert err.startswith("以下本地录入数据有误，已跳过") and err.count("\n") == 1, err
    assert english_in(err) is None, err
    assert "local figures skipped" in (log_dir() / "yibao.log").read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "said"), [
    (["--hall", "\udcff大厅"], "输入有误：--hall：“\\udcff大厅”含有无效的字符（不是 UTF-8 的文字），请重新输入"),
    (["--counter", "3\n号"], "输入有误：--counter：不能含有换行等控制字符"),
    (["--hall", "大" * 101], "输入有误：--hall：最多 100 个字符"),
    (["--counter", "1" * 21], "输入有误：--counter：最多 20 个字符"),
], ids=["not-utf8", "line-break", "long-hall", "long-counter"])
def test_the_sheets_hall_and_counter_are_one_line_of_text(args: list[str], said: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Found re-checking issue 22.8: a hall name not UTF-8 printed � on the sheet, a counter with a line break two
    lines; the window's settings hold at most 100 and 20 characters."""
    request = tmp_path / "year.json"
    request.write_text('{"city": "yantai", "on": "2024-06-01"}', encoding="utf-8")
    out = tmp_path / "sheet.pdf"
    assert main(["sheet", str(request), "--pdf", str(out), *args]) == 2
    assert capsys.readouterr().err == said + "\n"
    assert not out.exists()


@pytest.mark.parametrize(("issuer", "said"), [
    ("\udcff局", "输入有误：--issuer：“\\udcff局”含有无效的字符（不是 UTF-8 的文字），请重新输入"),
    ("某局\n", "输入有误：--issuer：不能含有换行等控制字符"),
], ids=["not-utf8", "line-break"])
def test_a_packs_issuer_is_one_line_of_text(issuer: str, said: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Found re-checking issue 22.8: ``--issuer`` not UTF-8 gave a traceback (UnicodeEncodeError); with a line break
    the pack's header printed on two lines in ``figures check``."""
    from datetime import date

    from yibao.rules import bundled_policy
    from yibao.state.local_figures import make_local_figure, save_local_figures

    save_local_figures([make_local_figure(bundled_policy(), parameter="wage.province_average_monthly", region="jinan",
                                          start=date(2023, 1, 1), end=None, raw_value="7000")])
    out = tmp_path / "pack.json"
    assert main(["figures", "export", str(out), "--issuer", issuer]) == 2
    assert capsys.readouterr().err == said + "\n"
    assert not out.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl+C is a console event on Windows, not a signal to send")
def test_ctrl_c_is_one_line_not_a_traceback() -> None:
    """Found re-checking issue 22.13: Ctrl+C during a long ``figures check`` printed Python's KeyboardInterrupt
    traceback. Here ``calc -`` waits for a request that never comes, as a clerk who forgot the file name would see."""
    import signal
    import time

    process = subprocess.Popen([sys.executable, "-m", "yibao", "calc", "-"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(3)  # well into reading its standard input
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err.decode("utf-8")) == (130, b"", "已中断（Ctrl+C）\n")
