"""Movement screens: launching (and who hears of it), the inbox of the levels above,
implementing a higher movement, targets with live values, interim and final reviews."""

from datetime import date

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from movements import actions
from movements.models import Movement, MovementStatus
from notifications.models import Notification
from org.models import Role
from tdkt.testing import person, user
from tdkt.testing.movements import SANG_KIEN, city_movement

pytestmark = pytest.mark.django_db


def movement_body(**over):
    body = {"name": f"“{SANG_KIEN}”", "kind": "thuong_xuyen", "launcher": "Ủy ban nhân dân Thành phố",
            "start": "01/01/2021", "end": "31/12/2025", "content": "Khơi dậy tinh thần sáng tạo.",
            "criteria": "Sáng kiến được công nhận, áp dụng hiệu quả.", "occasions": ""}
    body.update(over)
    return body


@pytest.fixture
def ward_office(world):
    """The ward's own standing office (a specialist of Phường Phú Lương)."""
    world.users["vanphong_a"] = user("vanphong_a", Role.SPECIALIST, world.ward_a, full_name="Văn phòng phường Phú Lương")
    return world.users["vanphong_a"]


def test_specialist_creates_and_launches_officers_below_are_notified(as_user, world, django_capture_on_commit_callbacks):
    client = as_user("specialist")
    url = reverse("movements:create") + f"?unit={world.city.pk}"
    response = client.post(url, movement_body(scope_units=[world.ward_a.pk, world.ward_b.pk]))
    m = Movement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("movements:detail", args=[m.pk])
    assert m.name == SANG_KIEN and m.status == MovementStatus.DRAFT and m.end == date(2025, 12, 31)
    assert set(m.scope_units.all()) == {world.ward_a, world.ward_b}

    # A draft is not seen below, and nobody is told yet.
    assert as_user("officer_a").get(reverse("movements:detail", args=[m.pk])).status_code == 404
    assert as_user("officer_a").post(reverse("movements:launch", args=[m.pk])).status_code == 404
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("movements:launch", args=[m.pk]), follow=True)
    assert "Đã phát động phong trào" in response.content.decode()
    m.refresh_from_db()
    assert m.status == MovementStatus.LAUNCHED and m.launched_at
    told = set(Notification.objects.values_list("user__username", flat=True))
    # Whoever proposes for the wards below (notifications choose by duty, not by a role's name): their officers and
    # ward A's standing office.
    assert told == {"officer_a", "officer_b", "ward_specialist"}
    n = Notification.objects.get(user=world.users["officer_a"])
    assert SANG_KIEN in n.title and n.url == reverse("movements:detail", args=[m.pk])

    # Launching twice is refused with a message.
    body = client.post(reverse("movements:launch", args=[m.pk]), follow=True).content.decode()
    assert "Phong trào đã được phát động." in body


def test_officer_may_not_launch(as_user, world):
    officer = as_user("officer_a")
    assert officer.get(reverse("movements:create") + f"?unit={world.ward_a.pk}").status_code == 404
    assert officer.post(reverse("movements:create") + f"?unit={world.city.pk}", movement_body()).status_code == 404
    assert officer.get(reverse("movements:create")).status_code == 404
    assert not Movement.objects.exists()


def test_movement_form_messages(as_user, world):
    client = as_user("specialist")
    url = reverse("movements:create") + f"?unit={world.city.pk}"
    body = client.post(url, movement_body(name="", start="")).content.decode()
    assert "Chưa nhập tên phong trào." in body and "Chưa nhập ngày bắt đầu." in body
    body = client.post(url, movement_body(start="01/01/2025", end="31/12/2021")).content.decode()
    assert "Ngày kết thúc phải sau ngày bắt đầu." in body
    assert not Movement.objects.exists()


