"""The eligible list as a clerk works through it (issue 15, item 7): a search by name or code without accents, every
link that keeps the other filters, "select all" of the filtered set across pages feeding "Đưa vào hồ sơ đề nghị"
(lines of a dossier being drawn up, through dossiers.actions.lines_add), and the Excel export of what the filters
keep."""

import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dossiers import actions as dossier_actions
from dossiers.models import Line
from records.models import Rating
from tdkt.testing import person

pytestmark = pytest.mark.django_db

Y = 2024
LIST = reverse("eligibility:unit")


@pytest.fixture
def school(world):
    """60 people in ward A's school (three pages of 25), all rated in 2024, and two in ward B."""
    people = [person(f"S{i:03d}", f"Đỗ Văn Sơn{i:03d}", world.school_a) for i in range(60)]
    for p in [*people, world.thinh, world.person_b]:
        Rating.objects.create(person=p, year=Y, level="HTTNV")
    return people


@pytest.fixture
def dossier(world):
    return dossier_actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_a,
                                          year=Y, title=f"Đề nghị khen thưởng tổng kết năm {Y}")


def _hrefs(body):
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', body)]


def _params(href):
    return {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}


def _rows(body):
    table = body[body.index("<tbody>"):body.index("</tbody>")]
    return re.findall(r"<small>([A-Z0-9]+)</small>", table)


def test_a_name_typed_without_accents_finds_the_person_in_the_award_list_and_the_matrix(as_user, world, school):
    client = as_user("officer_a")
    body = client.get(LIST, {"unit": world.ward_a.pk, "year": Y, "award": "LDTT", "q": "do van son012"}).content.decode()
    assert _rows(body) == ["S012"]
    assert "1 kết quả" in body
    # By code, in the matrix of every award.
    body = client.get(LIST, {"unit": world.ward_a.pk, "year": Y, "q": "s04"}).content.decode()
    matrix = body[body.index("<tbody>"):body.index("</tbody>")]
    assert sorted(re.findall(r"S04\d", matrix)) == [f"S04{i}" for i in range(10)]
    assert "Nguyễn Thị Thịnh" not in matrix
    # Nothing found says what was looked for.
    body = client.get(LIST, {"unit": world.ward_a.pk, "year": Y, "award": "LDTT", "q": "khong ai ten nay"}).content.decode()
    assert "Không có kết quả nào có tên hoặc mã “khong ai ten nay”." in body


def test_a_search_outside_the_unit_finds_nobody(as_user, world, school):
    body = as_user("officer_a").get(LIST, {"unit": world.ward_a.pk, "year": Y, "award": "LDTT", "q": "pham minh duc"}).content.decode()
    assert _rows(body) == []


def test_every_filter_link_and_the_pager_keep_the_other_filters(as_user, world, school):
    client = as_user("specialist")
    filters = {"unit": str(world.ward_a.pk), "year": str(Y), "award": "LDTT", "status": "eligible", "q": "son"}
    body = client.get(LIST, filters).content.decode()
    assert "60 kết quả" in body  # the school's 60 "Sơn", not Thịnh
    hrefs = [h for h in _hrefs(body) if h.startswith("?") or h.startswith(LIST) or h.startswith(reverse("eligibility:unit_export"))]
    pager = [h for h in hrefs if "page=" in h]
    export = [h for h in hrefs if h.startswith(reverse("eligibility:unit_export"))]
    assert pager and export
    for h in pager + export:
        got = _params(h)
        for key, value in filters.items():
            assert got.get(key) == value, (h, key)
    # The second page is the same list, further on.
    second = client.get(LIST, {**filters, "page": 2}).content.decode()
    assert _rows(second)[0] == "S025" and "Nguyễn Thị Thịnh" not in second
    # "Back to every award" keeps the unit, the year and the search; the summary's links keep them too.
    overview = [h for h in hrefs if h.startswith("?") and "award" not in _params(h) and "page" not in _params(h)]
    assert overview and all(_params(h).get("q") == "son" and _params(h).get("unit") == filters["unit"] for h in overview)
    matrix = client.get(LIST, {"unit": world.ward_a.pk, "year": Y, "q": "son"}).content.decode()
    award_links = [h for h in _hrefs(matrix) if "award=" in h]
    assert award_links and all(_params(h)["q"] == "son" and _params(h)["year"] == str(Y) for h in award_links)


def test_a_unit_picked_keeps_the_award_the_result_the_registration_filter_and_the_search(as_user, world, school):
    body = as_user("specialist").get(reverse("eligibility:unit_picker"), {
        "uq": "truong thcs", "year": Y, "award": "LDTT", "status": "eligible", "reg": "registered", "q": "son"},
        headers={"HX-Request": "true"}).content.decode()
    link = next(h for h in _hrefs(body) if f"unit={world.school_a.pk}" in h)
    assert _params(link) == {"unit": str(world.school_a.pk), "year": str(Y), "award": "LDTT", "status": "eligible",
                             "reg": "registered", "q": "son"}
    # The page the link opens is the school's list of that award and search.
    body = as_user("specialist").get(link).content.decode()
    assert "Trường THCS Phú Lương" in body and _rows(body)[0] == "S000"


