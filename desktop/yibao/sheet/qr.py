"""The sheet's QR code of the case code (no Qt: segno makes the modules, ``render`` paints them).

Printed no wider than ``MAX_SIDE_MM`` and with modules no smaller than ``MIN_MODULE_MM``, what a counter's handheld
scanner reads from paper: a case too long for that (a year of more than about 60 visits) gets no QR code on the sheet,
and the sheet says so; its text copy still carries the case code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import segno

MODULE_MM = 0.35  # each module's side for a short code (a handheld 2D scanner reads 0.25 mm)
MAX_SIDE_MM = 30.0
MIN_MODULE_MM = 0.3
QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


@dataclass(frozen=True)
class CaseQr:
    modules: tuple[tuple[bool, ...], ...]  # dark modules, rows top to bottom, the quiet zone included
    side_mm: float


@lru_cache(maxsize=8)
def case_qr(code: str) -> CaseQr | None:
    """The QR code of ``code`` as printed, or None when it would be too dense to scan from paper."""
    qr = segno.make_qr(code, error="m")
    modules = tuple(tuple(bool(dark) for dark in row) for row in qr.matrix_iter(scale=1, border=QUIET_ZONE))
    side = min(MAX_SIDE_MM, len(modules) * MODULE_MM)
    if side / len(modules) < MIN_MODULE_MM:
        return None
    return CaseQr(modules, side)
