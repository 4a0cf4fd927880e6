"""The facts the demo is made of: places, names, positions, sizes.

Data, not logic. The four districts, their wards and the wards they merged
into on 01/07/2025 are real (domain/practice.md names them); the mapping of an
old ward to one new ward is a simplification (most wards were split between
two or three new ones: we name the one that took most of the territory).
The other districts of the "city" scale are real; their wards are invented
from Hà Nội place-name syllables.
"""

from dataclasses import dataclass
from datetime import date

# Ages are computed on this day, never on "today": the same seed gives the same data.
REFERENCE_DATE = date(2026, 11, 1)
MERGER_DATE = date(2025, 7, 1)  # the district level is gone, wards merged
LAST_DAY_BEFORE_MERGER = date(2025, 6, 30)

CITY_CODE = "HN"
CITY_NAME = "Thành phố Hà Nội"


# --- city agencies ------------------------------------------------------------

@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    profile: str
    children: tuple = ()


# Under the city in both scales. Ban Thi đua - Khen thưởng (under Sở Nội vụ) is
# the city council's standing office.
CITY_AGENCIES = (
    Agency("HN-SNV", "Sở Nội vụ", "department",
           (Agency("HN-SNV-TDKT", "Ban Thi đua - Khen thưởng", "board"),)),
    Agency("HN-VP", "Văn phòng UBND Thành phố", "city_office"),
    Agency("HN-SGD", "Sở Giáo dục và Đào tạo", "department"),
    Agency("HN-SYT", "Sở Y tế", "department"),
)

# Added in the "city" scale (the departments of Hà Nội after the 2025 reorganisation).
CITY_SCALE_AGENCIES = (
    Agency("HN-STC", "Sở Tài chính", "department"),
    Agency("HN-SXD", "Sở Xây dựng", "department"),
    Agency("HN-STP", "Sở Tư pháp", "department"),
    Agency("HN-SVHTT", "Sở Văn hóa và Thể thao", "department"),
    Agency("HN-SNNMT", "Sở Nông nghiệp và Môi trường", "department"),
    Agency("HN-SCT", "Sở Công Thương", "department"),
    Agency("HN-SKHCN", "Sở Khoa học và Công nghệ", "department"),
    Agency("HN-SQHKT", "Sở Quy hoạch - Kiến trúc", "department"),
    Agency("HN-SDL", "Sở Du lịch", "department"),
    Agency("HN-SDTTG", "Sở Dân tộc và Tôn giáo", "department"),
)


# --- districts (until 30/06/2025) and the wards of 01/07/2025 ------------------

@dataclass(frozen=True)
class District:
    code: str
    name: str            # "Quận Thanh Xuân"
    title: str           # "quận Thanh Xuân", as it reads inside an agency's name
    valid_from: date | None
    heir: str            # code of the new ward whose office takes over the district's agencies
    wards: tuple = ()    # (code suffix, name without "Phường", code of the new ward)


# Phòng Nội vụ quận X, Văn phòng HĐND và UBND quận X, ... — (code suffix, name, profile)
DISTRICT_AGENCIES = (
    ("NV", "Phòng Nội vụ {district}", "district_department"),
    ("VP", "Văn phòng HĐND và UBND {district}", "district_office"),
    ("GD", "Phòng Giáo dục và Đào tạo {district}", "district_department"),
    ("VH", "Phòng Văn hóa và Thông tin {district}", "district_department"),
)

# The new wards of the four districts: (code, name, the district it mostly comes from).
# Codes follow the interchange example ("HN-TX2-VP"): a "2" where the district took the name first.
DEMO_NEW_WARDS = (
    ("HN-TX2", "Phường Thanh Xuân", "HN-TX"),
    ("HN-KD", "Phường Khương Đình", "HN-TX"),
    ("HN-PLI", "Phường Phương Liệt", "HN-TX"),
    ("HN-TH2", "Phường Tây Hồ", "HN-TH"),
    ("HN-PT", "Phường Phú Thượng", "HN-TH"),
    ("HN-HBT2", "Phường Hai Bà Trưng", "HN-HBT"),
    ("HN-VT", "Phường Vĩnh Tuy", "HN-HBT"),
    ("HN-BM", "Phường Bạch Mai", "HN-HBT"),
    ("HN-HD2", "Phường Hà Đông", "HN-HD"),
    ("HN-DN", "Phường Dương Nội", "HN-HD"),
    ("HN-YN", "Phường Yên Nghĩa", "HN-HD"),
    ("HN-PLU", "Phường Phú Lương", "HN-HD"),
    ("HN-KH", "Phường Kiến Hưng", "HN-HD"),
)