def test_select_all_takes_every_page_of_the_filtered_list_into_the_dossier(as_user, world, school, dossier):
    client = as_user("officer_a")
    filters = {"unit": world.ward_a.pk, "year": Y, "award": "LDTT", "status": "eligible", "q": "son"}
    body = client.get(LIST, filters).content.decode()
    assert "Chọn tất cả <b>60</b> kết quả đang lọc (cả 3 trang)" in body
    assert f'<option value="{dossier.pk}" selected>' in body  # the only dossier being drawn up: chosen already
    r = client.post(f"{reverse('eligibility:propose')}?unit={world.ward_a.pk}&year={Y}&award=LDTT&status=eligible&q=son&page=2",
                    {"all": "1", "dossier": dossier.pk})
    assert r.status_code == 302
    back = _params(r["Location"])
    assert back == {"unit": str(world.ward_a.pk), "year": str(Y), "award": "LDTT", "status": "eligible", "q": "son",
                    "page": "2", "dossier": str(dossier.pk)}
    lines = Line.objects.filter(dossier=dossier)
    assert lines.count() == 60
    assert {ln.person.code for ln in lines} == {f"S{i:03d}" for i in range(60)}  # Thịnh is not "son"
    assert {ln.award_type.code for ln in lines} == {"LDTT"} and {ln.source for ln in lines} == {"eligibility"}
    page = client.get(r["Location"]).content.decode()
    assert "Đã đưa 60 dòng “Lao động tiên tiến” vào hồ sơ" in page
    assert page.count(">đã có</span>") == 25 and 'name="pick"' not in page  # every row of the page is held now
    # Selecting everyone again adds nobody twice, and says so.
    r = client.post(f"{reverse('eligibility:propose')}?unit={world.ward_a.pk}&year={Y}&award=LDTT&status=eligible&q=son",
                    {"all": "1", "dossier": dossier.pk}, follow=True)
    assert Line.objects.filter(dossier=dossier).count() == 60
    assert any("đã có 60 dòng “Lao động tiên tiến”" in str(m) and "không thêm lần nữa" in str(m) for m in r.context["messages"])


def test_the_ticks_of_a_page_are_taken_and_nobody_outside_the_list(as_user, world, school, dossier):
    client = as_user("officer_a")
    picked = [school[3].pk, school[4].pk, world.person_b.pk]  # ward B's person is not on ward A's list
    client.post(f"{reverse('eligibility:propose')}?unit={world.ward_a.pk}&year={Y}&award=LDTT",
                {"pick": [str(i) for i in picked], "dossier": dossier.pk})
    assert sorted(Line.objects.filter(dossier=dossier).values_list("person__code", flat=True)) == ["S003", "S004"]


def test_nothing_ticked_or_no_dossier_chosen_is_said_and_nothing_added(as_user, world, school, dossier):
    client = as_user("officer_a")
    url = f"{reverse('eligibility:propose')}?unit={world.ward_a.pk}&year={Y}&award=LDTT"
    r = client.post(url, {"dossier": dossier.pk}, follow=True)
    assert any("Chưa chọn người hay tập thể nào" in str(m) for m in r.context["messages"])
    r = client.post(url, {"all": "1"}, follow=True)
    assert any(f"Chọn hồ sơ đề nghị năm {Y} đang lập để đưa vào." == str(m) for m in r.context["messages"])
    assert not Line.objects.exists()


def test_another_wards_dossier_is_not_offered_nor_taken(as_user, world, school):
    theirs = dossier_actions.dossier_create(acting_user=world.users["officer_b"], unit=world.ward_b, authority=world.ward_b,
                                            year=Y, title="Hồ sơ của phường Yên Nghĩa")
    client = as_user("officer_a")
    body = client.get(LIST, {"unit": world.ward_a.pk, "year": Y, "award": "LDTT"}).content.decode()
    assert f'value="{theirs.pk}"' not in body
    assert "Chưa có hồ sơ đề nghị năm 2024 đang lập" in body
    client.post(f"{reverse('eligibility:propose')}?unit={world.ward_a.pk}&year={Y}&award=LDTT", {"all": "1", "dossier": theirs.pk})
    assert not Line.objects.exists()


def test_the_export_follows_the_search_and_the_result(as_user, world, school):
    client = as_user("officer_a")
    body = client.get(LIST, {"unit": world.ward_a.pk, "year": Y, "award": "LDTT", "status": "eligible", "q": "son00"}).content.decode()
    export = next(h for h in _hrefs(body) if h.startswith(reverse("eligibility:unit_export")))
    ws = load_workbook(io.BytesIO(client.get(export).content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in rows) == [f"S00{i}" for i in range(10)]
    assert {r[5] for r in rows} == {"Lao động tiên tiến"} and {r[6] for r in rows} == {"Đủ"}
