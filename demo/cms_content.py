"""Vietnamese demo content for the editorial pages, written from the provinces' published
OCOP plans and press articles (the team's seed folder, not part of this repository). Figures
are those the sources give."""

from dataclasses import dataclass

# Intros for the provinces that the demo catalogue stocks; the others get a short line.
PROVINCE_INTROS = {
    "lam-dong": (
        "Từ năm 2025 Lâm Đồng gồm cả Bình Thuận và Đắk Nông. Riêng vùng Bình Thuận cũ đã có 70 sản "
        "phẩm OCOP sau hai năm đầu (56 sản phẩm năm 2020, 14 sản phẩm năm 2021), với nước mắm Phan "
        "Thiết, thanh long, mực một nắng và hạt điều là những cái tên quen thuộc ở các hội chợ từ An "
        "Giang, Phú Quốc đến Hà Nội."
    ),
    "vinh-long": (
        "Vĩnh Long mới gồm cả Bến Tre và Trà Vinh. Riêng thành phố Bến Tre cũ có 28 sản phẩm OCOP: "
        "22 sản phẩm 4 sao, trong đó 11 sản phẩm tiềm năng 5 sao, và 6 sản phẩm 3 sao, phần lớn là "
        "sản phẩm chế biến từ dừa của các phường nội ô."
    ),
    "dak-lak": (
        "Đắk Lắk triển khai OCOP từ Quyết định 1040 năm 2019; cả 15/15 huyện, thị xã, thành phố lập "
        "kế hoạch và hội đồng đánh giá, phân hạng. Cà phê Buôn Ma Thuột, mật ong hoa cà phê và thổ "
        "cẩm Ê Đê được đưa đi giới thiệu ở các hội nghị kết nối giao thương."
    ),
    "ho-chi-minh": (
        "Thành phố Hồ Chí Minh từ năm 2025 gồm cả Bình Dương và Bà Rịa - Vũng Tàu. Vùng Bình Dương "
        "cũ mang đến tranh sơn mài Tương Bình Hiệp, gốm Lái Thiêu và trái cây vườn Lái Thiêu."
    ),
}

GENERIC_INTRO = ("Sản phẩm OCOP từ 3 đến 5 sao của các chủ thể {name}, chỉ bày bán khi chứng nhận "
                 "còn hiệu lực.")
GENERIC_INTRO_MERGED = GENERIC_INTRO + " Từ năm 2025 tỉnh/thành gồm cả {formers}."


@dataclass(frozen=True)
class StorySpec:
    slug: str
    plan: str  # product code prefix of the demo plan (BTH, BTR, DLK, BDG)
    keyword: str  # a word of the product's title
    title: str
    intro: str
    paragraphs: tuple[str, ...]
    quote: str
    tags: tuple[str, ...]


