"""Before the window's modules load: the Qt-free ones the first frame needs, then PySide6, told that none of the
modules loaded so far uses it.

PySide6 replaces ``import``: once it is loaded, the first import naming each module reads that module's whole source,
looking for the word "PySide6" (for its opt-in ``from __feature__ import …``, which this app does not use). Before the
window's first paint that was ~1 MB of the standard library's source (typing, inspect, datetime, dataclasses …):
~40 M instructions, ~7 ms of a ~180 ms start from source. The modules loaded here are entered in PySide6's table of
scanned modules as not using it, which is what its scan finds for them; a PySide6 without that table gets nothing
entered, and the start is only slower. A frozen app carries no source: there the scan fails fast.
"""

from __future__ import annotations

import importlib
import sys

# The Qt-free modules the first frame needs, with what they bring of the standard library.
FIRST_FRAME_QT_FREE = (
    "yibao.state.settings",  # json, dataclasses, platformdirs
    "yibao.ui.presenter",  # datetime, functools, contextlib
    "yibao.ui.cities",
    "yibao.wording",  # decimal
)
NOT_USING_PYSIDE = -1  # PySide6's own mark for a module whose source does not name it


def load_pyside() -> None:
    """The Qt-free modules first, then PySide6; every module loaded so far is entered as not using PySide6 (PySide6's
    own modules keep their entry)."""
    for name in FIRST_FRAME_QT_FREE:
        importlib.import_module(name)
    import PySide6.QtCore  # noqa: F401  (installs PySide6's import hook)

    scanned = getattr(sys.modules.get("shibokensupport.feature"), "pyside_feature_dict", None)
    if isinstance(scanned, dict):
        for name in list(sys.modules):
            scanned.setdefault(name, NOT_USING_PYSIDE)