DEMO_DISTRICTS = (
    District("HN-TX", "Quận Thanh Xuân", "quận Thanh Xuân", date(1997, 1, 1), "HN-TX2", (
        ("KM", "Khương Mai", "HN-PLI"),
        ("KT", "Khương Trung", "HN-PLI"),
        ("KD", "Khương Đình", "HN-KD"),
        ("HDI", "Hạ Đình", "HN-KD"),
        ("KG", "Kim Giang", "HN-KD"),
        ("NC", "Nhân Chính", "HN-TX2"),
        ("PL", "Phương Liệt", "HN-PLI"),
        ("TXB", "Thanh Xuân Bắc", "HN-TX2"),
        ("TXN", "Thanh Xuân Nam", "HN-KD"),
        ("TXT", "Thanh Xuân Trung", "HN-TX2"),
        ("TD", "Thượng Đình", "HN-TX2"),
    )),
    District("HN-TH", "Quận Tây Hồ", "quận Tây Hồ", date(1995, 10, 28), "HN-TH2", (
        ("PT", "Phú Thượng", "HN-PT"),
        ("NT", "Nhật Tân", "HN-TH2"),
        ("TL", "Tứ Liên", "HN-TH2"),
        ("QA", "Quảng An", "HN-TH2"),
        ("XL", "Xuân La", "HN-PT"),
        ("YP", "Yên Phụ", "HN-TH2"),
        ("BU", "Bưởi", "HN-TH2"),
        ("TK", "Thụy Khuê", "HN-TH2"),
    )),
    District("HN-HBT", "Quận Hai Bà Trưng", "quận Hai Bà Trưng", None, "HN-HBT2", (
        ("BD", "Bạch Đằng", "HN-HBT2"),
        ("BK", "Bách Khoa", "HN-BM"),
        ("BM", "Bạch Mai", "HN-BM"),
        ("CD", "Cầu Dền", "HN-HBT2"),
        ("DM", "Đống Mác", "HN-HBT2"),
        ("DN", "Đồng Nhân", "HN-HBT2"),
        ("DT", "Đồng Tâm", "HN-BM"),
        ("LDH", "Lê Đại Hành", "HN-HBT2"),
        ("MK", "Minh Khai", "HN-VT"),
        ("PDH", "Phạm Đình Hổ", "HN-HBT2"),
        ("PH", "Phố Huế", "HN-HBT2"),
        ("QM", "Quỳnh Mai", "HN-BM"),
        ("TL", "Thanh Lương", "HN-VT"),
        ("TN", "Thanh Nhàn", "HN-BM"),
        ("TD", "Trương Định", "HN-BM"),
        ("VT", "Vĩnh Tuy", "HN-VT"),
    )),
    District("HN-HD", "Quận Hà Đông", "quận Hà Đông", date(2009, 5, 8), "HN-HD2", (
        ("BG", "Biên Giang", "HN-YN"),
        ("DN", "Dương Nội", "HN-DN"),
        ("DM", "Đồng Mai", "HN-YN"),
        ("HC", "Hà Cầu", "HN-HD2"),
        ("KH", "Kiến Hưng", "HN-KH"),
        ("LK", "La Khê", "HN-DN"),
        ("ML", "Mộ Lao", "HN-HD2"),
        ("NT", "Nguyễn Trãi", "HN-HD2"),
        ("PLA", "Phú La", "HN-KH"),
        ("PL", "Phú Lãm", "HN-PLU"),
        ("PLU", "Phú Lương", "HN-PLU"),
        ("PCL", "Phúc La", "HN-KH"),
        ("QT", "Quang Trung", "HN-HD2"),
        ("VPH", "Vạn Phúc", "HN-HD2"),
        ("VQ", "Văn Quán", "HN-HD2"),
        ("YN", "Yên Nghĩa", "HN-YN"),
        ("YK", "Yết Kiêu", "HN-HD2"),
    )),
)

