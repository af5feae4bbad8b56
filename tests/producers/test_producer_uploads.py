"""Uploads: PDF, JPEG, PNG, WebP under 10 MB, checked by content, images re-encoded,
stored under generated names."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from producers.uploads import clean_image, clean_scan
from tests.factories import sellable_product
from tests.producer_support import client_for, producer_with_user

ProductImage = get_model("catalogue", "ProductImage")


def _image(fmt: str, size=(8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 40)).save(out, format=fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt,ext", [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_images_are_reencoded_under_a_generated_name(fmt, ext):
    data = _image(fmt) + b"<script>alert(1)</script>"  # trailing bytes Pillow ignores

    cleaned = clean_image(SimpleUploadedFile("../../evil name.html", data))

    assert cleaned.name.endswith(f".{ext}") and "evil" not in cleaned.name and "/" not in cleaned.name
    assert b"<script>" not in cleaned.read()


@pytest.mark.parametrize("name,data", [
    ("anh.png", b"<html><script>alert(1)</script></html>"),
    ("anh.jpg", b"GIF89a" + b"\x00" * 20),
    ("anh.png", _image("GIF")),
    ("anh.png", b""),
], ids=["html-as-png", "fake-gif", "real-gif", "empty"])
def test_anything_but_jpeg_png_webp_is_refused_as_an_image(name, data):
    with pytest.raises(ValidationError):
        clean_image(SimpleUploadedFile(name, data))


def test_scan_accepts_pdf_and_images_and_refuses_html_named_pdf():
    assert clean_scan(SimpleUploadedFile("a.pdf", b"%PDF-1.7\n...\n%%EOF\n")).name.endswith(".pdf")
    assert clean_scan(SimpleUploadedFile("a.jpg", _image("JPEG"))).name.endswith(".jpg")
    with pytest.raises(ValidationError):
        clean_scan(SimpleUploadedFile("a.pdf", b"<html><script>alert(1)</script>"))
    with pytest.raises(ValidationError):
        clean_scan(SimpleUploadedFile("a.pdf", b"%PDF-1.7 truncated"))


def test_files_over_10_mb_are_refused(settings):
    settings.OCOP_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError, match="quá lớn"):
        clean_scan(SimpleUploadedFile("a.pdf", b"%PDF-1.7\n" + b"0" * 2000 + b"\n%%EOF\n"))


@pytest.mark.django_db
def test_a_bad_image_upload_is_a_message_not_a_500(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    producer, user = producer_with_user()
    product = sellable_product(producer=producer)
    client = client_for(user)

    response = client.post(reverse("producer_area:product-image-add", args=[product.pk]),
                           {"image": SimpleUploadedFile("x.png", b"not an image")}, follow=True)

    assert response.status_code == 200
    assert "Chỉ nhận ảnh JPEG, PNG hoặc WebP hợp lệ." in response.content.decode()
    assert not ProductImage.objects.filter(product=product).exists()
    client.post(reverse("producer_area:product-image-add", args=[product.pk]),
                {"image": SimpleUploadedFile("x.png", _image("PNG"))})
    assert ProductImage.objects.filter(product=product).count() == 1
