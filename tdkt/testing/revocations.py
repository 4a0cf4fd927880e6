"""Builders of the revocation tests: awards on record, a draft prepared by the standing office from the chain it was
shown, and the signer's decision."""

from datetime import date

from decisions.chain import chain
from decisions.models import Award
from decisions.revocation import award_revoke, revocation_prepare
from rulebook.models import AwardType

from . import person as make_person


def give(recipient, code, year, *, amount=None, number="", day=None):
    """An award on record (historical: no decision of the system) for ``recipient`` (a Person or a Unit)."""
    from org.models import Person

    field = "person" if isinstance(recipient, Person) else "unit"
    return Award.objects.create(award_type=AwardType.objects.get(code=code), year=year, amount=amount,
                                decision_number=number, decision_date=day, **{field: recipient})


def members(unit, n, prefix="TV"):
    """``n`` more people working in ``unit`` since 2020."""
    return [make_person(f"{prefix}{unit.pk:03d}{i:02d}", f"Thành viên {i} {unit.name}", unit) for i in range(1, n + 1)]


def prepare(user, award, *, ground="b", reason="Hồ sơ kê khai sai sự thật.", lines=None):
    """The standing office's draft, confirming the chain as the preview showed it (with ``lines`` applied)."""
    lines = lines or {}
    choices = {pk: v["included"] for pk, v in lines.items() if "included" in v}
    seen = chain(award, choices=choices).signature()
    return revocation_prepare(acting_user=user, award=award, ground=ground, reason=reason, seen=seen, lines=lines)


def sign(user, revocation, *, number="30", day=date(2026, 3, 2), signer_name="Nguyễn Văn Chủ", **kw):
    return award_revoke(acting_user=user, revocation=revocation, number=number, date=day, signer_name=signer_name, **kw)


def revoke(world, award, *, ground="b", reason="Hồ sơ kê khai sai sự thật.", lines=None, office="ward_specialist",
           signer="chairman", **kw):
    """Prepared by the ward's office, signed by the ward's chairman."""
    draft = prepare(world.users[office], award, ground=ground, reason=reason, lines=lines)
    return sign(world.users[signer], draft, **kw)
