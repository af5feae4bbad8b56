"""seed_demo's English page tree, made as an editor would with "Translate" (Wagtail
localisation): every live Vietnamese page gets an English copy, so /en/... routes to the same
pages. The home page and the main index pages get English text; the other copies keep their
Vietnamese text until an editor translates them."""

from wagtail.models import Locale, Page

from cms.models import HomePage

ENGLISH = {  # Vietnamese slug → English fields
    "trang-chu": {
        "title": "OCOP Vietnam",
        "hero_title": "A speciality from every commune, a certificate for every product",
        "hero_text": ("3- to 5-star OCOP products from cooperatives, small firms and family "
                      "producers across the 34 provinces. Only products with a valid certificate "
                      "are sold."),
        "body": [("paragraph", "<p>The OCOP programme is changing how producers think about "
                               "production and trade: markets, packaging, intellectual property "
                               "and promotion.</p>")],
    },
    "tinh-thanh": {"title": "Provinces", "intro": "OCOP products of the 34 provinces and cities "
                                                  "after the 2025 reorganisation."},
    "cau-chuyen": {"title": "Product stories", "intro": "OCOP producers tell of their craft, "
                                                        "their land and their products."},
    "combo-qua-tang": {"title": "Gift combos", "intro": "Tết gifts, souvenirs and corporate "
                                                        "gifts made of OCOP products."},
}


def seed_english_pages(report) -> None:
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        return
    english, _created = Locale.objects.get_or_create(language_code="en")
    for page in Page.objects.live().descendant_of(home, inclusive=True).filter(
            locale=home.locale).order_by("path").specific():
        if page.has_translation(english):
            continue
        copy = page.copy_for_translation(english)  # a draft; its parent was copied before it
        for field, value in ENGLISH.get(page.slug, {}).items():
            setattr(copy, field, value)
        copy.save_revision().publish()
        report.count("English pages")
