"""Product pictures drawn locally for demo and scale data (no network, no stock photos).

Each picture shows what kind of thing the product is (a bottle, a jar, a bag, a woven basket,
a box, a plant, bulbs, fruit, tea leaves, a fabric, or a photo-like landscape for tours), so
that a grid of cards reads at a glance; the kind comes from the product's name, then its
category (``picture_kind``).
"""

import io
import math
import random
import textwrap
import zlib

from PIL import Image, ImageDraw, ImageFont

from core.text import fold

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
WHITE = (255, 255, 255)

# Words of a (folded) product name that say what it looks like; the first one named wins.
NAME_WORDS = 3
KIND_WORDS = (
    ("tour", ("tour ", "homestay ", "ve thuyen ", "xuong ", "cho noi ", "trai nghiem ", "tham quan ")),
    ("plant", ("lan ", "bonsai ", "cay canh ", "mai vang ")),
    ("pottery", ("son mai ", "gom ", "tranh ")),
    ("fabric", ("tho cam ", "khan ", "det ", "lua ")),
    ("basket", ("may tre ", "coi ", "non la ", "gio ")),
    ("bulbs", ("toi ", "hanh ")),
    ("tea", ("tra ", "che ", "atiso ")),
    ("bottle", ("nuoc mam ", "ruou ", "tinh dau ", "nuoc ep ", "tuong ")),
    ("jar", ("mat ong ", "muoi tom ", "ca cao ", "yen ", "sam ", "hat dieu ", "ho tieu ", "tieu ")),
    ("bag", ("gao ", "hat de ", "mien ", "banh trang ", "banh da ", "ca phe ", "kho ", "hat sen ",
             "duong ", "hoi ")),
    ("box", ("banh ", "keo ", "mut ")),
    ("fruit", ("thanh long ", "buoi ", "cam ", "xoai ", "nhan ", "na ", "sau rieng ", "man ")),
)
CATEGORY_KINDS = {
    "homestay": "tour", "tour-trai-nghiem": "tour", "diem-du-lich": "tour",
    "hoa-lan": "plant", "cay-canh": "plant", "dong-vat-canh": "plant",
    "nuoc-mam-va-gia-vi": "bottle", "ruou-va-vang": "bottle", "tinh-dau": "bottle",
    "nuoc-ep-va-nuoc-giai-khat": "bottle", "mat-ong": "jar", "san-pham-tu-thao-duoc": "jar",
    "tra": "tea", "duoc-lieu-kho": "bag", "det-va-tho-cam": "fabric", "may-tre-dan": "basket",
    "gom-su": "pottery", "son-mai": "pottery", "trai-cay-tuoi-va-say": "fruit",
    "gao-va-nong-san": "bag", "ca-phe-va-ca-cao": "bag", "thuy-hai-san-che-bien": "bag",
    "banh-keo-va-mut": "box",
}


def picture_kind(title: str, category_slug: str = "") -> str:
    """The kind named first among the title's first words (a brand comes later: "Mật ong
    hoa điều Ngọc Lan" is honey, not an orchid), else the category's kind."""
    words = f" {' '.join(fold(title).split()[:NAME_WORDS])} "
    found = [(words.find(f" {needle}"), kind) for kind, needles in KIND_WORDS for needle in needles
             if f" {needle}" in words]
    if found:
        return min(found, key=lambda f: f[0])[1]
    return CATEGORY_KINDS.get(category_slug, "box")


