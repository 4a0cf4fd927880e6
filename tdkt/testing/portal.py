"""The portal's test builders: a citizen's proposal as a person fills it in, a small picture, the answer to the
form's signed question."""

import io

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile


def jpeg(name="anh.jpg", size=(40, 30), color=(200, 40, 40)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def jpeg_file(path, size=(640, 480), color=(40, 120, 200)):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, color)
    ImageDraw.Draw(image).ellipse((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), fill=(250, 210, 60))
    image.save(path, format="JPEG")
    return path


def answer_of(token):
    from portal.challenge import SALT

    data = signing.loads(token, salt=SALT)
    return str(data["a"] + data["b"])


def proposal_data(ward, **over):
    data = {"unit": str(ward.pk), "nominee_name": "Bùi Văn Tâm", "nominee_about": "Xe ôm, tổ dân phố 5",
            "title": "Trả lại ví tiền nhặt được", "deed_on": "02/12/2026", "place": "Chợ Phú Lương",
            "story": "Anh nhặt được ví có 5 triệu đồng và giấy tờ, tìm trả lại người đánh rơi.",
            "proposer_name": "Đỗ Thị Hoa", "proposer_contact": "0912 345 678", "website": ""}
    data.update(over)
    return data


def published_world(world):
    """What the public pages show, on the small city: two issued decisions (Phú Lương 25/QĐ-UBND of 20/01/2026 for
    2025: Nguyễn Thị Thịnh LĐTT, Trần Văn An CSTĐCS — revoked —, Trường THCS Phú Lương TTLĐTT; Yên Nghĩa 7/QĐ-UBND of
    2024: Phạm Minh Đức LĐTT), a launched city movement with a manual target reached (18 % of 15 %) and a live one
    with nothing to count, and a story published by the city with a photo. Returns a dict of them."""
    from datetime import date

    from django.utils import timezone

    from decisions.models import Award, Decision
    from exemplars import actions as exemplar_actions
    from movements import actions as movement_actions
    from org.models import Person
    from rulebook.models import AwardType

    from .movements import city_movement

    types = {t.code: t for t in AwardType.objects.filter(code__in=["LDTT", "CSTDCS", "TTLDTT"])}
    an = Person.objects.get(code="CB0002")
    d1 = Decision.objects.create(authority=world.ward_a, number="25", date=date(2026, 1, 20), year=2025,
                                 subject="Về việc khen thưởng tổng kết năm 2025", signer_name="Lê Văn Chủ",
                                 render_status="done")
    d2 = Decision.objects.create(authority=world.ward_b, number="7", date=date(2025, 1, 15), year=2024,
                                 subject="Về việc khen thưởng tổng kết năm 2024", signer_name="Trần Thị Ký",
                                 render_status="done")
    rows = [(d1, world.thinh, None, "LDTT", None), (d1, an, None, "CSTDCS", date(2026, 3, 1)),
            (d1, None, world.school_a, "TTLDTT", None), (d2, world.person_b, None, "LDTT", None)]
    awards = []
    for i, (d, person, unit, code, revoked) in enumerate(rows):
        awards.append(Award.objects.create(award_type=types[code], person=person, unit=unit, year=d.year, decision=d,
                                           decision_number=d.reference, decision_date=d.date, source="decision",
                                           verify_code=f"PTST{i:04d}", revoked_on=revoked))
    m = city_movement(world, name="Thi đua đổi mới sáng tạo năm 2026", start=date(2026, 1, 1),
                      end=date(2026, 12, 31), content="Mỗi cơ quan có ít nhất một sáng kiến được công nhận.")
    movement_actions.movement_target_add(acting_user=world.users["specialist"], movement=m, metric="manual",
                                         label="Tỷ lệ đơn vị có mô hình mới", threshold=15, manual_value=18)
    movement_actions.movement_target_add(acting_user=world.users["specialist"], movement=m, metric="initiative_share",
                                         label="Tỷ lệ cán bộ có sáng kiến được công nhận", threshold=15)
    today = timezone.localdate()
    e = exemplar_actions.exemplar_create(
        acting_user=world.users["officer_a"], unit=world.ward_a, year=today.year, month=today.month,
        subject_kind="outsider", outsider_name="Bùi Văn Tâm", outsider_about="Lái xe ôm", title="Trả lại ví tiền nhặt được",
        deed_on=today, place="Chợ Phú Lương", story="Anh Tâm nhặt được ví và trả lại người đánh rơi.",
        photos=[jpeg("cho.jpg", size=(320, 240))])
    exemplar_actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=e)
    exemplar_actions.exemplar_accept(acting_user=world.users["specialist"], exemplar=e)
    exemplar_actions.exemplar_publish(acting_user=world.users["specialist"], exemplar=e)
    hidden = exemplar_actions.exemplar_create(
        acting_user=world.users["officer_a"], unit=world.ward_a, year=today.year, month=today.month,
        subject_kind="outsider", outsider_name="Người chưa công bố", title="Việc chưa công bố", deed_on=today,
        place="Phú Lương", story="Chưa công bố.", photos=[jpeg("an.jpg")])
    return {"decisions": (d1, d2), "awards": awards, "movement": m, "story": e, "hidden": hidden}