STORIES = (
    StorySpec(
        "giot-mam-nhi-phan-thiet", "BTH", "Nước mắm nhĩ",
        "Giọt mắm nhĩ Phan Thiết", "Cá cơm tươi trong ngày, muối hạt to và mười hai tháng ủ chượp.",
        ("Nước mắm là sản phẩm gắn với tên tuổi Phan Thiết từ nhiều đời. Chương trình OCOP giúp các "
         "cơ sở làm mắm nhìn lại mẫu mã bao bì, sở hữu trí tuệ và cách kể chuyện sản phẩm.",
         "Sau khi đạt chứng nhận, sản phẩm theo đoàn xúc tiến thương mại của tỉnh đến các hội chợ ở "
         "An Giang, Phú Quốc, Thành phố Hồ Chí Minh, Cần Thơ và Hà Nội, nơi người tiêu dùng ủng hộ "
         "nhiệt tình, nhất là ở Tây Nguyên và các tỉnh phía Bắc."),
        "Mắm ngon là nhờ cá tươi và đủ ngày ủ, không có đường tắt nào cả.",
        ("nước mắm", "Phan Thiết")),
    StorySpec(
        "thanh-long-ruot-do-ham-thuan", "BTH", "Thanh long ruột đỏ",
        "Thanh long ruột đỏ từ vườn đến hộp quà", "Trái cây chủ lực của Bình Thuận cũ bước vào chuỗi OCOP.",
        ("Kế hoạch 3799/KH-UBND năm 2022 đặt mục tiêu phát triển hợp tác xã, doanh nghiệp nhỏ để "
         "sản xuất sản phẩm có lợi thế, có khả năng cạnh tranh trong và ngoài nước.",
         "Thanh long là ví dụ rõ nhất: từ trái tươi đến thanh long sấy dẻo, rượu vang và trà thảo "
         "mộc, giá trị gia tăng được giữ lại ở vùng trồng."),
        "Trước bán xô cho thương lái, nay khách nhận ra thương hiệu của hợp tác xã.",
        ("thanh long", "trái cây")),
    StorySpec(
        "muc-mot-nang-lang-chai", "BTH", "Mực một nắng",
        "Mực một nắng của làng chài", "Một nắng vừa đủ để giữ vị ngọt của mực câu.",
        ("Các sản phẩm OCOP của tỉnh phần lớn còn là sơ chế hoặc chế biến đơn giản; mực một nắng là "
         "sản phẩm mà cách làm cẩn thận tạo nên khác biệt.",
         "Cơ sở đầu tư kho lạnh và đóng gói hút chân không để đưa sản phẩm vào siêu thị và cửa hàng "
         "nông sản an toàn."),
        "Mực phải phơi đúng một nắng, nắng hai là mất ngọt.",
        ("hải sản", "làng chài")),
    StorySpec(
        "keo-dua-ben-tre", "BTR", "Kẹo dừa",
        "Kẹo dừa Bến Tre giữ nghề giữa phố", "Nghề kẹo dừa nội ô thành phố Bến Tre và hành trình 4 sao.",
        ("Qua hơn ba năm thực hiện OCOP, thành phố Bến Tre có 28 sản phẩm được công nhận, tập trung ở "
         "lĩnh vực sản xuất, chế biến và ở các phường nội ô.",
         "Thành phố chú trọng xây dựng sản phẩm OCOP gắn quảng bá, kết nối tiêu thụ: tuyên truyền qua "
         "nhóm Zalo, Facebook của Mặt trận và các đoàn thể, hướng dẫn doanh nghiệp tự đánh giá theo "
         "bộ biểu mẫu."),
        "Mỗi mẻ kẹo vẫn khuấy tay để nước cốt dừa không bị cháy.",
        ("kẹo dừa", "Bến Tre")),
    StorySpec(
        "dau-dua-tinh-khiet", "BTR", "Dầu dừa",
        "Dầu dừa tinh khiết từ cơm dừa tươi", "Từ trái dừa xứ dừa đến chai dầu đạt chuẩn OCOP.",
        ("Năm 2022 thành phố Bến Tre đặt mục tiêu ít nhất 5 sản phẩm OCOP từ 3 sao, phấn đấu có một "
         "sản phẩm tiềm năng 5 sao trình Trung ương đánh giá.",
         "Dầu dừa ép lạnh là một trong những sản phẩm được cán bộ hướng dẫn hoàn thiện hồ sơ, từ "
         "phiếu kiểm nghiệm đến câu chuyện sản phẩm."),
        "Dầu ngon phải thơm mùi dừa tươi, không có mùi khét.",
        ("dừa", "Bến Tre")),
    StorySpec(
        "ca-phe-buon-ma-thuot", "DLK", "Cà phê rang xay",
        "Cà phê rang xay Buôn Ma Thuột", "Từ hạt Robusta chín đỏ đến gói cà phê 4 sao.",
        ("Sau hai năm triển khai, OCOP ở Đắk Lắk nhận được sự hưởng ứng tích cực từ hợp tác xã, doanh "
         "nghiệp nhỏ và đặc biệt là người tiêu dùng.",
         "Các cơ sở cà phê đi giới thiệu sản phẩm ở hội nghị kết nối giao thương giữa Đắk Lắk và Sóc "
         "Trăng, và ở các hội chợ trong và ngoài tỉnh."),
        "Chỉ hái quả chín, rang mộc, để khách uống ra vị đất đỏ bazan.",
        ("cà phê", "Tây Nguyên")),
    StorySpec(
        "mat-ong-hoa-ca-phe", "DLK", "Mật ong hoa cà phê",
        "Mật ong mùa hoa cà phê", "Mùa hoa trắng nở cũng là mùa ong về.",
        ("Văn phòng Điều phối nông thôn mới tỉnh phát hành mười nghìn cuốn sổ tay tuyên truyền OCOP và "
         "đặt bài giới thiệu các sản phẩm tiềm năng hằng tháng trên báo, tạp chí.",
         "Mật ong hoa cà phê là một trong những sản phẩm được giới thiệu nhiều nhất nhờ câu chuyện vùng "
         "nguyên liệu rõ ràng."),
        "Ong lấy mật trên vườn cà phê không phun thuốc, nên mật giữ được mùi hoa.",
        ("mật ong", "cà phê")),
    StorySpec(
        "son-mai-tuong-binh-hiep", "BDG", "sơn mài",
        "Sơn mài Tương Bình Hiệp", "Làng nghề trăm năm bên sông Sài Gòn.",
        ("Tranh và đồ sơn mài Tương Bình Hiệp là sản phẩm thủ công mỹ nghệ tiêu biểu của vùng Bình "
         "Dương cũ, nay thuộc Thành phố Hồ Chí Minh.",
         "Chương trình OCOP giúp các chủ thể nhận thức rõ hơn về thị trường, mẫu mã và sở hữu trí tuệ, "
         "để sản phẩm làng nghề trở thành quà tặng doanh nghiệp và quà lưu niệm du lịch."),
        "Một bức tranh phải qua hàng chục lớp sơn, mài, phơi, mất cả tháng trời.",
        ("sơn mài", "làng nghề")),
    StorySpec(
        "trai-cay-lai-thieu", "BDG", "Măng cụt",
        "Mùa trái cây Lái Thiêu", "Măng cụt, bưởi ổi và những vườn cây trăm tuổi.",
        ("Vườn trái cây Lái Thiêu là điểm hẹn của du khách mỗi mùa hè, và là nguồn nguyên liệu cho "
         "các sản phẩm OCOP chế biến.",
         "Các nhà vườn liên kết thành tổ hợp tác để giữ chất lượng đồng đều và truy xuất nguồn gốc."),
        "Cây măng cụt nhà tôi ông nội trồng, giờ con cháu vẫn hái.",
        ("trái cây", "Lái Thiêu")),
)


