"""Vietnamese text folding: the one place that decides how diacritics are dropped; and the
words of a text, what a search engine may be given of it."""

import re
import unicodedata

from django.utils.text import slugify


def fold(text: str) -> str:
    """Lowercase ASCII-ish form: 'Nước mắm Đắk Lắk' → 'nuoc mam dak lak' (đ folds to d)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits, composed: 'Mật ong "rừng"!' → ['Mật', 'ong',
    'rừng']), nothing else, so punctuation typed by a shopper never becomes query syntax."""
    return _WORD.findall(unicodedata.normalize("NFC", text).replace("_", " "))


def vn_slugify(text: str) -> str:
    """Hyphenated ASCII slug: 'Bà Rịa - Vũng Tàu' → 'ba-ria-vung-tau'."""
    return re.sub(r"-{2,}", "-", slugify(fold(text)))