# The other districts, for the "city" scale: (code, name, title, number of old wards or communes).
# Wards of quận and thị xã are "Phường", communes of huyện are "Xã".
CITY_SCALE_DISTRICTS = (
    ("HN-BD", "Quận Ba Đình", "quận Ba Đình", 14),
    ("HN-HK", "Quận Hoàn Kiếm", "quận Hoàn Kiếm", 18),
    ("HN-DD", "Quận Đống Đa", "quận Đống Đa", 21),
    ("HN-CG", "Quận Cầu Giấy", "quận Cầu Giấy", 8),
    ("HN-HM", "Quận Hoàng Mai", "quận Hoàng Mai", 14),
    ("HN-LB", "Quận Long Biên", "quận Long Biên", 14),
    ("HN-NTL", "Quận Nam Từ Liêm", "quận Nam Từ Liêm", 10),
    ("HN-BTL", "Quận Bắc Từ Liêm", "quận Bắc Từ Liêm", 13),
    ("HN-ST", "Thị xã Sơn Tây", "thị xã Sơn Tây", 15),
    ("HN-BV", "Huyện Ba Vì", "huyện Ba Vì", 31),
    ("HN-CM", "Huyện Chương Mỹ", "huyện Chương Mỹ", 32),
    ("HN-DP", "Huyện Đan Phượng", "huyện Đan Phượng", 16),
    ("HN-DA", "Huyện Đông Anh", "huyện Đông Anh", 24),
    ("HN-GL", "Huyện Gia Lâm", "huyện Gia Lâm", 22),
    ("HN-HDU", "Huyện Hoài Đức", "huyện Hoài Đức", 20),
    ("HN-ML", "Huyện Mê Linh", "huyện Mê Linh", 18),
    ("HN-MD", "Huyện Mỹ Đức", "huyện Mỹ Đức", 22),
    ("HN-PX", "Huyện Phú Xuyên", "huyện Phú Xuyên", 27),
    ("HN-PTH", "Huyện Phúc Thọ", "huyện Phúc Thọ", 23),
    ("HN-QO", "Huyện Quốc Oai", "huyện Quốc Oai", 21),
    ("HN-SS", "Huyện Sóc Sơn", "huyện Sóc Sơn", 26),
    ("HN-TTH", "Huyện Thạch Thất", "huyện Thạch Thất", 23),
    ("HN-TO", "Huyện Thanh Oai", "huyện Thanh Oai", 21),
    ("HN-TTR", "Huyện Thanh Trì", "huyện Thanh Trì", 16),
    ("HN-TTI", "Huyện Thường Tín", "huyện Thường Tín", 29),
    ("HN-UH", "Huyện Ứng Hòa", "huyện Ứng Hòa", 29),
)
# About this many old wards go into one new ward (579 → 126 in Hà Nội).
OLD_WARDS_PER_NEW_WARD = 4.6

# Invented place names: a first and a second syllable, as in Yên Xá, Phú Diễn, Kim Chung.
PLACE_FIRST = (
    "An", "Bình", "Cát", "Cổ", "Đại", "Đông", "Đồng", "Đức", "Hạ", "Hiệp", "Hòa", "Hồng",
    "Hưng", "Hữu", "Kim", "Khánh", "Liên", "Long", "Mai", "Minh", "Mỹ", "Nam", "Nghĩa",
    "Ngọc", "Phú", "Phúc", "Phương", "Quang", "Quảng", "Sơn", "Tam", "Tân", "Tây", "Thạch",
    "Thái", "Thanh", "Thượng", "Thụy", "Tiên", "Trung", "Vạn", "Văn", "Vân", "Vĩnh", "Xuân", "Yên",
)
PLACE_SECOND = (
    "An", "Bình", "Châu", "Cường", "Diễn", "Đình", "Đồng", "Dương", "Giang", "Hà", "Hòa", "Hội",
    "Hưng", "Khê", "Lạc", "Lâm", "Lãng", "Liệt", "Linh", "Lĩnh", "Lộc", "Lợi", "Long", "Mỹ",
    "Nghĩa", "Phong", "Phượng", "Quan", "Sơn", "Tảo", "Thành", "Thịnh", "Tiến", "Trạch", "Trì",
    "Viên", "Vinh", "Xá", "Xuân", "Yên",
)

