"""Issue 22.2 and 22.12: ``figures import`` on a full disk keeps the figures saved; ``figures export OUT`` writes a
pack as ``sheet --pdf`` writes a sheet: a folder, a FIFO or a symlink is never replaced, a missing folder is not made,
a full disk keeps the old file, and the pack is 0644."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest
from pack_helpers import EXAMPLE, cli

from yibao.state import local_figures


@pytest.fixture
def imported(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "figures", "import", str(EXAMPLE))[0] == 0


@pytest.mark.usefixtures("imported")
def test_export_writes_a_pack_others_can_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "pack.json"
    assert cli(capsys, "figures", "export", str(out))[0] == 0
    assert oct(out.stat().st_mode & 0o777) == "0o644"


@pytest.mark.usefixtures("imported")
@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks as on Linux and macOS")
@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder"])
def test_an_unusual_target_is_never_replaced(kind: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    aimed = tmp_path / "aimed.txt"
    aimed.write_text("kept", encoding="utf-8")
    {"fifo": os.mkfifo, "symlink": lambda p: p.symlink_to(aimed), "folder": Path.mkdir}[kind](out)
    kind_before = out.lstat().st_mode
    code, stdout, err = cli(capsys, "figures", "export", str(out))
    assert (code, stdout) == (1, "")
    assert err.count("\n") == 1 and f"无法写入 {out}（这不是一个普通文件" in err
    assert out.lstat().st_mode == kind_before and aimed.read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aimed.txt", "out", "yibao-home"]


@pytest.mark.usefixtures("imported")
def test_a_missing_folder_is_not_made(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "pack.json"
    code, _, err = cli(capsys, "figures", "export", str(out))
    assert code == 2 and err == f"输入有误：OUT：无法写入 {out}：目录不存在\n"
    assert not (tmp_path / "no").exists()


@pytest.mark.usefixtures("imported")
def test_a_full_disk_keeps_the_old_pack(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pack.json"
    out.write_text("the old pack", encoding="utf-8")

    def full(_self: Path, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    code, _, err = cli(capsys, "figures", "export", str(out))
    assert code == 1 and err == f"无法写入 {out}（磁盘已满），原文件未改动\n"
    assert out.read_text(encoding="utf-8") == "the old pack"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.json", "yibao-home"]


def test_import_on_a_full_disk_is_one_line_and_keeps_the_figures(capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The state folder full: `figures import` says so in one line (exit 1), the figures saved before stay."""
    local_figures.save_local_figures([])
    before = local_figures.local_figures_path().read_bytes()

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(local_figures, "write_text_atomic", full)
    code, out, err = cli(capsys, "figures", "import", str(EXAMPLE))
    assert (code, out) == (1, "")
    assert err == (f"本地录入参数未能保存到 {local_figures.local_figures_path()}（磁盘已满），原有的本地录入参数未改动，"
                   "未导入任何数据\n")
    assert local_figures.local_figures_path().read_bytes() == before


def test_a_large_pack_shows_its_progress(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22.13: ``figures check`` on a large pack says how far it is on stderr; the summary stays on stdout."""
    import yibao.cli

    monkeypatch.setattr(yibao.cli, "PROGRESS_FROM", 1)  # the example's two cities and periods count as large
    code, out, err = cli(capsys, "figures", "check", str(EXAMPLE))
    assert code == 0 and out.startswith("数据包：") and "正在检查" not in out
    assert err == "正在检查：1/2 个城市时段\n正在检查：2/2 个城市时段\n"


@pytest.mark.usefixtures("imported")
@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8: bytes only Linux file names hold")
def test_a_file_name_that_is_not_utf8_is_written_and_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Found re-checking issue 22.8: the pack was written, then printing its name (\\udcff) gave a traceback, exit 1."""
    out = Path(os.fsdecode(bytes(tmp_path) + b"/\xff.json"))
    code, stdout, err = cli(capsys, "figures", "export", str(out))
    assert (code, err) == (0, "")
    assert stdout == f"已导出11条本地录入参数到 {tmp_path}/\\udcff.json\n"
    assert out.is_file()
