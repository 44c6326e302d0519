"""Draw the app icon: a blue rounded square, a white medical cross, and 保 in its middle.

    python build_scripts/make_icon.py        # writes resources/icons/yibao.svg, yibao.png, yibao-<size>.png,
                                             # yibao.ico (Windows) and yibao.icns (macOS)

The glyph 保 is taken from the bundled font as an outline, so the SVG needs no Chinese font to display
(a desktop environment reads it for the .desktop entry). The PNGs (16 to 256 px) are rendered from that
SVG with Qt's QSvgRenderer, offscreen. QtSvg is used here only: the app itself loads the PNG. The
Windows .ico and the macOS .icns hold the same PNGs (both formats accept PNG entries), so PyInstaller
needs no Pillow to give the executable its icon.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter, QPainterPath
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
# .icns entry types holding a PNG of each pixel size (the @2x types reuse the larger images).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512),
              (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512))
BLUE_TOP, BLUE_BOTTOM, GLYPH_BLUE = "#2f80ed", "#1456b0", "#1456b0"
ARM = 92  # width of the cross's arms on the 256 canvas
REACH = 100  # from the centre to each arm's end


def glyph_path(text: str, family: str, size: float) -> QPainterPath:
    """The outline of ``text`` centred on (128, 128) at ``size`` pixels."""
    font = QFont(family)
    font.setPixelSize(round(size))
    font.setBold(True)
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, text)
    box = path.boundingRect()
    return path.translated(128 - box.center().x(), 128 - box.center().y())


def svg_path_data(path: QPainterPath) -> str:
    """A QPainterPath as SVG path data (M, L and C commands)."""
    commands: list[str] = []
    index = 0
    while index < path.elementCount():
        element = path.elementAt(index)
        if element.isMoveTo():
            commands.append(f"M{element.x:.2f} {element.y:.2f}")
        elif element.isLineTo():
            commands.append(f"L{element.x:.2f} {element.y:.2f}")
        else:  # a curve: this element and the next two are its control points and end point
            points = [path.elementAt(index + k) for k in range(3)]
            commands.append("C" + " ".join(f"{p.x:.2f} {p.y:.2f}" for p in points))
            index += 2
        index += 1
    return "".join(commands) + "Z"


def icon_svg(glyph: QPainterPath) -> str:
    near, far = 128 - ARM / 2, 128 - REACH
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="{BLUE_TOP}"/>
      <stop offset="1" stop-color="{BLUE_BOTTOM}"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="52" fill="url(#bg)"/>
  <rect x="{near}" y="{far}" width="{ARM}" height="{2 * REACH}" rx="14" fill="#ffffff"/>
  <rect x="{far}" y="{near}" width="{2 * REACH}" height="{ARM}" rx="14" fill="#ffffff"/>
  <path fill="{GLYPH_BLUE}" fill-rule="nonzero" d="{svg_path_data(glyph)}"/>
</svg>
"""


def render(svg: str, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(svg.encode())).render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, the binding a str
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon: a 6-byte header, one 16-byte entry per size (0 means 256), then the PNGs."""
    sizes = sorted(pngs)
    offset = 6 + 16 * len(sizes)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    entries, images = b"", b""
    for size in sizes:
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(pngs[size]), offset + len(images))
        images += pngs[size]
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon: 'icns' and the total length, then (type, length, PNG) for each entry."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    import sys

    sys.path.insert(0, str(ROOT / "desktop"))
    from yibao.fonts import install_fonts

    _app = QGuiApplication([])
    svg = icon_svg(glyph_path("保", install_fonts(), ARM * 0.86))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "yibao.svg").write_text(svg, encoding="utf-8")
    for size in SIZES:
        render(svg, size).save(str(OUT / f"yibao-{size}.png"), "PNG")  # type: ignore[call-overload]  # as in png_bytes
    render(svg, 256).save(str(OUT / "yibao.png"), "PNG")  # type: ignore[call-overload]  # as in png_bytes
    pngs = {size: png_bytes(render(svg, size)) for size in (*SIZES, 512)}
    (OUT / "yibao.ico").write_bytes(ico({size: pngs[size] for size in SIZES}))
    (OUT / "yibao.icns").write_bytes(icns(pngs))
    print(f"{OUT.relative_to(ROOT)}: yibao.svg, yibao.png, {len(SIZES)} sizes, yibao.ico and yibao.icns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
