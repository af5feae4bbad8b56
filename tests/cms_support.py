"""Helpers for the editorial pages' tests: a page tree like seed_demo's, published pages."""

from dataclasses import dataclass
from decimal import Decimal

from wagtail.models import Page, Site

from cms.models import (
    ComboIndexPage,
    GiftComboItem,
    GiftComboPage,
    HomePage,
    ProductStoryPage,
    ProvinceIndexPage,
    ProvincePage,
    StoryIndexPage,
)
from cms.services import combo_publish
from partner.strategy import OcopStrategy


@dataclass
class Tree:
    home: HomePage
    provinces: ProvinceIndexPage
    stories: StoryIndexPage
    combos: ComboIndexPage


def publish(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def page_tree() -> Tree:
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="OCOP Việt Nam", slug="trang-chu-test"))
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "testserver", "root_page": home, "site_name": "OCOP"})
    return Tree(
        home=home,
        provinces=publish(home, ProvinceIndexPage(title="Tỉnh, thành", slug="tinh-thanh")),
        stories=publish(home, StoryIndexPage(title="Câu chuyện", slug="cau-chuyen")),
        combos=publish(home, ComboIndexPage(title="Combo quà tặng", slug="combo-qua-tang")),
    )


def story(tree: Tree, *products, slug="cau-chuyen-thu", body=None, **fields) -> ProductStoryPage:
    body = body if body is not None else [("paragraph", "<p>Chuyện làm mắm.</p>")] + [
        ("product_card", {"product": p, "note": ""}) for p in products]
    first = products[0] if products else None
    return publish(tree.stories, ProductStoryPage(
        title=fields.pop("title", "Giọt mắm nhĩ"), slug=slug, body=body,
        producer=first.producer if first else None,
        province=first.producer.province if first else None, **fields))


def combo(tree: Tree, *lines, slug="combo-tet", publish_it=True, **fields) -> GiftComboPage:
    """A combo of (product, quantity) lines, published through the checked service."""
    page = GiftComboPage(title=fields.pop("title", "Quà Tết vị biển"), slug=slug,
                         occasion=fields.pop("occasion", "tet"), **fields)
    if page.combo_price is None and page.discount_percent is None:
        page.discount_percent = 10
    page.items = [GiftComboItem(product=p, quantity=q) for p, q in lines]
    page.live = False
    tree.combos.add_child(instance=page)
    if publish_it:
        combo_publish(page, strategy=OcopStrategy())
        page.refresh_from_db()
    return page


def province_page(tree: Tree, province, **fields) -> ProvincePage:
    return publish(tree.provinces, ProvincePage(
        title=f"OCOP {province.name}", slug=province.slug, province=province, **fields))


def vnd(amount) -> Decimal:
    return Decimal(amount)