@dataclass(frozen=True)
class ComboSpec:
    slug: str
    title: str
    occasion: str
    intro: str
    items: tuple[tuple[str, str, int], ...]  # (plan, title keyword, quantity)
    discount_percent: int | None = None
    price_ratio: float | None = None  # combo price as a share of the full price when seeded


COMBOS = (
    ComboSpec("qua-tet-phan-thiet", "Quà Tết vị biển Phan Thiết", "tet",
              "Nước mắm nhĩ, mực một nắng và thanh long sấy: cái Tết mặn mà của vùng biển.",
              (("BTH", "Nước mắm nhĩ", 2), ("BTH", "Mực một nắng", 1), ("BTH", "Thanh long sấy", 2)),
              discount_percent=10),
    ComboSpec("qua-tet-xu-dua", "Quà Tết xứ dừa", "tet",
              "Kẹo dừa, bánh phồng Sơn Đốc và mật hoa dừa cho mâm Tết miền Tây.",
              (("BTR", "Kẹo dừa", 3), ("BTR", "Bánh phồng", 2), ("BTR", "Mật hoa dừa", 1)),
              discount_percent=12),
    ComboSpec("qua-tang-doanh-nghiep-tay-nguyen", "Quà tặng doanh nghiệp Tây Nguyên", "corporate",
              "Cà phê rang xay, mật ong hoa cà phê và hạt tiêu đen trong một hộp quà.",
              (("DLK", "Cà phê rang xay", 2), ("DLK", "Mật ong hoa cà phê", 1), ("DLK", "Hạt tiêu", 1)),
              price_ratio=0.88),
    ComboSpec("luu-niem-lai-thieu", "Lưu niệm Lái Thiêu", "souvenir",
              "Hộp sơn mài và gốm Lái Thiêu: quà nhỏ mang theo từ làng nghề.",
              (("BDG", "Hộp sơn mài", 1), ("BDG", "Gốm Lái Thiêu", 1)),
              discount_percent=8),
    ComboSpec("luu-niem-ba-mien-ocop", "Hương vị ba miền OCOP", "souvenir",
              "Nước mắm Phan Thiết, kẹo dừa Bến Tre và cà phê Buôn Ma Thuột cho du khách.",
              (("BTH", "Nước mắm cá cơm", 1), ("BTR", "Kẹo dừa", 2), ("DLK", "Cà phê hạt", 1)),
              discount_percent=10),
)
