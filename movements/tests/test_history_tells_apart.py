"""History that tells changes apart: a registration save names the lines added and
removed (who, which title), a review keeps its report; and a movement's manual target
is one figure for the whole movement, not a figure per unit."""

import pytest
from django.urls import reverse

from audit.recording import events_for
from registration.models import Registration
from tdkt.testing import person
from tdkt.testing.movements import city_movement
from tdkt.testing.plans import travel
from tdkt.testing.registration import form_url, post_registration

pytestmark = pytest.mark.django_db


def test_registration_history_names_the_lines_added_and_removed(as_user, world, plan):
    client = as_user("officer_a")
    anh = world.thinh.__class__.objects.get(code="CB0003")
    with travel(2022, 1, 20, 9, 0):
        post_registration(client, plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT", f"{anh.pk}:LDTT"],
                          col=[f"{world.office_a.pk}:TTLDXS"])
        # The same number of lines, but one person swapped for a title of another.
        post_registration(client, plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT", f"{anh.pk}:CSTDCS"],
                          col=[f"{world.office_a.pk}:TTLDXS"])
        page = client.get(form_url(plan, world.ward_a)).content.decode()
    reg = Registration.objects.get(plan=plan, unit=world.ward_a)
    last, first = list(events_for(reg).order_by("-at", "-id")[:2])
    assert "Số đăng ký" not in last.changes and "Số lượt đăng ký" not in last.changes
    assert last.changes["Đăng ký thêm"][1] == "Lê Thị Ánh (Giáo viên) — Chiến sĩ thi đua cơ sở"
    assert last.changes["Bỏ đăng ký"][1] == "Lê Thị Ánh (Giáo viên) — Lao động tiên tiến"
    added = first.changes["Đăng ký thêm"][1]
    assert "Nguyễn Thị Thịnh (Chuyên viên) — Lao động tiên tiến" in added and "Văn phòng HĐND và UBND phường Phú Lương — " in added
    assert first.changes["Số lượt đăng ký"] == ["0", "3"]
    # The unit's history on the registration page shows it.
    assert "Bỏ đăng ký" in page and "Lê Thị Ánh (Giáo viên) — Lao động tiên tiến" in page


def test_review_report_is_kept_in_the_movement_history(as_user, world):
    m = city_movement(world)
    client = as_user("specialist")
    client.post(reverse("movements:review_add", args=[m.pk]),
                {"kind": "so_ket", "held_on": "20/12/2023", "report": "Sơ kết 3 năm: 120 sáng kiến được công nhận."})
    event = events_for(m).filter(verb="review").get()
    assert event.changes["Báo cáo, kết quả"] == ["", "Sơ kết 3 năm: 120 sáng kiến được công nhận."]
    assert event.changes["Sơ kết"] == ["", "20/12/2023"]


def test_manual_target_is_one_figure_overall_and_a_dash_per_unit(as_user, world):
    m = city_movement(world)
    client = as_user("specialist")
    client.post(reverse("movements:target_add", args=[m.pk]), {
        "metric": "manual", "label": "Tỷ lệ hộ gia đình văn hóa toàn Thành phố", "threshold": "70", "manual_value": "72"})
    page = client.get(reverse("movements:detail", args=[m.pk]) + "?year=2026").content.decode()
    page = page[:page.index("<h2>Lịch sử</h2>")]  # the targets, not the history that records them
    assert page.count("72%") == 1 and "<strong>72%</strong>" in page
    # Only a whole-movement figure: no per-unit table that would repeat it against each ward.
    assert "Theo đơn vị" not in page
    # With a target computed per unit, the manual target's column reads "—" for each ward.
    person("CB0004", "Đỗ Văn Bình", world.school_a, position="Giáo viên")
    client.post(reverse("movements:target_add", args=[m.pk]), {
        "metric": "initiative_share", "label": "Ít nhất 15% cán bộ có sáng kiến", "threshold": "15"})
    page = client.get(reverse("movements:detail", args=[m.pk]) + "?year=2026").content.decode()
    page = page[:page.index("<h2>Lịch sử</h2>")]
    assert "Theo đơn vị" in page and page.count("72%") == 1
    table = page[page.index('class="list matrix per-unit"'):]
    table = table[:table.index("</table>")]
    for ward in ("Phường Phú Lương", "Phường Yên Nghĩa"):
        row = table[table.index(ward):]
        row = row[:row.index("</tr>")]
        assert row.count('<span class="muted">—</span>') == 1 and "72" not in row
