"""The storefront as a shopper meets it: listings show only sellable products, the basket
refuses what may not be sold (even when the form is posted directly), province URLs."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.models import Certificate, Province
from catalogue.rules import today_in_vietnam
from tests.factories import (
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
    StockRecordFactory,
    reindex,
    sellable_product,
)

Basket = get_model("basket", "Basket")


def _revoked(**kwargs):
    product = ProductFactory(**kwargs)
    StockRecordFactory(product=product)
    CertificateFactory(product=product, status=Certificate.Status.REVOKED,
                       revoked_reason="Vi phạm", issued_on=today_in_vietnam())
    return product


def _expired(**kwargs):
    product = ProductFactory(**kwargs)
    StockRecordFactory(product=product)
    CertificateFactory(product=product, issued_on=today_in_vietnam() - datetime.timedelta(days=2000))
    return product


def _listed_ids(response) -> set[int]:
    return {p.pk for p in response.context["products"]}


@pytest.mark.smoke
@pytest.mark.django_db
def test_listing_shows_only_sellable_products(client):
    on_sale = sellable_product(title="Nước mắm nhĩ Phan Thiết")
    revoked = _revoked(title="Kẹo dừa thu hồi")
    expired = _expired(title="Trà hết hạn")
    sold_out = sellable_product(title="Mực một nắng hết hàng", num_in_stock=0)
    reindex()

    response = client.get(reverse("catalogue:index"))

    assert response.status_code == 200
    assert _listed_ids(response) == {on_sale.pk}
    body = response.content.decode()
    assert "Nước mắm nhĩ Phan Thiết" in body
    for hidden in (revoked, expired, sold_out):
        assert hidden.title not in body


@pytest.mark.smoke
@pytest.mark.django_db
def test_adding_an_unsellable_product_by_direct_post_is_refused(client):
    product = _revoked(title="Kẹo dừa thu hồi")

    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1},
                           follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert any("chưa có chứng nhận OCOP còn hiệu lực" in m for m in messages), messages
    assert not Basket.objects.filter(lines__product=product).exists()


@pytest.mark.django_db
def test_adding_more_than_the_stock_is_refused(client):
    product = sellable_product(num_in_stock=2)

    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 3})

    assert not Basket.objects.filter(lines__product=product).exists()


@pytest.mark.django_db
def test_a_sellable_product_goes_into_the_basket_at_the_server_price(client):
    product = sellable_product(price=150000)

    client.post(reverse("basket:add", kwargs={"pk": product.pk}),
                {"quantity": 2, "price": 1})  # a posted price is ignored

    line = Basket.objects.get(lines__product=product).lines.get()
    assert (line.quantity, line.price_incl_tax) == (2, 150000)


@pytest.mark.django_db
def test_a_basket_line_whose_certificate_is_revoked_later_cannot_be_checked_out(client):
    product = sellable_product()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    Certificate.objects.filter(product=product).update(
        status=Certificate.Status.REVOKED, revoked_reason="Thu hồi sau khi thêm vào giỏ")

    response = client.get(reverse("checkout:index"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    messages = [str(m) for m in response.context["messages"]]
    assert any("chưa có chứng nhận OCOP còn hiệu lực" in m for m in messages), messages


@pytest.mark.django_db
def test_unknown_province_slug_is_404(client):
    response = client.get(reverse("catalogue:province", kwargs={"province_slug": "khong-co-tinh-nay"}))

    assert response.status_code == 404


@pytest.mark.smoke
@pytest.mark.django_db
def test_former_and_current_province_pages_find_the_same_product(client):
    lam_dong, binh_thuan = Province.objects.get(slug="lam-dong"), Province.objects.get(slug="binh-thuan")
    from_binh_thuan = sellable_product(
        title="Thanh long ruột đỏ Hàm Thuận Bắc",
        producer=ProducerFactory(province=lam_dong, former_province=binh_thuan))
    from_da_lat = sellable_product(title="Atiso Đà Lạt", producer=ProducerFactory(province=lam_dong))
    reindex()

    current = client.get(reverse("catalogue:province", kwargs={"province_slug": "lam-dong"}))
    former = client.get(reverse("catalogue:province", kwargs={"province_slug": "binh-thuan"}))

    assert _listed_ids(current) == {from_binh_thuan.pk, from_da_lat.pk}
    assert _listed_ids(former) == {from_binh_thuan.pk}
    assert "nay thuộc Lâm Đồng" in former.content.decode()


@pytest.mark.django_db
def test_product_detail_shows_certificate_producer_and_former_province(client):
    producer = ProducerFactory(name="HTX Nước mắm Hưng Thịnh",
                               province=Province.objects.get(slug="lam-dong"),
                               former_province=Province.objects.get(slug="binh-thuan"))
    product = sellable_product(title="Nước mắm cá cơm 40 độ đạm", producer=producer, stars=4)
    certificate = product.certificates.get()

    response = client.get(product.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["certificate"] == certificate
    for text in (certificate.number, "HTX Nước mắm Hưng Thịnh", "Lâm Đồng", "Bình Thuận",
                 certificate.expires_on.strftime("%d/%m/%Y"), "150.000"):
        assert text in body, text


@pytest.mark.django_db
def test_detail_of_an_unsellable_product_explains_it_is_not_on_sale(client):
    product = _expired(title="Trà hết hạn")

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    assert response.context["certificate"] is None
    assert "chưa có chứng nhận OCOP còn hiệu lực" in response.content.decode()


def _queries(client, url) -> int:
    client.get(url)  # warm caches that a running site keeps warm (navigation, thumbnails)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_listing_query_count_does_not_grow_with_page_size_or_page_number(client, settings):
    for i in range(13):
        sellable_product(title=f"Sản phẩm {i}")
    reindex()
    url = reverse("catalogue:index")

    small_page_1 = _queries(client, url + "?page_size=3")
    small_page_3 = _queries(client, url + "?page_size=3&page=3")
    big_page_1 = _queries(client, url + "?page_size=12")

    assert small_page_1 == small_page_3 == big_page_1, (small_page_1, small_page_3, big_page_1)
    assert big_page_1 <= 12


@pytest.mark.django_db
def test_detail_query_count_is_bounded(client):
    product = sellable_product()

    assert _queries(client, product.get_absolute_url()) <= 12


@pytest.mark.django_db
def test_a_shopper_who_chooses_english_gets_the_shop_in_english(client):
    sellable_product(title="Nước mắm nhĩ Phan Thiết", stars=4)
    reindex()

    vietnamese = client.get(reverse("catalogue:index")).content.decode()
    switched = client.post("/i18n/setlang/", {"language": "en", "next": reverse("catalogue:index")})
    english = client.get(switched["Location"]).content.decode()

    assert "Tất cả sản phẩm OCOP" in vietnamese and "4 sao OCOP" in vietnamese
    assert "All OCOP products" in english and "4-star OCOP" in english
    assert "Tất cả sản phẩm OCOP" not in english
