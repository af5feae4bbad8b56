"""Where certificate scans are kept: outside ``MEDIA_ROOT``, so no web server or CDN that
serves media can ever serve them. Only the permission-checked views of the producer area
and the program office read them (as attachments, see producers/responses.py)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage under ``PRIVATE_MEDIA_ROOT``, read when used (not at import),
    with no URL of its own."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no URL; serve them through a permission-checked view")


def private_storage() -> PrivateStorage:
    return PrivateStorage()
