"""Draw infra/icon.svg as PNG files with Pillow (no SVG library, no download).

Only solid-filled ``rect``, ``circle`` and ``polygon`` elements in a ``viewBox`` are understood;
anything else is an error rather than a silently different icon. Shapes are painted 4x larger
and scaled down, which smooths their edges. The output is opaque RGB.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw

SVG_NS = "{http://www.w3.org/2000/svg}"
OVERSAMPLE = 4


class IconError(ValueError):
    """The SVG uses something this renderer does not draw."""


def _colour(value: str) -> tuple[int, int, int]:
    if not (value.startswith("#") and len(value) == 7):
        raise IconError(f"only #rrggbb fills are drawn, not {value!r}")
    return tuple(int(value[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def render(svg: Path, size: int) -> Image.Image:
    root = ET.parse(svg).getroot()  # noqa: S314 - our own file
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    if width != height:
        raise IconError("the icon must be square")
    scale = size * OVERSAMPLE / width
    big = Image.new("RGB", (size * OVERSAMPLE, size * OVERSAMPLE), (255, 255, 255))
    draw = ImageDraw.Draw(big)
    for element in root:
        tag = element.tag.removeprefix(SVG_NS)
        if not isinstance(element.tag, str) or tag in {"title", "desc"}:
            continue
        a = element.attrib
        fill = _colour(a.get("fill", ""))
        if set(a) & {"stroke", "transform", "opacity", "fill-opacity"}:
            raise IconError(f"<{tag}> has attributes this renderer does not draw")
        if tag == "rect":
            x, y, w, h = (float(a[k]) * scale for k in ("x", "y", "width", "height"))
            draw.rectangle((x, y, x + w - 1, y + h - 1), fill=fill)
        elif tag == "circle":
            cx, cy, r = (float(a[k]) * scale for k in ("cx", "cy", "r"))
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
        elif tag == "polygon":
            points = [
                (float(x) * scale, float(y) * scale)
                for x, y in (pair.split(",") for pair in a["points"].split())
            ]
            draw.polygon(points, fill=fill)
        else:
            raise IconError(f"<{tag}> is not drawn by infra/icons.py")
    return big.resize((size, size), Image.Resampling.LANCZOS)


def render_icons(svg: Path, out_dir: Path, sizes: Sequence[int] = (108, 512)) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for size in sizes:
        target = out_dir / f"icon-{size}.png"
        render(svg, size).save(target, format="PNG", optimize=True)
        written.append(target)
    return written


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "build" / "icons"
    for path in render_icons(here / "icon.svg", out):
        print(path)
