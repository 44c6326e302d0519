"""The release archive as a counter PC gets it, the wheel as pip builds it, and the Windows version resource.

Skipped unless ``YIBAO_BUILD_TESTS=1`` (run after ``python build_scripts/build.py --archive``; the archive is
built here when missing). The unpacked app runs from a folder whose path holds Chinese characters and a space,
with the network cut, no display, and its own YIBAO_HOME and HOME.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path
from typing import Literal, TypedDict

import pytest
from build_scripts_loader import script

if os.environ.get("YIBAO_BUILD_TESTS") != "1":
    pytest.skip("packaging tests run only with YIBAO_BUILD_TESTS=1", allow_module_level=True)

from test_frozen import at, first_computed_case, network_cut, newest_input, run_frozen

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
YANTAI = ROOT / "tests" / "rules" / "cases" / "yantai-2023-109.json"


class _Filter(TypedDict, total=False):
    filter: Literal["tar"]


EXTRACT: _Filter = {"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}


build = script("build")


@pytest.fixture(scope="module")
def archive() -> Path:
    path: Path = build.DIST / build.archive_name(VERSION)
    if not path.is_file() or path.stat().st_mtime < newest_input():
        subprocess.run([sys.executable, str(ROOT / "build_scripts" / "build.py"), "--archive"], cwd=ROOT, check=True)
    return path


@pytest.fixture(scope="module")
def unpacked(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive unpacked under “医保 测算”, as a clerk would; returns the program that runs the sub-commands."""
    where = tmp_path_factory.mktemp("unpack") / "医保 测算"
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as packed:
            packed.extractall(where)
    else:
        with tarfile.open(archive) as packed:
            packed.extractall(where, **EXTRACT)
    top = where / archive.name.removesuffix(".tar.gz").removesuffix(".zip")
    assert [p.name for p in where.iterdir()] == [top.name], "the archive unpacks to one folder named like it"
    if sys.platform == "win32":
        return top / "yibao-cli.exe"
    if sys.platform == "darwin":
        return top / "yibao.app" / "Contents" / "MacOS" / "yibao"
    return top / "yibao"


def test_sums_match_the_archive(archive: Path) -> None:
    lines = (archive.parent / build.SUMS).read_text(encoding="utf-8").splitlines()
    assert f"{build.sha256(archive)}  {archive.name}" in lines


def test_unpacked_app_names_its_version(unpacked: Path, tmp_path: Path) -> None:
    done = run_frozen(unpacked, tmp_path, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"山东职工医保测算 {VERSION}（内置政策参数最新一项自2026年1月1日起施行）\n"


def test_unpacked_app_computes_offline(unpacked: Path, tmp_path: Path) -> None:
    """109号 二(二)1: the first hand-worked Yantai case, computed by the unpacked app with the network cut."""
    case = first_computed_case(YANTAI)
    request = tmp_path / "测算 请求.json"
    request.write_text(json.dumps(case["request"], ensure_ascii=False), encoding="utf-8")
    done = run_frozen(unpacked, tmp_path, "calc", str(request))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    for path, expected in case["expect"].items():
        assert at(result, path) == expected, path
    if not network_cut():
        pytest.skip("the network could not be cut here (the figures were checked with it on)")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the menu entry is for Linux desktops")
def test_linux_archive_carries_the_menu_entry(unpacked: Path) -> None:
    for name in ("yibao.desktop", "yibao.png", "install-menu-entry.sh"):
        assert (unpacked.parent / name).is_file(), name
    assert os.access(unpacked, os.X_OK) and os.access(unpacked.parent / "install-menu-entry.sh", os.X_OK)


def test_wheel_carries_every_resource_without_packaging_warnings(tmp_path: Path) -> None:
    """A plain `pip install .` gets the policy data, fonts, icons and help; setuptools has nothing to warn about."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    output = done.stdout + done.stderr
    assert "absent from the `packages` configuration" not in output
    assert not re.search(r"SetuptoolsDeprecationWarning|_Warning:", output)
    (wheel,) = tmp_path.glob(f"yibao-{VERSION}-*.whl")
    with zipfile.ZipFile(wheel) as packed:
        names = set(packed.namelist())
    resources = {f"yibao/_resources/{p.relative_to(ROOT / 'resources').as_posix()}"
                 for p in (ROOT / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert resources and resources <= names
    assert f"yibao-{VERSION}.dist-info/METADATA" in names
    # Installed on its own (no source tree beside it), it finds its data and its version.
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(site),
                    str(wheel)], check=True, timeout=300)
    request = json.dumps(first_computed_case(YANTAI)["request"])
    env = {**os.environ, "PYTHONPATH": str(site)}
    calc = subprocess.run([sys.executable, "-m", "yibao", "calc", "-"], input=request, capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=tmp_path, timeout=120)
    assert calc.returncode == 0, calc.stderr
    where = subprocess.run([sys.executable, "-c", "import yibao.resources as r, yibao.version as v; "
                            "print(r.resource_root()); print(v.app_version())"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60, check=True).stdout.split()
    assert where == [str(site / "yibao" / "_resources"), VERSION]


def test_windows_version_resource_names_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """Built on any system from PyInstaller's own classes (it imports win32api only by name here)."""
    import PyInstaller.compat

    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    info = script("windows_version").version_info(VERSION, "yibao.exe")
    numbers = script("windows_version").file_version(VERSION)
    assert numbers == (*(int(n) for n in VERSION.split(".")), 0)
    assert (info.ffi.fileVersionMS, info.ffi.fileVersionLS) == ((numbers[0] << 16) | numbers[1], numbers[2] << 16)
    strings = {s.name: s.val for s in info.kids[0].kids[0].kids}
    assert strings["FileVersion"] == strings["ProductVersion"] == VERSION
    assert strings["OriginalFilename"] == "yibao.exe" and strings["ProductName"] == "山东职工医保测算"


@pytest.mark.skipif(sys.platform != "win32", reason="Windows executables (run by the release workflow)")
def test_windows_window_has_no_console_and_both_carry_the_version() -> None:
    import pefile

    for name, subsystem in (("yibao.exe", 2), ("yibao-cli.exe", 3)):  # 2 = WINDOWS_GUI, 3 = WINDOWS_CUI
        exe = pefile.PE(str(ROOT / "dist" / "yibao" / name))
        assert exe.OPTIONAL_HEADER.Subsystem == subsystem, name
        strings = {k.decode(): v.decode() for info in exe.FileInfo[0] if hasattr(info, "StringTable")
                   for table in info.StringTable for k, v in table.entries.items()}
        assert strings["ProductVersion"] == VERSION, name
