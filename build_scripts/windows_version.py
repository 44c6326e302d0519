"""The Windows version resource of the executables (Explorer's 详细信息 tab): the version from pyproject.toml.

Imported by ``yibao.spec`` when building on Windows; ``tests/build/test_packaging.py`` builds it on any system.
"""

from __future__ import annotations

from packaging.version import Version
from PyInstaller.utils.win32.versioninfo import (
    FixedFileInfo,
    StringFileInfo,
    StringStruct,
    StringTable,
    VarFileInfo,
    VarStruct,
    VSVersionInfo,
)

TITLE = "山东职工医保测算"
LANGUAGE, CODEPAGE = 0x0804, 1200  # 中文（简体，中国）, Unicode


def file_version(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' → (0, 1, 0, 0): the four numbers Windows shows (a pre-release keeps its release numbers)."""
    release = (*Version(version).release, 0, 0, 0)[:4]
    return (release[0], release[1], release[2], release[3])


def version_info(version: str, executable: str) -> VSVersionInfo:
    numbers = file_version(version)
    strings = {
        "CompanyName": "",
        "FileDescription": TITLE,
        "FileVersion": version,
        "InternalName": executable.removesuffix(".exe"),
        "LegalCopyright": "",
        "OriginalFilename": executable,
        "ProductName": TITLE,
        "ProductVersion": version,
    }
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers, mask=0x3F, flags=0x0, OS=0x40004, fileType=0x1,
                          subtype=0x0, date=(0, 0)),
        kids=[
            StringFileInfo([StringTable(f"{LANGUAGE:04X}{CODEPAGE:04X}", [StringStruct(k, v) for k, v in strings.items()])]),
            VarFileInfo([VarStruct("Translation", [LANGUAGE, CODEPAGE])]),
        ],
    )
