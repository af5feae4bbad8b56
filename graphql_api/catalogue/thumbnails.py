"""Product thumbnails at Saleor's sizes, generated on first request and kept in the media
storage (``graphql-thumbnails/``: MEDIA_ROOT or the media bucket).

The resolver only builds a URL (no query, no file work), so a listing stays at a fixed
number of queries; ``thumbnail_view`` makes the file once and serves it from the storage after."""

import io
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

SIZES = (32, 64, 128, 256, 512, 1024, 2048, 4096)
FORMATS = {"WEBP": ("webp", "WEBP", "image/webp"), "AVIF": ("avif", "AVIF", "image/avif")}
ORIGINAL = "ORIGINAL"
FOLDER = "graphql-thumbnails"


def snap(size: int | None) -> int:
    """Saleor's rule: the closest available size (4096 when none is asked)."""
    if size is None or size <= 0:
        return SIZES[-1]
    return min(SIZES, key=lambda s: (abs(s - size), -s))


def url_for(request, image, size, format) -> str:
    fmt = (format or ORIGINAL).upper()
    path = reverse("graphql_thumbnail", args=[image.pk, snap(size), fmt.lower()])
    return request.build_absolute_uri(path) if request is not None else path


def _target(image_pk: int, size: int, fmt: str, source_name: str) -> tuple[str, str]:
    """The thumbnail's name in the media storage, and its content type ("" = as the source)."""
    if fmt == ORIGINAL:
        return f"{FOLDER}/{image_pk}-{size}{PurePosixPath(source_name).suffix.lower()}", ""
    return f"{FOLDER}/{image_pk}-{size}.{FORMATS[fmt][0]}", FORMATS[fmt][2]


def _render(source, *, size: int, fmt: str) -> bytes:
    with PILImage.open(source) as picture:
        picture.thumbnail((size, size))
        save_format = FORMATS[fmt][1] if fmt != ORIGINAL else picture.format
        if save_format in ("JPEG", "AVIF") and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        out = io.BytesIO()
        picture.save(out, format=save_format, quality=settings.THUMBNAIL_QUALITY)
    return out.getvalue()


def _make(image, target: str, *, size: int, fmt: str) -> None:
    """Render the thumbnail from the original and save it under ``target``, through the
    storage API only (object storage has no local path)."""
    try:
        with image.original.open("rb") as source:
            data = _render(source, size=size, fmt=fmt)
    except (FileNotFoundError, UnidentifiedImageError, OSError) as exc:
        raise Http404("image unreadable") from exc
    # Two first requests at once may both render: the storage keeps the first name and
    # gives the other file a suffixed one nobody links to (S3: file_overwrite is off).
    default_storage.save(target, ContentFile(data))


@require_GET
def thumbnail_view(request, image_pk: int, size: int, fmt: str):
    """Made once, then served from the media storage: streamed from local disk, or a
    redirect to the bucket's URL (object storage), which a CDN may cache."""
    fmt = fmt.upper()
    if size not in SIZES or (fmt != ORIGINAL and fmt not in FORMATS):
        raise Http404("unknown size or format")
    ProductImage = get_model("catalogue", "ProductImage")
    image = ProductImage.objects.filter(pk=image_pk).only("original").first()
    if image is None or not image.original:
        raise Http404("no such image")
    target, content_type = _target(image_pk, size, fmt, image.original.name)
    if not default_storage.exists(target):
        _make(image, target, size=size, fmt=fmt)
    if settings.MEDIA_STORAGE != "local":
        response = HttpResponseRedirect(default_storage.url(target))
    else:
        response = FileResponse(default_storage.open(target, "rb"), content_type=content_type or None)
    response["Cache-Control"] = "public, max-age=604800"
    return response
