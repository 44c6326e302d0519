"""The smoke run (YIBAO_SMOKE) opens the real window, computes and quits by itself: no modal question may block it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_smoke_run_quits_although_its_case_is_unsaved(tmp_path: Path) -> None:
    """The smoke case types a base (an edited, unsaved case); quitting asks 放弃当前测算 — printed, not a dialog."""
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env.update({"YIBAO_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "YIBAO_SMOKE": "1"})
    done = subprocess.run([sys.executable, "-m", "yibao"], capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("yibao-smoke-ok 烟台市 单位月缴 480.00 扫码调取 PNG")  # the sheet's QR read back
    assert "yibao-question 放弃当前测算" in done.stderr