# --- units under a ward of today ------------------------------------------------

# Kindergartens often carry a flower or a bird; other schools a place or a famous name.
KINDERGARTEN_NAMES = ("Hoa Sen", "Hoa Mai", "Hoa Hồng", "Sơn Ca", "Họa Mi", "Hoa Ban", "Ánh Sao", "Tuổi Hoa")
SCHOOL_PATRONS = (
    "Lê Lợi", "Nguyễn Trãi", "Chu Văn An", "Lý Thường Kiệt", "Trần Phú", "Lê Quý Đôn", "Ngô Quyền",
    "Đoàn Thị Điểm", "Nguyễn Du", "Tô Hiệu", "Lê Ngọc Hân", "Ngô Sĩ Liên", "Võ Thị Sáu", "Lý Tự Trọng",
    "Trưng Vương", "Nguyễn Bỉnh Khiêm", "Phan Đình Giót", "Kim Đồng", "Hoàng Hoa Thám", "Lương Thế Vinh",
)
SCHOOL_TYPES = (
    # (name prefix, code suffix, staffing profile)
    ("Trường Mầm non", "MN", "kindergarten"),
    ("Trường Tiểu học", "TH", "primary"),
    ("Trường THCS", "THCS", "lower_secondary"),
)


# --- how big things are ----------------------------------------------------------------

# (low, high) per scale. Schools per new ward are (kindergartens, primary, lower secondary).
SIZES = {
    "demo": {
        "schools": ((0, 1), (1, 1), (1, 1)),
        "groups": (6, 12),
        "upper_secondary": 0,
        "staff": {
            "department": (26, 34), "board": (16, 20), "city_office": (30, 38),
            "ward_office_new": (38, 52), "kindergarten": (20, 30), "primary": (30, 42),
            "lower_secondary": (28, 40), "upper_secondary": (60, 90), "health": (7, 12), "group": (2, 3),
        },
    },
    "city": {
        "schools": ((5, 8), (4, 6), (3, 4)),
        "groups": (8, 14),
        "upper_secondary": 110,
        "staff": {
            "department": (70, 130), "board": (20, 26), "city_office": (90, 130),
            "ward_office_new": (60, 100), "kindergarten": (50, 90), "primary": (80, 130),
            "lower_secondary": (70, 120), "upper_secondary": (90, 140), "health": (12, 20), "group": (2, 3),
        },
    },
}


# --- positions --------------------------------------------------------------------------

@dataclass(frozen=True)
class Profile:
    """Who works in a kind of unit.

    ``leaders`` are filled first, most senior first; ``fixed`` positions get at
    least ``min`` people; the rest is drawn from ``staff`` by weight. "{level}"
    reads "phường" or "xã".
    """

    leaders: tuple        # (position, min, max)
    fixed: tuple          # (position, min, max)
    staff: tuple          # (position, weight)
    female: float         # share of women
    family: str           # where earlier jobs were: see people.EARLIER_POOLS


_CONG_CHUC = (
    "Công chức Văn phòng - Thống kê",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hóa - Xã hội",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tài chính - Kế toán",
)