def test_lower_unit_sees_it_in_the_inbox_and_implements_it(as_user, world, ward_office):
    m = city_movement(world)
    officer = as_user("officer_a")
    inbox = officer.get(reverse("movements:inbox")).content.decode()
    assert SANG_KIEN in inbox and "Triển khai tại" not in inbox  # the officer reads, the ward office launches
    assert "Không có phong trào nào của cấp trên." in as_user("specialist").get(reverse("movements:inbox")).content.decode()

    client = as_user("vanphong_a")
    inbox = client.get(reverse("movements:inbox")).content.decode()
    create = reverse("movements:create") + f"?unit={world.ward_a.pk}&amp;parent={m.pk}"
    assert "Triển khai tại Phường Phú Lương" in inbox and create in inbox
    form = client.get(reverse("movements:create") + f"?unit={world.ward_a.pk}&parent={m.pk}").content.decode()
    assert f'value="{SANG_KIEN}"' in form  # starts from the higher movement's name

    response = client.post(reverse("movements:create") + f"?unit={world.ward_a.pk}&parent={m.pk}",
                           movement_body(name=SANG_KIEN, start="01/03/2021", end="31/12/2025", parent=m.pk,
                                         launcher="Ủy ban nhân dân phường Phú Lương"))
    child = Movement.objects.get(unit=world.ward_a)
    assert response.status_code == 302 and child.parent == m
    inbox = client.get(reverse("movements:inbox")).content.decode()
    assert reverse("movements:detail", args=[child.pk]) in inbox and "Triển khai tại" not in inbox
    actions.movement_launch(acting_user=ward_office, movement=child)
    city_page = as_user("specialist").get(reverse("movements:detail", args=[m.pk])).content.decode()
    assert "Phong trào triển khai ở cấp dưới" in city_page and reverse("movements:detail", args=[child.pk]) in city_page


def test_parent_must_be_a_movement_of_the_level_above(as_user, world, ward_office):
    ward_b_movement = actions.movement_create(acting_user=world.users["specialist"], unit=world.ward_b,
                                              name="Phường Yên Nghĩa xanh", kind="chuyen_de", start=date(2026, 1, 1))
    actions.movement_launch(acting_user=world.users["specialist"], movement=ward_b_movement)
    client = as_user("specialist")
    body = client.post(reverse("movements:create") + f"?unit={world.ward_a.pk}",
                       movement_body(parent=ward_b_movement.pk)).content.decode()
    assert "“Phường Yên Nghĩa xanh” không phải phong trào của cấp trên của Phường Phú Lương." in body
    assert not Movement.objects.filter(unit=world.ward_a).exists()


def test_target_shows_its_live_value_overall_and_per_unit(as_user, world):
    m = city_movement(world)
    client = as_user("specialist")
    response = client.post(reverse("movements:target_add", args=[m.pk]), {
        "metric": "initiative_share", "label": "Ít nhất 15% cán bộ có sáng kiến được công nhận cấp cơ sở", "threshold": "15"})
    assert response.status_code == 302
    page = client.get(reverse("movements:detail", args=[m.pk]) + "?year=2026").content.decode()
    assert "Ít nhất 15% cán bộ" in page and "≥ 15%" in page

    # Five people under the city: four in ward A (three from the fixture + one here), one in ward B.
    person("CB0004", "Đỗ Văn Bình", world.school_a, position="Giáo viên")
    i = Initiative.objects.create(code="SK-2026-01", title="Số hóa hồ sơ thi đua", recognized_on=date(2026, 5, 4), scope="co_so")
    i.authors.set([world.thinh])
    page = client.get(reverse("movements:detail", args=[m.pk]) + "?year=2026").content.decode()
    # Overall 1/5 = 20% ≥ 15%: reached. Ward A 1/4 = 25%; ward B 0/1 = 0%.
    assert '<strong>20%</strong>' in page and "Đạt" in page
    assert ">25%<" in page and ">0%<" in page
    # In 2025 nobody had an initiative recognised: 0% is not reached.
    page = client.get(reverse("movements:detail", args=[m.pk]) + "?year=2025").content.decode()
    assert "<strong>0%</strong>" in page and "Chưa đạt" in page

    # The officer of ward A sees the overall figure and only its own ward's row.
    officer_page = as_user("officer_a").get(reverse("movements:detail", args=[m.pk]) + "?year=2026").content.decode()
    assert "<strong>20%</strong>" in officer_page and ">25%<" in officer_page and "Phường Yên Nghĩa" not in officer_page
    assert "Thêm chỉ tiêu" not in officer_page


