"""Smoke test of the frozen app (PyInstaller one-folder), as a fresh machine would run it.

Skipped unless ``YIBAO_BUILD_TESTS=1``. Builds ``dist/yibao`` when it is missing or older than the code,
data or spec; then runs the frozen ``calc``, ``sheet``, ``regions`` and the window (offscreen), each with the
network cut (``unshare -n``) where the machine permits it, with no display, and with its own YIBAO_HOME
and HOME, checking that nothing is written outside YIBAO_HOME.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import pytest

if os.environ.get("YIBAO_BUILD_TESTS") != "1":
    pytest.skip("frozen-app tests run only with YIBAO_BUILD_TESTS=1", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
# The program the tests run: on Windows the console twin (yibao-cli.exe) of the windowless yibao.exe.
FROZEN = ROOT / "dist" / "yibao" / ("yibao-cli.exe" if sys.platform == "win32" else "yibao")
INPUTS = [
    ROOT / "pyproject.toml",
    ROOT / "desktop" / "yibao",
    ROOT / "resources",
    ROOT / "build_scripts" / "yibao.spec",
    ROOT / "build_scripts" / "launch.py",
]
CASES = sorted((ROOT / "tests" / "rules" / "cases").glob("*.json"))
TIMEOUT_S = 60  # a modal dialog in smoke mode would otherwise hang the run


def newest_input() -> float:
    files = [
        p for top in INPUTS for p in ([top] if top.is_file() else top.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
    ]
    return max(p.stat().st_mtime for p in files)


@pytest.fixture(scope="module")
def frozen() -> Path:
    if not FROZEN.is_file() or FROZEN.stat().st_mtime < newest_input():
        subprocess.run([sys.executable, str(ROOT / "build_scripts" / "build.py")], cwd=ROOT, check=True)
    return FROZEN


@cache
def network_cut() -> list[str]:
    """The command prefix that runs a program without network, or none (with a warning) where not permitted."""
    for prefix in (["unshare", "-n"], ["unshare", "-rn"]):
        if shutil.which("unshare") and subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    warnings.warn("unshare -n is not permitted here: the frozen app runs with the network on", stacklevel=1)
    return []


def run_frozen(
    frozen: Path, tmp_path: Path, *args: str, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the frozen app headless, network cut, with YIBAO_HOME and HOME in tmp_path; HOME must stay empty."""
    home, user_home = tmp_path / "yibao-home", tmp_path / "user-home"
    user_home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "YIBAO_SMOKE")}
    env.update(
        {
            "YIBAO_HOME": str(home),
            "HOME": str(user_home),
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            **(extra_env or {}),
        }
    )
    done = subprocess.run(
        [*network_cut(), str(frozen), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=TIMEOUT_S,
    )
    assert list(user_home.iterdir()) == [], "the app wrote outside YIBAO_HOME"
    return done


def at(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def first_computed_case(path: Path) -> dict[str, Any]:
    """The first case of a document's file that expects figures (not an input error)."""
    cases = json.loads(path.read_text(encoding="utf-8"))
    return next(c for c in cases if c.get("expect") and "error" not in c and "invalid" not in c)


@pytest.mark.parametrize("cases_file", CASES, ids=[p.stem for p in CASES])
def test_calc_gives_the_hand_worked_figures(frozen: Path, tmp_path: Path, cases_file: Path) -> None:
    case = first_computed_case(cases_file)
    request = tmp_path / "request.json"
    request.write_text(json.dumps(case["request"], ensure_ascii=False), encoding="utf-8")
    done = run_frozen(frozen, tmp_path, "calc", str(request))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    for path, expected in case["expect"].items():
        assert at(result, path) == expected, (case["name"], path)


def test_calc_rejects_bad_input_in_chinese(frozen: Path, tmp_path: Path) -> None:
    request = tmp_path / "request.json"
    request.write_text('{"city": "nowhere"}', encoding="utf-8")
    done = run_frozen(frozen, tmp_path, "calc", str(request))
    assert done.returncode == 2
    assert "城市" in done.stderr and "yantai" in done.stderr


def test_calc_reads_visits_from_an_xlsx_file(frozen: Path, tmp_path: Path) -> None:
    """Task 1's year (tests/helpers/visit_rows_helpers.py) from a spreadsheet: openpyxl is in the frozen app."""
    from openpyxl import Workbook
    from visit_rows_helpers import TASK_ONE, TASK_ONE_LIST

    request, visits = tmp_path / "request.json", tmp_path / "结算清单.xlsx"
    request.write_text(json.dumps(TASK_ONE), encoding="utf-8")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in TASK_ONE_LIST:
        sheet.append(row)
    book.save(visits)
    done = run_frozen(frozen, tmp_path, "calc", str(request), "--visits", str(visits))
    assert done.returncode == 0, done.stderr
    totals = json.loads(done.stdout)["year_totals"]
    assert (totals["fund_pays"], totals["person_pays"]) == ("3055.00", "2245.00")


def test_the_qr_decoder_and_the_jpeg_plugin_are_bundled(frozen: Path) -> None:
    """扫码调取 from a picture of the sheet: zxing-cpp's extension module and Qt's JPEG reader travel with the app."""
    bundle = frozen.parent
    assert list(bundle.rglob("zxingcpp*")), "zxing-cpp is missing"
    assert [p for p in bundle.rglob("*qjpeg*") if "imageformats" in p.parts], "the JPEG plugin is missing"


def test_regions_lists_the_16_cities(frozen: Path, tmp_path: Path) -> None:
    done = run_frozen(frozen, tmp_path, "regions")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 16
    assert "yantai\t烟台市" in lines and "jinan\t济南市" in lines


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_sheet_writes_a_pdf_with_chinese_text(frozen: Path, tmp_path: Path) -> None:
    request = tmp_path / "request.json"
    request.write_text(
        json.dumps(first_computed_case(ROOT / "tests" / "rules" / "cases" / "yantai-2023-109.json")["request"]), encoding="utf-8"
    )
    pdf = tmp_path / "sheet.pdf"
    done = run_frozen(frozen, tmp_path, "sheet", str(request), "--pdf", str(pdf), "--hall", "烟台市芝罘区医保服务大厅")
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for fragment in ("职工基本医疗保险测算单", "烟台市芝罘区医保服务大厅", "参保地：烟台市", "480.00", "测算结果仅供参考"):
        assert fragment in text, fragment


def test_window_opens_computes_and_reads_its_sheet_s_qr_code_from_a_png(frozen: Path, tmp_path: Path) -> None:
    """The smoke run also writes the sheet as a PNG picture and reads the case back from its QR code (扫码调取 from a
    picture: segno, Qt's PNG reader and zxing-cpp, frozen)."""
    done = run_frozen(frozen, tmp_path, extra_env={"YIBAO_SMOKE": "1"})
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"yibao-smoke-ok \S+市 单位月缴 \d+\.\d\d 扫码调取 PNG \(\d+\.\d\ds\)", done.stdout.strip()), done.stdout
    assert (tmp_path / "yibao-home").is_dir()


def test_no_runtime_hook_beyond_qt_and_inspect_runs_at_start(frozen: Path) -> None:
    """Every runtime hook runs at each start, before the window: bundling multiprocessing once added two
    (multiprocessing, pkgutil) that imported ~10 ms of modules the app never uses."""
    from PyInstaller.archive.readers import CArchiveReader

    scripts = {name for name, entry in CArchiveReader(str(frozen)).toc.items() if entry[-1] == "s"}
    hooks = {name for name in scripts if name.startswith("pyi_rth_")}
    assert hooks == {"pyi_rth_inspect", "pyi_rth_pyside6"}, hooks


def test_window_reports_its_first_paint(frozen: Path, tmp_path: Path) -> None:
    done = run_frozen(frozen, tmp_path, extra_env={"YIBAO_EXIT_AFTER_FIRST_PAINT": "1"})
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"yibao-first-paint \d+\.\d+", done.stdout.strip()), done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="the benchmark reads peak memory with the POSIX resource module")
def test_benchmark_measures_all_four_programs(frozen: Path) -> None:
    """One round of the start-up benchmark (the bare window is built too, as in docs/developers.md's figures)."""
    if not (ROOT / "dist" / "bare" / "bare").is_file():
        subprocess.run([sys.executable, str(ROOT / "build_scripts" / "build.py"), "--bare"], cwd=ROOT, check=True)
    done = subprocess.run(
        [sys.executable, str(ROOT / "build_scripts" / "bench_startup.py"), "--runs", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=4 * TIMEOUT_S,
    )
    assert done.returncode == 0, done.stderr
    rows = {line[:22].strip(): line[22:].split() for line in done.stdout.splitlines()}
    for program in ("bare window, source", "app, source", "bare window, frozen", "app, frozen"):
        median, low, high, cpu, rss = (float(x) for x in rows[program])
        assert 0 < low <= median <= high < 30_000 and 0 < cpu < 30_000 and 20 < rss < 2000, program
    assert re.search(r"size, dist/yibao / dist/bare: \d\.\d\d×", done.stdout), done.stdout
    assert re.search(r"frozen: \d\.\d\d×.*; CPU time \d\.\d\d×", done.stdout), done.stdout
