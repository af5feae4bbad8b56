"""The program office creates products in Oscar's dashboard; each must name its producer."""

import pytest
from django.urls import reverse

from catalogue.models import Product
from tests.factories import ProducerFactory, ProductClassFactory, UserFactory


def _management_data(context) -> dict:
    """Each inline formset posted empty (no stock record, image or category yet)."""
    data = {}
    for name in context.keys():
        value = context[name]
        if name.endswith("formset") and hasattr(value, "management_form"):
            prefix = value.management_form.prefix
            data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def _errors(context) -> dict:
    return {name: (getattr(context[name], "errors", None), getattr(context[name], "non_form_errors", list)()) for name in context.keys()
            if name == "form" or name.endswith("formset")}


@pytest.fixture
def office_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _create(office_client, category, **fields):
    url = reverse("dashboard:catalogue-product-create",
                  kwargs={"product_class_slug": ProductClassFactory().slug})
    page = office_client.get(url)
    assert page.status_code == 200
    assert 'name="producer"' in page.content.decode()
    categories = page.context["category_formset"].prefix
    data = {**_management_data(page.context), "title": "Nước mắm nhĩ Phan Thiết",
            "structure": "standalone", "upc": "8930000000017",
            f"{categories}-TOTAL_FORMS": 1, f"{categories}-0-category": category.pk, **fields}
    return office_client.post(url, data)


@pytest.mark.django_db
def test_dashboard_product_without_producer_is_refused_with_a_field_error(office_client, reference_data):
    response = _create(office_client, reference_data["nuoc-mam-va-gia-vi"])

    assert response.status_code == 200
    assert "producer" in response.context["form"].errors
    assert not Product.objects.filter(upc="8930000000017").exists()


@pytest.mark.django_db
def test_dashboard_product_with_producer_is_saved(office_client, reference_data):
    producer = ProducerFactory()

    response = _create(office_client, reference_data["nuoc-mam-va-gia-vi"], producer=producer.pk)

    assert response.status_code == 302, (_errors(response.context), [str(m) for m in response.context["messages"]])
    assert Product.objects.get(upc="8930000000017").producer == producer
