"""One version, written once in pyproject.toml, shown by `yibao --version`, on the sheet's footer and in the log."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from yibao.rules import bundled_policy, load_policy
from yibao.state.logs import FILE_NAME, setup_logging
from yibao.version import about_text, app_version

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
REQUEST = {"city": "yantai", "on": "2024-06-01", "person": {"employment": "enterprise", "retired": False, "sex": "male",
                                                            "age": 40}, "contribution": {"monthly_base": "6000"}}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yibao", *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=60)


def run_bytes(*args: str, stdin: bytes, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "yibao", *args], input=stdin, capture_output=True, timeout=60,
                          env={**os.environ, **env})


def test_the_version_is_the_one_in_pyproject() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)
    assert app_version() == VERSION
    assert not (ROOT / "desktop" / "yibao" / "__init__.py").read_text(encoding="utf-8").count(VERSION)


def test_the_newest_bundled_figure_is_yantais_2026_minimum_years() -> None:
    """109号 二(二)4: Yantai's minimum contribution years from 2026-01-01 are the newest value bundled."""
    assert bundled_policy().newest_start() == date(2026, 1, 1)


def test_version_option_names_the_version_and_the_policy_date() -> None:
    done = run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"山东职工医保测算 {VERSION}（内置政策参数最新一项自2026年1月1日起施行）\n"


def test_version_option_still_answers_when_the_policy_files_are_damaged(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    policy = tmp_path / "policy"
    shutil.copytree(ROOT / "resources" / "policy", policy)
    (policy / "parameters.json").write_text("{", encoding="utf-8")
    import yibao.version

    monkeypatch.setattr(yibao.version, "newest_bundled_figure", lambda: load_policy(policy).newest_start())
    text = about_text()
    assert text.startswith(f"山东职工医保测算 {VERSION}（内置政策数据无法读取：") and "parameters.json" in text


def test_pipes_are_utf8_whatever_the_code_page() -> None:
    """A Windows PC with an English code page (cp1252) used to fail on the first Chinese character."""
    done = run_bytes("calc", "-", stdin=json.dumps(REQUEST).encode(), PYTHONIOENCODING="cp1252")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert json.loads(done.stdout.decode("utf-8"))["city_name"] == "烟台市"
    bad = run_bytes("calc", "-", stdin='{"city": "烟台"}'.encode(), PYTHONIOENCODING="cp1252")
    assert bad.returncode == 2 and "没有“烟台”这个城市代码" in bad.stderr.decode("utf-8")  # read and written as UTF-8


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_sheet_footer_names_the_version(tmp_path: Path) -> None:
    request, pdf = tmp_path / "测算 请求.json", tmp_path / "测算单 2024.pdf"  # Chinese names with spaces
    request.write_text(json.dumps(REQUEST), encoding="utf-8")
    done = run("sheet", str(request), "--pdf", str(pdf))
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    footer = text.rstrip().splitlines()[-1]
    assert f"山东职工医保测算 {VERSION} 版" in footer and "第 1 页，共 1 页" in footer


def test_the_log_says_which_version_started(tmp_path: Path) -> None:
    from yibao.state.logs import log_started

    path = setup_logging()
    try:
        log_started()
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert path.name == FILE_NAME
        assert f"启动 山东职工医保测算 {VERSION}（内置政策参数最新一项自2026年1月1日起施行）" in path.read_text(encoding="utf-8")
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "baseFilename", None) == str(path.absolute()):
                root.removeHandler(handler)
                handler.close()
