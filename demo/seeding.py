"""Demo and scale data. ``seed_demo`` mirrors the provinces' published figures and is
idempotent (a second run writes nothing); ``generate_catalog`` makes many products fast."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.sites.models import Site as DjangoSite
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from oscar.core.loading import get_model
from wagtail.models import Page, Site

from catalogue.freshness import catalogue_changed
from catalogue.reference import PHYSICAL_CLASS, TOURISM_CLASS, ensure_reference_data
from catalogue.rules import CERTIFICATE_VALIDITY_MONTHS, add_months, today_in_vietnam
from cms.models import HomePage, StorefrontSettings
from core.text import vn_slugify
from demo.cms_seeding import seed_cms
from demo.cms_translations import seed_english_pages
from demo.data import (
    BRANDS,
    KIND_PREFIX,
    PLANS,
    PROVINCE_SPECIALITIES,
    RULE_EXAMPLES,
    STORIES,
    ProvincePlan,
    Speciality,
)
from demo.images import product_picture
from demo.translations import english_for
from pos.models import PointOfSale, PosStaff

Certificate = get_model("catalogue", "Certificate")
Partner = get_model("partner", "Partner")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Province = get_model("catalogue", "Province")
StockRecord = get_model("partner", "StockRecord")
Ward = get_model("catalogue", "Ward")

NEW_LEVELS_FROM = datetime.date(2025, 7, 1)  # 3★/4★ by the province, 5★ central, no districts
MARD_RENAMED_ON = datetime.date(2025, 3, 1)
TOURISM_CATEGORIES = {"homestay", "tour-trai-nghiem", "diem-du-lich"}
PROGRAM_OFFICE_GROUP = "Văn phòng điều phối OCOP"
POS_GROUP = "Điểm bán du lịch"
EDITORS_GROUP = "Editors"  # created by Wagtail's migrations


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # role, username, email
    sites: list[str] = field(default_factory=list)  # provincial sites' addresses

    def count(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n


# ---------------------------------------------------------------------------- certificates


def _printed_issuer(*, stars: int, issued_on: datetime.date, old_province: str,
                    current_province: Province, ward_name: str, rng: random.Random):
    """Level, body and place as a certificate of that date would print them."""
    if stars == 5:
        body = ("Bộ Nông nghiệp và Phát triển nông thôn" if issued_on < MARD_RENAMED_ON
                else "Bộ Nông nghiệp và Môi trường")
        return Certificate.Level.CENTRAL, body, "Hà Nội"
    if issued_on >= NEW_LEVELS_FROM:
        return (Certificate.Level.PROVINCE, f"UBND tỉnh {current_province.short_name}",
                current_province.short_name)
    if stars == 3 and ward_name.startswith("Xã ") and rng.random() < 0.5:
        district = ward_name.removeprefix("Xã ")
        return Certificate.Level.DISTRICT, f"UBND huyện {district}", f"{district}, {old_province}"
    return Certificate.Level.PROVINCE, f"UBND tỉnh {old_province}", old_province


_SCORE_RANGE = {3: (50, 69), 4: (70, 89), 5: (90, 100)}


def _certificate(*, product, number: str, stars: int, issued_on, level, body, place,
                 rng: random.Random, status=Certificate.Status.VERIFIED, revoked_reason="",
                 decided_by=None) -> Certificate:
    central = level == Certificate.Level.CENTRAL
    return Certificate(
        product=product, number=number, stars=stars, score=rng.randint(*_SCORE_RANGE[stars]),
        level=level, issuing_body=body, issuing_place=place,
        decision_reference=f"{rng.randint(100, 3999)}/QĐ-{'BNN-VPĐP' if central else 'UBND'}",
        issued_on=issued_on, status=status, revoked_reason=revoked_reason,
        decided_by=decided_by if status != Certificate.Status.PENDING else None,
    )


# ---------------------------------------------------------------------------- seed_demo


def _round_price(low: int, high: int, rng: random.Random) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, 1000) // 1000 * 1000)


def _ensure_producer(*, slug, name, kind, province, former, ward, rng, report) -> Producer:
    producer = Producer.objects.filter(slug=slug).select_related("partner").first()
    if producer is not None:
        return producer
    partner = Partner.objects.create(name=name, code=slug)
    producer = Producer.objects.create(
        slug=slug, name=name, kind=kind, partner=partner, province=province,
        former_province=former, ward=ward,
        phone=f"0{rng.randint(200, 299)}{rng.randint(1000000, 9999999)}",
        story=rng.choice(STORIES).format(name=name),
        address=f"{ward.name}, {former.name if former else province.short_name}" if ward else "",
    )
    report.count("producers")
    return producer


def _ensure_product(*, upc, title, speciality: Speciality, producer, categories, classes,
                    price, num_in_stock, stars, rng, report) -> tuple[Product, bool]:
    product = Product.objects.filter(upc=upc).first()
    if product is not None:
        return product, False
    category = categories[speciality.category]
    tourism = speciality.category in TOURISM_CATEGORIES
    product = Product.objects.create(
        upc=upc, title=title, slug=vn_slugify(title)[:128], producer=producer,
        product_class=classes[TOURISM_CLASS if tourism else PHYSICAL_CLASS],
        description=f"{speciality.description}\n\n{producer.story}",
    )
    ProductCategory.objects.create(product=product, category=category)
    StockRecord.objects.create(
        product=product, partner=producer.partner, partner_sku=upc, price_currency="VND",
        price=price, num_in_stock=num_in_stock,
    )
    group = category.get_ancestors_and_self()[0].slug
    image = ProductImage(product=product, display_order=0, caption=title)
    image.original.save(f"{vn_slugify(upc)}.jpg", ContentFile(product_picture(title, group, stars, speciality.category)),
                        save=True)
    report.count("products")
    return product, True


def _seed_plan(plan: ProvincePlan, *, today, categories, classes, office_user, report) -> None:
    rng = random.Random(f"seed-demo-{plan.key}")
    province = Province.objects.get(slug=plan.province)
    former = Province.objects.get(slug=plan.former_province) if plan.former_province else None
    wards = {w.name: w for w in Ward.objects.filter(province=province, name__in=plan.wards)}
    producers = []
    for i in range(plan.producers):
        kind = rng.choice(list(KIND_PREFIX))
        brand = BRANDS[(i * 7 + len(plan.key)) % len(BRANDS)]
        ward_name = plan.wards[i % len(plan.wards)]
        if i >= len(BRANDS):
            brand = f"{brand} {ward_name.split(' ', 1)[1]}"
        producers.append((brand, _ensure_producer(
            slug=f"{plan.key.lower()}-{i + 1:03d}-{vn_slugify(brand)}",
            name=f"{KIND_PREFIX[kind]} {brand}", kind=kind, province=province, former=former,
            ward=wards.get(ward_name), rng=rng, report=report,
        )))
    stars_list = [s for s, n in sorted(plan.stars.items(), reverse=True) for _ in range(n)]
    rng.shuffle(stars_list)
    used_titles: set[str] = set()
    for j, stars in enumerate(stars_list):
        brand, producer = producers[j % len(producers)]
        speciality = plan.specialities[(j + j // len(producers)) % len(plan.specialities)]
        title = speciality.title.format(brand=brand)
        for variant in ("", " - hộp quà", " - loại đặc biệt", " - gói lớn"):
            if title + variant not in used_titles:
                title += variant
                break
        used_titles.add(title)
        issued_on = today - datetime.timedelta(days=rng.randint(20, 1000))
        ward_name = producer.ward.name if producer.ward else plan.wards[0]
        level, body, place = _printed_issuer(
            stars=stars, issued_on=issued_on, old_province=plan.issuing_province,
            current_province=province, ward_name=ward_name, rng=rng,
        )
        price = _round_price(*speciality.price, rng)
        product, created = _ensure_product(
            upc=f"OCOP-{plan.key}-{j + 1:04d}", title=title, speciality=speciality,
            producer=producer, categories=categories, classes=classes, price=price,
            num_in_stock=rng.randint(8, 240), stars=stars, rng=rng, report=report,
        )
        if created:
            _certificate(
                product=product, number=f"{plan.key}-{issued_on.year}-{j + 1:04d}", stars=stars,
                issued_on=issued_on, level=level, body=body, place=place, rng=rng,
                decided_by=office_user,
            ).save()
            report.count("certificates")


def _seed_every_province(*, today, categories, classes, office_user, report) -> None:
    """Two or three specialities in every current province, one cooperative each, so that
    no province page is empty; certified 3★ or 4★ and in stock. Idempotent by UPC."""
    for province in Province.objects.filter(merged_into__isnull=True).order_by("code"):
        specialities = PROVINCE_SPECIALITIES.get(province.slug, ())
        if not specialities:
            continue
        rng = random.Random(f"seed-demo-province-{province.slug}")
        brand = BRANDS[province.code % len(BRANDS)]
        ward = Ward.objects.filter(province=province).order_by("code").first()
        producer = _ensure_producer(
            slug=f"tinh-{province.slug}-{vn_slugify(brand)}", name=f"HTX {brand} {province.short_name}",
            kind=Producer.Kind.COOPERATIVE, province=province, former=None, ward=ward, rng=rng,
            report=report,
        )
        for n, speciality in enumerate(specialities, start=1):
            stars = 4 if n == 1 else 3
            product, created = _ensure_product(
                upc=f"OCOP-P-{province.code:02d}-{n}", title=speciality.title.format(brand=brand),
                speciality=speciality, producer=producer, categories=categories, classes=classes,
                price=_round_price(*speciality.price, rng), num_in_stock=rng.randint(20, 200),
                stars=stars, rng=rng, report=report,
            )
            if created:
                issued_on = today - datetime.timedelta(days=rng.randint(30, 600))
                level, body, place = _printed_issuer(
                    stars=stars, issued_on=issued_on, old_province=province.short_name,
                    current_province=province, ward_name=ward.name if ward else "", rng=rng,
                )
                _certificate(
                    product=product, number=f"P{province.code:02d}-{issued_on.year}-{n:04d}",
                    stars=stars, issued_on=issued_on, level=level, body=body, place=place,
                    rng=rng, decided_by=office_user,
                ).save()
                report.count("certificates")


def _seed_rule_examples(*, today, categories, classes, office_user, report) -> None:
    rng = random.Random("seed-demo-rules")
    for example in RULE_EXAMPLES:
        province = Province.objects.get(slug=example.province)
        ward = Ward.objects.filter(province=province).order_by("code").first()
        brand = example.title.split()[-2] + " " + example.title.split()[-1]
        producer = _ensure_producer(
            slug=f"vd-{example.key.lower()}-{vn_slugify(brand)}", name=f"Hộ kinh doanh {brand}",
            kind=Producer.Kind.HOUSEHOLD, province=province, former=None, ward=ward, rng=rng,
            report=report,
        )
        speciality = Speciality(example.title, example.category, (60000, 120000), example.note)
        product, created = _ensure_product(
            upc=f"OCOP-VD-{example.key}", title=example.title, speciality=speciality,
            producer=producer, categories=categories, classes=classes,
            price=_round_price(60000, 120000, rng), num_in_stock=example.num_in_stock, stars=3,
            rng=rng, report=report,
        )
        if not created:
            continue
        issued_on = today - datetime.timedelta(days=40 * 31 if example.expired else 200)
        _certificate(
            product=product, number=f"VD-{example.key}-{issued_on.year}", stars=3,
            issued_on=issued_on, level=Certificate.Level.PROVINCE,
            body=f"UBND {province.name if province.name.startswith('Thành phố') else 'tỉnh ' + province.name}",
            place=province.short_name, rng=rng, status=example.status,
            revoked_reason=example.note if example.status == Certificate.Status.REVOKED else "",
            decided_by=office_user,
        ).save()
        report.count("certificates")


def _ensure_user(*, username, email, password, report, role, **flags):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": email, **flags})
    if created or not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    report.accounts.append((role, username, email))
    return user


def _ensure_group(name: str, codenames: list[str], *, exact: bool = False) -> Group:
    """The group with these permissions; ``exact`` also removes any other (a permission an
    earlier demo gave the role and it must not have, e.g. a producer's dashboard access)."""
    group, _ = Group.objects.get_or_create(name=name)
    wanted = Permission.objects.filter(codename__in=codenames)
    missing = set(wanted) - set(group.permissions.all())
    if missing:
        group.permissions.add(*missing)
    if exact:
        extra = group.permissions.exclude(codename__in=codenames)
        if extra.exists():
            group.permissions.remove(*extra)
    return group


OFFICE_PERMISSIONS = [
    "change_certificate", "view_certificate", "add_certificate", "change_producer",
    "view_producer", "add_producer", "view_auditentry",
    "add_pointofsale", "change_pointofsale", "view_pointofsale", "add_posstaff", "change_posstaff",
    "delete_posstaff", "view_posstaff", "view_possale", "add_posstockrecord", "change_posstockrecord",
    "view_posstockrecord",  # points of sale and their stock, in Django admin
    "view_order", "change_order",  # the order dashboard: record payments, refund (checkout/payments/refunds.py)
]
PRODUCER_GROUP = "Chủ thể OCOP"


def _seed_office(password: str, report: SeedReport):
    """One superuser (admin) and the program office: staff, in the office group, not
    superuser. The office account is the decider recorded on demo certificates."""
    _ensure_user(username="quantri", email="quantri@ocop.local", password=password,
                 report=report, role="Quản trị hệ thống (superuser)", is_staff=True,
                 is_superuser=True)
    office = _ensure_user(username="vanphong", email="vanphong@ocop.local", password=password,
                          report=report, role="Văn phòng điều phối OCOP", is_staff=True)
    _demote(office, is_superuser=False)
    office_group = _ensure_group(PROGRAM_OFFICE_GROUP, OFFICE_PERMISSIONS, exact=True)
    office.groups.add(office_group)
    return office


def _demote(user, **flags) -> None:
    """Earlier demos made these accounts superuser or staff; the roles say otherwise now."""
    changed = [name for name, value in flags.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, flags[name])
    if changed:
        user.save(update_fields=changed)


def _seed_role_accounts(password: str, report: SeedReport) -> None:
    """Producers (linked to their partner, so they exist by now), point of sale, editor."""
    # Producers are not staff and have no dashboard access: they use /nha-san-xuat/ only.
    producer_group = _ensure_group(PRODUCER_GROUP, [], exact=True)
    for n, slug_prefix in ((1, "bth-001-"), (2, "btr-001-")):
        user = _ensure_user(username=f"chuthe{n}", email=f"chuthe{n}@ocop.local",
                            password=password, report=report, role=f"Chủ thể OCOP {n}")
        _demote(user, is_staff=False, is_superuser=False)
        user.groups.add(producer_group)
        producer = Producer.objects.filter(slug__startswith=slug_prefix).select_related("partner").first()
        if producer and not producer.partner.users.filter(pk=user.pk).exists():
            producer.partner.users.add(user)
    pos = _ensure_user(username="diemban", email="diemban@ocop.local", password=password,
                       report=report, role="Điểm bán du lịch")
    pos.groups.add(_ensure_group(POS_GROUP, []))
    editor = _ensure_user(username="bientap", email="bientap@ocop.local", password=password,
                          report=report, role="Biên tập viên (Wagtail)")
    editors = Group.objects.filter(name=EDITORS_GROUP).first()
    if editors:
        editor.groups.add(editors)


def _seed_home_page(report: SeedReport) -> None:
    if HomePage.objects.exists():
        return
    root = Page.objects.get(depth=1)
    home = root.add_child(instance=HomePage(
        title="OCOP Việt Nam", slug="trang-chu",
        hero_title="Đặc sản mỗi xã, chứng nhận mỗi sản phẩm",
        hero_text=("Sản phẩm OCOP từ 3 đến 5 sao của hợp tác xã, doanh nghiệp nhỏ và hộ sản xuất "
                   "khắp 34 tỉnh, thành. Chỉ bán sản phẩm có chứng nhận còn hiệu lực."),
        body=[("paragraph", "<p>Chương trình OCOP đang làm thay đổi rất lớn tư duy về sản xuất, về "
                            "kinh doanh, giúp các chủ thể nhận thức rõ hơn về thị trường, mẫu mã bao "
                            "bì, sở hữu trí tuệ và xúc tiến thương mại.</p>")],
    ))
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                            site_name="OCOP Việt Nam")
    else:
        site.root_page = home
        site.site_name = "OCOP Việt Nam"
        site.save()
    if old_root is not None and old_root.depth == 2 and not old_root.specific_class == HomePage:
        old_root.delete()
    report.count("pages")


