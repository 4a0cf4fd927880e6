"""A decision issued on the system records the initiatives each award counted (what the engine and the appraisal read
as used): the initiative's page lists the award. An award met another way (rated HTXSNV) records none.
Needs the call to initiatives.usage.counted in dossiers/decide.py (decision_issue)."""

from datetime import date

import pytest
from django.urls import reverse

from decisions.models import Award
from dossiers import decide
from initiatives.models import Authorship, Initiative, Status
from org.models import Person
from records.models import Rating
from tdkt.testing.decisions import waiting_dossier

pytestmark = pytest.mark.django_db

YEAR = 2025


def recognised(code, person, day):
    i = Initiative.objects.create(code=code, title=f"Sáng kiến {code}", unit=person.unit, status=Status.RECOGNIZED, scope="co_so",
                                  recognized_on=day, decision_number="35/QĐ-UBND")
    Authorship.objects.create(initiative=i, person=person, share=100)
    return i


def test_the_award_records_the_initiative_it_counted_and_only_that(world, as_user):
    an = Person.objects.get(code="CB0002")
    Rating.objects.create(person=world.thinh, year=YEAR, level="HTTNV")   # CSTĐCS by her initiative
    Rating.objects.create(person=an, year=YEAR, level="HTXSNV")           # CSTĐCS by his rating
    mine = recognised("SK-T", world.thinh, date(YEAR, 11, 2))
    his = recognised("SK-A", an, date(YEAR, 11, 3))
    d = waiting_dossier(world.ward_a, world.ward_a, YEAR, [(world.thinh, "CSTDCS"), (an, "CSTDCS")])
    decision = decide.decision_issue(acting_user=world.users["chairman"], authority=world.ward_a, dossiers=[d], number="15",
                                     date=date(YEAR + 1, 1, 15), signer_name="Nguyễn Văn Chủ")
    awards = {a.person_id: a for a in decision.awards.all()}
    assert list(awards[world.thinh.pk].initiatives.all()) == [mine]
    assert list(awards[an.pk].initiatives.all()) == []
    assert not his.used_by.exists()
    page = as_user("officer_a").get(reverse("initiatives:detail", args=[mine.pk])).content.decode()
    assert f'href="/quyet-dinh/{decision.pk}/">Chiến sĩ thi đua cơ sở năm {YEAR}</a>' in page
    assert Award.objects.filter(initiatives=mine).count() == 1
