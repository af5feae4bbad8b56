"""Uploaded files: PDF, JPEG, PNG or WebP under the size limit, checked by content (not by
the name), images re-encoded with Pillow, stored under generated names."""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000


def max_upload_bytes() -> int:
    return getattr(settings, "OCOP_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)


def _check_size(upload) -> None:
    if upload.size > max_upload_bytes():
        raise ValidationError(_("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": max_upload_bytes() // (1024 * 1024)})
    if upload.size == 0:
        raise ValidationError(_("Tệp rỗng."))


def _reencode_image(data: bytes) -> tuple[bytes, str] | None:
    """The image re-drawn by Pillow (drops anything that is not pixels), or None."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            if fmt not in IMAGE_FORMATS or probe.width * probe.height > MAX_PIXELS:
                return None
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if fmt == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format=fmt)
            return out.getvalue(), IMAGE_FORMATS[fmt]
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def clean_image(upload) -> ContentFile:
    _check_size(upload)
    result = _reencode_image(upload.read())
    if result is None:
        raise ValidationError(_("Chỉ nhận ảnh JPEG, PNG hoặc WebP hợp lệ."))
    data, ext = result
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{ext}")


def clean_scan(upload) -> ContentFile:
    """A certificate scan: a PDF (checked by its signature and end marker) or an image."""
    _check_size(upload)
    data = upload.read()
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("Tệp PDF bị hỏng hoặc không đầy đủ."))
        return ContentFile(data, name=f"{uuid.uuid4().hex}.pdf")
    result = _reencode_image(data)
    if result is None:
        raise ValidationError(_("Bản quét phải là PDF, JPEG, PNG hoặc WebP."))
    image, ext = result
    return ContentFile(image, name=f"{uuid.uuid4().hex}.{ext}")


CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png",
                 "webp": "image/webp"}


def content_type_for(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
