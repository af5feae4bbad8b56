"""factory_boy factories for the OCOP domain (on top of Oscar's own)."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from catalogue.reference import PHYSICAL_CLASS, TOURISM_CLASS
from catalogue.rules import today_in_vietnam

Certificate = get_model("catalogue", "Certificate")
Partner = get_model("partner", "Partner")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Province = get_model("catalogue", "Province")
StockRecord = get_model("partner", "StockRecord")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"HTX Thử nghiệm {n}")


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    name = factory.SelfAttribute("partner.name")
    slug = factory.Sequence(lambda n: f"chu-the-{n}")
    kind = Producer.Kind.COOPERATIVE
    partner = factory.SubFactory(PartnerFactory)
    province = factory.LazyFunction(lambda: Province.objects.get(slug="lam-dong"))
    former_province = None


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("slug",)

    slug = PHYSICAL_CLASS
    name = "Sản phẩm OCOP"
    requires_shipping = True
    track_stock = True


class TourismClassFactory(ProductClassFactory):
    slug = TOURISM_CLASS
    name = "Dịch vụ du lịch (voucher)"
    requires_shipping = False


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    title = factory.Sequence(lambda n: f"Nước mắm cá cơm số {n}")
    structure = Product.STANDALONE
    product_class = factory.SubFactory(ProductClassFactory)
    producer = factory.SubFactory(ProducerFactory)
    upc = factory.Sequence(lambda n: f"893{n:09d}")


class StockRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StockRecord

    product = factory.SubFactory(ProductFactory)
    partner = factory.SelfAttribute("product.producer.partner")
    partner_sku = factory.Sequence(lambda n: f"SKU-{n}")
    price_currency = "VND"
    price = Decimal("150000")
    num_in_stock = 20


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    product = factory.SubFactory(ProductFactory)
    number = factory.Sequence(lambda n: f"OCOP-TEST-{n:05d}")
    stars = 4
    score = 75
    level = Certificate.Level.PROVINCE
    issuing_body = "UBND tỉnh Lâm Đồng"
    issuing_place = "Lâm Đồng"
    decision_reference = factory.Sequence(lambda n: f"{n}/QĐ-UBND")
    issued_on = datetime.date(2025, 1, 15)
    status = Certificate.Status.VERIFIED


def sellable_product(*, price=Decimal("150000"), num_in_stock=20, stars=4, score=75, **product_kwargs):
    """A product that is on sale today: verified certificate and stock."""
    product = ProductFactory(**product_kwargs)
    StockRecordFactory(product=product, price=price, num_in_stock=num_in_stock)
    level = Certificate.Level.CENTRAL if stars == 5 else Certificate.Level.PROVINCE
    CertificateFactory(product=product, stars=stars, score=score, level=level,
                       issued_on=today_in_vietnam() - datetime.timedelta(days=100))
    return product


def reindex() -> None:
    """Search documents for everything made so far (listings and search read them; in a
    test's transaction the after-commit reindexing never runs)."""
    from django.core.management import call_command

    call_command("search_index", "--rebuild", "--no-progress", verbosity=0)
