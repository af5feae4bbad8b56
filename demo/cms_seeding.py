"""seed_demo's editorial part: index pages, 34 province pages, stories and combos about the
seeded products, published through revisions. Idempotent: an existing slug is left alone."""

from decimal import Decimal
from io import BytesIO

from django.core.files.images import ImageFile
from oscar.core.loading import get_model

from catalogue.sellable import sellable_products
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
from cms.selectors import combo_quote
from cms.services import ComboNotPublishable, combo_publish
from demo import cms_content as demo_content
from demo.images import product_picture
from partner.strategy import OcopStrategy

Product = get_model("catalogue", "Product")
Province = get_model("catalogue", "Province")


def _picture(title: str, group: str = "thuc-pham", stars: int = 4):
    from wagtail.images.models import Image

    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    data = product_picture(title, group, stars)
    return Image.objects.create(title=title, file=ImageFile(BytesIO(data), name="cms-demo.jpg"))


def _publish(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _index(home, model, *, slug, title, intro):
    page = model.objects.child_of(home).first()
    return page or _publish(home, model(title=title, slug=slug, intro=intro))


def _product(plan: str, keyword: str):
    return (sellable_products().filter(upc__startswith=f"OCOP-{plan}-", title__icontains=keyword)
            .select_related("producer__province").order_by("upc").first())


def _seed_moderators() -> None:
    """Editors submit, the program office approves: the office account joins Wagtail's
    Moderators group (the default "Moderators approval" workflow covers the whole tree)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    moderators = Group.objects.filter(name="Moderators").first()
    office = get_user_model().objects.filter(username="vanphong").first()
    if moderators and office:
        office.groups.add(moderators)


def seed_cms(report) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    _seed_moderators()
    provinces_index = _index(home, ProvinceIndexPage, slug="tinh-thanh", title="Tỉnh, thành",
                             intro="Sản phẩm OCOP của 34 tỉnh, thành sau sắp xếp năm 2025.")
    stories_index = _index(home, StoryIndexPage, slug="cau-chuyen", title="Câu chuyện sản phẩm",
                           intro="Người làm ra sản phẩm OCOP kể về nghề, về vùng đất và về sản phẩm.")
    combos_index = _index(home, ComboIndexPage, slug="combo-qua-tang", title="Combo quà tặng",
                          intro="Quà Tết, quà lưu niệm và quà tặng doanh nghiệp từ sản phẩm OCOP.")
    existing = set(ProvincePage.objects.values_list("province_id", flat=True))
    for province in Province.objects.filter(merged_into__isnull=True).prefetch_related("former_provinces"):
        if province.pk in existing:
            continue
        formers = ", ".join(p.name for p in province.former_provinces.all())
        intro = demo_content.PROVINCE_INTROS.get(province.slug) or (
            demo_content.GENERIC_INTRO_MERGED if formers else demo_content.GENERIC_INTRO
        ).format(name=province.name, formers=formers)
        _publish(provinces_index, ProvincePage(
            title=f"OCOP {province.name}", slug=province.slug, province=province, intro=intro))
        report.count("province pages")

    for spec in demo_content.STORIES:
        if ProductStoryPage.objects.filter(slug=spec.slug).exists():
            continue
        product = _product(spec.plan, spec.keyword)
        if product is None:
            continue
        body = [("heading", {"text": spec.title})]
        body += [("paragraph", f"<p>{text}</p>") for text in spec.paragraphs]
        body.append(("quote", {"text": spec.quote, "attribution": product.producer.name}))
        body.append(("image", {"image": _picture(product.title), "caption": product.title}))
        body.append(("product_card", {"product": product, "note": ""}))
        story = ProductStoryPage(
            title=spec.title, slug=spec.slug, intro=spec.intro, producer=product.producer,
            province=product.producer.province, hero_image=_picture(spec.title), body=body,
        )
        story.tags.add(*spec.tags)
        _publish(stories_index, story)
        report.count("stories")

    strategy = OcopStrategy()
    for spec in demo_content.COMBOS:
        if GiftComboPage.objects.filter(slug=spec.slug).exists():
            continue
        products = [(_product(plan, keyword), quantity) for plan, keyword, quantity in spec.items]
        if any(product is None for product, _q in products):
            continue
        combo = GiftComboPage(title=spec.title, slug=spec.slug, occasion=spec.occasion, intro=spec.intro,
                              hero_image=_picture(spec.title, "do-uong"),
                              discount_percent=spec.discount_percent,
                              body=[("paragraph", f"<p>{spec.intro}</p>")])
        combo.items = [GiftComboItem(product=p, quantity=q) for p, q in products]
        if spec.price_ratio:
            full = combo_quote(combo, strategy=strategy, items=products).full_price
            combo.combo_price = (full * Decimal(str(spec.price_ratio)) / 1000).quantize(Decimal(1)) * 1000
        combo.live = False
        combos_index.add_child(instance=combo)
        try:
            combo_publish(combo, strategy=strategy)
        except ComboNotPublishable:
            continue  # stays a draft; the editor sees why in the admin
        report.count("combos")
