"""Editors' workflow: an editor drafts and submits, the program office approves and the page
goes live; scheduled publishing through the daily job; the editor role never reaches
catalogue prices or certificates; combo preview shows live prices and the discounted total."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import GiftComboPage, ProductStoryPage
from storefront.daily import run_daily
from tests.cms_support import combo, page_tree, story
from tests.factories import UserFactory, sellable_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(reference_data):
    return page_tree()


@pytest.fixture
def editor(client):
    user = UserFactory(username="bientap")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def office():
    user = UserFactory(username="vanphong", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def _story_form(product, **extra):
    return nested_form_data({
        "title": "Giọt mắm nhĩ", "slug": "giot-mam-nhi", "intro": "Cá cơm tươi.",
        "producer": product.producer.pk, "province": product.producer.province.pk, "tags": "",
        "body": streamfield([("paragraph", rich_text("<p>Mười hai tháng ủ chượp.</p>")),
                             ("product_card", {"product": product.pk, "note": ""})]),
        **extra,
    })


def test_editor_submits_the_program_office_approves_and_the_story_goes_live(client, tree, editor, office):
    assert Workflow.objects.filter(active=True, workflow_pages__isnull=False).exists()  # Wagtail's default
    product = sellable_product(title="Nước mắm nhĩ")
    client.force_login(editor)

    response = client.post(reverse("wagtailadmin_pages:add", args=("cms", "productstorypage", tree.stories.pk)),
                           _story_form(product, **{"action-submit": "action-submit"}))

    assert response.status_code == 302, response.content[:2000]
    page = ProductStoryPage.objects.get()
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"
    # the editor cannot publish it alone
    assert not page.permissions_for_user(editor).can_publish()

    client.force_login(office)
    response = client.post(reverse("wagtailadmin_pages:workflow_action",
                                   args=(page.pk, "approve", state.current_task_state.pk)), {"comment": "Đồng ý"})

    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert page.revisions.count() >= 1


def test_a_draft_is_not_public_and_scheduled_publishing_runs_in_the_daily_job(client, tree):
    product = sellable_product(title="Nước mắm nhĩ")
    page = story(tree, product, slug="hen-gio")
    page.unpublish()
    page.refresh_from_db()
    assert client.get("/cau-chuyen/hen-gio/").status_code == 404

    page.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save_revision(approved_go_live_at=page.go_live_at)
    run_daily()

    page.refresh_from_db()
    assert page.live
    assert client.get("/cau-chuyen/hen-gio/").status_code == 200


def test_a_scheduled_combo_gets_its_offer_when_the_daily_job_publishes_it(tree):
    a, b = sellable_product(title="A"), sellable_product(title="B")
    page = combo(tree, (a, 1), (b, 1), publish_it=False)
    page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))

    run_daily()

    page = GiftComboPage.objects.get(pk=page.pk)
    assert page.live and page.offer is not None and page.offer.status == "Open"


@pytest.mark.parametrize("url", [
    "/dashboard/", "/dashboard/catalogue/", "/dashboard/partners/", "/dashboard/offers/",
    "/admin/catalogue/certificate/", "/admin/partner/stockrecord/", "/van-phong/", "/nha-san-xuat/",
], ids=lambda u: u.strip("/").replace("/", "-"))
def test_an_editor_cannot_reach_catalogue_prices_or_certificates(client, editor, url):
    client.force_login(editor)

    response = client.get(url)

    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "login" in response["Location"] or "dang-nhap" in response["Location"]


def test_an_editor_works_in_wagtail_and_chooses_products_there(client, tree, editor):
    product = sellable_product(title="Nước mắm nhĩ Phan Thiết")
    client.force_login(editor)

    assert client.get("/cms/").status_code == 200
    chooser = client.get(reverse("product_chooser:choose_results"), {"q": "Phan Thiết"})
    assert chooser.status_code == 200
    html = chooser.content.decode()
    assert "Nước mắm nhĩ Phan Thiết" in html and "4★" in html and "Đang bán" in html
    by_province = client.get(reverse("product_chooser:choose_results"), {"q": "Lâm Đồng"}).content.decode()
    assert "Nước mắm nhĩ Phan Thiết" in by_province
    assert client.get(reverse("producer_chooser:choose")).status_code == 200


def test_a_combo_preview_shows_live_prices_and_the_discounted_total(client, tree, editor):
    a = sellable_product(title="Nước mắm nhĩ", price=Decimal("120000"))
    b = sellable_product(title="Mực một nắng", price=Decimal("450000"))
    client.force_login(editor)
    data = nested_form_data({
        "title": "Quà Tết", "slug": "qua-tet", "occasion": "tet", "intro": "", "combo_price": "",
        "discount_percent": "10", "body": streamfield([]),
        "items": inline_formset([{"product": a.pk, "quantity": 2}, {"product": b.pk, "quantity": 1}], min=2, max=10),
    })
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=("cms", "giftcombopage", tree.combos.pk))

    assert client.post(preview_url, data).json()["is_valid"]
    html = client.get(preview_url).content.decode()

    assert "690.000" in html and "69.000" in html and "621.000" in html


def test_the_reference_index_lists_where_a_product_is_used(tree):
    from wagtail.models import ReferenceIndex

    product = sellable_product(title="Nước mắm nhĩ")
    other = sellable_product(title="Mực")
    page = story(tree, product)
    gift = combo(tree, (product, 1), (other, 1))

    users = {ref.object_id for ref in ReferenceIndex.get_references_to(product)}

    assert users == {str(page.pk), str(gift.pk)}
