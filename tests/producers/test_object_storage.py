"""Issue 18, finding 7: media and certificate scans in object storage (MEDIA_STORAGE=s3),
against a real S3 API server on loopback (moto; tests/storage_support.py says what it does
not prove). Thumbnails go through the storage API only: object storage has no ``.path``."""

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from tests.factories import sellable_product
from tests.graphql_support import gql
from tests.producer_support import client_for, producer_with_user
from tests.storage_support import fetch, object_storage, s3_server  # noqa: F401  fixtures

Certificate = get_model("catalogue", "Certificate")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db


def _png(size=(900, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def _pdf():
    return SimpleUploadedFile("ban-quet.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                              content_type="application/pdf")


def test_a_producers_image_goes_to_the_bucket_and_the_page_shows_it_from_there(
    reference_data, object_storage, settings, tmp_path
):
    # given a producer with a product on sale
    settings.MEDIA_ROOT = tmp_path
    producer, user = producer_with_user()
    product = sellable_product(producer=producer)

    # when the producer uploads an image in the producer area
    response = client_for(user).post(reverse("producer_area:product-image-add", args=[product.pk]),
                                     {"image": SimpleUploadedFile("anh.png", _png())})

    # then the original is in the media bucket, under the name the database holds
    assert response.status_code == 302
    image = ProductImage.objects.get(product=product)
    assert object_storage.keys(object_storage.media, "images/") == [image.original.name]
    # and the product page links its thumbnails in the bucket, which exist there and load
    page = client_for(user).get(product.get_absolute_url()).content.decode()
    base = f"{object_storage.endpoint}/{object_storage.media}/"
    linked = sorted(set(re.findall(re.escape(base) + r'(cache/[^"\s]+\.(?:png|jpg))', page)))
    assert linked, "no thumbnail URL from the bucket on the product page"
    assert set(linked) <= set(object_storage.keys(object_storage.media, "cache/"))
    status, body = fetch(base + linked[0])
    assert status == 200 and Image.open(io.BytesIO(body)).format in ("PNG", "JPEG")
    # and nothing was written to local disk
    assert list(tmp_path.rglob("*")) == []


def test_a_graphql_thumbnail_is_made_in_the_bucket_and_served_from_it(reference_data, object_storage, client):
    product = sellable_product()
    product.images.create(original=SimpleUploadedFile("anh.png", _png()), caption="Ảnh", display_order=0)
    query = """query($slug: String!) { product(slug: $slug, channel: "default-channel") { media { url(size: 300) } } }"""

    _, body = gql(client, query, {"slug": product.slug})
    response = client.get(body["data"]["product"]["media"][0]["url"].removeprefix("http://testserver"))

    # then the thumbnail was rendered from the bucket's original into the bucket
    [thumbnail] = object_storage.keys(object_storage.media, "graphql-thumbnails/")
    assert response.status_code == 302
    assert response["Location"] == f"{object_storage.endpoint}/{object_storage.media}/{thumbnail}"
    status, data = fetch(response["Location"])
    assert status == 200 and max(Image.open(io.BytesIO(data)).size) == 256
    # and asked again, it is not made again
    assert client.get(body["data"]["product"]["media"][0]["url"].removeprefix("http://testserver"))["Location"] == response["Location"]
    assert len(object_storage.keys(object_storage.media, "graphql-thumbnails/")) == 1


def test_wagtail_images_documents_and_renditions_go_to_the_bucket(object_storage, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.models import Image as WagtailImage

    settings.MEDIA_ROOT = tmp_path
    image = WagtailImage.objects.create(title="Đồi chè", file=ContentFile(_png(), name="doi-che.png"))
    document = Document.objects.create(title="Quy chế", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="quy-che.pdf"))

    rendition = image.get_rendition("fill-120x80")

    keys = object_storage.keys(object_storage.media)
    assert {image.file.name, document.file.name, rendition.file.name} <= set(keys)
    assert rendition.url == f"{object_storage.endpoint}/{object_storage.media}/{rendition.file.name}"
    status, body = fetch(rendition.url)
    assert status == 200 and Image.open(io.BytesIO(body)).size == (120, 80)
    assert list(tmp_path.rglob("*")) == []


def test_media_links_and_the_content_security_policy_name_the_public_url(monkeypatch):
    from config.object_storage import media_origin, s3_storages

    for name, value in {"S3_BUCKET": "media", "S3_PRIVATE_BUCKET": "scans",
                        "S3_PUBLIC_URL": "https://media.shop.example.vn/anh/", "S3_ENDPOINT_URL": "http://10.0.0.5:9000"}.items():
        monkeypatch.setenv(name, value)

    options = s3_storages()["default"]["OPTIONS"]

    assert (options["url_protocol"], options["custom_domain"]) == ("https:", "media.shop.example.vn/anh")
    assert "custom_domain" not in s3_storages()["private"]["OPTIONS"]  # signed URLs go to the service itself
    assert media_origin() == "https://media.shop.example.vn"


def test_object_storage_without_its_buckets_stops_start_up(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from config.object_storage import s3_storages

    monkeypatch.delenv("S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="S3_BUCKET must be set when MEDIA_STORAGE=s3"):
        s3_storages()


@pytest.fixture
def submitted_scan(reference_data, object_storage):
    producer, user = producer_with_user()
    product = sellable_product(producer=producer)
    response = client_for(user).post(reverse("producer_area:certificate-submit"), {
        "product": product.pk, "number": "LD-2026-0777", "stars": "4", "score": "75",
        "level": "province", "issuing_body": "UBND tỉnh Lâm Đồng", "issuing_place": "Lâm Đồng",
        "decision_reference": "12/QĐ-UBND", "issued_on": "2026-01-10", "scan": _pdf()})
    assert response.status_code == 302
    return Certificate.objects.get(number="LD-2026-0777"), user


def test_a_certificate_scan_is_kept_in_the_private_bucket_only(submitted_scan, object_storage):
    certificate, _ = submitted_scan

    assert object_storage.keys(object_storage.private) == [certificate.scan.name]
    assert object_storage.keys(object_storage.media) == []
    # and the bucket refuses the object to anyone without a signed URL
    status, _ = fetch(f"{object_storage.endpoint}/{object_storage.private}/{certificate.scan.name}")
    assert status == 403


def test_the_owner_gets_a_short_lived_signed_url_to_the_scan(submitted_scan, object_storage, settings):
    certificate, user = submitted_scan

    response = client_for(user).get(reverse("producer_area:certificate-scan", args=[certificate.pk]))

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    url = urlsplit(response["Location"])
    query = parse_qs(url.query)
    assert f"{url.scheme}://{url.netloc}" == object_storage.endpoint
    assert url.path == f"/{object_storage.private}/{certificate.scan.name}"
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"] and len(query["X-Amz-Signature"][0]) == 64
    assert query["X-Amz-Expires"] == ["300"]
    assert query["response-content-disposition"][0].startswith("attachment;")
    status, body = fetch(response["Location"])
    assert status == 200 and body.startswith(b"%PDF-1.4")


def test_the_signed_urls_lifetime_comes_from_the_setting(submitted_scan, object_storage, monkeypatch, settings):
    from config.object_storage import s3_storages

    certificate, user = submitted_scan
    monkeypatch.setenv("S3_SIGNED_URL_SECONDS", "60")
    settings.STORAGES = {**settings.STORAGES, "private": s3_storages()["private"]}

    response = client_for(user).get(reverse("producer_area:certificate-scan", args=[certificate.pk]))

    assert parse_qs(urlsplit(response["Location"]).query)["X-Amz-Expires"] == ["60"]


def test_another_producer_and_a_shopper_get_no_url_to_the_scan(submitted_scan, client):
    certificate, _ = submitted_scan
    _, stranger = producer_with_user()
    path = reverse("producer_area:certificate-scan", args=[certificate.pk])

    by_stranger = client_for(stranger).get(path)
    by_shopper = client.get(path)

    assert by_stranger.status_code == 404
    assert by_shopper.status_code == 302 and "amz" not in by_shopper["Location"].lower()


def test_the_office_gets_a_signed_url_to_the_scan(submitted_scan, object_storage):
    from django.contrib.auth.models import Group, Permission

    from tests.factories import UserFactory

    certificate, _ = submitted_scan
    group, _ = Group.objects.get_or_create(name="Văn phòng điều phối OCOP")
    group.permissions.add(*Permission.objects.filter(codename__in=["change_certificate", "view_certificate"]))
    office = UserFactory(is_staff=True)
    office.groups.add(group)

    response = client_for(office).get(reverse("producer_area_office:certificate-scan", args=[certificate.pk]))

    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"]
    assert fetch(response["Location"])[0] == 200
