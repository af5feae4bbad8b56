"""Vietnamese text folding: the one place that decides how diacritics are dropped; and the
words of a text, what a search engine may be given of it."""

import re
import unicodedata

from django.db.models import CharField, Func
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


class Folded(Func):
    """``fold`` in SQL, so a list can match 'dak lak' against 'Đắk Lắk' without a folded copy
    of every column: PostgreSQL's ``unaccent`` (which folds đ to d) then ``lower``; SQLite
    calls ``fold`` itself, registered on each connection by ``register_sqlite_fold``."""

    function = "ocop_fold"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="lower(unaccent(%(expressions)s))", **extra)


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """A ``connection_created`` receiver: SQLite learns ``ocop_fold`` (``Folded``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "ocop_fold", 1, lambda text: None if text is None else fold(text), deterministic=True)
