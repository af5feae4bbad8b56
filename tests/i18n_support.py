"""Our message catalogue as tests read it (a .po file, no gettext tools needed)."""

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

ENGLISH_CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def english_catalogue():
    with ENGLISH_CATALOGUE.open("rb") as po:
        return read_po(po)


@cache
def our_vietnamese_msgids() -> frozenset[str]:
    """Every Vietnamese string of ours (a msgid whose English differs from it; the English
    msgids in our catalogue come from Oscar's templates we override). A browser test checks
    that none of them is left on an English page."""
    found = set()
    for message in english_catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found.update(i for i, s in zip(ids, strings) if s and s != i)
    return frozenset(found)
