"""The exemplars' demo: a year of monthly exemplary models (điển hình tiên tiến, người tốt việc tốt) of the year under
review, from the units of Phú Lương and Yên Nghĩa to their wards and from the wards and the city's departments to the
city, with missed months (Trường THCS Phú Lương in March, Phường Yên Nghĩa in May, and some at random), proposals
returned with a reason (some mended and accepted, some not), some sent late, this month's partly sent; a few
commended on the spot (Giấy khen lines in the ward's ad hoc dossier) and published with photos made with Pillow.

The year's rows are written in bulk with their timeline (the dates of each step within its month); the commended and
published stories go through the exemplars' own actions.
"""

import io
import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from org.models import Person, Unit

# What a unit's people did: (title, story). The stories hold nothing private (no phone, e-mail, ID, birth date).
DEEDS = [
    ("Nhặt được tài sản trả lại người đánh rơi",
     "Nhặt được chiếc ví có tiền và giấy tờ tùy thân, đã nhờ Công an phường tìm và trả lại người đánh rơi ngay trong ngày."),
    ("Hiến máu tình nguyện lần thứ 15",
     "Tham gia hiến máu tình nguyện đều đặn mỗi năm, vận động thêm 12 đoàn viên cùng tham gia ngày hội Giọt hồng."),
    ("Trả kết quả thủ tục hành chính tại nhà cho người cao tuổi",
     "Chủ động mang kết quả chứng thực, xác nhận đến tận nhà cho người cao tuổi, người khuyết tật không tự đi lại được."),
    ("Dạy học miễn phí cho học sinh có hoàn cảnh khó khăn",
     "Mở lớp ôn tập miễn phí các buổi tối cho học sinh có hoàn cảnh khó khăn; cả lớp đều lên lớp với kết quả khá trở lên."),
    ("Cứu người trong vụ cháy nhà dân",
     "Phát hiện đám cháy, nhanh chóng phá cửa đưa hai người già ra ngoài an toàn và dùng bình chữa cháy dập lửa."),
    ("Tổ chức bếp ăn 0 đồng cho bệnh nhân nghèo",
     "Cùng hội viên nấu và phát hàng trăm suất cơm miễn phí mỗi tuần cho bệnh nhân nghèo tại bệnh viện."),
    ("Vận động các hộ hiến đất mở rộng ngõ",
     "Vận động các hộ tự nguyện hiến đất mở rộng ngõ, xe cứu hỏa, cứu thương đã vào được đến từng nhà."),
    ("Trực xuyên đêm cứu sản phụ sinh khó",
     "Trực đêm tại trạm y tế, xử trí kịp thời một ca sinh khó và chuyển tuyến an toàn cho cả mẹ và bé."),
    ("Quyên góp ủng hộ đồng bào vùng lũ",
     "Tổ chức quyên góp tiền, sách vở, quần áo gửi đồng bào vùng lũ các tỉnh phía Bắc, vượt chỉ tiêu được giao."),
    ("Số hóa hồ sơ một cửa của phường",
     "Chủ động quét, số hóa hơn 3.000 hồ sơ lưu trữ, rút ngắn thời gian tra cứu, giải quyết thủ tục cho người dân."),
    ("Giúp học sinh nghèo có xe đạp đến trường",
     "Vận động nhà hảo tâm tặng 30 chiếc xe đạp cho học sinh nghèo vượt khó của trường."),
    ("Giữ gìn vệ sinh môi trường khu dân cư",
     "Tổ chức dọn vệ sinh mỗi sáng Chủ nhật, trồng cây xanh và lắp đèn chiếu sáng cho các ngõ trong khu dân cư."),
    ("Phát hiện, ngăn chặn lừa đảo qua mạng",
     "Kịp thời phát hiện và báo Công an phường ngăn chặn một vụ lừa đảo chuyển tiền qua mạng nhằm vào người cao tuổi."),
    ("Hướng dẫn người dân dịch vụ công trực tuyến",
     "Lập tổ tình nguyện hướng dẫn người dân làm thủ tục trên Cổng dịch vụ công; số hồ sơ trực tuyến của phường tăng rõ rệt."),
]
RETURN_REASONS = [
    "Ghi rõ thời gian, địa điểm và kết quả cụ thể của việc làm.",
    "Bổ sung ảnh và xác nhận của tổ dân phố nơi diễn ra việc làm.",
    "Câu chuyện chưa nêu được tác dụng lan tỏa; đề nghị viết lại ngắn gọn, có số liệu.",
]
PLACES = ["trụ sở {unit}", "địa bàn {unit}", "{unit}"]
# Months every demo reader can point at: (unit code, month) with nothing proposed (the month's number, or the last
# month over when the year has not reached it yet: see ``planted_missed``).
MISSED = {"HN-PLU-THCS": 3, "HN-YN": 5}


