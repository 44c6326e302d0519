"""Build the app with PyInstaller: ``python build_scripts/build.py [--archive] [--onefile] [--bare] [--sums]``.

One folder at ``dist/yibao/`` (executable ``dist/yibao/yibao``; on Windows ``yibao.exe`` for the window and
``yibao-cli.exe`` for the sub-commands; on macOS also ``dist/yibao.app``) by default. ``--archive`` then packs it
as ``dist/yibao-<version>-<os>-<arch>.tar.gz`` (``.zip`` on Windows) and writes ``dist/SHA256SUMS`` for every
archive in ``dist/``; ``--sums`` only rewrites that file (for archives gathered from several machines).
``--onefile`` gives a single ``dist/yibao-onefile`` (slow to start: it unpacks itself at every launch); ``--bare``
builds the benchmark's bare baseline window with the same trimming into ``dist/bare/``. ``build/`` is cleaned
first; the size of the result is printed at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_scripts" / "yibao.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
SUMS = "SHA256SUMS"
ARCHIVE_SUFFIXES = (".tar.gz", ".zip")
# Beside the Linux app in its archive: the menu entry, its icon, and the script that installs both for the user.
LINUX_EXTRAS = (
    ROOT / "build_scripts" / "yibao.desktop",
    ROOT / "resources" / "icons" / "yibao.png",
    ROOT / "build_scripts" / "install-menu-entry.sh",
)


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


def project_version() -> str:
    """The version, as pyproject.toml defines it (the one place it is written)."""
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def platform_tag(system: str = sys.platform, machine: str = platform.machine()) -> str:
    """'linux-x86_64', 'windows-x86_64', 'macos-arm64'... as written in the archive's name."""
    os_name = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(system, system)
    arch = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine.lower(), machine.lower())
    return f"{os_name}-{arch}"


def archive_name(version: str, system: str = sys.platform, machine: str = platform.machine()) -> str:
    suffix = ".zip" if system == "win32" else ".tar.gz"
    return f"yibao-{version}-{platform_tag(system, machine)}{suffix}"


def archive_contents(system: str = sys.platform) -> list[Path]:
    """What goes in the archive's top folder: the app folder's contents (Linux: and the menu entry's files;
    macOS: the .app bundle instead)."""
    if system == "darwin":
        return [DIST / "yibao.app"]
    contents = sorted((DIST / "yibao").iterdir())
    return contents + list(LINUX_EXTRAS) if system.startswith("linux") else contents


def write_archive(contents: list[Path], target: Path) -> Path:
    """Pack ``contents`` under one folder named like the archive, so that it unpacks to a single folder.

    tar keeps the executable bits and symbolic links (Linux, macOS); zip is what Windows opens by double-click.
    """
    top = target.name.removesuffix(".tar.gz").removesuffix(".zip")
    partial = target.with_name(target.name + ".part")
    if target.name.endswith(".zip"):
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for item in contents:
                for path in [item, *sorted(item.rglob("*"))] if item.is_dir() else [item]:
                    archive.write(path, f"{top}/{path.relative_to(item.parent).as_posix()}")
    else:

        def owned_by_nobody(info: tarfile.TarInfo) -> tarfile.TarInfo:
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            return info

        with tarfile.open(partial, "w:gz", compresslevel=6) as tarball:
            for item in contents:
                tarball.add(item, f"{top}/{item.name}", filter=owned_by_nobody)
    partial.replace(target)
    return target


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def write_sums(folder: Path = DIST) -> Path:
    """``SHA256SUMS`` for every archive in the folder, in the format ``sha256sum -c`` checks."""
    archives = sorted(p for p in folder.iterdir() if p.name.startswith("yibao-") and p.name.endswith(ARCHIVE_SUFFIXES))
    sums = folder / SUMS
    sums.write_text("".join(f"{sha256(p)}  {p.name}\n" for p in archives), encoding="utf-8", newline="\n")
    return sums


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--archive", action="store_true", help="also pack the folder as dist/yibao-<version>-<os>-<arch>")
    options.add_argument("--sums", action="store_true", help="only write dist/SHA256SUMS for the archives in dist/")
    options.add_argument("--tag", help="a release tag: refuse to build unless it is v<version of pyproject.toml>")
    options.add_argument("--onefile", action="store_true", help="one self-unpacking executable (slow start)")
    options.add_argument("--bare", action="store_true", help="the bare baseline window of the benchmark")
    args = options.parse_args(argv)
    if args.archive and (args.onefile or args.bare):
        options.error("--archive packs the one-folder app only")
    if args.tag is not None and args.tag != f"v{project_version()}":
        options.error(f"the tag {args.tag} is not v{project_version()}, the version in pyproject.toml")
    if args.sums:
        print(write_sums().relative_to(ROOT))
        return 0
    started = time.perf_counter()
    target = build(args.bare, args.onefile)
    print(f"{target.relative_to(ROOT)}: {size_bytes(target) / 1e6:.1f} MB, built in {time.perf_counter() - started:.0f} s")
    if args.archive:
        packed = write_archive(archive_contents(), DIST / archive_name(project_version()))
        sums = write_sums()
        print(f"{packed.relative_to(ROOT)}: {packed.stat().st_size / 1e6:.1f} MB; {sums.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
