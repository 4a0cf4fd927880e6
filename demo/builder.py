"""Deterministic demo data: a realistic Hà Nội before and after 01/07/2025.

``build(seed=2025, scale="demo")`` fills an empty database with the city, its
agencies, the four districts of the source documents with their real wards
(closed on 30/06/2025, each pointing to the ward it merged into), the merged
wards with their offices, schools, health stations and residential groups,
about 2,000 people with work histories across the merger, the demo
accounts of ``DEMO_ACCOUNTS``, and the history of 2017–2026 (ratings,
initiatives, awards, discipline: ``demo.history``). ``scale="city"`` makes
about 200,000 people in about 5,000 units, for benchmarks.

Only ``random.Random(seed)`` decides anything and ages are counted on a fixed
day (``data.REFERENCE_DATE``), so the same seed gives the same data. Bulk data
writes no audit events: it is not anyone's action. The year-end cycle of 2025
(``demo.yearend``) is the exception: it is taken through the actions, as users
would, and writes their events (its verification codes are random).
"""

import random
import time
from datetime import date
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from org.models import Membership, Person, Role, Unit
from .councils import build_councils
from .plans import build_movements
from .history import build_history
from .yearend import build_yearend

from . import people, tree

SCALES = ("demo", "city")


class DatabaseNotEmpty(Exception):
    """The demo is only ever loaded into an empty database."""


class DemoAccount(NamedTuple):
    username: str
    role: str   # what the account may do, in Vietnamese
    unit: str   # where


# The chairman of the city's People's Committee (a made-up name): full name, gender, position, born, in office from.
CITY_CHAIRMAN = ("Nguyễn Đức Minh", "male", "Chủ tịch UBND Thành phố", date(1967, 4, 18), date(2024, 6, 1))

# username, role, unit code, (unit code, position) of the person behind the account, shown role
_ACCOUNTS = (
    ("admin", Role.ADMIN, "HN", None, "Quản trị hệ thống"),
    ("sonoivu", Role.SPECIALIST, "HN", ("HN-SNV-TDKT", "Chuyên viên"),
     "Chuyên viên cơ quan thường trực cấp Thành phố (Ban Thi đua - Khen thưởng, Sở Nội vụ)"),
    ("phuluong", Role.UNIT_OFFICER, "HN-PLU", ("HN-PLU-VP", "Công chức Văn phòng - Thống kê"),
     "Cán bộ phụ trách thi đua của phường"),
    ("yennghia", Role.UNIT_OFFICER, "HN-YN", ("HN-YN-VP", "Công chức Văn phòng - Thống kê"),
     "Cán bộ phụ trách thi đua của phường (phường bên cạnh)"),
    ("vp.phuluong", Role.SPECIALIST, "HN-PLU", ("HN-PLU-VP", "Chuyên viên"),
     "Chuyên viên cơ quan thường trực của phường (Văn phòng HĐND và UBND phường)"),
    ("hoidong", Role.COUNCIL_MEMBER, "HN-PLU", ("HN-PLU-VP", "Phó Chủ tịch UBND phường"),
     "Thành viên Hội đồng Thi đua - Khen thưởng phường"),
    ("hoidong2", Role.COUNCIL_MEMBER, "HN-PLU", ("HN-PLU-TH", "Hiệu trưởng"),
     "Thành viên Hội đồng Thi đua - Khen thưởng phường"),
    ("hoidong3", Role.COUNCIL_MEMBER, "HN-PLU", ("HN-PLU-TYT", "Trạm trưởng"),
     "Thành viên Hội đồng Thi đua - Khen thưởng phường"),
    ("chutich", Role.CHAIRMAN, "HN-PLU", ("HN-PLU-VP", "Chủ tịch UBND phường"),
     "Chủ tịch UBND phường (người ký quyết định)"),
    ("truong.thcs", Role.UNIT_OFFICER, "HN-PLU-THCS", ("HN-PLU-THCS", "Hiệu trưởng"),
     "Cán bộ phụ trách thi đua của trường"),
    ("vp.yennghia", Role.SPECIALIST, "HN-YN", ("HN-YN-VP", "Chuyên viên"),
     "Chuyên viên cơ quan thường trực của phường bên cạnh (Văn phòng HĐND và UBND phường Yên Nghĩa)"),
    ("hoidong.yennghia", Role.COUNCIL_MEMBER, "HN-YN", ("HN-YN-VP", "Phó Chủ tịch UBND phường"),
     "Thành viên Hội đồng Thi đua - Khen thưởng phường bên cạnh"),
    ("hoidong.yennghia2", Role.COUNCIL_MEMBER, "HN-YN", ("HN-YN-TYT", "Trạm trưởng"),
     "Thành viên Hội đồng Thi đua - Khen thưởng phường bên cạnh"),
    ("hoidong.yennghia3", Role.COUNCIL_MEMBER, "HN-YN", ("HN-YN-VP", "Công chức Văn phòng - Thống kê"),
     "Thành viên, Thư ký Hội đồng Thi đua - Khen thưởng phường bên cạnh"),
    ("hoidong.thanhpho", Role.COUNCIL_MEMBER, "HN", ("HN-SNV", "Giám đốc Sở"),
     "Phó Chủ tịch thường trực Hội đồng Thi đua - Khen thưởng Thành phố"),
    ("hoidong.thanhpho2", Role.COUNCIL_MEMBER, "HN", ("HN-SNV-TDKT", "Trưởng ban"),
     "Thành viên, Thư ký Hội đồng Thi đua - Khen thưởng Thành phố"),
    ("hoidong.thanhpho3", Role.COUNCIL_MEMBER, "HN", ("HN-SGD", "Giám đốc Sở"),
     "Thành viên Hội đồng Thi đua - Khen thưởng Thành phố"),
    ("chutich.thanhpho", Role.CHAIRMAN, "HN", ("HN-VP", CITY_CHAIRMAN[2]),
     "Chủ tịch UBND Thành phố (người ký quyết định của Thành phố; Chủ tịch Hội đồng, bỏ phiếu giấy)"),
)
_UNIT_NAMES = {
    "HN": "Thành phố Hà Nội",
    "HN-PLU": "Phường Phú Lương",
    "HN-YN": "Phường Yên Nghĩa",
    "HN-PLU-THCS": "Trường THCS Phú Lương",
}

