"""Links in Wagtail's e-mails use the site's public address (SITE_URL), not Wagtail's first
site, http://localhost/: seed_demo gives the default site SITE_URL's host and port."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Site

from demo.seeding import seed_site_address
from tests.cms_support import page_tree
from tests.editor_support import editor, moderator, submitted_story  # noqa: F401  fixtures
from tests.factories import sellable_product
from tests.producer_support import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def wagtail_first_site(reference_data, settings):
    """The tree on Wagtail's own first site (localhost:80), as a fresh installation has it."""
    settings.WAGTAILADMIN_BASE_URL = "https://ocop.example.vn"
    tree = page_tree()
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    return tree


def test_the_approval_email_links_to_the_public_address(wagtail_first_site, editor, moderator):
    seed_site_address()
    product = sellable_product(title="Nước mắm nhĩ")
    editor.email = "bientap@ocop.local"
    editor.save()
    page = submitted_story(editor=editor, parent=wagtail_first_site.stories, product=product)
    task_state = page.current_workflow_state.current_task_state
    mail.outbox.clear()

    client_for(moderator).post(reverse("wagtailadmin_pages:workflow_action",
                                       args=(page.pk, "approve", task_state.pk)), {"comment": ""})

    bodies = [m.body for m in mail.outbox if "bientap@ocop.local" in m.to]
    assert bodies, [m.subject for m in mail.outbox]
    assert "https://ocop.example.vn/cau-chuyen/giot-mam-nhi/" in bodies[0]
    assert "localhost" not in "".join(bodies)


def test_a_site_already_given_an_address_keeps_it(reference_data, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://ocop.example.vn"
    page_tree()
    Site.objects.filter(is_default_site=True).update(hostname="shop.lamdong.gov.vn", port=443)

    seed_site_address()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("shop.lamdong.gov.vn", 443)
    assert site.root_url == "https://shop.lamdong.gov.vn"
