"""The portal's pages as a visitor reads them: decisions and their awardees searched by name, unit and year; a
movement's targets with their progress; published stories with their photos — and only published ones."""

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.testing.portal import published_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def pub(world):
    return published_world(world)


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def test_the_awardees_are_found_by_name_without_diacritics_by_unit_and_by_year(world, pub):
    c = Client()
    page = text(c.get(reverse("portal:awards"), {"q": "nguyen thi thinh"}))
    assert "Nguyễn Thị Thịnh" in page and "Trần Văn An" not in page and "Lao động tiên tiến" in page
    assert "25/QĐ-UBND" in page and "Văn phòng HĐND và UBND phường Phú Lương" in page
    page = text(c.get(reverse("portal:awards"), {"q": "truong thcs"}))
    assert "Trường THCS Phú Lương" in page and "Tập thể" in page and "Nguyễn Thị Thịnh" not in page
    page = text(c.get(reverse("portal:awards"), {"nam": "2024"}))
    assert "Phạm Minh Đức" in page and "Nguyễn Thị Thịnh" not in page
    page = text(c.get(reverse("portal:awards")))
    assert page.count("Đã bị hủy bỏ") == 1  # Trần Văn An's CSTĐCS, revoked since


def test_a_decisions_page_lists_its_awardees_and_nothing_of_another(world, pub):
    d1, _d2 = pub["decisions"]
    page = text(Client().get(reverse("portal:decision", args=[d1.pk])))
    assert "Quyết định số 25/QĐ-UBND ngày 20/01/2026" in page
    for name in ("Nguyễn Thị Thịnh", "Trần Văn An", "Trường THCS Phú Lương"):
        assert name in page
    assert "Phạm Minh Đức" not in page
    assert "01/02/1980" not in page  # Thịnh's birth date
    assert Client().get(reverse("portal:decision", args=[999999])).status_code == 404


def test_the_awards_page_costs_the_same_queries_however_many_awards(world, pub, django_assert_max_num_queries):
    from decisions.models import Award
    from org.models import Person
    from rulebook.models import AwardType

    d1 = pub["decisions"][0]
    ldtt = AwardType.objects.get(code="LDTT")
    for i in range(120):
        p = Person.objects.create(code=f"X{i:04d}", full_name=f"Người thứ {i}", unit=world.office_a)
        Award.objects.create(award_type=ldtt, person=p, year=2025, decision=d1, source="decision")
    with django_assert_max_num_queries(8):
        page = text(Client().get(reverse("portal:awards")))
    assert "Trang 1 / 3" in page


def test_a_movements_targets_show_their_progress(world, pub):
    page = text(Client().get(reverse("portal:movements")))
    assert "Thi đua đổi mới sáng tạo năm 2026" in page
    assert "Tỷ lệ đơn vị có mô hình mới" in page and "18" in page and "Đạt" in page
    assert "bar-fill is-reached w100" in page
    # Nobody has an initiative recognised this year: 0 % of 15 %, not reached.
    assert "Tỷ lệ cán bộ có sáng kiến được công nhận" in page and "bar-fill w0" in page


def test_only_published_stories_and_their_photos_are_shown(world, pub):
    c = Client()
    story, hidden = pub["story"], pub["hidden"]
    page = text(c.get(reverse("portal:stories")))
    assert "Trả lại ví tiền nhặt được" in page and "Việc chưa công bố" not in page
    page = text(c.get(reverse("portal:story", args=[story.pk])))
    assert "Bùi Văn Tâm" in page and "Chợ Phú Lương" in page
    photo = story.photos.get()
    r = c.get(reverse("portal:story_thumb", args=[photo.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert c.get(reverse("portal:story", args=[hidden.pk])).status_code == 404
    assert c.get(reverse("portal:story_photo", args=[hidden.photos.get().pk])).status_code == 404


def test_the_home_page_shows_each_part_in_a_bounded_number_of_queries(world, pub, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        page = text(Client().get(reverse("portal:home")))
    for seen in ("Thi đua đổi mới sáng tạo năm 2026", "Quyết định số 25/QĐ-UBND", "Trả lại ví tiền nhặt được",
                 "Xác minh bằng khen, giấy khen", "Hiện không có danh sách nào đang công khai lấy ý kiến."):
        assert seen in page


def test_a_targets_figure_is_kept_a_few_minutes_then_counted_again(world, pub, settings):
    from django.core.cache import cache

    from movements.models import MovementTarget

    cache.clear()
    settings.TDKT_PORTAL_PROGRESS_SECONDS = 300
    assert "18%" in text(Client().get(reverse("portal:movements")))
    # A figure changed by the office shows at once (it is part of what the kept figure is kept under).
    MovementTarget.objects.filter(metric="manual").update(manual_value=9)
    page = text(Client().get(reverse("portal:movements")))
    assert "9%" in page and "18%" not in page
    cache.clear()


def test_the_stories_are_paged_twelve_at_a_time(world, pub):
    from django.utils import timezone

    from exemplars.models import Exemplar

    story = pub["story"]
    now = timezone.now()
    for i in range(13):  # 14 published in all
        Exemplar.objects.create(unit=story.unit, authority=story.authority, year=story.year, month=story.month,
                                subject_kind="outsider", outsider_name=f"Người thứ {i}", title=f"Việc tốt số {i:02d}",
                                deed_on=story.deed_on, place="Phú Lương", story="…", status="accepted",
                                published_at=now)
    first = text(Client().get(reverse("portal:stories")))
    second = text(Client().get(reverse("portal:stories"), {"page": 2}))
    assert first.count("class=\"pcard story\"") == 12 and second.count("class=\"pcard story\"") == 2
    assert "14 kết quả" in first
    assert "Việc tốt số 12" in first and "Trả lại ví tiền nhặt được" in second  # newest first
