"""Vietnam's 34 provinces since the 2025 reorganisation, their wards, and the former
provinces merged into them (Resolution 202/2025/QH15). Current provinces and wards come
from the ``vietnam-provinces`` package; the merger table is the resolution's."""

from vietnam_provinces import Province as VnProvince
from vietnam_provinces import Ward as VnWard

from core.text import vn_slugify

# current province (package codename) → former provinces merged into it
FORMER_PROVINCES: dict[str, list[str]] = {
    "tuyen_quang": ["Hà Giang"],
    "lao_cai": ["Yên Bái"],
    "thai_nguyen": ["Bắc Kạn"],
    "phu_tho": ["Vĩnh Phúc", "Hòa Bình"],
    "bac_ninh": ["Bắc Giang"],
    "hung_yen": ["Thái Bình"],
    "hai_phong": ["Hải Dương"],
    "ninh_binh": ["Hà Nam", "Nam Định"],
    "quang_tri": ["Quảng Bình"],
    "da_nang": ["Quảng Nam"],
    "quang_ngai": ["Kon Tum"],
    "gia_lai": ["Bình Định"],
    "khanh_hoa": ["Ninh Thuận"],
    "lam_dong": ["Đắk Nông", "Bình Thuận"],
    "dak_lak": ["Phú Yên"],
    "ho_chi_minh": ["Bình Dương", "Bà Rịa - Vũng Tàu"],
    "dong_nai": ["Bình Phước"],
    "tay_ninh": ["Long An"],
    "can_tho": ["Sóc Trăng", "Hậu Giang"],
    "vinh_long": ["Bến Tre", "Trà Vinh"],
    "dong_thap": ["Tiền Giang"],
    "ca_mau": ["Bạc Liêu"],
    "an_giang": ["Kiên Giang"],
}

CITY_PREFIX = "Thành phố "


def province_slug(codename: str) -> str:
    return codename.replace("_", "-")


def load_regions(Province, Ward) -> None:
    """Create or update provinces, former provinces and wards. Takes the model classes so
    that a data migration (historical models) and commands can both call it; idempotent."""
    by_codename = {}
    for vn in VnProvince.iter_all():
        short = vn.name.removeprefix(CITY_PREFIX)
        province, _ = Province.objects.update_or_create(
            slug=province_slug(vn.codename),
            defaults={"code": int(vn.code), "name": vn.name, "short_name": short, "merged_into": None},
        )
        by_codename[vn.codename] = province
    for codename, former_names in FORMER_PROVINCES.items():
        for name in former_names:
            Province.objects.update_or_create(
                slug=vn_slugify(name),
                defaults={"code": None, "name": name, "short_name": name,
                          "merged_into": by_codename[codename]},
            )
    by_code = {p.code: p for p in by_codename.values()}
    existing = set(Ward.objects.values_list("code", flat=True))
    Ward.objects.bulk_create(
        Ward(code=str(int(w.code)), name=w.name, province=by_code[int(w.province_code)])
        for w in VnWard.iter_all()
        if str(int(w.code)) not in existing
    )
