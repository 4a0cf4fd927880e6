"""Every public page of the portal, over the whole demo city, shows no birth date, identity number, phone number or
e-mail address of any person: not those of the people awarded, nor of the citizens who proposed someone."""

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w/.-])(?:\+84|0)\d(?:[ .-]?\d){8,9}(?![\w/])")
ID_NUMBER = re.compile(r"(?<![\w/.-])(?:\d{9}|\d{12})(?![\w/.-])")


def pages_of(client, url, seen):
    """``url`` and the pages of its pager."""
    first = client.get(url)
    assert first.status_code == 200, url
    yield url, first
    page = first.context.get("page") if first.context else None
    if page is not None and hasattr(page, "paginator"):
        for n in range(2, page.paginator.num_pages + 1):
            more = f"{url}{'&' if '?' in url else '?'}page={n}"
            r = client.get(more)
            assert r.status_code == 200, more
            yield more, r


def every_public_page(client):
    from decisions.models import Award
    from portal import selectors
    from portal.models import CitizenProposal

    seen = set()
    urls = [reverse("portal:home"), reverse("portal:movements"), reverse("portal:awards"), reverse("portal:stories"),
            reverse("portal:propose"), reverse("portal:track_lookup"), reverse("dossiers:public_list"),
            reverse("decisions:verify_lookup"), reverse("portal:awards") + "?q=nguyen"]
    urls += [reverse("portal:decision", args=[d.id]) for d in selectors.published_decisions()]
    urls += [reverse("portal:story", args=[s.id]) for s in selectors.stories()]
    urls += [reverse("portal:track", args=[code]) for code in CitizenProposal.objects.values_list("code", flat=True)]
    urls += [reverse("dossiers:public_detail", args=[d["id"]]) for d in selectors.open_disclosures()]
    urls += [reverse("decisions:verify", args=[code]) for code in
             Award.objects.filter(verify_code__isnull=False).values_list("verify_code", flat=True)[:20]]
    for url in urls:
        yield from pages_of(client, url, seen)


def test_no_public_page_shows_a_persons_birth_date_id_number_phone_or_email(demo):
    from org.models import Person
    from portal.models import CitizenProposal

    people = list(Person.objects.values_list("full_name", "birth_date", "phone", "email"))
    phones = {p[2] for p in people if p[2]} | set(CitizenProposal.objects.values_list("proposer_contact", flat=True))
    emails = {p[3].lower() for p in people if p[3]}
    from portal.models import Status

    # The demo's citizens' proposals are in every state, one made the ward's exemplar.
    assert set(CitizenProposal.objects.values_list("status", flat=True)) == set(Status.values)
    assert CitizenProposal.objects.filter(exemplar__isnull=False).count() == 1 and len(phones) > 5
    # The patterns find what they look for (a test that cannot fail proves nothing).
    assert PHONE.search("gọi 0912 345 678 nhé") and PHONE.search("+84912345678") and EMAIL.search("a.b@example.vn")
    assert ID_NUMBER.search("CCCD 001085012345") and not PHONE.search("191.360.000 đ") and not PHONE.search("02/12/2026")
    client = Client()
    pages = 0
    names_seen = 0
    for url, response in every_public_page(client):
        html = response.content.decode()
        pages += 1
        assert not EMAIL.findall(html), (url, EMAIL.findall(html)[:3])
        assert not PHONE.findall(html), (url, PHONE.findall(html)[:3])
        assert not ID_NUMBER.findall(html), (url, ID_NUMBER.findall(html)[:3])
        for value in phones:
            assert value not in html, (url, value)
        lower = html.lower()
        for value in emails:
            assert value not in lower, (url, value)
        # A person named on the page is shown without their birth date.
        for name, born, _phone, _email in people:
            if born and name in html:
                names_seen += 1
                assert born.strftime("%d/%m/%Y") not in html, (url, name)
    assert pages >= 10 and names_seen > 0