def planted_missed(year, today) -> dict:
    """{unit code: the month the demo leaves without a proposal} for ``year`` seen on ``today``."""
    over = 12 if year < today.year else max(1, today.month - 1)
    return {code: min(month, over) for code, month in MISSED.items()}
WARDS = ("HN-PLU", "HN-YN")
OFFICES = {"HN-PLU": "vp.phuluong", "HN-YN": "vp.yennghia", "HN": "sonoivu"}
OFFICERS = {"HN-PLU": "phuluong", "HN-YN": "yennghia", "HN": "sonoivu"}


def _at(day, rng, hour_from=8, hour_to=17):
    return timezone.make_aware(datetime.combine(day, time(rng.randint(hour_from, hour_to - 1), rng.randint(0, 59))))


def photo_bytes(rng, width=480, height=320) -> bytes:
    """A small JPEG: a sky, a ground and a sun in colours of their own."""
    from PIL import Image, ImageDraw

    sky = tuple(rng.randint(90, 200) for _ in range(3))
    ground = tuple(rng.randint(60, 220) for _ in range(3))
    img = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, height * 2 // 3, width, height), fill=ground)
    x = rng.randint(40, width - 120)
    draw.ellipse((x, 30, x + 70, 100), fill=(250, 230, 160))
    for _ in range(3):
        left = rng.randint(0, width - 80)
        draw.rectangle((left, height // 2, left + rng.randint(30, 80), height * 2 // 3), fill=(120, 80, 60))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def build_exemplars(*, seed=2025, today=None) -> dict:
    from core.years import review_year
    from exemplars import compliance, rules
    from exemplars.models import Event, Exemplar

    rng = random.Random(seed * 31 + 16)
    today = today or timezone.localdate()
    year = review_year(today)
    year_rules = rules.rules_of_year(year)
    users = {u.username: u for u in get_user_model().objects.filter(username__in={*OFFICES.values(), *OFFICERS.values()})}
    city = Unit.objects.get(code="HN")
    levels = [city] + list(Unit.objects.filter(code__in=WARDS).order_by("code"))
    owing = {level.pk: compliance.owing_units(level, year, year_rules) for level in levels}
    unit_ids = {u.pk for units in owing.values() for u in units}
    people = {}
    for pk, unit_id in Person.objects.filter(unit_id__in=unit_ids).order_by("unit_id", "id").values_list("id", "unit_id"):
        people.setdefault(unit_id, []).append(pk)
    rows, steps = [], []  # Exemplar rows, and for each the list of (verb, from, to, at, actor, reason)
    last_month = 12 if year < today.year else today.month
    missed = {(code, m) for code, m in planted_missed(year, today).items()}
    for level in levels:
        office = users.get(OFFICES.get(level.code, "sonoivu"))
        for unit in owing[level.pk]:
            officer = users.get(OFFICERS.get(unit.code, "")) or users.get(OFFICERS.get(level.code, "sonoivu"))
            for month in range(1, last_month + 1):
                rule = year_rules[month]
                if rule is None or rule.per_month <= 0 or unit.kind not in rule.unit_kinds \
                        or not rules.active_whole_month(unit, year, month):
                    continue
                current = (year, month) == (today.year, today.month)
                if (unit.code, month) in missed or (not current and rng.random() < 0.04):
                    continue
                if current and rng.random() < 0.55:
                    continue
                n = 2 if rng.random() < 0.12 else 1
                for _ in range(n):
                    rows.append(_one(rng, unit, level, year, month, today, people.get(unit.pk, []), officer, office,
                                     rule, current, steps))
    made = Exemplar.objects.bulk_create(rows, batch_size=500)
    Event.objects.bulk_create([Event(exemplar=e, at=at, actor=actor, verb=verb, from_status=a, to_status=b,
                                     round=rnd, reason=reason)
                               for e, evs in zip(made, steps) for verb, a, b, at, actor, reason, rnd in evs],
                              batch_size=1000)
    shown = _showcase(rng, year, today, users)
    counts = {"exemplars": len(made) + shown["made"], "commended": shown["commended"], "published": shown["published"],
              "missed": sum(len(m.months) for level in levels for m in _missed(level, year, today))}
    return counts


def _missed(level, year, today):
    from exemplars.selectors import missed_months

    return missed_months(level, year, today=today)


def _one(rng, unit, level, year, month, today, people, officer, office, rule, current, steps):
    """One exemplar of ``unit`` for ``month`` in a state drawn at random, with the timeline that led there."""
    from core.text import fold
    from exemplars.models import Exemplar, Status, SubjectKind

    S = Status
    last = rules_last_day(year, month)
    first_day = last.replace(day=1)
    until = min(today, last)
    deed_on = first_day + timedelta(days=rng.randint(0, max(0, (until - first_day).days)))
    title, story = rng.choice(DEEDS)
    if people and rng.random() < 0.7:
        kind, person, outsider = SubjectKind.PERSON, people[rng.randrange(len(people))], ""
    elif rng.random() < 0.5:
        kind, person, outsider = SubjectKind.COLLECTIVE, None, ""
    else:
        kind, person, outsider = SubjectKind.OUTSIDER, None, rng.choice(
            ["Bà Nguyễn Thị Hòa", "Ông Trần Văn Lộc", "Anh Phạm Đức Thắng", "Chị Lê Thu Trang", "Em Đỗ Minh Khôi"])
    created = _at(deed_on + timedelta(days=rng.randint(0, 3)), rng)
    created = min(created, timezone.now() - timedelta(hours=2))
    late = not current and rng.random() < 0.03
    sent = created + timedelta(hours=rng.randint(1, 48))
    if late:
        sent = _at(last + timedelta(days=rule.grace_days + rng.randint(1, 6)), rng)
    sent = min(sent, timezone.now() - timedelta(hours=1))
    draw = rng.random()
    evs = [("create", "", S.DRAFT, created, officer, "", 0), ("submit", S.DRAFT, S.SUBMITTED, sent, officer, "", 1)]
    status, rnd, reason, decided, sent_last = S.SUBMITTED, 1, "", None, sent
    if current:
        if draw < 0.35:
            status = S.DRAFT
            evs, rnd, sent = evs[:1], 0, None
            sent_last = None
        elif draw < 0.55:
            decided = min(sent + timedelta(days=rng.randint(1, 3)), timezone.now())
            status = S.ACCEPTED
            evs.append(("accept", S.SUBMITTED, S.ACCEPTED, decided, office, "", 1))
    elif draw < 0.03:
        decided = sent + timedelta(days=rng.randint(1, 4))
        reason = rng.choice(RETURN_REASONS)
        status = S.RETURNED
        evs.append(("return", S.SUBMITTED, S.RETURNED, decided, office, reason, 1))
    elif draw < 0.12:
        back = sent + timedelta(days=rng.randint(1, 3))
        again = back + timedelta(days=rng.randint(1, 3))
        decided = again + timedelta(days=rng.randint(1, 3))
        evs += [("return", S.SUBMITTED, S.RETURNED, back, office, rng.choice(RETURN_REASONS), 1),
                ("resubmit", S.RETURNED, S.SUBMITTED, again, officer, "", 2),
                ("accept", S.SUBMITTED, S.ACCEPTED, decided, office, "", 2)]
        status, rnd, sent_last = S.ACCEPTED, 2, again
    elif draw < 0.2 and month >= today.month - 2:
        pass  # still waiting for the office
    else:
        decided = sent + timedelta(days=rng.randint(1, 6))
        status = S.ACCEPTED
        evs.append(("accept", S.SUBMITTED, S.ACCEPTED, decided, office, "", 1))
    if decided is not None:
        decided = min(decided, timezone.now())
    steps.append([(v, a, b, min(at, timezone.now()), actor, why, r) for v, a, b, at, actor, why, r in evs])
    place = rng.choice(PLACES).format(unit=unit.name)
    e = Exemplar(unit=unit, authority=level, year=year, month=month, subject_kind=kind, person_id=person,
                 collective=unit if kind == SubjectKind.COLLECTIVE else None, outsider_name=outsider,
                 outsider_about="Người dân trên địa bàn" if outsider else "", title=title, deed_on=deed_on, place=place,
                 story=story, status=status, round=rnd, first_sent_at=sent, sent_at=sent_last,
                 decided_at=decided if status != S.SUBMITTED else None,
                 decided_by=office if decided is not None and status != S.SUBMITTED else None,
                 return_reason=reason if status == S.RETURNED else "", created_by=officer, created_at=created)
    e.search_text = fold(f"{title} {outsider or (unit.name if kind == SubjectKind.COLLECTIVE else '')} {place}")[:700]
    return e


def rules_last_day(year, month):
    from exemplars.rules import last_day

    return last_day(year, month)


# The stories told in full, through the actions: (unit code, person's position contains, title, place, story, photos,
# commend, publish).
SHOWCASE = [
    ("HN-PLU-THCS", "Giáo viên", "Cứu em nhỏ đuối nước ở hồ điều hòa",
     "Hồ điều hòa phường Phú Lương",
     "Chiều thứ Bảy, trên đường về nhà, cô giáo nghe tiếng kêu cứu và lao xuống hồ đưa một em nhỏ bị trượt chân lên "
     "bờ, sơ cứu cho em tỉnh lại rồi cùng người dân đưa em đến trạm y tế. Việc làm của cô được phụ huynh và học sinh "
     "cả trường noi theo.", 2, True, True),
    ("HN-PLU-TYT", "", "Trực xuyên đêm cứu sản phụ sinh khó",
     "Trạm Y tế phường Phú Lương",
     "Đêm mưa lớn, kíp trực của trạm đã xử trí kịp thời một ca sinh khó, giữ ổn định cho sản phụ và chuyển tuyến an "
     "toàn; cả mẹ và bé đều khỏe mạnh.", 2, True, True),
    ("HN-PLU-VP", "", "Trả kết quả thủ tục hành chính tại nhà cho người cao tuổi",
     "Các tổ dân phố phường Phú Lương",
     "Bộ phận một cửa chủ động mang kết quả chứng thực, xác nhận đến tận nhà cho 46 người cao tuổi, người khuyết tật "
     "không tự đi lại được, được người dân ghi nhận.", 1, True, False),
    ("HN-YN-TYT", "", "Tổ chức khám sàng lọc miễn phí cho người cao tuổi",
     "Nhà văn hóa các tổ dân phố phường Yên Nghĩa",
     "Trạm y tế phối hợp Hội Chữ thập đỏ khám sàng lọc, tư vấn sức khỏe miễn phí cho hơn 600 người cao tuổi trên địa "
     "bàn phường.", 1, False, True),
]


def _showcase(rng, year, today, users):
    from exemplars import actions
    from exemplars.models import Exemplar, SubjectKind

    out = {"made": 0, "commended": 0, "published": 0}
    month = today.month if year == today.year else 12
    for i, (code, position, title, place, story, n_photos, commend, publish) in enumerate(SHOWCASE):
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        ward = unit if unit.kind == "commune" else Unit.objects.get(path=unit.path[:-Unit.steplen])
        officer, office = users.get(OFFICERS.get(ward.code)), users.get(OFFICES.get(ward.code))
        if officer is None or office is None:
            continue
        people = Person.objects.filter(unit=unit)
        if position:
            people = people.filter(position__contains=position)
        person = people.order_by("id").first()
        photos = [SimpleUploadedFile(f"anh-{i}-{k}.jpg", photo_bytes(rng), content_type="image/jpeg")
                  for k in range(n_photos)]
        last = rules_last_day(year, month)
        deed_on = max(last.replace(day=1), min(today, last) - timedelta(days=i))
        fields = {"year": year, "month": month, "title": title, "place": place, "story": story, "deed_on": deed_on}
        if person is not None:
            fields.update(subject_kind=SubjectKind.PERSON, person=person)
        else:
            fields.update(subject_kind=SubjectKind.COLLECTIVE, collective=unit)
        e = actions.exemplar_create(acting_user=officer, unit=unit, photos=photos,
                                    caption=f"{title} — {unit.name}", **fields)
        actions.exemplar_submit(acting_user=officer, exemplar=e)
        if commend:
            actions.exemplar_commend(acting_user=office, exemplar=e)
            out["commended"] += 1
        else:
            actions.exemplar_accept(acting_user=office, exemplar=e)
        if publish:
            actions.exemplar_publish(acting_user=office, exemplar=Exemplar.objects.get(pk=e.pk))
            out["published"] += 1
        out["made"] += 1
    return out
