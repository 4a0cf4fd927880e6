"""Initiatives of the year under review on their path, for the demo.

- Phường Phú Lương meets the movement's targets: enough of its people get a grassroots initiative recognised this
  year for the share of staff with one to pass 15%, and more than 70% of the year's initiatives have an application
  report. Phường Yên Nghĩa keeps the history's share (about 6%) and few reports: it misses both.
- Both wards have their initiative council of the year (Phú Lương's deputy chairman, the "hoidong" account, votes on
  the screen; the others' sheets are paper ones the office enters).
- Phú Lương has one initiative at each step, taken through ``initiatives.actions`` so each has its timeline: submitted
  by the officer for two authors, before the council with one vote in, returned with a reason, recognised by the
  council's vote and the chairman's decision with an application report, and one widened by the city to cấp tỉnh.

The people picked as authors are none of the history's scripted people and none with an account, so the eligibility
stories the history plants stay as they are.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q

from core.years import review_year
from documents import nd30
from initiatives import actions
from initiatives.models import Application, Authorship, Initiative, Scope, Status
from org.models import Person, Unit

OFFICER, OFFICE, MEMBER, CITY = "phuluong", "vp.phuluong", "hoidong", "sonoivu"
TARGET_SHARE = Decimal("0.17")   # Phú Lương's share of staff with an initiative recognised in the year
APPLIED = {"HN-PLU": 0.8, "HN-YN": 0.3}

COUNCILS = {
    "HN-PLU": ("25/QĐ-UBND", "Chủ tịch UBND phường Phú Lương", [
        ("Phạm Quốc Toản", "chair", "Chủ tịch UBND phường", None),
        ("Nguyễn Văn Hùng", "vice_chair", "Phó Chủ tịch UBND phường", MEMBER),
        ("Lê Thị Thanh Hà", "secretary", "Công chức Văn phòng - Thống kê", None),
        ("Đỗ Minh Tuấn", "member", "Hiệu trưởng Trường THCS Phú Lương", None),
        ("Trần Thu Hằng", "member", "Trạm trưởng Trạm y tế phường", None),
    ]),
    "HN-YN": ("19/QĐ-UBND", "Chủ tịch UBND phường Yên Nghĩa", [
        ("Nguyễn Đình Khang", "chair", "Chủ tịch UBND phường", None),
        ("Vũ Thị Lan", "secretary", "Công chức Văn phòng - Thống kê", None),
        ("Hoàng Văn Sơn", "member", "Trạm trưởng Trạm y tế phường", None),
    ]),
}

TITLES = [
    "Số hóa hồ sơ thủ tục hành chính tại bộ phận một cửa phường",
    "Tra cứu kết quả giải quyết hồ sơ bằng mã QR cho người dân",
    "Bản đồ số các điểm thu gom rác thải theo tổ dân phố",
    "Nhắc lịch tiêm chủng cho trẻ em qua tin nhắn Zalo của trạm y tế",
    "Sổ theo dõi điện tử hộ nghèo, cận nghèo của phường",
    "Phiếu học tập trực tuyến môn Toán lớp 8",
    "Quy trình tiếp nhận phản ánh kiến nghị qua ứng dụng iHanoi",
    "Mô hình “Tổ dân phố không rác thải nhựa”",
    "Bảng điện tử công khai lịch tiếp công dân",
    "Kho mẫu văn bản dùng chung của Văn phòng HĐND và UBND phường",
]

STORY = {
    "problem": "Người dân phải chờ lâu, hồ sơ giấy dễ thất lạc và khó tra cứu khi cần.",
    "solution": "Chuẩn hóa quy trình, số hóa hồ sơ theo mã và cho tra cứu trên máy tính, điện thoại.",
    "effect_expected": "Rút ngắn thời gian giải quyết, giảm giấy tờ, người dân tra cứu được tại nhà.",
}


def _users():
    return {u.username: u for u in get_user_model().objects.filter(username__in=[OFFICER, OFFICE, MEMBER, CITY])}


def _free_people(ward, year, keep_out, accounts):
    """People of the ward (its subtree) without an initiative recognised in ``year``, none scripted or with an
    account, in a stable order."""
    busy = set(Authorship.objects.filter(initiative__recognized_on__year=year, person__unit__path__startswith=ward.path)
               .values_list("person_id", flat=True))
    return [p for p in Person.objects.filter(unit__path__startswith=ward.path).select_related("unit").order_by("id")
            if p.pk not in busy and p.pk not in keep_out and p.pk not in accounts]


def _councils(users, year):
    made = {}
    for code, (number, issuer, members) in COUNCILS.items():
        unit = Unit.objects.filter(code=code).first()
        if unit is None or users.get(OFFICE) is None:
            continue
        office = users[OFFICE] if code == "HN-PLU" else get_user_model().objects.filter(username="vp.yennghia").first()
        if office is None:
            continue
        made[code] = actions.council_save(acting_user=office, unit=unit, year=year, number=number, signed_on=date(year, 1, 20),
                                          issuer=issuer, members=[{"full_name": n, "role": r, "job_title": j, "user": users.get(u) if u else None}
                                                                  for n, r, j, u in members])
    return made


def _top_up(ward, year, people, rng, council):
    """Recognised initiatives (a team of one or two each) until the ward's share of staff with one reaches the
    target; each with its shares, the council and the chairman's decision."""
    staff = Person.objects.filter(unit__path__startswith=ward.path).count()
    have = (Authorship.objects.filter(initiative__status=Status.RECOGNIZED, initiative__recognized_on__year=year,
                                      person__unit__path__startswith=ward.path).values("person_id").distinct().count())
    need = int(TARGET_SHARE * staff) + 1 - have
    made, k = 0, 0
    day0 = date(year, 10, 1)
    while need > 0 and people:
        team = [people.pop(0)]
        if need > 1 and people and rng.random() < 0.4:
            team.append(people.pop(0))
        k += 1
        i = Initiative.objects.create(
            code=f"SK{year}-{ward.code}-{900 + k:03d}", title=TITLES[k % len(TITLES)],
            unit=team[0].unit if team[0].unit.path.startswith(ward.path) else ward, status=Status.RECOGNIZED,
            scope=Scope.CO_SO, recognized_on=day0 + timedelta(days=rng.randint(0, 60)), recognized_by=nd30.deciding_person(ward),
            decision_number=f"{300 + k}/QĐ-UBND", council=council, round=1, applied_where=team[0].unit.name, **STORY)
        shares = [Decimal(100)] if len(team) == 1 else [Decimal(60), Decimal(40)]
        Authorship.objects.bulk_create([Authorship(initiative=i, person=p, share=s) for p, s in zip(team, shares)])
        need -= len(team)
        made += 1
    return made


