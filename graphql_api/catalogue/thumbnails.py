"""Product thumbnails at Saleor's sizes, generated on first request and kept in MEDIA_ROOT.

The resolver only builds a URL (no query, no file work), so a listing stays at a fixed
number of queries; ``thumbnail_view`` makes the file once and serves it from disk after."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

SIZES = (32, 64, 128, 256, 512, 1024, 2048, 4096)
FORMATS = {"WEBP": ("webp", "WEBP", "image/webp"), "AVIF": ("avif", "AVIF", "image/avif")}
ORIGINAL = "ORIGINAL"


def snap(size: int | None) -> int:
    """Saleor's rule: the closest available size (4096 when none is asked)."""
    if size is None or size <= 0:
        return SIZES[-1]
    return min(SIZES, key=lambda s: (abs(s - size), -s))


def url_for(request, image, size, format) -> str:
    fmt = (format or ORIGINAL).upper()
    path = reverse("graphql_thumbnail", args=[image.pk, snap(size), fmt.lower()])
    return request.build_absolute_uri(path) if request is not None else path


def _target(image_pk: int, size: int, fmt: str, source: Path) -> tuple[Path, str]:
    folder = Path(settings.MEDIA_ROOT) / "graphql-thumbnails"
    if fmt == ORIGINAL:
        return folder / f"{image_pk}-{size}{source.suffix.lower()}", ""
    return folder / f"{image_pk}-{size}.{FORMATS[fmt][0]}", FORMATS[fmt][2]


@require_GET
def thumbnail_view(request, image_pk: int, size: int, fmt: str):
    fmt = fmt.upper()
    if size not in SIZES or (fmt != ORIGINAL and fmt not in FORMATS):
        raise Http404("unknown size or format")
    ProductImage = get_model("catalogue", "ProductImage")
    image = ProductImage.objects.filter(pk=image_pk).only("original").first()
    if image is None or not image.original:
        raise Http404("no such image")
    source = Path(image.original.path)
    target, content_type = _target(image_pk, size, fmt, source)
    if not target.exists():
        try:
            with PILImage.open(source) as picture:
                picture.thumbnail((size, size))
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_suffix(target.suffix + ".part")
                save_format = FORMATS[fmt][1] if fmt != ORIGINAL else picture.format
                if save_format in ("JPEG", "AVIF") and picture.mode not in ("RGB", "L"):
                    picture = picture.convert("RGB")
                picture.save(partial, format=save_format, quality=settings.THUMBNAIL_QUALITY)
                partial.replace(target)  # atomic: a concurrent reader never sees half a file
        except (FileNotFoundError, UnidentifiedImageError, OSError) as exc:
            raise Http404("image unreadable") from exc
    response = FileResponse(target.open("rb"), content_type=content_type or None)
    response["Cache-Control"] = "public, max-age=604800"
    return response