WAGTAIL_FIRST_SITE = ("localhost", 80)  # what Wagtail's own migration creates


def seed_site_address() -> None:
    """The default site at ``SITE_URL``'s host and port. Wagtail's first site is localhost:80,
    and Wagtail's e-mails (a page approved, …) link to pages through it: they said
    http://localhost/…. A site someone has already given an address keeps it."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname, port = WAGTAIL_FIRST_SITE
    for site in Site.objects.filter(is_default_site=True, hostname=hostname, port=port):
        site.hostname = address.hostname
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.save()  # signals: Wagtail's and the shell's caches of sites
    DjangoSite.objects.update_or_create(pk=1, defaults={"domain": address.netloc, "name": "OCOP Việt Nam"})


# ---------------------------------------------------------------------------- points of sale

POINTS_OF_SALE = [
    # slug, name, kind, province, certificate prefix of the products on its shelves, address, hours
    ("ocop-mui-ne", "Cửa hàng OCOP Mũi Né", "tourist_site", "lam-dong", ("BTH-",),
     "Đường Nguyễn Đình Chiểu, Mũi Né", "7:00–21:00 hằng ngày"),
    ("kiosk-ga-buon-ma-thuot", "Ki-ốt OCOP Ga hàng không Buôn Ma Thuột", "station", "dak-lak", ("DLK-",),
     "Sân bay Buôn Ma Thuột", "6:00–22:00 hằng ngày"),
    ("lang-nghe-cai-mon", "Điểm bán OCOP làng nghề Cái Mơn", "craft_village", "vinh-long", ("BTR-",),
     "Xã Cái Mơn", "8:00–17:00, thứ Hai đến thứ Bảy"),
]
DEMO_POS_ACCOUNT = "diemban"


def _seed_points_of_sale(report: SeedReport) -> None:
    """Three points of sale with stock of their province's certified products (their own
    partner's stock records, not online stock); the demo counter account works at the first."""
    today = today_in_vietnam()
    for slug, name, kind, province_slug, prefixes, address, hours in POINTS_OF_SALE:
        pos = PointOfSale.objects.filter(slug=slug).first()
        if pos is None:
            pos = PointOfSale.objects.create(
                slug=slug, name=name, kind=kind, province=Province.objects.get(slug=province_slug),
                partner=Partner.objects.create(name=name), address=address, opening_hours=hours,
                phone="0900 000 000")
            report.count("points of sale")
        certified = (Certificate.objects.valid_on(today).filter(number__startswith=prefixes[0])
                     .select_related("product").order_by("number")[:8])
        for n, certificate in enumerate(certified):
            product = certificate.product
            online = product.stockrecords.filter(partner_id=product.producer.partner_id).first()
            if online is None or StockRecord.objects.filter(partner=pos.partner, product=product).exists():
                continue
            StockRecord.objects.create(
                partner=pos.partner, product=product, partner_sku=f"{slug[:6].upper()}-{n + 1:03d}",
                price_currency="VND", price=online.price, num_in_stock=10 + 5 * n)
            report.count("point-of-sale stock records")
    first = PointOfSale.objects.get(slug=POINTS_OF_SALE[0][0])
    user = get_user_model().objects.filter(username=DEMO_POS_ACCOUNT).first()
    if user is not None and not PosStaff.objects.filter(user=user).exists():
        PosStaff.objects.create(user=user, point_of_sale=first)


