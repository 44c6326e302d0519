"""Issue 14, the sheet: a full disk is never reported as success and never destroys the file being replaced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sheet_helpers import USUAL

from yibao.rules import Request, Result
from yibao.sheet import SheetHeader, save_png, write_pdf
from yibao.state.atomic import WriteError

LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past the limit a write fails (EFBIG), as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
from yibao.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _sheet_on_a_nearly_full_disk(request: Path, out: Path, limit: int) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY",)}
    return subprocess.run([sys.executable, "-c", LIMITED, str(limit), "sheet", str(request), "--pdf", str(out)],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a file-size limit (POSIX)")
def test_a_full_disk_fails_loudly_and_keeps_the_old_pdf(tmp_path: Path) -> None:
    request = tmp_path / "r.json"
    request.write_text(json.dumps(USUAL), encoding="utf-8")
    out = tmp_path / "sheet.pdf"
    good = subprocess.run([sys.executable, "-m", "yibao", "sheet", str(request), "--pdf", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stderr
    before = out.read_bytes()
    done = _sheet_on_a_nearly_full_disk(request, out, limit=20_000)  # the font alone is larger
    assert done.returncode == 1, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "无法写入" in lines[0] and "原文件未改动" in lines[0], done.stderr
    assert out.read_bytes() == before  # the good sheet is still there, untouched
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "yibao-home")  # the user folders (conftest)
    assert left == ["r.json", "sheet.pdf"]  # no temp file left


def test_pdf_and_png_replace_the_old_file_only_when_complete(
        tmp_path: Path, qapp: object, usual: tuple[Request, Result], header: SheetHeader,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from yibao.sheet import render

    for name, write in (("a.pdf", write_pdf), ("a.png", save_png)):
        target = tmp_path / name
        target.write_bytes(b"the old file")
        monkeypatch.setattr(render, "paint_sheet", lambda *_args: None)  # a writer that produces nothing useful
        monkeypatch.setattr(render, "_complete_pdf", lambda _path: False)
        monkeypatch.setattr(render, "_complete_png", lambda _path: False)
        with pytest.raises(WriteError, match="原文件未改动"):
            write(target, *usual, header)
        assert target.read_bytes() == b"the old file"
        monkeypatch.undo()
        write(target, *usual, header)
        assert target.read_bytes()[:4] in (b"%PDF", b"\x89PNG")
        assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "a.png"]


def test_an_unwritable_folder_is_one_chinese_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "yibao", "sheet", "-", "--pdf", str(blocker / "x.pdf")],
                          input=json.dumps(USUAL), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "QPainter" not in done.stderr




@pytest.mark.parametrize("target", ["/dev/full", "/dev/null", "."])
def test_a_device_or_a_folder_is_never_replaced(target: str, tmp_path: Path) -> None:
    out = Path(target) if target.startswith("/") else tmp_path
    if not out.exists():
        pytest.skip(f"no {target} here")
    kind = out.stat().st_mode
    done = subprocess.run([sys.executable, "-m", "yibao", "sheet", "-", "--pdf", str(out)],
                          input=json.dumps(USUAL), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "不是一个普通文件" in done.stderr
    assert out.stat().st_mode == kind
