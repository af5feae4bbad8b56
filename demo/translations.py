"""English for the demo products: Vietnamese title pattern → English title and description.

A pattern is a speciality's title in ``demo.data`` ("{brand}" is the producer's brand),
or a whole title. seed_demo fills ``title_en``/``description_en`` of the products it made;
a product whose title matches no pattern stays Vietnamese only, as a real one might.
"""

import re

ENGLISH = {
    # Bình Thuận (now Lâm Đồng)
    "Nước mắm cá cơm {brand} 40 độ đạm": (
        "{brand} anchovy fish sauce, 40° protein",
        "Traditional Phan Thiết fish sauce, anchovies and sea salt aged 12 months in wooden "
        "vats, no preservatives."),
    "Nước mắm nhĩ {brand} Phan Thiết": (
        "{brand} Phan Thiết first-press fish sauce",
        "The first drops drawn from the vat: amber colour, sweet finish."),
    "Mực một nắng {brand}": (
        "{brand} one-sun dried squid",
        "Squid line-caught at night off Phú Quý, dried for exactly one day of sun, vacuum-packed."),
    "Cá chỉ vàng khô {brand}": (
        "{brand} dried yellowstripe scad",
        "Lightly seasoned scad dried in the La Gi sea sun, to grill or fry crisp."),
    "Thanh long ruột đỏ {brand}": (
        "{brand} red dragon fruit",
        "Hàm Thuận Bắc dragon fruit grown to VietGAP, 3 kg box of even fruit."),
    "Thanh long sấy dẻo {brand}": (
        "{brand} soft-dried dragon fruit",
        "Red dragon fruit cold-dried, natural colour, no artificial sweetener."),
    "Rượu vang thanh long {brand}": (
        "{brand} dragon fruit wine",
        "Wine fermented from red dragon fruit, 12% alcohol, a fine gift."),
    "Hạt điều rang muối {brand}": (
        "{brand} salted roasted cashews",
        "Bắc Bình cashews roasted over wood, skins on, 500 g jar."),
    "Tỏi Phú Quý {brand}": (
        "{brand} Phú Quý garlic",
        "Single-clove garlic grown in the volcanic sand of Phú Quý island, pungent and fragrant."),
    "Bánh rế Phan Thiết {brand}": (
        "{brand} Phan Thiết sweet potato lace cakes",
        "Crisp fried sweet potato cakes drizzled with caramel, a country treat."),
    "Mật ong hoa điều {brand}": (
        "{brand} cashew blossom honey",
        "Honey from hives under the Tánh Linh cashew forest, 500 ml bottle."),
    "Trà thảo mộc thanh long {brand}": (
        "{brand} dragon fruit herbal tea",
        "Tea bags of dried dragon fruit flowers and peel, light and refreshing."),
    "Trải nghiệm làng chài Mũi Né cùng {brand}": (
        "Mũi Né fishing village experience with {brand}",
        "Half a day in a basket boat: haul the nets and cook a seafood lunch with Mũi Né "
        "fishermen. Voucher valid for 6 months."),
    # Thành phố Bến Tre (now Vĩnh Long)
    "Kẹo dừa {brand} sầu riêng": (
        "{brand} durian coconut candy",
        "Mỏ Cày coconut candy cooked from coconut cream and malt, wrapped in rice paper."),
    "Kẹo dừa lá dứa {brand}": (
        "{brand} pandan coconut candy",
        "Chewy coconut candy scented with pandan, hand-cooked in a cast-iron pan."),
    "Bánh tráng dừa Mỹ Lồng {brand}": (
        "{brand} Mỹ Lồng coconut rice crackers",
        "Crisp grilled rice crackers with grated coconut and black sesame, Mỹ Lồng craft village."),
    "Bánh phồng Sơn Đốc {brand}": (
        "{brand} Sơn Đốc puffed rice cakes",
        "Hand-pounded sticky rice cakes that puff up on charcoal or in the pan."),
    "Dầu dừa tinh khiết {brand}": (
        "{brand} pure coconut oil",
        "Cold-pressed from fresh coconut meat, for cooking and skin care."),
    "Mật hoa dừa {brand}": (
        "{brand} coconut blossom syrup",
        "Syrup reduced from coconut flower sap, low glycaemic index."),
    "Thạch dừa {brand}": (
        "{brand} coconut jelly",
        "Crunchy jelly from naturally fermented mature coconut water."),
    "Bưởi da xanh {brand}": (
        "{brand} green-skin pomelo",
        "Pink-fleshed green-skin pomelo, juicy but firm, box of 2."),
    "Đồ mỹ nghệ gáo dừa {brand}": (
        "{brand} coconut shell crafts",
        "Bowls, spoons and lamps of polished coconut shell, each grain unique."),
    "Cây cảnh Cái Mơn {brand}": (
        "{brand} Cái Mơn bonsai",
        "Bonsai-style ornamental plant from the Cái Mơn flower village, Chợ Lách."),
    # Đắk Lắk
    "Cà phê rang xay Buôn Ma Thuột {brand}": (
        "{brand} Buôn Ma Thuột ground coffee",
        "Ripe-picked Buôn Ma Thuột robusta, plain roasted, medium ground for the phin filter."),
    "Cà phê hạt Robusta {brand}": (
        "{brand} Robusta coffee beans",
        "Wet-processed beans, medium roast, 500 g bag with one-way valve."),
    "Mật ong hoa cà phê {brand}": (
        "{brand} coffee blossom honey",
        "Honey from the March coffee bloom, lightly sweet with a gentle bitterness."),
    "Bột ca cao nguyên chất {brand}": (
        "{brand} pure cocoa powder",
        "Fermented cocoa from Krông Ana gardens, finely ground, unsweetened."),
    "Hạt tiêu đen {brand}": (
        "{brand} black pepper",
        "Sun-dried Cư M’gar black pepper, hot and aromatic, 200 g jar."),
    "Thổ cẩm Ê Đê {brand}": (
        "{brand} Ê Đê brocade",
        "Scarves and bags hand-woven on the village's traditional looms."),
    # Bình Dương (now Hồ Chí Minh City)
    "Tranh sơn mài Tương Bình Hiệp {brand}": (
        "{brand} Tương Bình Hiệp lacquer painting",
        "Hand-painted lacquer inlaid with eggshell and mother-of-pearl, Tương Bình Hiệp craft village."),
    "Hộp sơn mài {brand}": (
        "{brand} lacquer box",
        "Jewellery box of many lacquer coats, polished by hand."),
    "Gốm Lái Thiêu {brand}": (
        "{brand} Lái Thiêu pottery",
        "Blue-glazed pottery hand-painted with roosters and apricot blossoms, Lái Thiêu kilns."),
    "Măng cụt Lái Thiêu {brand}": (
        "{brand} Lái Thiêu mangosteens",
        "Mangosteens from Lái Thiêu's old orchards, sweet white segments, 2 kg box."),
    "Bưởi ổi Bạch Đằng {brand}": (
        "{brand} Bạch Đằng pomelo",
        "Pomelo from Bạch Đằng islet, crisp segments, sweet and sour."),
    "Nem Lái Thiêu {brand}": (
        "{brand} Lái Thiêu fermented pork",
        "Fresh pork naturally fermented in banana leaves."),
    "Trà mãng cầu {brand}": (
        "{brand} soursop tea",
        "Tea bags of cold-dried soursop leaves and fruit."),
    "Nấm bào ngư {brand}": (
        "{brand} oyster mushrooms",
        "Grey oyster mushrooms grown on rubber-wood sawdust, picked the same day."),
    "Tinh dầu sả chanh {brand}": (
        "{brand} lemongrass essential oil",
        "Steam-distilled lemongrass oil, 50 ml bottle."),
    "Rượu nếp Bàu Bàng {brand}": (
        "{brand} Bàu Bàng sticky rice wine",
        "Yellow-flower sticky rice wine distilled by hand and aged underground for 6 months."),
    "Lan hồ điệp {brand}": (
        "{brand} moth orchid",
        "Pot of moth orchids with 3 stems, from a Thủ Dầu Một orchid garden."),
    "Cá Koi {brand}": (
        "{brand} Koi carp",
        "Purebred Koi raised in bio-filtered ponds, with care instructions."),
    "Tham quan làng sơn mài cùng {brand}": (
        "Lacquer village visit with {brand}",
        "Visit a lacquer workshop, then sand and paint a small lacquer piece to take home."),
}


def _pattern(vietnamese: str) -> re.Pattern:
    return re.compile(re.escape(vietnamese).replace(r"\{brand\}", "(?P<brand>.+)") + "$")


PATTERNS = [(_pattern(vi), en) for vi, en in ENGLISH.items()]


def english_for(title: str) -> tuple[str, str] | None:
    """(English title, English description) for a demo product's Vietnamese title."""
    for pattern, (title_en, description_en) in PATTERNS:
        match = pattern.match(title)
        if match:
            brand = match.groupdict().get("brand", "")
            return title_en.format(brand=brand), description_en
    return None