PROFILES = {
    "department": Profile(
        (("Giám đốc Sở", 1, 1), ("Phó Giám đốc Sở", 2, 3), ("Trưởng phòng", 3, 4), ("Phó Trưởng phòng", 3, 5)),
        (), (("Chuyên viên chính", 3), ("Chuyên viên", 6), ("Kế toán", 0.4), ("Văn thư", 0.4)),
        0.55, "admin"),
    "board": Profile(
        (("Trưởng ban", 1, 1), ("Phó Trưởng ban", 2, 2), ("Trưởng phòng", 2, 3), ("Phó Trưởng phòng", 2, 3)),
        (), (("Chuyên viên chính", 3), ("Chuyên viên", 6)),
        0.6, "admin"),
    "city_office": Profile(
        (("Chánh Văn phòng", 1, 1), ("Phó Chánh Văn phòng", 3, 4), ("Trưởng phòng", 3, 5), ("Phó Trưởng phòng", 3, 5)),
        (), (("Chuyên viên chính", 3), ("Chuyên viên", 6), ("Văn thư", 0.6)),
        0.55, "admin"),
    "district_department": Profile(
        (("Trưởng phòng", 1, 1), ("Phó Trưởng phòng", 1, 2)),
        (), (("Chuyên viên chính", 1), ("Chuyên viên", 4)),
        0.55, "ward"),
    "district_office": Profile(
        (("Chánh Văn phòng", 1, 1), ("Phó Chánh Văn phòng", 1, 2)),
        (), (("Chuyên viên chính", 1), ("Chuyên viên", 4), ("Văn thư", 0.5)),
        0.55, "ward"),
    "ward_office_old": Profile(
        (("Chủ tịch UBND {level}", 1, 1), ("Phó Chủ tịch UBND {level}", 1, 2)),
        tuple((p, 1, 2) for p in _CONG_CHUC), tuple((p, 1) for p in _CONG_CHUC),
        0.5, "ward"),
    "ward_office_new": Profile(
        (("Chủ tịch UBND {level}", 1, 1), ("Phó Chủ tịch UBND {level}", 2, 3),
         ("Chánh Văn phòng HĐND và UBND", 1, 1), ("Phó Chánh Văn phòng HĐND và UBND", 1, 2)),
        tuple((p, 1, 2) for p in _CONG_CHUC),
        (("Chuyên viên", 8), ("Chuyên viên chính", 1.5)) + tuple((p, 0.6) for p in _CONG_CHUC),
        0.55, "ward"),
    "kindergarten": Profile(
        (("Hiệu trưởng", 1, 1), ("Phó Hiệu trưởng", 1, 2)), (("Kế toán", 1, 1),),
        (("Giáo viên", 10), ("Nhân viên", 2.5)), 0.97, "school"),
    "primary": Profile(
        (("Hiệu trưởng", 1, 1), ("Phó Hiệu trưởng", 1, 2)), (("Kế toán", 1, 1),),
        (("Giáo viên", 10), ("Nhân viên", 1.5)), 0.85, "school"),
    "lower_secondary": Profile(
        (("Hiệu trưởng", 1, 1), ("Phó Hiệu trưởng", 1, 2)), (("Kế toán", 1, 1),),
        (("Giáo viên", 10), ("Nhân viên", 1.5)), 0.75, "school"),
    "upper_secondary": Profile(
        (("Hiệu trưởng", 1, 1), ("Phó Hiệu trưởng", 2, 3)), (("Kế toán", 1, 1),),
        (("Giáo viên", 10), ("Nhân viên", 1.2)), 0.68, "school"),
    "health": Profile(
        (("Trạm trưởng", 1, 1),), (("Bác sĩ", 1, 1),),
        (("Bác sĩ", 2), ("Y sĩ", 3), ("Điều dưỡng", 3), ("Hộ sinh", 1), ("Dược sĩ", 0.8)), 0.75, "health"),
    "group": Profile(
        (("Tổ trưởng tổ dân phố", 1, 1), ("Tổ phó tổ dân phố", 1, 1)), (("Bí thư chi bộ", 0, 1),),
        (), 0.4, "retired"),
}


# --- names ---------------------------------------------------------------------------------

# Family names with their approximate share (per cent) in the north.
FAMILY_NAMES = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 4.6), ("Huỳnh", 0.4),
    ("Vũ", 3.9), ("Võ", 0.5), ("Phan", 2.2), ("Đặng", 2.1), ("Bùi", 2.1), ("Đỗ", 2.1),
    ("Hồ", 1.0), ("Ngô", 1.4), ("Dương", 1.0), ("Lý", 0.4), ("Đinh", 1.0), ("Đào", 0.9),
    ("Trịnh", 0.8), ("Đoàn", 0.6), ("Trương", 0.5), ("Mai", 0.5), ("Cao", 0.5), ("Hà", 0.5),
    ("Lương", 0.4), ("Tạ", 0.4), ("Lưu", 0.3), ("Chu", 0.3), ("Phùng", 0.3), ("Kiều", 0.2),
    ("Khuất", 0.2), ("Nghiêm", 0.2), ("Tô", 0.2), ("Lại", 0.2), ("Triệu", 0.2), ("Vương", 0.2),
)

