"""The printed result sheet: PDF, print, preview, PNG and plain text, all from one ``Result``.

The content (``content``), its HTML (``html``), plain text (``text``) and 金额大写 (``capitals``)
need no Qt; only ``render`` does, and it is imported when a Qt function is first called.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from yibao.sheet.capitals import amount_in_capitals
from yibao.sheet.content import DISCLAIMER, SheetHeader, build_content
from yibao.sheet.text import render_text

if TYPE_CHECKING:
    from yibao.rules import Request, Result
    from yibao.rules.compare import Comparison
    from yibao.sheet.tiers import TierSheet

__all__ = [
    "DISCLAIMER",
    "SheetHeader",
    "amount_in_capitals",
    "build_content",
    "plain_text",
    "preview_dialog",
    "print_dialog",
    "save_png",
    "write_pdf",
]


def plain_text(
    request: Request, result: Result, header: SheetHeader | None = None, comparison: Comparison | TierSheet | None = None
) -> str:
    """The sheet as aligned plain text, with the figures and clauses, for copying and sharing."""
    return render_text(build_content(request, result, header, comparison=comparison))


def write_pdf(
    path: str | Path, request: Request, result: Result, header: SheetHeader, comparison: Comparison | TierSheet | None = None
) -> None:
    """Write the sheet as an A4 PDF with the bundled font embedded. Needs a QGuiApplication (offscreen is fine)."""
    from yibao.sheet import render

    render.write_pdf(path, request, result, header, comparison)


def save_png(
    path: str | Path, request: Request, result: Result, header: SheetHeader, comparison: Comparison | TierSheet | None = None
) -> None:
    """Save the sheet as a PNG image: all pages stacked, at 150 dpi."""
    from yibao.sheet import render

    render.save_png(path, request, result, header, comparison)


def print_dialog(
    parent: Any, request: Request, result: Result, header: SheetHeader, comparison: Comparison | TierSheet | None = None
) -> bool:
    """Ask for a printer (QPrintDialog) and print the sheet; False when cancelled. No printer: Qt offers PDF output."""
    from yibao.sheet import render

    return render.print_dialog(parent, request, result, header, comparison)


def preview_dialog(
    parent: Any, request: Request, result: Result, header: SheetHeader, comparison: Comparison | TierSheet | None = None
) -> None:
    """Show the sheet in a QPrintPreviewDialog, painted by the same function as print and PDF."""
    from yibao.sheet import render

    render.preview_dialog(parent, request, result, header, comparison)
