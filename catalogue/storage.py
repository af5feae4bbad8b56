"""Where certificate scans are kept: the ``private`` storage (``STORAGES["private"]``).

On local disk (the default) that is ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``, so no web
server or CDN that serves media can ever serve them; with ``MEDIA_STORAGE=s3`` a private
bucket. Either way only the permission-checked views of the producer area and the program
office hand a scan out (producers/responses.py): streamed from disk, or as a signed URL
that expires after ``S3_SIGNED_URL_SECONDS``.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import LazyObject


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


class _PrivateStorage(LazyObject):
    """``storages["private"]``, looked up on first use (the model field keeps this object)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def private_storage() -> _PrivateStorage:
    return _private


def signed_url(name: str, *, filename: str, content_type: str) -> str | None:
    """A short-lived URL that downloads the private file ``name`` as an attachment, or None
    when the private storage has no URLs (local disk: the view streams the file)."""
    if isinstance(storages["private"], PrivateStorage):
        return None
    return _private.url(name, parameters={
        "ResponseContentDisposition": f'attachment; filename="{filename}"',
        "ResponseContentType": content_type,
    })
