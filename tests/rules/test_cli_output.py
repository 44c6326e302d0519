"""Issue 22.3: the result is written whole or the run fails: a reader that closes the pipe early or a full disk
gives exit 1 and one Chinese line, whatever the buffering (PYTHONUNBUFFERED=1 writes straight to the pipe)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

YEAR = {"city": "yantai", "on": "2024-06-01",
        "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
        "visits": [{"kind": "inpatient", "tier": 3, "in_scope": "30000"}] * 120}  # some 330 KB of JSON out


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_reader_closing_early_is_an_error(unbuffered: str, tmp_path: Path) -> None:
    request = tmp_path / "year.json"
    request.write_text(json.dumps(YEAR), encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    with subprocess.Popen([sys.executable, "-m", "yibao", "calc", str(request)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env) as child:
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.read(100).startswith(b"{")
        child.stdout.close()  # as `| head -c 100` does
        err = child.stderr.read().decode("utf-8")
        code = child.wait(60)
    assert (code, err) == (1, "无法写出结果（输出已被关闭）\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_full_disk_is_an_error(unbuffered: str, tmp_path: Path) -> None:
    request = tmp_path / "year.json"
    request.write_text(json.dumps(YEAR), encoding="utf-8")
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "yibao", "calc", str(request)], stdout=full,
                              stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": unbuffered}, timeout=60)
    assert (done.returncode, done.stderr.decode("utf-8")) == (1, "无法写出结果（磁盘已满）\n")


@pytest.mark.skipif(sys.platform == "win32", reason="file names as bytes, as on Linux and macOS")
@pytest.mark.parametrize(("args", "message"), [
    ([b"calc", b"/nowhere/\xff.json"], "输入有误：(文件)：无法读取请求文件 /nowhere/\\udcff.json（文件或文件夹不存在）"),
    ([b"figures", b"check", b"/nowhere/\xff.json"], "数据包有误：无法读取 /nowhere/\\udcff.json（文件或文件夹不存在）"),
    ([b"calc", b"-", b"--compare-on", b"2024-\xff"],
     "输入有误：--compare-on：“2024-\\udcff”不是有效日期（格式 YYYY-MM-DD，例如 2024-06-01）"),
], ids=["request-path", "pack-path", "compare-on"])
def test_words_that_are_not_utf8_get_one_line(args: list[bytes], message: str) -> None:
    """Issue 22.8: a file name or option that is not UTF-8 (Python reads it as lone surrogates) is named, escaped."""
    done = subprocess.run([sys.executable.encode(), b"-m", b"yibao", *args], input=json.dumps(YEAR).encode(),
                          capture_output=True, timeout=60)
    assert (done.returncode, done.stderr.decode("utf-8")) == (2, message + "\n")
