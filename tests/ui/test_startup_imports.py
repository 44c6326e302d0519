"""What the window loads before its first paint: start-up is held within 1.3× of a bare window (docs/developers.md), and
each module below once cost milliseconds there although nothing on the first frame needs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

# Loaded after the first paint (``MainWindow.start_core`` and first use): the rules core and pydantic (~190 ms),
# the sheet and printing, the chart, the history database, html's entity table, multiprocessing, dialogs, tabs and tables.
AFTER_FIRST_PAINT = ("pydantic", "yibao.rules", "yibao.sheet", "yibao.state.history", "sqlite3", "html",
                     "multiprocessing", "PySide6.QtCharts", "PySide6.QtPrintSupport", "PySide6.QtSvg",
                     "yibao.ui.dialogs", "yibao.ui.tabs", "yibao.ui.lines")

# PySide6 makes a Python enum class the first time one of its enum types is used: Qt's namespace (``QtCore.Qt``)
# alone makes 93 of them, ~30 ms; the first frame needs fewer than this many.
MOST_QT_ENUMS = 100

SCRIPT = """
import enum, json, sys
from PySide6.QtCore import QEvent
import yibao.ui.app as app

seen = []


def qt_enums():
    found, todo = set(), [enum.Enum]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return sum(1 for e in found if e.__module__.startswith("PySide6"))


class Watched(app.MainWindow):
    def event(self, event):
        if not seen and event.type() == QEvent.Type.Paint:
            seen.append({"modules": sorted(sys.modules), "qt_enums": qt_enums()})
        return super().event(event)


app.MainWindow = Watched
app.run()
print(json.dumps(seen[0]))
"""


def first_paint(tmp_path: Path) -> dict[str, Any]:
    """The modules loaded and the Qt enum classes made when the window first paints."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "YIBAO_SMOKE")}
    env.update({"YIBAO_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "YIBAO_EXIT_AFTER_FIRST_PAINT": "1"})
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
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
