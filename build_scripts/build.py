"""Build the app with PyInstaller: ``python build_scripts/build.py [--onefile] [--bare]``.

One folder at ``dist/yibao/`` (executable ``dist/yibao/yibao``) by default; ``--onefile`` gives a single
``dist/yibao-onefile`` (slow to start: it unpacks itself at every launch); ``--bare`` builds the benchmark's
bare baseline window with the same trimming into ``dist/bare/``. ``build/`` is cleaned first; the size of
the result is printed at the end.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_scripts" / "yibao.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"


def output_name(bare: bool, onefile: bool) -> str:
    return ("bare" if bare else "yibao") + ("-onefile" if onefile else "")


def size_bytes(path: Path) -> int:
    """Size of a file, or the total of the files in a folder (symbolic links not followed)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(bare: bool = False, onefile: bool = False) -> Path:
    """Run PyInstaller on the spec and return the built folder (or file)."""
    name = output_name(bare, onefile)
    shutil.rmtree(WORK, ignore_errors=True)
    target = DIST / name
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
        "--",
    ]
    command += ["--bare"] * bare + ["--onefile"] * onefile
    subprocess.run(command, cwd=ROOT, check=True)
    return target


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--onefile", action="store_true", help="one self-unpacking executable (slow start)")
    options.add_argument("--bare", action="store_true", help="the bare baseline window of the benchmark")
    args = options.parse_args(argv)
    started = time.perf_counter()
    target = build(args.bare, args.onefile)
    print(f"{target.relative_to(ROOT)}: {size_bytes(target) / 1e6:.1f} MB, built in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
