"""What the window loads before its first paint: start-up is held within 1.3× of a bare window (docs/developers.md), and
each module below once cost milliseconds there although nothing on the first frame needs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yibao

# Loaded after the first paint (``MainWindow.start_core`` and first use): the rules core and pydantic (~190 ms),
# the sheet and printing, the chart, the history database, html's entity table, multiprocessing, dialogs, tabs and tables.
AFTER_FIRST_PAINT = ("pydantic", "yibao.rules", "yibao.sheet", "yibao.state.history", "sqlite3", "html",
                     "multiprocessing", "PySide6.QtCharts", "PySide6.QtPrintSupport", "PySide6.QtSvg",
                     "yibao.ui.dialogs", "yibao.ui.tabs", "yibao.ui.lines")

# PySide6 makes a Python enum class the first time one of its enum types is used: Qt's namespace (``QtCore.Qt``)
# alone makes 93 of them, ~30 ms; the first frame needs fewer than this many.
MOST_QT_ENUMS = 100

SCRIPT = """
import enum, json, linecache, sys
import yibao.ui.preload as preload

seen = []
read_loading_pyside = set()
load_pyside = preload.load_pyside


def qt_enums():
    found, todo = set(), [enum.Enum]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return sum(1 for e in found if e.__module__.startswith("PySide6"))


def load_pyside_and_watch():
    load_pyside()
    read_loading_pyside.update(linecache.cache)
    from PySide6.QtCore import QEvent
    import yibao.ui.app as app

    class Watched(app.MainWindow):
        def event(self, event):
            if not seen and event.type() == QEvent.Type.Paint:
                seen.append({"modules": sorted(sys.modules), "qt_enums": qt_enums(),
                             "sources_read": sorted(set(linecache.cache) - read_loading_pyside)})
            return super().event(event)

    app.MainWindow = Watched


preload.load_pyside = load_pyside_and_watch
from yibao.cli import main

main([])  # the window, as the yibao command opens it
print(json.dumps(seen[0] if seen else None))  # an error here would open the app's error dialog and wait
"""


def first_paint(tmp_path: Path) -> dict[str, Any]:
    """The modules loaded, the Qt enum classes made when the window first paints, and the source files read from
    PySide6's loading to then."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "YIBAO_SMOKE")}
    env.update({"YIBAO_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "YIBAO_EXIT_AFTER_FIRST_PAINT": "1"})
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] | None = json.loads(done.stdout.splitlines()[-1])
    assert found is not None, "yibao.cli.main opened the window without yibao.ui.preload.load_pyside"
    return found


def test_the_first_paint_loads_nothing_the_first_frame_does_not_need(tmp_path: Path) -> None:
    loaded = first_paint(tmp_path)["modules"]
    assert "yibao.ui.main_window" in loaded  # the window did paint
    early = [m for m in loaded if m in AFTER_FIRST_PAINT or m.startswith(tuple(f"{p}." for p in AFTER_FIRST_PAINT))]
    assert early == []


def test_the_first_paint_does_not_touch_qt_s_namespace(tmp_path: Path) -> None:
    """``from PySide6.QtCore import Qt`` in a module the window imports cost ~30 ms of start-up (the menus' key
    context once did): the Qt namespace is used after the first paint."""
    assert first_paint(tmp_path)["qt_enums"] < MOST_QT_ENUMS


def test_pyside_reads_no_source_but_the_window_s_own_before_the_first_paint(tmp_path: Path) -> None:
    """Once loaded, PySide6 reads the source of each module an import names (looking for "PySide6"): ~1 MB of the
    standard library's source, ~7 ms, before the first paint, until ``yibao.ui.preload`` entered the modules loaded
    before it as not using PySide6."""
    package = Path(yibao.__file__).parent
    read = [Path(name) for name in first_paint(tmp_path)["sources_read"]]
    assert read  # the window's own modules are read: the scan did run
    assert [path for path in read if not path.is_relative_to(package)] == []
