"""Release pieces that need no PyInstaller: archive names and packing, SHA256SUMS, the icons, the changelog."""

from __future__ import annotations

import os
import shutil
import stat
import struct
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path
from typing import Literal, TypedDict

import pytest
from build_scripts_loader import script


class _Filter(TypedDict, total=False):
    filter: Literal["data"]


ROOT = Path(__file__).resolve().parents[2]
# tarfile's extraction filters came with Python 3.11.4 (Debian 12 has 3.11.2): use the safe one where it exists.
EXTRACT: _Filter = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


build = script("build")
release_notes = script("release_notes")


@pytest.mark.parametrize(("system", "machine", "name"), [
    ("linux", "x86_64", "yibao-1.2.3-linux-x86_64.tar.gz"),
    ("linux", "aarch64", "yibao-1.2.3-linux-arm64.tar.gz"),
    ("win32", "AMD64", "yibao-1.2.3-windows-x86_64.zip"),
    ("darwin", "arm64", "yibao-1.2.3-macos-arm64.tar.gz"),
    ("darwin", "x86_64", "yibao-1.2.3-macos-x86_64.tar.gz"),
])
def test_archive_names_say_version_system_and_processor(system: str, machine: str, name: str) -> None:
    assert build.archive_name("1.2.3", system, machine) == name


def app_folder(tmp_path: Path) -> Path:
    """A stand-in for dist/yibao: an executable, a library folder, a Chinese file name with a space."""
    folder = tmp_path / "yibao"
    (folder / "_internal" / "resources").mkdir(parents=True)
    program = folder / "yibao"
    program.write_text("#!/bin/sh\necho ok\n", encoding="utf-8")
    program.chmod(0o755)
    (folder / "_internal" / "resources" / "政策 数据.json").write_text("{}", encoding="utf-8")
    return folder


@pytest.mark.parametrize("suffix", [".tar.gz", ".zip"])
def test_an_archive_unpacks_to_one_folder_named_like_it(tmp_path: Path, suffix: str) -> None:
    folder = app_folder(tmp_path)
    target = build.write_archive(sorted(folder.iterdir()), tmp_path / f"yibao-9.9.9-linux-x86_64{suffix}")
    out = tmp_path / "out"
    if suffix == ".zip":
        with zipfile.ZipFile(target) as archive:
            archive.extractall(out)
    else:
        with tarfile.open(target) as archive:
            assert {m.uid for m in archive.getmembers()} == {0} and {m.uname for m in archive.getmembers()} == {""}
            archive.extractall(out, **EXTRACT)
        assert (out / "yibao-9.9.9-linux-x86_64" / "yibao").stat().st_mode & stat.S_IXUSR
    assert [p.name for p in out.iterdir()] == ["yibao-9.9.9-linux-x86_64"]
    top = out / "yibao-9.9.9-linux-x86_64"
    assert (top / "_internal" / "resources" / "政策 数据.json").read_text(encoding="utf-8") == "{}"
    assert not list(tmp_path.glob("*.part"))


def test_linux_archive_holds_the_menu_entry_and_its_installer() -> None:
    names = [p.name for p in build.LINUX_EXTRAS]
    assert names == ["yibao.desktop", "yibao.png", "install-menu-entry.sh"]
    assert all(p.is_file() for p in build.LINUX_EXTRAS)
    assert os.access(ROOT / "build_scripts" / "install-menu-entry.sh", os.X_OK)


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_menu_entry_installer_points_at_its_own_folder(tmp_path: Path) -> None:
    folder = tmp_path / "医保 测算" / "yibao-0.1.0-linux-x86_64"  # Chinese and a space in the path
    folder.mkdir(parents=True)
    for extra in build.LINUX_EXTRAS:
        shutil.copy2(extra, folder)
    share = tmp_path / "share"
    done = subprocess.run([str(folder / "install-menu-entry.sh")], capture_output=True, text=True, timeout=30,
                          env={**os.environ, "XDG_DATA_HOME": str(share)})
    assert done.returncode == 0, done.stderr
    entry = (share / "applications" / "yibao.desktop").read_text(encoding="utf-8").splitlines()
    assert f'Exec="{folder}/yibao"' in entry and f"TryExec={folder}/yibao" in entry
    assert "Name[zh_CN]=山东职工医保测算" in entry and "Icon=yibao" in entry
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "yibao.png").read_bytes() == (
        ROOT / "resources" / "icons" / "yibao.png").read_bytes()
    if shutil.which("desktop-file-validate"):  # desktop-file-utils (CI installs it)
        checked = subprocess.run(["desktop-file-validate", str(share / "applications" / "yibao.desktop")],
                                 capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout


def test_sums_list_every_archive_as_sha256sum_checks_them(tmp_path: Path) -> None:
    (tmp_path / "yibao-1.0.0-linux-x86_64.tar.gz").write_bytes(b"linux")
    (tmp_path / "yibao-1.0.0-windows-x86_64.zip").write_bytes(b"windows")
    (tmp_path / "notes.txt").write_text("not an archive", encoding="utf-8")
    sums = build.write_sums(tmp_path)
    assert sums.read_text(encoding="utf-8") == (
        f"{build.sha256(tmp_path / 'yibao-1.0.0-linux-x86_64.tar.gz')}  yibao-1.0.0-linux-x86_64.tar.gz\n"
        f"{build.sha256(tmp_path / 'yibao-1.0.0-windows-x86_64.zip')}  yibao-1.0.0-windows-x86_64.zip\n")
    if shutil.which("sha256sum"):
        subprocess.run(["sha256sum", "--quiet", "-c", sums.name], cwd=tmp_path, check=True)


def test_sha256_is_the_standard_digest(tmp_path: Path) -> None:
    path = tmp_path / "abc"
    path.write_bytes(b"abc")
    assert build.sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_a_tag_other_than_the_version_is_refused() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "build.py"), "--tag", "v0.0.0-wrong"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and f"v{VERSION}" in done.stderr


def test_windows_icon_holds_every_size_as_png() -> None:
    data = (ROOT / "resources" / "icons" / "yibao.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, 7)
    sizes = []
    for index in range(count):
        width, _height, _colours, _r, _planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert bits == 32 and data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icons_are_read_by_qt(qapp: object) -> None:
    from PySide6.QtGui import QImageReader

    for name, sizes in (("yibao.ico", [16, 24, 32, 48, 64, 128, 256]), ("yibao.icns", [16, 32, 64, 128, 256, 512])):
        reader = QImageReader(str(ROOT / "resources" / "icons" / name))
        found = []
        for index in range(reader.imageCount()):
            reader.jumpToImage(index)
            found.append(reader.read().width())
        assert sorted(set(found)) == sizes, name


def test_changelog_has_unreleased_first_then_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == "## [Unreleased]"
    assert any(h.startswith(f"## [{VERSION}] - ") for h in headings)
    notes = release_notes.section(text, VERSION)
    assert notes is not None and "### Policy figures" in notes and "鲁政字〔2023〕184号" in notes


def test_release_notes_refuse_a_version_without_a_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert release_notes.main(["99.0.0"]) == 1
    assert "99.0.0" in capsys.readouterr().err
