"""``python -m yibao sheet REQUEST.json --pdf OUT.pdf``: headless PDF, and bad input exits 2 with one Chinese line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sheet_helpers import USUAL, pdftotext


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}  # as on a server
    return subprocess.run([sys.executable, "-m", "yibao", *args], input=stdin, capture_output=True, text=True, env=env,
                          timeout=120)


def test_writes_the_sheet_from_a_file(tmp_path: Path) -> None:
    request = tmp_path / "r.json"
    request.write_text(json.dumps(USUAL), encoding="utf-8")
    out = tmp_path / "out.pdf"
    done = run(["sheet", str(request), "--pdf", str(out), "--hall", "烟台市莱山区医保服务大厅", "--counter", "7"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    flat = re.sub(r"\s+", "", pdftotext(out))
    assert "(2,000.00−600.00)×60%=840.00" in flat
    assert "服务大厅：烟台市莱山区医保服务大厅" in flat and "窗口号：7" in flat


def test_reads_standard_input(tmp_path: Path) -> None:
    out = tmp_path / "stdin.pdf"
    done = run(["sheet", "-", "--pdf", str(out)], stdin=json.dumps(USUAL))
    assert done.returncode == 0, done.stderr
    assert "6,000.00×8%=480.00" in re.sub(r"\s+", "", pdftotext(out))


BAD = {
    "unknown city": ({**USUAL, "city": "beijing"}, "城市"),
    "tier 4": ({**USUAL, "visits": [{"kind": "outpatient", "tier": 4, "in_scope": "10"}]}, "医院等级"),
    "negative amount": ({**USUAL, "contribution": {"monthly_base": "-5"}}, "月缴费基数"),
    "impossible date": ({**USUAL, "on": "2024-02-30"}, "适用日期"),
    "no rules on the date": ({**USUAL, "on": "1999-01-01"}, "施行"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_request_exits_2_with_one_chinese_line(case: str, tmp_path: Path) -> None:
    request, word = BAD[case]
    out = tmp_path / "never.pdf"
    done = run(["sheet", "-", "--pdf", str(out)], stdin=json.dumps(request))
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert word in lines[0] and re.search("[\u4e00-\u9fff]", lines[0])
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_malformed_json_and_missing_file(tmp_path: Path) -> None:
    done = run(["sheet", "-", "--pdf", str(tmp_path / "x.pdf")], stdin="{not json")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "JSON" in done.stderr
    done = run(["sheet", str(tmp_path / "nowhere.json"), "--pdf", str(tmp_path / "x.pdf")])
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "无法读取" in done.stderr


def test_output_folder_that_does_not_exist(tmp_path: Path) -> None:
    done = run(["sheet", "-", "--pdf", str(tmp_path / "no" / "x.pdf")], stdin=json.dumps(USUAL))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "目录不存在" in done.stderr
