"""A producer drafts a story about its own products from the producer area; it enters the
same moderation workflow and is published by the office."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.models import ProductStoryPage
from tests.cms_support import page_tree
from tests.factories import UserFactory, sellable_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(reference_data):
    return page_tree()


def test_a_producer_drafts_a_story_that_the_office_approves(client, tree):
    own = sellable_product(title="Nước mắm nhĩ Phan Thiết")
    foreign = sellable_product(title="Kẹo dừa")
    user = UserFactory(username="chuthe1")
    own.producer.partner.users.add(user)
    client.force_login(user)

    refused = client.post(reverse("producer_area:stories"), {
        "title": "Chuyện nhà làm mắm", "text": "Đoạn một", "products": [foreign.pk]})
    assert refused.status_code == 200 and not ProductStoryPage.objects.exists()

    response = client.post(reverse("producer_area:stories"), {
        "title": "Chuyện nhà làm mắm", "intro": "Ba đời làm mắm",
        "text": "Đoạn một <script>alert(1)</script>\n\nĐoạn hai", "products": [own.pk]})

    assert response.status_code == 302
    page = ProductStoryPage.objects.get()
    assert not page.live and page.producer == own.producer and page.owner == user
    assert page.current_workflow_state.status == "in_progress"
    assert [b.block_type for b in page.body] == ["paragraph", "paragraph", "product_card"]
    assert "<script>" not in page.body.raw_data[0]["value"]
    assert "Chuyện nhà làm mắm" in client.get(reverse("producer_area:stories")).content.decode()

    office = UserFactory(username="vanphong", is_staff=True)
    office.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(office)
    state = page.current_workflow_state
    client.post(reverse("wagtailadmin_pages:workflow_action",
                        args=(page.pk, "approve", state.current_task_state.pk)), {"comment": ""})

    page.refresh_from_db()
    assert page.live


def test_the_story_form_is_for_producers_only(client, tree):
    client.force_login(UserFactory(username="khach"))

    assert client.get(reverse("producer_area:stories")).status_code == 403