# Middle names (weights). "Văn" and "Thị" were near-universal for those born
# before 1980 and much less usual after 1990: people.py shifts the weight by birth year.
MALE_MIDDLE = (
    ("Văn", 70), ("Đức", 9), ("Minh", 8), ("Quang", 6), ("Hữu", 5), ("Công", 4), ("Xuân", 4),
    ("Đình", 4), ("Thành", 3), ("Tuấn", 3), ("Mạnh", 3), ("Ngọc", 3), ("Hoàng", 3), ("Duy", 3),
    ("Tiến", 3), ("Việt", 3), ("Thanh", 3), ("Trọng", 3), ("Quốc", 3), ("Trung", 2), ("Anh", 2),
    ("Hải", 2), ("Bá", 2), ("Gia", 2), ("Huy", 2), ("Thế", 2), ("Kim", 1), ("Khắc", 1),
    ("Nhật", 1), ("Đăng", 1),
)
FEMALE_MIDDLE = (
    ("Thị", 120), ("Thu", 6), ("Ngọc", 5), ("Thanh", 5), ("Minh", 4), ("Phương", 3), ("Hồng", 3),
    ("Thùy", 3), ("Khánh", 2), ("Mai", 2), ("Bích", 2), ("Kim", 2), ("Hải", 2), ("Thúy", 2),
    ("Lan", 1), ("Diệu", 1), ("Quỳnh", 1), ("Hoài", 1), ("Ánh", 1), ("Bảo", 1), ("Hương", 1),
    ("Vân", 1), ("Tuyết", 1), ("Như", 1), ("Mỹ", 1), ("Cẩm", 0.5),
)
MALE_GIVEN = (
    ("Anh", 4), ("Bình", 3), ("Cường", 3), ("Chiến", 2), ("Dũng", 4), ("Duy", 2), ("Đạt", 3),
    ("Đức", 3), ("Dương", 2), ("Giang", 1), ("Hải", 4), ("Hiếu", 3), ("Hiệp", 2), ("Hòa", 2),
    ("Hoàng", 3), ("Hùng", 4), ("Huy", 4), ("Hưng", 3), ("Khải", 1), ("Khánh", 2), ("Khoa", 2),
    ("Kiên", 2), ("Lâm", 2), ("Long", 4), ("Lộc", 2), ("Mạnh", 3), ("Minh", 4), ("Nam", 4),
    ("Nghĩa", 2), ("Phong", 3), ("Phúc", 2), ("Quân", 3), ("Quang", 3), ("Quý", 1), ("Sơn", 4),
    ("Tài", 2), ("Tân", 1), ("Thái", 1), ("Thắng", 3), ("Thành", 4), ("Thịnh", 2), ("Thuận", 1),
    ("Tiến", 3), ("Toàn", 2), ("Trọng", 1), ("Trung", 4), ("Trường", 2), ("Tú", 2), ("Tuấn", 5),
    ("Tùng", 3), ("Việt", 2), ("Vinh", 2), ("Vũ", 2), ("Hậu", 1), ("Khang", 1), ("Bảo", 1),
)
FEMALE_GIVEN = (
    ("Anh", 4), ("Ánh", 2), ("Bích", 1), ("Chi", 2), ("Dung", 3), ("Duyên", 2), ("Giang", 2),
    ("Hà", 5), ("Hạnh", 3), ("Hằng", 4), ("Hiền", 3), ("Hoa", 4), ("Hồng", 3), ("Huệ", 2),
    ("Hương", 6), ("Huyền", 4), ("Lan", 5), ("Liên", 2), ("Linh", 5), ("Loan", 2), ("Ly", 2),
    ("Mai", 4), ("My", 2), ("Nga", 4), ("Ngân", 2), ("Ngọc", 3), ("Nhung", 3), ("Oanh", 2),
    ("Phương", 4), ("Quyên", 1), ("Quỳnh", 3), ("Tâm", 2), ("Thảo", 4), ("Thanh", 3), ("Thu", 3),
    ("Thúy", 3), ("Thủy", 5), ("Trang", 5), ("Tuyết", 2), ("Vân", 3), ("Yến", 3), ("Nhàn", 1),
    ("Phượng", 2), ("Thắm", 1), ("Thoa", 1), ("Xuân", 1), ("Thịnh", 0.5), ("Lụa", 0.3), ("Huế", 1),
)