def _reports(ward, year, rng):
    """Application reports on the share ``APPLIED`` of the ward's initiatives of the year."""
    ids = list(Initiative.objects.filter(status=Status.RECOGNIZED, recognized_on__year=year)
               .filter(Q(unit__path__startswith=ward.path) | Q(authors__unit__path__startswith=ward.path))
               .exclude(applications__isnull=False).values_list("id", "recognized_on").distinct().order_by("id"))
    share = APPLIED.get(ward.code, 0)
    chosen = [x for x in ids if rng.random() < share]
    Application.objects.bulk_create([
        Application(initiative_id=iid, where=f"Các bộ phận của {nd30.name_in_sentence(ward)}", since=day, reported_on=min(day + timedelta(days=30), date(year, 12, 1)),
                    effect="Áp dụng hiệu quả: giảm thời gian xử lý công việc, người dân hài lòng hơn.") for iid, day in chosen])
    Initiative.objects.filter(pk__in=[iid for iid, _d in chosen]).update(effect_confirmed=True)
    return len(chosen)


def _path(ward, users, people, council):
    """One initiative at each step, through the actions."""
    officer, office, member, city = users.get(OFFICER), users.get(OFFICE), users.get(MEMBER), users.get(CITY)
    if not (officer and office and member and len(people) >= 8):
        return 0

    def submit(title, team, shares, **kw):
        return actions.initiative_submit(acting_user=officer, unit=ward, data={"title": title, **STORY,
                                                                              "applied_where": team[0].unit.name, **kw},
                                         authors=list(zip(team, shares)))

    def vote(i, votes):
        i.refresh_from_db()
        for m, agree in zip(i.council.members.order_by("position"), votes):
            if m.user_id:
                actions.score_enter(acting_user=m.user, initiative=i, agree=agree, comment="Giải pháp thiết thực." if agree else "")
            else:
                actions.score_enter(acting_user=office, initiative=i, agree=agree, member=m)

    today = actions.today()
    submit("Ứng dụng chữ ký số trong gửi, nhận văn bản của tổ dân phố", people[0:2], ["70", "30"])
    i = submit("Hòm thư góp ý điện tử của phường", people[2:3], ["100"])
    actions.review_open(acting_user=office, initiative=i)
    actions.score_enter(acting_user=member, initiative=i, agree=True, comment="Nên nhân rộng.")
    i = submit("Sắp xếp lại kho lưu trữ hồ sơ địa chính", people[3:4], ["100"])
    actions.initiative_return(acting_user=office, initiative=i,
                              reason="Bổ sung số liệu hiệu quả đã đạt được (thời gian tra cứu trước và sau khi áp dụng) và xác nhận của bộ phận áp dụng.")
    i = submit("Phần mềm đặt lịch hẹn làm thủ tục chứng thực", people[4:6], ["50", "50"],
               effect_measured="Thời gian chờ trung bình giảm từ 40 phút xuống 10 phút.", applied_since=date(today.year, 3, 1))
    actions.review_open(acting_user=office, initiative=i)
    vote(i, (True, True, True, False, True))
    actions.initiative_recognize(acting_user=office, initiative=i, decision_number="412/QĐ-UBND", decided_on=today,
                                 recognized_by=nd30.deciding_person(ward))
    actions.application_report(acting_user=officer, initiative=i, where="Bộ phận một cửa phường Phú Lương", since=date(today.year, 3, 1),
                               effect="Giảm 75% thời gian chờ; 1.240 lượt đặt lịch trong 8 tháng.")
    i = submit("Bản đồ số cây xanh, chiếu sáng công cộng của phường", people[6:8], ["60", "40"],
               effect_measured="Phát hiện, xử lý sự cố chiếu sáng trong ngày.", applied_since=date(today.year, 2, 1))
    actions.review_open(acting_user=office, initiative=i)
    vote(i, (True, True, True, True, True))
    actions.initiative_recognize(acting_user=office, initiative=i, decision_number="398/QĐ-UBND", decided_on=today,
                                 recognized_by=nd30.deciding_person(ward))
    if city is not None:
        actions.initiative_widen(acting_user=city, initiative=i, scope=Scope.TINH, decision_number="5120/QĐ-UBND", decided_on=today,
                                 recognized_by="Chủ tịch UBND Thành phố Hà Nội")
    return 5


def build_initiatives(*, seed: int = 2025, keep_out=()) -> dict:
    rng = random.Random(seed * 17 + 3)
    users = _users()
    year = review_year()
    keep_out = set(keep_out)
    accounts = set(get_user_model().objects.filter(person__isnull=False).values_list("person_id", flat=True))
    councils = _councils(users, actions.today().year)
    out = {"councils": len(councils), "recognised": 0, "path": 0, "reports": 0}
    plu = Unit.objects.filter(code="HN-PLU").first()
    if plu is not None:
        people = _free_people(plu, year, keep_out, accounts)
        path_people, people = people[:8], people[8:]
        out["recognised"] = _top_up(plu, year, people, rng, councils.get("HN-PLU"))
        if "HN-PLU" in councils:
            out["path"] = _path(plu, users, path_people, councils["HN-PLU"])
    for code in APPLIED:
        ward = Unit.objects.filter(code=code).first()
        if ward is not None:
            out["reports"] += _reports(ward, year, rng)
    return out
