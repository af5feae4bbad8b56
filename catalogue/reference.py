"""Reference data every installation has: the six OCOP product groups (Decision
148/QĐ-TTg, 2023) as Oscar categories, and the two product classes."""

from dataclasses import dataclass

from django.db import transaction
from oscar.core.loading import get_model

from catalogue.freshness import catalogue_changed
from catalogue.selectors import products_in_categories
from core.text import vn_slugify

Category = get_model("catalogue", "Category")
ProductClass = get_model("catalogue", "ProductClass")

PHYSICAL_CLASS = "san-pham-ocop"
TOURISM_CLASS = "dich-vu-du-lich"


@dataclass(frozen=True)
class Group:
    name: str
    subcategories: tuple[str, ...]
    product_class: str = PHYSICAL_CLASS


OCOP_GROUPS: tuple[Group, ...] = (
    Group("Thực phẩm", ("Nước mắm và gia vị", "Bánh kẹo và mứt", "Trái cây tươi và sấy",
                        "Thủy hải sản chế biến", "Gạo và nông sản", "Mật ong")),
    Group("Đồ uống", ("Cà phê và ca cao", "Trà", "Rượu và vang", "Nước ép và nước giải khát")),
    Group("Thảo dược", ("Dược liệu khô", "Tinh dầu", "Sản phẩm từ thảo dược")),
    Group("Thủ công mỹ nghệ", ("Gốm sứ", "Sơn mài", "Mây tre đan", "Dệt và thổ cẩm")),
    Group("Sinh vật cảnh", ("Hoa lan", "Cây cảnh", "Động vật cảnh")),
    Group("Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
          ("Homestay", "Tour trải nghiệm", "Điểm du lịch"), TOURISM_CLASS),
)


# The groups' and subcategories' English names, shown under /en/ and searched in both languages.
ENGLISH_NAMES = {
    "Thực phẩm": "Food",
    "Nước mắm và gia vị": "Fish sauce and spices",
    "Bánh kẹo và mứt": "Cakes, sweets and candied fruit",
    "Trái cây tươi và sấy": "Fresh and dried fruit",
    "Thủy hải sản chế biến": "Processed fish and seafood",
    "Gạo và nông sản": "Rice and farm produce",
    "Mật ong": "Honey",
    "Đồ uống": "Drinks",
    "Cà phê và ca cao": "Coffee and cocoa",
    "Trà": "Tea",
    "Rượu và vang": "Spirits and wine",
    "Nước ép và nước giải khát": "Juices and soft drinks",
    "Thảo dược": "Herbal products",
    "Dược liệu khô": "Dried medicinal herbs",
    "Tinh dầu": "Essential oils",
    "Sản phẩm từ thảo dược": "Herbal remedies and cosmetics",
    "Thủ công mỹ nghệ": "Handicrafts",
    "Gốm sứ": "Ceramics",
    "Sơn mài": "Lacquerware",
    "Mây tre đan": "Rattan and bamboo ware",
    "Dệt và thổ cẩm": "Textiles and brocade",
    "Sinh vật cảnh": "Ornamental plants and animals",
    "Hoa lan": "Orchids",
    "Cây cảnh": "Bonsai and ornamental trees",
    "Động vật cảnh": "Ornamental animals",
    "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch":
        "Community tourism, ecotourism and tourist sites",
    "Homestay": "Homestays",
    "Tour trải nghiệm": "Experience tours",
    "Điểm du lịch": "Tourist sites",
}


@transaction.atomic
def ensure_reference_data() -> dict[str, Category]:
    """Create what is missing; change nothing that exists but a blank English name.
    Returns categories by slug."""
    ProductClass.objects.get_or_create(
        slug=PHYSICAL_CLASS,
        defaults={"name": "Sản phẩm OCOP", "requires_shipping": True, "track_stock": True},
    )
    ProductClass.objects.get_or_create(
        slug=TOURISM_CLASS,
        # Vouchers need no shipping; their stock is the capacity the producer offers.
        defaults={"name": "Dịch vụ du lịch (voucher)", "requires_shipping": False, "track_stock": True},
    )
    categories = {c.slug: c for c in Category.objects.all()}
    for group in OCOP_GROUPS:
        slug = vn_slugify(group.name)
        root = categories.get(slug)
        if root is None:
            root = categories[slug] = Category.add_root(
                name=group.name, name_en=ENGLISH_NAMES.get(group.name, ""), slug=slug)
        for name in group.subcategories:
            child_slug = vn_slugify(name)
            if child_slug not in categories:
                root.refresh_from_db()
                categories[child_slug] = root.add_child(
                    name=name, name_en=ENGLISH_NAMES.get(name, ""), slug=child_slug)
    _fill_english_names(categories.values())
    return categories


def _fill_english_names(categories) -> None:
    """Databases seeded before categories had English names get them; a name an editor
    gave is kept. Their products' search documents are rewritten with the new words."""
    filled = []
    for category in categories:
        if not category.name_en and category.name in ENGLISH_NAMES:
            category.name_en = ENGLISH_NAMES[category.name]
            filled.append(category)
    if filled:
        Category.objects.bulk_update(filled, ["name_en"])
        catalogue_changed(products_in_categories(filled))


def group_for(category) -> Group:
    root_slug = category.get_ancestors_and_self()[0].slug
    return next(g for g in OCOP_GROUPS if vn_slugify(g.name) == root_slug)
