"""The demo's councils (Hội đồng Thi đua - Khen thưởng): each is set up by its establishing decision, entered through
the standing office's action as a clerk would. Most members vote on screen with a demo account; each council has
one member without an account (votes on paper: the chairman, whose own account signs the decisions, is not linked to
his seat), and Phú Lương a secretary who is not a member."""

from datetime import date

from django.contrib.auth import get_user_model

from council import actions
from council.models import CouncilRole, EstablishmentKind
from org.models import Person, Unit

R = CouncilRole

# authority: (office account, number, signed on, in force from, kind, issuer,
#             [(account or None, person (unit code, position) or None, name, role, job title (None: the person's))])
COUNCILS = {
    "HN": ("sonoivu", "4125/QĐ-UBND", date(2025, 8, 5), date(2025, 8, 5), EstablishmentKind.REORGANISE,
           "Chủ tịch UBND Thành phố Hà Nội", [
               (None, "chutich.thanhpho", "", R.CHAIR, "Chủ tịch UBND Thành phố"),
               ("hoidong.thanhpho", None, "", R.STANDING_VICE, "Giám đốc Sở Nội vụ"),
               ("hoidong.thanhpho2", None, "", R.MEMBER_SECRETARY, "Trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ"),
               ("hoidong.thanhpho3", None, "", R.MEMBER, "Giám đốc Sở Giáo dục và Đào tạo"),
           ]),
    "HN-PLU": ("vp.phuluong", "125/QĐ-UBND", date(2025, 7, 15), date(2025, 7, 15), EstablishmentKind.ESTABLISH,
               "Chủ tịch UBND phường Phú Lương", [
                   (None, "chutich", "", R.CHAIR, "Chủ tịch UBND phường"),
                   ("hoidong", None, "", R.STANDING_VICE, "Phó Chủ tịch UBND phường"),
                   ("hoidong2", None, "", R.MEMBER, None),
                   ("hoidong3", None, "", R.MEMBER, None),
                   (None, "vp.phuluong", "", R.SECRETARY, "Chuyên viên Văn phòng HĐND và UBND phường"),
               ]),
    "HN-YN": ("vp.yennghia", "118/QĐ-UBND", date(2025, 7, 14), date(2025, 7, 14), EstablishmentKind.ESTABLISH,
              "Chủ tịch UBND phường Yên Nghĩa", [
                  (None, ("HN-YN-VP", "Chủ tịch UBND phường"), "", R.CHAIR, "Chủ tịch UBND phường"),
                  ("hoidong.yennghia", None, "", R.STANDING_VICE, "Phó Chủ tịch UBND phường"),
                  ("hoidong.yennghia2", None, "", R.MEMBER, None),
                  ("hoidong.yennghia3", None, "", R.MEMBER_SECRETARY, "Công chức Văn phòng - Thống kê, Thư ký Hội đồng"),
              ]),
}


def _person(spec, users):
    if spec is None:
        return None
    if isinstance(spec, str):  # the person behind a demo account, without linking the account
        return users[spec].person
    unit_code, position = spec
    return (Person.objects.filter(unit__code=unit_code, position=position).order_by("code").first()
            or Person.objects.filter(unit__code=unit_code).order_by("code").first())


def build_councils() -> dict:
    """Enter every demo council's establishing decision; returns {authority code: members}."""
    names = {c[0] for c in COUNCILS.values()} | {s[0] for c in COUNCILS.values() for s in c[6] if s[0]} \
        | {s[1] for c in COUNCILS.values() for s in c[6] if isinstance(s[1], str)}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names).select_related("person")}
    made = {}
    for code, (office, number, signed_on, valid_from, kind, issuer, seats) in COUNCILS.items():
        rows = []
        for account, person_spec, name, role, job in seats:
            u = users.get(account) if account else None
            person = _person(person_spec, users) or (u.person if u else None)
            if job is None:  # as the person's work reads
                job = f"{person.position}, {person.unit.name}"
            rows.append({"full_name": name or (person.full_name if person else u.display_name), "role": role,
                         "job_title": job, "user": u, "person": person, "term_from": None, "term_to": None})
        actions.establishment_save(acting_user=users[office], authority=Unit.objects.get(code=code), kind=kind,
                                   number=number, signed_on=signed_on, issuer=issuer, valid_from=valid_from, seats=rows)
        made[code] = sum(1 for r in rows if r["role"] != R.SECRETARY)
    return made
