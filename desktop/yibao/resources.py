"""The one place that knows where bundled resources live.

Source tree and editable installs: ``<repo>/resources``. Frozen app: the
``resources`` folder PyInstaller puts beside the code. Wheel installs: the
same folder packaged as ``yibao/_resources``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resource_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    package = Path(__file__).resolve().parent
    source = package.parents[1] / "resources"
    return source if source.is_dir() else package / "_resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)