@transaction.atomic
def seed_demo(*, password: str) -> SeedReport:
    report = SeedReport()
    today = today_in_vietnam()
    categories = ensure_reference_data()
    classes = {c.slug: c for c in ProductClass.objects.all()}
    office = _seed_office(password, report)
    for plan in PLANS:
        _seed_plan(plan, today=today, categories=categories, classes=classes,
                   office_user=office, report=report)
    _seed_every_province(today=today, categories=categories, classes=classes,
                         office_user=office, report=report)
    _seed_rule_examples(today=today, categories=categories, classes=classes,
                        office_user=office, report=report)
    _seed_role_accounts(password, report)
    _seed_points_of_sale(report)
    _seed_home_page(report)
    seed_site_address()
    _translate_demo_products()
    seed_cms(report)  # province pages, stories, combos
    seed_english_pages(report)  # /en/ pages
    _seed_provincial_site(report)
    return report


PROVINCIAL_SITE = ("lamdong.localhost", 8000, "lamdong", "lam-dong")  # host, port, theme, province
PROVINCIAL_GREETING = {
    "hero_title": "Đặc sản OCOP Lâm Đồng",
    "hero_text": ("Trà atiso và lan hồ điệp Đà Lạt, nước mắm Phan Thiết và vang thanh long Bình "
                  "Thuận cũ: từ năm 2025 cùng một tỉnh Lâm Đồng. Sản phẩm nào bày bán ở đây cũng "
                  "có giấy chứng nhận OCOP còn hiệu lực."),
    "hero_title_en": "OCOP specialities of Lâm Đồng",
    "hero_text_en": ("Đà Lạt artichoke tea and orchids, Phan Thiết fish sauce and dragon fruit wine "
                     "from former Bình Thuận: one province, Lâm Đồng, since 2025. Every product "
                     "sold here holds a valid OCOP certificate."),
}