def test_applied_initiatives_share_and_a_manual_target(as_user, world):
    m = city_movement(world)
    client = as_user("specialist")
    client.post(reverse("movements:target_add", args=[m.pk]), {
        "metric": "initiative_applied", "label": "Ít nhất 70% sáng kiến được áp dụng hiệu quả", "threshold": "70"})
    body = client.post(reverse("movements:target_add", args=[m.pk]), {
        "metric": "manual", "label": "Hộ gia đình văn hóa", "threshold": "120"}).content.decode()
    assert "Chỉ tiêu là một tỷ lệ từ 0 đến 100%." in body
    client.post(reverse("movements:target_add", args=[m.pk]), {
        "metric": "manual", "label": "Hộ gia đình văn hóa", "threshold": "90", "manual_value": "92,5"})
    page = client.get(reverse("movements:detail", args=[m.pk]) + "?year=2026").content.decode()
    assert "chưa có số liệu" in page  # no initiative recognised in 2026 yet
    assert "<strong>92,5%</strong>" in page
    for code, applied in [("SK1", True), ("SK2", True), ("SK3", False)]:
        i = Initiative.objects.create(code=code, title=code, recognized_on=date(2026, 3, 1), scope="co_so", effect_confirmed=applied)
        i.authors.set([world.thinh])
    page = client.get(reverse("movements:detail", args=[m.pk]) + "?year=2026").content.decode()
    assert "<strong>66,7%</strong>" in page  # 2 of 3 applied, below 70%


def test_interim_and_final_reviews_are_recorded(as_user, world):
    m = city_movement(world)
    client = as_user("specialist")
    url = reverse("movements:review_add", args=[m.pk])
    body = client.post(url, {"kind": "so_ket", "held_on": "15/12/2020", "report": "Sớm quá"}).content.decode()
    assert "Ngày sơ kết, tổng kết phải sau ngày bắt đầu phong trào." in body
    assert client.post(url, {"kind": "so_ket", "held_on": "20/12/2023", "report": "Sơ kết 3 năm: 120 sáng kiến."}).status_code == 302
    page = client.get(reverse("movements:detail", args=[m.pk])).content.decode()
    assert "20/12/2023" in page and "Sơ kết 3 năm: 120 sáng kiến." in page
    client.post(url, {"kind": "tong_ket", "held_on": "25/12/2025", "report": "Tổng kết giai đoạn 2021–2025."})
    m.refresh_from_db()
    assert m.status == MovementStatus.CLOSED and m.reviews.count() == 2
    page = as_user("officer_a").get(reverse("movements:detail", args=[m.pk])).content.decode()
    assert "Tổng kết giai đoạn 2021–2025." in page and "Đã tổng kết" in page
    assert as_user("officer_a").post(url, {"kind": "so_ket", "held_on": "01/01/2026", "report": "x"}).status_code == 404


def test_draft_cannot_be_reviewed(as_user, world):
    m = city_movement(world, launch=False)
    body = as_user("specialist").post(reverse("movements:review_add", args=[m.pk]), {
        "kind": "so_ket", "held_on": "01/06/2021", "report": "x"}).content.decode()
    assert "Phong trào chưa được phát động." in body


def test_movement_list_and_filters(as_user, world):
    city_movement(world)
    city_movement(world, name="Xóa nhà tạm, nhà dột nát", kind="dac_biet", start=date(2024, 1, 1), end=date(2024, 12, 31))
    client = as_user("officer_a")
    page = client.get(reverse("movements:list")).content.decode()
    assert SANG_KIEN in page and "Xóa nhà tạm, nhà dột nát" in page
    page = client.get(reverse("movements:list") + "?kind=dac_biet").content.decode()
    assert SANG_KIEN not in page and "Xóa nhà tạm, nhà dột nát" in page
    page = client.get(reverse("movements:list") + "?year=2026").content.decode()
    assert SANG_KIEN in page and "Xóa nhà tạm, nhà dột nát" not in page
    assert "Cấp trên phát động" in page
