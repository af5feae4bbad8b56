"""Demo figures and specialities, from the provinces' published OCOP articles (the team's seed folder).

- Bình Thuận (now Lâm Đồng): 70 OCOP products, 2 at 5★, 8 at 4★, the rest 3★.
- Thành phố Bến Tre (now Vĩnh Long): 28 products, 22 at 4★, 6 at 3★.
- Đắk Lắk: 11 products, 1 at 4★, 10 at 3★ (after the first two years of the program).
- Bình Dương (now Hồ Chí Minh City): 153 products from 84 producers, 3★ and 4★.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Speciality:
    title: str  # "{brand}" is replaced by the producer's short brand
    category: str  # subcategory slug (catalogue.reference)
    price: tuple[int, int]  # whole đồng, low–high
    description: str


@dataclass(frozen=True)
class ProvincePlan:
    key: str  # stable prefix for slugs, UPCs and certificate numbers
    province: str  # current province slug
    former_province: str | None
    stars: dict[int, int]  # stars → number of products
    producers: int
    wards: tuple[str, ...]
    issuing_province: str  # as printed on certificates issued before July 2025
    specialities: tuple[Speciality, ...]


BINH_THUAN = ProvincePlan(
    key="BTH", province="lam-dong", former_province="binh-thuan",
    stars={5: 2, 4: 8, 3: 60}, producers=34,
    wards=("Phường Phan Thiết", "Phường Mũi Né", "Phường La Gi", "Phường Hàm Thắng",
           "Xã Hàm Thuận Bắc", "Xã Hàm Thuận Nam", "Xã Tuy Phong", "Xã Liên Hương",
           "Xã Bắc Bình", "Xã Tánh Linh", "Đặc khu Phú Quý"),
    issuing_province="Bình Thuận",
    specialities=(
        Speciality("Nước mắm cá cơm {brand} 40 độ đạm", "nuoc-mam-va-gia-vi", (65000, 180000),
                   "Nước mắm truyền thống Phan Thiết ủ chượp từ cá cơm than và muối hạt trong thùng gỗ 12 tháng, không chất bảo quản."),
        Speciality("Nước mắm nhĩ {brand} Phan Thiết", "nuoc-mam-va-gia-vi", (120000, 320000),
                   "Giọt nước mắm nhĩ đầu tiên rút từ thùng chượp, màu cánh gián, hậu ngọt."),
        Speciality("Mực một nắng {brand}", "thuy-hai-san-che-bien", (450000, 750000),
                   "Mực ống câu đêm ngoài khơi Phú Quý, phơi đúng một nắng, đóng gói hút chân không."),
        Speciality("Cá chỉ vàng khô {brand}", "thuy-hai-san-che-bien", (180000, 320000),
                   "Cá chỉ vàng tẩm nhẹ, phơi nắng biển La Gi, dùng nướng hoặc chiên giòn."),
        Speciality("Thanh long ruột đỏ {brand}", "trai-cay-tuoi-va-say", (45000, 90000),
                   "Thanh long Hàm Thuận Bắc trồng theo VietGAP, hộp 3 kg quả đều."),
        Speciality("Thanh long sấy dẻo {brand}", "trai-cay-tuoi-va-say", (55000, 95000),
                   "Thanh long ruột đỏ sấy lạnh, giữ màu tự nhiên, không đường hóa học."),
        Speciality("Rượu vang thanh long {brand}", "ruou-va-vang", (160000, 290000),
                   "Vang lên men từ thanh long ruột đỏ, độ cồn 12%, hợp làm quà biếu."),
        Speciality("Hạt điều rang muối {brand}", "gao-va-nong-san", (180000, 280000),
                   "Hạt điều Bắc Bình rang củi, còn vỏ lụa, hũ 500 g."),
        Speciality("Tỏi Phú Quý {brand}", "nuoc-mam-va-gia-vi", (90000, 160000),
                   "Tỏi cô đơn trồng trên đất cát núi lửa đảo Phú Quý, thơm cay đặc trưng."),
        Speciality("Bánh rế Phan Thiết {brand}", "banh-keo-va-mut", (35000, 60000),
                   "Bánh rế khoai lang chiên giòn, rưới đường thắng, đặc sản quà quê."),
        Speciality("Mật ong hoa điều {brand}", "mat-ong", (150000, 260000),
                   "Mật ong nuôi dưới tán rừng điều Tánh Linh, chai 500 ml."),
        Speciality("Trà thảo mộc thanh long {brand}", "san-pham-tu-thao-duoc", (70000, 120000),
                   "Trà túi lọc từ hoa và vỏ thanh long sấy, thanh mát."),
        Speciality("Trải nghiệm làng chài Mũi Né cùng {brand}", "tour-trai-nghiem", (350000, 650000),
                   "Nửa ngày ra thúng chai, kéo lưới và nấu bữa trưa hải sản với ngư dân Mũi Né. Voucher dùng trong 6 tháng."),
    ),
)

BEN_TRE = ProvincePlan(
    key="BTR", province="vinh-long", former_province="ben-tre",
    stars={4: 22, 3: 6}, producers=14,
    wards=("Phường Bến Tre", "Xã Châu Thành", "Xã Chợ Lách", "Xã Mỏ Cày", "Xã Giồng Trôm",
           "Xã Ba Tri", "Xã Bình Đại", "Xã Thạnh Phú"),
    issuing_province="Bến Tre",
    specialities=(
        Speciality("Kẹo dừa {brand} sầu riêng", "banh-keo-va-mut", (45000, 75000),
                   "Kẹo dừa Mỏ Cày nấu từ nước cốt dừa sáp và mạch nha, gói giấy gạo."),
        Speciality("Kẹo dừa lá dứa {brand}", "banh-keo-va-mut", (40000, 70000),
                   "Kẹo dừa dẻo thơm lá dứa, nấu thủ công trong chảo gang."),
        Speciality("Bánh tráng dừa Mỹ Lồng {brand}", "banh-keo-va-mut", (30000, 55000),
                   "Bánh tráng nướng giòn với dừa nạo, mè đen, làng nghề Mỹ Lồng."),
        Speciality("Bánh phồng Sơn Đốc {brand}", "banh-keo-va-mut", (35000, 60000),
                   "Bánh phồng nếp quết tay, nướng than hoặc chiên đều phồng."),
        Speciality("Dầu dừa tinh khiết {brand}", "tinh-dau", (90000, 180000),
                   "Dầu dừa ép lạnh từ cơm dừa tươi, dùng nấu ăn và dưỡng da."),
        Speciality("Mật hoa dừa {brand}", "nuoc-ep-va-nuoc-giai-khat", (110000, 190000),
                   "Mật cô đặc từ nhựa hoa dừa, chỉ số đường huyết thấp."),
        Speciality("Thạch dừa {brand}", "banh-keo-va-mut", (30000, 50000),
                   "Thạch dừa giòn từ nước dừa già lên men tự nhiên."),
        Speciality("Bưởi da xanh {brand}", "trai-cay-tuoi-va-say", (60000, 110000),
                   "Bưởi da xanh múi hồng, ráo nước, hộp 2 quả."),
        Speciality("Đồ mỹ nghệ gáo dừa {brand}", "may-tre-dan", (80000, 350000),
                   "Chén, muỗng, đèn làm từ gáo dừa đánh bóng, mỗi chiếc một vân."),
        Speciality("Cây cảnh Cái Mơn {brand}", "cay-canh", (250000, 1500000),
                   "Cây kiểng dáng bonsai từ làng hoa kiểng Cái Mơn, Chợ Lách."),
    ),
)

DAK_LAK = ProvincePlan(
    key="DLK", province="dak-lak", former_province=None,
    stars={4: 1, 3: 10}, producers=8,
    wards=("Phường Buôn Ma Thuột", "Phường Ea Kao", "Xã Buôn Đôn", "Xã Cư M’gar",
           "Xã Krông Búk", "Xã Krông Pắc", "Xã Ea Kar", "Xã Krông Ana"),
    issuing_province="Đắk Lắk",
    specialities=(
        Speciality("Cà phê rang xay Buôn Ma Thuột {brand}", "ca-phe-va-ca-cao", (120000, 260000),
                   "Robusta Buôn Ma Thuột hái chín, rang mộc, xay vừa pha phin."),
        Speciality("Cà phê hạt Robusta {brand}", "ca-phe-va-ca-cao", (150000, 300000),
                   "Hạt cà phê chế biến ướt, rang mức trung bình, túi van một chiều 500 g."),
        Speciality("Mật ong hoa cà phê {brand}", "mat-ong", (160000, 280000),
                   "Mật ong mùa hoa cà phê tháng Ba, vị ngọt thanh, hơi đắng nhẹ."),
        Speciality("Bột ca cao nguyên chất {brand}", "ca-phe-va-ca-cao", (130000, 220000),
                   "Ca cao lên men từ vườn Krông Ana, xay mịn, không đường."),
        Speciality("Hạt tiêu đen {brand}", "nuoc-mam-va-gia-vi", (90000, 160000),
                   "Tiêu đen Cư M’gar phơi nắng, cay nồng, hũ 200 g."),
        Speciality("Thổ cẩm Ê Đê {brand}", "det-va-tho-cam", (250000, 900000),
                   "Khăn và túi thổ cẩm dệt tay trên khung dệt truyền thống của buôn làng."),
    ),
)

BINH_DUONG = ProvincePlan(
    key="BDG", province="ho-chi-minh", former_province="binh-duong",
    stars={4: 41, 3: 112}, producers=84,
    wards=("Phường Thủ Dầu Một", "Phường Lái Thiêu", "Phường Thuận An", "Phường Dĩ An",
           "Phường Tân Uyên", "Phường Bến Cát", "Xã Bàu Bàng", "Xã Phú Giáo", "Xã Dầu Tiếng"),
    issuing_province="Bình Dương",
    specialities=(
        Speciality("Tranh sơn mài Tương Bình Hiệp {brand}", "son-mai", (600000, 4500000),
                   "Tranh sơn mài vẽ tay, cẩn vỏ trứng và trai, làng nghề Tương Bình Hiệp."),
        Speciality("Hộp sơn mài {brand}", "son-mai", (250000, 900000),
                   "Hộp đựng trang sức sơn mài nhiều lớp, mài bóng thủ công."),
        Speciality("Gốm Lái Thiêu {brand}", "gom-su", (120000, 800000),
                   "Gốm men lam vẽ tay hoa văn gà, mai, lò gốm Lái Thiêu."),
        Speciality("Măng cụt Lái Thiêu {brand}", "trai-cay-tuoi-va-say", (90000, 160000),
                   "Măng cụt vườn cổ Lái Thiêu, múi trắng ngọt, hộp 2 kg."),
        Speciality("Bưởi ổi Bạch Đằng {brand}", "trai-cay-tuoi-va-say", (70000, 130000),
                   "Bưởi đặc sản cù lao Bạch Đằng, tép giòn, vị chua ngọt."),
        Speciality("Nem Lái Thiêu {brand}", "thuy-hai-san-che-bien", (60000, 110000),
                   "Nem chua gói lá chuối, thịt heo tươi lên men tự nhiên."),
        Speciality("Trà mãng cầu {brand}", "tra", (60000, 110000),
                   "Trà túi lọc từ lá và quả mãng cầu xiêm sấy lạnh."),
        Speciality("Nấm bào ngư {brand}", "gao-va-nong-san", (40000, 90000),
                   "Nấm bào ngư xám trồng trên mùn cưa cao su, thu hái trong ngày."),
        Speciality("Tinh dầu sả chanh {brand}", "tinh-dau", (70000, 140000),
                   "Tinh dầu sả chanh chưng cất hơi nước, chai 50 ml."),
        Speciality("Rượu nếp Bàu Bàng {brand}", "ruou-va-vang", (90000, 200000),
                   "Rượu nếp cái hoa vàng nấu thủ công, hạ thổ 6 tháng."),
        Speciality("Lan hồ điệp {brand}", "hoa-lan", (350000, 1200000),
                   "Chậu lan hồ điệp 3 cành, vườn lan Thủ Dầu Một."),
        Speciality("Cá Koi {brand}", "dong-vat-canh", (500000, 3000000),
                   "Cá Koi thuần chủng nuôi trong hồ lọc sinh học, kèm hướng dẫn chăm sóc."),
        Speciality("Tham quan làng sơn mài cùng {brand}", "diem-du-lich", (150000, 300000),
                   "Tham quan xưởng sơn mài, tự tay mài và vẽ một tấm sơn mài nhỏ mang về."),
    ),
)

PLANS: tuple[ProvincePlan, ...] = (BINH_THUAN, BEN_TRE, DAK_LAK, BINH_DUONG)

BRANDS = (
    "Hưng Thịnh", "Phước Lộc", "Thành Công", "Tân Phú", "An Khang", "Bình An", "Hòa Phát",
    "Đại Phát", "Minh Tâm", "Thanh Bình", "Hồng Phúc", "Tấn Lộc", "Quê Hương", "Sông Xanh",
    "Mỹ An", "Ngọc Lan", "Phú Quý", "Thuận Phát", "Kim Long", "Bảo Tín", "Hải Âu", "Biển Xanh",
    "Nắng Vàng", "Đồng Xanh", "Tâm Đức", "Vạn Lợi", "Hoàng Gia", "Phương Nam", "Tín Nghĩa",
    "Hiệp Hòa", "Trường Thịnh", "Gia Bảo", "Thiên Phú", "Lộc Phát", "Cát Tường", "Mai Anh",
    "Ba Miền", "Cửu Long", "Tây Nguyên", "Ea Sô", "Ánh Dương", "Hương Quê", "Đất Việt",
)

KIND_PREFIX = {
    "cooperative": "Hợp tác xã",
    "cooperative_group": "Tổ hợp tác",
    "enterprise": "Công ty TNHH",
    "household": "Hộ kinh doanh",
}

STORIES = (
    "Từ một cơ sở gia đình, {name} đã chuẩn hóa quy trình, làm mới bao bì và đạt chứng nhận OCOP, "
    "đưa đặc sản quê nhà đến các hội chợ trong và ngoài tỉnh.",
    "{name} liên kết với bà con trong xã, bao tiêu nguyên liệu và giữ cách làm truyền thống, "
    "góp phần nâng thu nhập cho người dân nông thôn.",
    "Tham gia Chương trình Mỗi xã một sản phẩm, {name} được tập huấn về thiết kế bao bì, truy xuất "
    "nguồn gốc và thương mại điện tử.",
)


@dataclass(frozen=True)
class RuleExample:
    """A product outside the province figures whose certificate shows the rule at work."""

    key: str
    title: str
    province: str
    category: str
    status: str  # verified / revoked / pending
    expired: bool
    num_in_stock: int
    note: str


RULE_EXAMPLES = (
    RuleExample("EXP", "Bánh cốm Hàng Than Nguyên Ninh", "ha-noi", "banh-keo-va-mut",
                "verified", True, 30, "Chứng nhận đã hết hạn: sản phẩm tự rời khỏi danh mục."),
    RuleExample("REV", "Trà Shan tuyết cổ thụ Tả Phìn", "lao-cai", "tra",
                "revoked", False, 40, "Chứng nhận bị thu hồi do bao bì không đúng hồ sơ."),
    RuleExample("PEN", "Mè xửng Thiên Hương", "hue", "banh-keo-va-mut",
                "pending", False, 25, "Chứng nhận đang chờ Văn phòng OCOP xác minh."),
    RuleExample("OOS", "Chả mực Hạ Long Cô Tư", "quang-ninh", "thuy-hai-san-che-bien",
                "verified", False, 0, "Có chứng nhận nhưng đã hết hàng."),
)


# Two or three well-known OCOP specialities of every current province but Đắk Lắk (whose
# published figures DAK_LAK mirrors), so that no province page of the demo is empty
#. Titles as producers print them; "{brand}" as above.
def _s(title, category, low, high, description):
    return Speciality(title, category, (low, high), description)


PROVINCE_SPECIALITIES: dict[str, tuple[Speciality, ...]] = {
    "ha-noi": (_s("Gốm men lam Bát Tràng {brand}", "gom-su", 250000, 900000, "Bình gốm men lam vẽ tay, nung 1.250 °C tại làng Bát Tràng."),
               _s("Trà sen Tây Hồ {brand}", "tra", 350000, 900000, "Trà móc câu ướp gạo sen Bách diệp hồ Tây, hộp 100 g."),
               _s("Tour làng nghề mây tre Phú Vinh {brand}", "tour-trai-nghiem", 250000, 450000, "Nửa ngày học đan mây tre cùng nghệ nhân làng Phú Vinh, kèm bữa trưa.")),
    "cao-bang": (_s("Hạt dẻ Trùng Khánh {brand}", "gao-va-nong-san", 120000, 220000, "Hạt dẻ rang bùi thơm của vùng Trùng Khánh, túi 1 kg."),
                 _s("Miến dong Nguyên Bình {brand}", "gao-va-nong-san", 60000, 110000, "Miến dong phơi nắng, sợi dai, túi 500 g.")),
    "tuyen-quang": (_s("Cam sành Hàm Yên {brand}", "trai-cay-tuoi-va-say", 40000, 80000, "Cam sành vỏ xanh, múi vàng mọng, thùng 3 kg."),
                    _s("Chè shan tuyết Hà Giang {brand}", "tra", 280000, 650000, "Chè shan tuyết cổ thụ trên núi cao, búp phủ lông tơ trắng."),
                    _s("Homestay bản Nặm Đăm {brand}", "homestay", 350000, 600000, "Một đêm nhà trình tường của người Dao, bữa tối và văn nghệ bản.")),
    "dien-bien": (_s("Gạo Điện Biên {brand}", "gao-va-nong-san", 30000, 60000, "Gạo Bắc Hương cánh đồng Mường Thanh, túi 5 kg."),
                  _s("Cà phê Mường Ảng {brand}", "ca-phe-va-ca-cao", 150000, 280000, "Arabica Mường Ảng rang mộc, gói 500 g.")),
    "lai-chau": (_s("Chè Tam Đường {brand}", "tra", 150000, 350000, "Chè xanh vùng cao Tam Đường, sao tay, hộp 200 g."),
                 _s("Sâm Lai Châu {brand} ngâm mật ong", "san-pham-tu-thao-duoc", 450000, 1200000, "Củ sâm Lai Châu ngâm mật ong rừng, hũ thủy tinh 500 ml.")),
    "son-la": (_s("Mận hậu Mộc Châu {brand}", "trai-cay-tuoi-va-say", 40000, 90000, "Mận hậu giòn ngọt Mộc Châu, thùng 2 kg."),
               _s("Chè Ô long Mộc Châu {brand}", "tra", 220000, 480000, "Ô long vê viên cao nguyên Mộc Châu, hộp 200 g.")),
    "lao-cai": (_s("Tỏi tía Bắc Hà {brand}", "nuoc-mam-va-gia-vi", 90000, 160000, "Tỏi tía vỏ tím Bắc Hà, củ nhỏ chắc, túi lưới 1 kg."),
                _s("Rượu ngô men lá Bắc Hà {brand}", "ruou-va-vang", 120000, 260000, "Rượu ngô nấu với men lá của người Mông, chai 750 ml."),
                _s("Thổ cẩm Sa Pa {brand}", "det-va-tho-cam", 180000, 650000, "Khăn thổ cẩm dệt tay, nhuộm chàm của người Dao Đỏ.")),
    "thai-nguyen": (_s("Chè Tân Cương {brand}", "tra", 250000, 600000, "Chè búp Tân Cương sao chảo gang, nước xanh, hậu ngọt, hộp 200 g."),
                    _s("Gạo Bao thai Định Hóa {brand}", "gao-va-nong-san", 25000, 45000, "Gạo bao thai hồng ATK Định Hóa, túi 5 kg.")),
    "lang-son": (_s("Hồi Lạng Sơn {brand}", "nuoc-mam-va-gia-vi", 160000, 300000, "Hoa hồi khô tám cánh, thơm nồng, túi 500 g."),
                 _s("Na Chi Lăng {brand}", "trai-cay-tuoi-va-say", 60000, 120000, "Na dai núi đá Chi Lăng, hộp 2 kg.")),
    "quang-ninh": (_s("Chả mực Hạ Long {brand}", "thuy-hai-san-che-bien", 350000, 520000, "Chả mực giã tay từ mực tươi vịnh Hạ Long, hút chân không 500 g."),
                   _s("Trà hoa vàng Ba Chẽ {brand}", "tra", 600000, 1500000, "Hoa trà vàng sấy lạnh Ba Chẽ, hộp 50 g."),
                   _s("Ba kích tím Quảng Ninh {brand}", "duoc-lieu-kho", 250000, 500000, "Rễ ba kích tím khô, bỏ lõi, túi 500 g.")),
    "bac-ninh": (_s("Gốm Phù Lãng {brand}", "gom-su", 180000, 650000, "Bình gốm men da lươn nung củi, làng gốm Phù Lãng."),
                 _s("Bánh phu thê Đình Bảng {brand}", "banh-keo-va-mut", 40000, 80000, "Bánh xu xê nhân đậu xanh dừa, hộp 10 chiếc.")),
    "phu-tho": (_s("Bưởi Đoan Hùng {brand}", "trai-cay-tuoi-va-say", 50000, 100000, "Bưởi Sửu Đoan Hùng múi giòn, ngọt mát, hộp 2 quả."),
                _s("Chè Phú Thọ {brand}", "tra", 120000, 260000, "Chè xanh trung du sao sấy, túi 500 g.")),
    "hai-phong": (_s("Nước mắm Cát Hải {brand}", "nuoc-mam-va-gia-vi", 90000, 200000, "Nước mắm cá nục ủ chượp truyền thống đảo Cát Hải, chai 500 ml."),
                  _s("Bánh đa cua Hải Phòng {brand}", "gao-va-nong-san", 35000, 70000, "Bánh đa đỏ phơi nắng, gói 500 g.")),
    "hung-yen": (_s("Nhãn lồng Hưng Yên {brand}", "trai-cay-tuoi-va-say", 60000, 120000, "Nhãn lồng cùi dày, hạt nhỏ, hộp 2 kg."),
                 _s("Long nhãn sấy {brand}", "trai-cay-tuoi-va-say", 280000, 450000, "Cùi nhãn lồng sấy dẻo, túi 500 g.")),
    "ninh-binh": (_s("Cơm cháy Ninh Bình {brand}", "banh-keo-va-mut", 45000, 80000, "Cơm cháy chà bông giòn tan, túi 300 g."),
                  _s("Cói Kim Sơn {brand} giỏ đan tay", "may-tre-dan", 150000, 380000, "Giỏ cói đan tay nhuộm màu tự nhiên, làng nghề Kim Sơn."),
                  _s("Tour Tràng An bằng thuyền {brand}", "diem-du-lich", 250000, 400000, "Vé thuyền ba giờ qua hang động Tràng An, có hướng dẫn viên.")),
    "thanh-hoa": (_s("Nem chua Thanh Hóa {brand}", "thuy-hai-san-che-bien", 60000, 120000, "Nem chua gói lá chuối, lên men tự nhiên, 20 cái."),
                  _s("Nước mắm Khúc Phụ {brand}", "nuoc-mam-va-gia-vi", 80000, 180000, "Nước mắm cá cơm Hoằng Hóa, chai 500 ml.")),
    "nghe-an": (_s("Cam Vinh {brand}", "trai-cay-tuoi-va-say", 40000, 80000, "Cam xã Đoài vỏ mỏng, thơm, thùng 3 kg."),
                _s("Tương Nam Đàn {brand}", "nuoc-mam-va-gia-vi", 35000, 70000, "Tương đậu nành ủ chum sành, chai 500 ml.")),
    "ha-tinh": (_s("Kẹo cu đơ {brand}", "banh-keo-va-mut", 40000, 80000, "Kẹo lạc mật mía gừng kẹp bánh đa, hộp 500 g."),
                _s("Bưởi Phúc Trạch {brand}", "trai-cay-tuoi-va-say", 50000, 100000, "Bưởi Phúc Trạch tép hồng, hộp 2 quả.")),
    "quang-tri": (_s("Hồ tiêu Vĩnh Linh {brand}", "nuoc-mam-va-gia-vi", 180000, 320000, "Tiêu đen hạt chắc đất đỏ bazan Vĩnh Linh, hũ 500 g."),
                  _s("Cà phê Khe Sanh {brand}", "ca-phe-va-ca-cao", 140000, 260000, "Arabica Khe Sanh rang xay, gói 500 g.")),
    "hue": (_s("Mè xửng Huế {brand}", "banh-keo-va-mut", 40000, 80000, "Kẹo mè xửng dẻo, hộp giấy 400 g."),
            _s("Tinh dầu tràm Huế {brand}", "tinh-dau", 80000, 180000, "Tinh dầu tràm gió chưng cất, chai 100 ml."),
            _s("Nón lá Huế {brand}", "may-tre-dan", 120000, 280000, "Nón bài thơ ba lớp lá, làng Tây Hồ Phú Vang.")),
    "da-nang": (_s("Nước mắm Nam Ô {brand}", "nuoc-mam-va-gia-vi", 120000, 280000, "Nước mắm cá cơm than Nam Ô, chai thủy tinh 500 ml."),
                _s("Chả bò Đà Nẵng {brand}", "thuy-hai-san-che-bien", 220000, 360000, "Chả bò tiêu hạt, cây 500 g.")),
    "quang-ngai": (_s("Tỏi Lý Sơn {brand}", "nuoc-mam-va-gia-vi", 120000, 250000, "Tỏi cô đơn đảo Lý Sơn, túi 500 g."),
                   _s("Đường phèn Quảng Ngãi {brand}", "banh-keo-va-mut", 50000, 90000, "Đường phèn kết tinh từ mía, túi 1 kg.")),
    "gia-lai": (_s("Cà phê Chư Sê {brand}", "ca-phe-va-ca-cao", 150000, 280000, "Robusta Chư Sê rang mộc, gói 500 g."),
                _s("Hồ tiêu Chư Sê {brand}", "nuoc-mam-va-gia-vi", 150000, 260000, "Tiêu đen Chư Sê phơi nắng, hũ 500 g.")),
    "khanh-hoa": (_s("Yến sào Khánh Hòa {brand}", "san-pham-tu-thao-duoc", 900000, 3500000, "Yến đảo làm sạch, hộp 50 g."),
                  _s("Xoài Cam Lâm {brand}", "trai-cay-tuoi-va-say", 50000, 100000, "Xoài Úc Cam Lâm, thùng 3 kg.")),
    "lam-dong": (_s("Atiso Đà Lạt {brand} trà túi lọc", "tra", 90000, 180000, "Trà atiso túi lọc từ hoa và lá atiso Đà Lạt, hộp 100 túi."),
                 _s("Lan hồ điệp Đà Lạt {brand}", "hoa-lan", 450000, 1200000, "Chậu lan hồ điệp hai cành, hoa trắng, cao 60 cm.")),
    "dong-nai": (_s("Bưởi Tân Triều {brand}", "trai-cay-tuoi-va-say", 50000, 100000, "Bưởi đường lá cam Tân Triều, hộp 2 quả."),
                 _s("Hạt điều Đồng Nai {brand}", "gao-va-nong-san", 200000, 320000, "Hạt điều rang muối còn vỏ lụa, hũ 500 g.")),
    "ho-chi-minh": (_s("Bonsai mai vàng Thủ Đức {brand}", "cay-canh", 800000, 3500000, "Cây mai vàng dáng bonsai trong chậu sứ, cao 50 cm."),
                    _s("Sơn mài Tương Bình Hiệp {brand}", "son-mai", 350000, 1500000, "Tranh sơn mài khảm vỏ trứng, 40 × 60 cm.")),
    "tay-ninh": (_s("Muối tôm Tây Ninh {brand}", "nuoc-mam-va-gia-vi", 35000, 70000, "Muối tôm ớt rang, hũ 200 g."),
                 _s("Bánh tráng phơi sương Trảng Bàng {brand}", "gao-va-nong-san", 40000, 80000, "Bánh tráng phơi sương dẻo, xấp 500 g.")),
    "dong-thap": (_s("Sen Đồng Tháp {brand} hạt sấy", "gao-va-nong-san", 150000, 260000, "Hạt sen Tháp Mười sấy giòn, hũ 300 g."),
                  _s("Xoài Cao Lãnh {brand}", "trai-cay-tuoi-va-say", 45000, 90000, "Xoài cát Chu Cao Lãnh, thùng 3 kg.")),
    "vinh-long": (_s("Gốm đỏ Mang Thít {brand}", "gom-su", 150000, 600000, "Chậu gốm đỏ nung củi làng Mang Thít."),
                  _s("Bưởi Năm Roi {brand}", "trai-cay-tuoi-va-say", 45000, 90000, "Bưởi Năm Roi không hạt, hộp 2 quả.")),
    "an-giang": (_s("Đường thốt nốt Tri Tôn {brand}", "banh-keo-va-mut", 60000, 120000, "Đường thốt nốt nấu từ nước hoa thốt nốt, túi 1 kg."),
                 _s("Khô cá lóc Châu Đốc {brand}", "thuy-hai-san-che-bien", 250000, 420000, "Khô cá lóc đồng một nắng, túi 500 g."),
                 _s("Tour rừng tràm Trà Sư {brand}", "tour-trai-nghiem", 180000, 350000, "Xuồng ba lá xuyên rừng tràm Trà Sư mùa nước nổi.")),
    "can-tho": (_s("Bánh pía Cần Thơ {brand}", "banh-keo-va-mut", 60000, 120000, "Bánh pía sầu riêng trứng muối, hộp 4 cái."),
                _s("Tour chợ nổi Cái Răng {brand}", "tour-trai-nghiem", 200000, 380000, "Thuyền sáng sớm ra chợ nổi Cái Răng, thăm vườn trái cây.")),
    "ca-mau": (_s("Mật ong rừng U Minh {brand}", "mat-ong", 300000, 550000, "Mật ong rừng tràm U Minh Hạ, chai 500 ml."),
               _s("Khô cá sặc Cà Mau {brand}", "thuy-hai-san-che-bien", 220000, 380000, "Khô cá sặc rằn một nắng, túi 500 g.")),
}