def _seed_provincial_site(report: SeedReport) -> None:
    """A second Wagtail site on the same pages: Lâm Đồng's own shop, in its theme."""
    hostname, port, theme, province_slug = PROVINCIAL_SITE
    default = Site.objects.filter(is_default_site=True).first()
    if default is None:
        return
    site, created = Site.objects.get_or_create(
        hostname=hostname, port=port,
        defaults={"root_page": default.root_page, "site_name": "OCOP Lâm Đồng"},
    )
    setting = StorefrontSettings.for_site(site)
    wanted = {"theme": theme, "province": Province.objects.get(slug=province_slug)}
    # The greeting is the editors' once it exists: only an empty one is filled in.
    wanted.update({name: value for name, value in PROVINCIAL_GREETING.items() if not getattr(setting, name)})
    if created or any(getattr(setting, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(setting, name, value)
        setting.save()
    if created:
        report.count("sites")
    report.sites = [f"http://{hostname}:{port}/"]


def _translate_demo_products() -> None:
    """English title and description for the demo products that have none yet."""
    products = list(Product.objects.filter(upc__startswith="OCOP-", title_en=""))
    for product in products:
        product.title_en, product.description_en = english_for(product.title) or ("", "")
    Product.objects.bulk_update(products, ["title_en", "description_en"], batch_size=500)
    # bulk_update sends no signal: the English titles go into the search text this way.
    catalogue_changed([p.pk for p in products if p.title_en])


# ---------------------------------------------------------------------------- generate_catalog

GENERATED_PREFIX = "GEN"
BATCH = 2000


def _all_specialities() -> list[Speciality]:
    return [s for plan in PLANS for s in plan.specialities]


def generate_catalog(*, products: int, seed: int, progress=None) -> int:
    """Add generated products until ``products`` exist for this seed; returns how many were made.

    Bulk inserts: producers (one per ~8 products, all 34 provinces, half of them in a merged
    former province where one exists), products with one category, stock record, image and
    certificate each: 94% valid, 3% expired, 2% revoked, 1% pending.
    """
    rng = random.Random(seed)
    prefix = f"{GENERATED_PREFIX}{seed}-"
    existing = Product.objects.filter(upc__startswith=prefix).count()
    to_make = max(products - existing, 0)
    if not to_make:
        return 0
    categories = ensure_reference_data()
    classes = {c.slug: c for c in ProductClass.objects.all()}
    today = today_in_vietnam()
    provinces = list(Province.objects.filter(merged_into__isnull=True).prefetch_related("former_provinces"))
    specialities = _all_specialities()
    images = _generated_images(categories)

    start = existing
    producer_count = max(to_make // 8, 1)
    with transaction.atomic():
        partners = Partner.objects.bulk_create(
            Partner(name=f"Chủ thể {prefix}{start + i}", code=f"{prefix}{start + i}".lower())
            for i in range(producer_count)
        )
        producer_rows = []
        for i, partner in enumerate(partners):
            province = rng.choice(provinces)
            formers = list(province.former_provinces.all())
            former = rng.choice(formers) if formers and rng.random() < 0.5 else None
            kind = rng.choice(list(KIND_PREFIX))
            brand = f"{rng.choice(BRANDS)} {start + i}"
            producer_rows.append(Producer(
                slug=f"{prefix}{start + i}".lower(), name=f"{KIND_PREFIX[kind]} {brand}", kind=kind,
                partner=partner, province=province, former_province=former,
                story=rng.choice(STORIES).format(name=brand),
            ))
        producers = Producer.objects.bulk_create(producer_rows)
        brands = {p.pk: p.name.split(" ", 2)[-1] for p in producers}

    made = 0
    while made < to_make:
        size = min(BATCH, to_make - made)
        with transaction.atomic():
            rows, meta = [], []
            for k in range(size):
                n = start + made + k
                producer = producers[(made + k) % len(producers)]
                speciality = rng.choice(specialities)
                title = speciality.title.format(brand=brands[producer.pk])
                tourism = speciality.category in TOURISM_CATEGORIES
                rows.append(Product(
                    upc=f"{prefix}{n:07d}", title=title, slug=vn_slugify(title)[:128],
                    producer=producer, structure=Product.STANDALONE, is_public=True,
                    product_class=classes[TOURISM_CLASS if tourism else PHYSICAL_CLASS],
                    description=speciality.description,
                ))
                meta.append((speciality, producer))
            created = Product.objects.bulk_create(rows)
            ProductCategory.objects.bulk_create(
                ProductCategory(product=p, category=categories[s.category]) for p, (s, _) in zip(created, meta)
            )
            StockRecord.objects.bulk_create(
                StockRecord(product=p, partner_id=prod.partner_id, partner_sku=p.upc,
                            price_currency="VND", price=_round_price(*s.price, rng),
                            num_in_stock=rng.randint(0, 300) if rng.random() < 0.97 else 0)
                for p, (s, prod) in zip(created, meta)
            )
            ProductImage.objects.bulk_create(
                ProductImage(product=p, original=images[s.category], display_order=0)
                for p, (s, _) in zip(created, meta)
            )
            Certificate.objects.bulk_create(
                _generated_certificate(p, prod.province, rng, today) for p, (_, prod) in zip(created, meta)
            )
        made += size
        if progress:
            progress(size)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, so plans fit the new size
            cursor.execute("ANALYZE")
    return made


def _generated_certificate(product, province, rng: random.Random, today) -> Certificate:
    roll = rng.random()
    stars = rng.choices((3, 4, 5), weights=(62, 33, 5))[0]
    status, reason = Certificate.Status.VERIFIED, ""
    issued_on = today - datetime.timedelta(days=rng.randint(10, 1000))
    if roll < 0.03:
        issued_on = today - datetime.timedelta(days=rng.randint(1100, 1800))
    elif roll < 0.05:
        status, reason = Certificate.Status.REVOKED, "Không duy trì điều kiện sản xuất như hồ sơ."
    elif roll < 0.06:
        status = Certificate.Status.PENDING
    level = Certificate.Level.CENTRAL if stars == 5 else Certificate.Level.PROVINCE
    cert = _certificate(
        product=product, number=f"{product.upc}-C", stars=stars, issued_on=issued_on, level=level,
        body="Bộ Nông nghiệp và Môi trường" if stars == 5 else f"UBND {province.name}",
        place="Hà Nội" if stars == 5 else province.short_name, rng=rng, status=status,
        revoked_reason=reason,
    )
    cert.expires_on = add_months(issued_on, CERTIFICATE_VALIDITY_MONTHS)  # bulk_create skips save()
    return cert


def _generated_images(categories) -> dict[str, str]:
    """One stored picture per subcategory, shared by generated products (names, not copies)."""
    names = {}
    for slug, category in categories.items():
        if category.depth == 1:
            continue
        name = f"images/products/generated/{slug}.jpg"
        if not default_storage.exists(name):
            group = category.get_ancestors_and_self()[0].slug
            default_storage.save(name, ContentFile(product_picture(category.name, group, 4)))
        names[slug] = name
    return names
