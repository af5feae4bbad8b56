"""Product pictures drawn locally for demo and scale data (no network, no stock photos)."""

import io
import textwrap
import zlib

from PIL import Image, ImageDraw, ImageFont

from catalog.text import fold

SIZE = 600
# One palette per OCOP group root slug: background top, bottom, accent.
PALETTES = {
    "thuc-pham": ((253, 230, 196), (240, 164, 92), (150, 60, 20)),
    "do-uong": ((222, 236, 214), (120, 160, 90), (50, 80, 30)),
    "thao-duoc": ((226, 240, 226), (90, 150, 110), (20, 70, 40)),
    "thu-cong-my-nghe": ((240, 226, 214), (170, 110, 80), (90, 40, 20)),
    "sinh-vat-canh": ((232, 244, 236), (110, 180, 140), (30, 90, 60)),
}
DEFAULT_PALETTE = ((220, 234, 246), (90, 140, 200), (20, 60, 110))
FONT_CANDIDATES = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _font(size: int):
    for candidate in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(candidate, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


def product_picture(title: str, group_slug: str, stars: int) -> bytes:
    """A JPEG with a gradient in the group's colours, the product's name and its stars."""
    top, bottom, accent = PALETTES.get(group_slug, DEFAULT_PALETTE)
    image = Image.new("RGB", (SIZE, SIZE), top)
    draw = ImageDraw.Draw(image)
    for y in range(SIZE):
        t = y / SIZE
        draw.line([(0, y), (SIZE, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    # A deterministic "product" silhouette: jar, bottle or parcel, chosen from the title.
    shape = zlib.crc32(title.encode()) % 3
    box = (170, 150, 430, 470)
    if shape == 0:
        draw.rounded_rectangle(box, radius=40, fill=(255, 255, 255), outline=accent, width=8)
        draw.rectangle((200, 120, 400, 165), fill=accent)
    elif shape == 1:
        draw.rounded_rectangle((230, 190, 370, 480), radius=30, fill=(255, 255, 255), outline=accent, width=8)
        draw.rectangle((275, 110, 325, 195), fill=accent)
    else:
        draw.rectangle(box, fill=(255, 255, 255), outline=accent, width=8)
        draw.line((170, 260, 430, 260), fill=accent, width=8)
    font, unicode_ok = _font(34)
    label = title if unicode_ok else fold(title)
    lines = textwrap.wrap(label, width=24)[:3]
    y = 500 - 40 * len(lines) // 2
    for line in lines:
        width = draw.textlength(line, font=font)
        draw.text(((SIZE - width) / 2, y), line, font=font, fill=accent)
        y += 40
    small, _ = _font(40)
    star_text = "★" * stars if unicode_ok else f"{stars} sao OCOP"
    draw.text((24, 20), star_text, font=small, fill=(230, 170, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