def _font(size: int):
    for candidate in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(candidate, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


def _gradient(draw, top, bottom, height=SIZE) -> None:
    for y in range(height):
        t = y / height
        draw.line([(0, y), (SIZE, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))


def _bottle(draw, accent, rng):
    draw.rounded_rectangle((235, 200, 365, 480), radius=36, fill=WHITE, outline=accent, width=8)
    draw.polygon([(265, 205), (335, 205), (318, 140), (282, 140)], fill=WHITE, outline=accent)
    draw.rectangle((278, 100, 322, 142), fill=accent)
    draw.rectangle((245, 300, 355, 390), fill=accent)


def _jar(draw, accent, rng):
    draw.rounded_rectangle((180, 210, 420, 470), radius=50, fill=WHITE, outline=accent, width=8)
    draw.rounded_rectangle((200, 160, 400, 215), radius=10, fill=accent)
    draw.ellipse((250, 290, 350, 390), outline=accent, width=8)


def _bag(draw, accent, rng):
    draw.polygon([(190, 190), (410, 190), (440, 470), (160, 470)], fill=WHITE, outline=accent)
    draw.line((190, 190, 160, 470), fill=accent, width=8)
    draw.line((410, 190, 440, 470), fill=accent, width=8)
    draw.line((160, 470, 440, 470), fill=accent, width=8)
    for x in (215, 250, 285, 320, 355, 385):  # the tied top
        draw.line((x, 190, x + 5, 150), fill=accent, width=6)
    draw.rectangle((220, 300, 380, 370), outline=accent, width=6)


def _basket(draw, accent, rng):
    draw.arc((190, 120, 410, 360), 180, 360, fill=accent, width=14)  # handle
    draw.polygon([(160, 250), (440, 250), (400, 470), (200, 470)], fill=WHITE, outline=accent)
    for y in range(270, 470, 28):  # weave
        draw.line((165 + (y - 250) // 6, y, 435 - (y - 250) // 6, y), fill=accent, width=5)
    for x in range(200, 420, 30):
        draw.line((x, 250, x + (300 - x) // 8, 470), fill=accent, width=3)


def _box(draw, accent, rng):
    draw.rectangle((170, 220, 430, 470), fill=WHITE, outline=accent, width=8)
    draw.polygon([(170, 220), (210, 170), (470, 170), (430, 220)], fill=WHITE, outline=accent)
    draw.polygon([(430, 220), (470, 170), (470, 420), (430, 470)], fill=WHITE, outline=accent)
    draw.rectangle((285, 220, 315, 470), fill=accent)  # ribbon
    draw.ellipse((270, 175, 330, 220), outline=accent, width=8)


def _plant(draw, accent, rng):
    draw.polygon([(220, 380), (380, 380), (355, 480), (245, 480)], fill=accent)  # pot
    draw.line((300, 380, 300, 170), fill=(60, 120, 60), width=10)
    draw.line((300, 240, 380, 170), fill=(60, 120, 60), width=8)
    for cx, cy in ((300, 160), (385, 160), (340, 215), (260, 230), (400, 230)):
        for angle in range(0, 360, 72):  # five-petalled flowers
            dx, dy = 26 * math.cos(math.radians(angle)), 26 * math.sin(math.radians(angle))
            draw.ellipse((cx + dx - 20, cy + dy - 20, cx + dx + 20, cy + dy + 20), fill=(236, 180, 220))
        draw.ellipse((cx - 12, cy - 12, cx + 12, cy + 12), fill=(250, 220, 80))
    draw.ellipse((200, 340, 300, 380), fill=(70, 140, 70))
    draw.ellipse((300, 340, 400, 380), fill=(70, 140, 70))


def _bulbs(draw, accent, rng):
    for cx, cy in ((230, 380), (370, 380), (300, 300)):
        draw.ellipse((cx - 75, cy - 70, cx + 75, cy + 80), fill=WHITE, outline=accent, width=6)
        draw.polygon([(cx - 20, cy - 60), (cx + 20, cy - 60), (cx, cy - 120)], fill=WHITE, outline=accent)
        for dx in (-40, 0, 40):  # cloves
            draw.arc((cx + dx - 40, cy - 60, cx + dx + 40, cy + 80), 250, 290, fill=accent, width=4)


FRUIT_COLOURS = ((236, 140, 40), (120, 180, 60), (214, 60, 90), (240, 200, 60))


def _fruit(draw, accent, rng):
    colour = rng.choice(FRUIT_COLOURS)
    for cx, cy, r in ((220, 360, 95), (380, 360, 95), (300, 250, 100)):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour, outline=accent, width=5)
        draw.ellipse((cx - r // 2, cy - r // 2, cx - r // 5, cy - r // 5), fill=WHITE)  # shine
        draw.polygon([(cx, cy - r), (cx + 40, cy - r - 40), (cx + 10, cy - r - 10)], fill=(70, 140, 70))


def _tea(draw, accent, rng):
    for i in range(7):
        cx, cy = 300 + rng.randint(-130, 130), 310 + rng.randint(-130, 130)
        angle = rng.uniform(0, math.pi)
        dx, dy = 90 * math.cos(angle), 90 * math.sin(angle)
        draw.ellipse((cx - 90, cy - 40, cx + 90, cy + 40), fill=(80, 150, 80), outline=(30, 90, 40), width=5)
        draw.line((cx - dx * 0.8, cy - dy * 0.3, cx + dx * 0.8, cy + dy * 0.3), fill=(30, 90, 40), width=4)
    draw.ellipse((230, 420, 370, 470), fill=WHITE, outline=accent, width=6)  # a cup's rim


def _fabric(draw, accent, rng):
    colours = [accent, (200, 40, 60), (30, 60, 140), (240, 190, 40), WHITE]
    for row, y in enumerate(range(150, 470, 40)):
        draw.rectangle((150, y, 450, y + 40), fill=colours[row % len(colours)])
        for x in range(150, 450, 40):  # diamonds of brocade
            draw.polygon([(x + 20, y + 4), (x + 36, y + 20), (x + 20, y + 36), (x + 4, y + 20)],
                         fill=colours[(row + 2) % len(colours)])
    for x in range(155, 450, 14):  # fringe
        draw.line((x, 470, x, 500), fill=accent, width=4)


def _pottery(draw, accent, rng):
    draw.ellipse((190, 230, 410, 470), fill=accent)
    draw.polygon([(255, 240), (345, 240), (330, 150), (270, 150)], fill=accent)
    draw.ellipse((255, 135, 345, 165), fill=WHITE, outline=accent, width=6)
    draw.arc((215, 300, 385, 420), 0, 180, fill=WHITE, width=6)


def _tour(draw, rng):
    """A photo-like landscape: sky, sun, mountains, water with a boat."""
    _gradient(draw, (130, 190, 240), (250, 220, 180), height=360)
    draw.ellipse((410, 70, 500, 160), fill=(255, 230, 140))
    for base, colour in ((330, (80, 120, 110)), (360, (50, 100, 80))):
        points = [(0, base)]
        for x in range(0, SIZE + 60, 60):
            points.append((x, base - rng.randint(60, 180)))
        points += [(SIZE, base), (SIZE, 380), (0, 380)]
        draw.polygon(points, fill=colour)
    for y in range(360, SIZE):
        t = (y - 360) / (SIZE - 360)
        draw.line([(0, y), (SIZE, y)], fill=(int(70 + 40 * t), int(130 + 30 * t), int(170 + 20 * t)))
    draw.polygon([(230, 430), (370, 430), (345, 455), (255, 455)], fill=(90, 50, 30))  # boat
    draw.line((300, 430, 300, 385), fill=(90, 50, 30), width=4)
    draw.rectangle((0, 0, SIZE - 1, SIZE - 1), outline=WHITE, width=14)  # the print's border


SHAPES = {
    "bottle": _bottle, "jar": _jar, "bag": _bag, "basket": _basket, "box": _box,
    "plant": _plant, "bulbs": _bulbs, "fruit": _fruit, "tea": _tea, "fabric": _fabric,
    "pottery": _pottery,
}


def product_picture(title: str, group_slug: str, stars: int, category_slug: str = "") -> bytes:
    """A JPEG of the product's kind in the group's colours, with its name and stars."""
    top, bottom, accent = PALETTES.get(group_slug, DEFAULT_PALETTE)
    rng = random.Random(zlib.crc32(title.encode()))
    image = Image.new("RGB", (SIZE, SIZE), top)
    draw = ImageDraw.Draw(image)
    kind = picture_kind(title, category_slug)
    if kind == "tour":
        _tour(draw, rng)
        text_colour = WHITE
    else:
        _gradient(draw, top, bottom)
        SHAPES[kind](draw, accent, rng)
        text_colour = accent
    font, unicode_ok = _font(32)
    label = title if unicode_ok else fold(title)
    lines = textwrap.wrap(label, width=26)[:2]
    y = 548 - 38 * len(lines) // 2
    if kind == "tour":
        draw.rectangle((14, y - 10, SIZE - 14, SIZE - 14), fill=(20, 40, 60))
    for line in lines:
        width = draw.textlength(line, font=font)
        draw.text(((SIZE - width) / 2, y), line, font=font, fill=text_colour)
        y += 38
    small, _ = _font(40)
    star_text = "★" * stars if unicode_ok else f"{stars} sao OCOP"
    draw.text((28, 24), star_text, font=small, fill=(230, 170, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
