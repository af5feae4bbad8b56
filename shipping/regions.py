"""Vietnam's three delivery regions, by current province (34 since July 2025)."""

from enum import StrEnum


class Region(StrEnum):
    NORTH = "north"
    CENTRAL = "central"
    SOUTH = "south"


REGION_LABELS = {Region.NORTH: "Miền Bắc", Region.CENTRAL: "Miền Trung", Region.SOUTH: "Miền Nam"}

# Current province slug → region. The Central Highlands ship with the centre.
PROVINCE_REGIONS: dict[str, Region] = {
    **dict.fromkeys(
        ["ha-noi", "hai-phong", "quang-ninh", "cao-bang", "lang-son", "lai-chau", "dien-bien",
         "son-la", "tuyen-quang", "lao-cai", "thai-nguyen", "phu-tho", "bac-ninh", "hung-yen",
         "ninh-binh"],
        Region.NORTH,
    ),
    **dict.fromkeys(
        ["thanh-hoa", "nghe-an", "ha-tinh", "quang-tri", "hue", "da-nang", "quang-ngai",
         "gia-lai", "khanh-hoa", "dak-lak", "lam-dong"],
        Region.CENTRAL,
    ),
    **dict.fromkeys(
        ["ho-chi-minh", "dong-nai", "tay-ninh", "can-tho", "vinh-long", "dong-thap", "ca-mau",
         "an-giang"],
        Region.SOUTH,
    ),
}


def region_for(province_slug: str) -> Region | None:
    return PROVINCE_REGIONS.get(province_slug)