# The accounts the year-end cycle of 2025 needs (demo.yearend), and the councils' (demo.councils): made after the
# history, which picks its scripted people among those without an account.
_YEAREND_ACCOUNTS = {"hoidong2", "hoidong3", "vp.yennghia", "hoidong.yennghia", "hoidong.yennghia2", "hoidong.yennghia3",
                     "hoidong.thanhpho", "hoidong.thanhpho2", "hoidong.thanhpho3", "chutich.thanhpho"}

# For the run script's banner: (username, role in Vietnamese, unit name). All share settings.DEMO_PASSWORD.
DEMO_ACCOUNTS = tuple(DemoAccount(username, shown, _UNIT_NAMES[unit]) for username, _r, unit, _p, shown in _ACCOUNTS)

# Codes of the units the personas act in (the same codes as tdkt.testing's small world).
DEMO_UNITS = {
    "city": "HN",
    "ward_a": "HN-PLU",
    "ward_b": "HN-YN",
    "office_a": "HN-PLU-VP",
    "school_a": "HN-PLU-THCS",
    "old_ward": "HN-HD-PL",
}


def review_year_text():
    from core.years import review_year

    return str(review_year())


def build(*, seed=2025, scale="demo", stdout=None) -> dict:
    """Load the demo into an empty database, in one transaction; returns counts of what was made."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}")

    def say(line):
        if stdout is not None:
            stdout.write(line)

    with transaction.atomic():
        _refuse_unless_empty()
        rng = random.Random(seed)
        # One stream per part, both from the seed: the tree does not shift when people change.
        tree_rng, people_rng = random.Random(rng.getrandbits(64)), random.Random(rng.getrandbits(64))
        plan = tree.plan(scale, tree_rng)
        n_units = tree.write(plan)
        say(f"Đơn vị: {_n(n_units)}")
        n_people, n_rows = people.write(plan, people_rng, say)
        say(f"Cán bộ: {_n(n_people)}; quá trình công tác: {_n(n_rows)} dòng")
        n_users, n_memberships = _accounts(exclude=_YEAREND_ACCOUNTS)
        history = build_history(seed=seed, scale=scale, stdout=stdout)
        say(f"Lịch sử 2017–2026: {_n(history['ratings'])} kết quả xếp loại cá nhân, {_n(history['awards'])} khen thưởng, "
            f"{_n(history['initiatives'])} sáng kiến, {_n(history['disciplines'])} kỷ luật")
        cycle = build_movements(seed=seed)
        say(f"Kế hoạch: {_n(cycle['plans'])}, phong trào: {_n(cycle['movements'])}, đăng ký thi đua: {_n(cycle['registrations'])}")
        # Made after the history: the history picks its scripted people among those without an account.
        history["ratings"] += _city_chairman(n_people)
        n_people, n_rows = n_people + 1, n_rows + 1
        more_users, more_memberships = _accounts(only=_YEAREND_ACCOUNTS)
        n_users, n_memberships = n_users + more_users, n_memberships + more_memberships
        councils = build_councils()
        say("Hội đồng Thi đua - Khen thưởng: " + ", ".join(f"{_UNIT_NAMES[code]} {n} thành viên" for code, n in councils.items()))
        started = time.perf_counter()
        yearend = build_yearend(keep_out=set(history.get("planted", {}).values()))
        say(f"Tổng kết năm 2025 (Phú Lương, Yên Nghĩa): {_n(yearend['dossiers'])} hồ sơ, {_n(yearend['lines'])} dòng đề nghị, "
            f"quyết định khen thưởng {_n(yearend['awards'])} cá nhân, tập thể, trong {_seconds(time.perf_counter() - started)} giây "
            f"(tạo tệp quyết định, giấy khen: {_seconds(yearend['render_seconds'])} giây)")
        from .clusters import build_clusters

        clusters = build_clusters(seed=seed)
        say(f"Cụm, khối thi đua: {_n(clusters['clusters'])}, {_n(clusters['scores'])} điểm chấm, "
            f"{_n(clusters['lines'])} dòng đề nghị khen thưởng")
        from .initiatives import build_initiatives

        ini = build_initiatives(seed=seed, keep_out=set(history.get("planted", {}).values()))
        say(f"Sáng kiến năm {review_year_text()}: {_n(ini['councils'])} Hội đồng sáng kiến, {_n(ini['recognised'])} sáng kiến công nhận thêm, "
            f"{_n(ini['path'])} sáng kiến theo từng bước, {_n(ini['reports'])} báo cáo áp dụng")
        from .exemplars import build_exemplars

        ex = build_exemplars(seed=seed)
        say(f"Điển hình tiên tiến năm {review_year_text()}: {_n(ex['exemplars'])} đề xuất hằng tháng, {_n(ex['missed'])} tháng "
            f"thiếu, {_n(ex['commended'])} khen thưởng đột xuất, {_n(ex['published'])} câu chuyện công bố")
        from .portal import build_portal

        citizens = build_portal()
        say(f"Cổng thông tin: {_n(citizens['proposals'])} đề xuất người tốt, việc tốt của người dân "
            f"(mã theo dõi: {', '.join(citizens['codes'][:3])}, …)")
    active = sum(1 for n in plan.nodes if n.valid_to is None)
    return {
        "units": n_units,
        "active_units": active,
        "people": n_people,
        "employments": n_rows,
        "users": n_users,
        "memberships": n_memberships,
        **history,
        "yearend": yearend,
    }


def _city_chairman(n_people):
    """The chairman of the city's People's Committee, who signs the city's decisions and chairs its council: a person
    of his own (the generated staff of the city's office has no chairman), coded after everyone else."""
    from org.models import Employment
    from records.models import Rating, RatingLevel

    name, gender, position, birth, start = CITY_CHAIRMAN
    office = Unit.objects.get(code="HN-VP")
    p = Person.objects.create(code=f"CB{n_people + 1:06d}", full_name=name, gender=gender, birth_date=birth,
                              position=position, unit=office)
    Employment.objects.create(person=p, unit=office, position=position, start=start)
    # Rated each year he has worked, like everyone (his seat's 2026 review is under way as theirs).
    levels = {y: RatingLevel.HTXSNV for y in range(start.year, 2026)} | {2026: RatingLevel.HTTNV}
    Rating.objects.bulk_create([Rating(person=p, year=y, level=lv) for y, lv in levels.items()])
    return len(levels)


def _seconds(seconds) -> str:
    return f"{seconds:.1f}".replace(".", ",")


def _n(number) -> str:
    return f"{number:,}".replace(",", ".")


def _refuse_unless_empty():
    units = Unit.objects.count()
    if units:
        raise DatabaseNotEmpty(
            f"Cơ sở dữ liệu đã có {_n(units)} đơn vị. Dữ liệu mẫu chỉ được nạp vào cơ sở dữ liệu trống: "
            "hãy dùng một cơ sở dữ liệu mới (đặt DATABASE_URL rồi chạy “tdkt migrate”)."
        )
    taken = list(get_user_model().objects.filter(username__in=[a[0] for a in _ACCOUNTS])
                 .order_by("username").values_list("username", flat=True))
    if taken:
        raise DatabaseNotEmpty(
            f"Đã có tài khoản {', '.join(taken)}. Dữ liệu mẫu chỉ được nạp vào cơ sở dữ liệu trống."
        )


def _accounts(*, only=None, exclude=()) -> tuple[int, int]:
    User = get_user_model()
    password = make_password(settings.DEMO_PASSWORD)  # hashed once: argon2 is slow on purpose
    units = {u.code: u for u in Unit.objects.filter(code__in={a[2] for a in _ACCOUNTS})}
    memberships = 0
    made = [a for a in _ACCOUNTS if (only is None or a[0] in only) and a[0] not in exclude]
    for username, role, unit_code, who, _shown in made:
        person = None
        if who:
            candidates = Person.objects.filter(unit__code=who[0]).exclude(full_name=people.SPECIAL_NAME)
            person = candidates.filter(position=who[1]).order_by("code").first() or candidates.order_by("code").first()
        superuser = role == Role.ADMIN
        user = User(username=username, password=password, full_name=person.full_name if person else "Quản trị hệ thống",
                    person=person, is_superuser=superuser, is_staff=superuser)
        user.save()
        Membership.objects.create(user=user, unit=units[unit_code], role=role)
        memberships += 1
    return len(made), memberships
