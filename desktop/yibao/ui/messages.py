"""Message boxes, imported when first needed; in the smoke test (``YIBAO_SMOKE``) they print instead of blocking."""

from __future__ import annotations

import os
import sys
from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

Kind = Literal["information", "warning", "critical"]


def notify(parent: QWidget | None, kind: Kind, title: str, text: str) -> None:
    if os.environ.get("YIBAO_SMOKE"):
        print(f"yibao-{kind} {title}: {text}", file=sys.stderr, flush=True)
        return
    getattr(QMessageBox, kind)(parent, title, text)
