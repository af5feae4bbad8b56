"""Reference rows the checkout needs in every installation."""

VIETNAM = {
    "iso_3166_1_a3": "VNM",
    "iso_3166_1_numeric": "704",
    "printable_name": "Việt Nam",
    "name": "Cộng hòa Xã hội Chủ nghĩa Việt Nam",
    "display_order": 1,
    "is_shipping_country": True,
}


def ensure_vietnam(Country) -> None:
    """Vietnam as the (only) shipping country. Takes the model class so a data migration
    (historical model) and tests can both call it; idempotent."""
    Country.objects.update_or_create(iso_3166_1_a2="VN", defaults=VIETNAM)
