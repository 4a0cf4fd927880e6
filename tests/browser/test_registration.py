"""Registration in the browser: the ward officer registers the ward's people (a list of
~150, filtered) and sends it; the city's standing office sees it in the consolidated view
and downloads it in Excel and Word."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from org.models import Employment, Person
from plans import actions
from registration.models import Registration, RegistrationStatus

pytestmark = pytest.mark.browser

GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Khánh", "Lan", "Linh", "Long", "Mai",
         "Minh", "Nam", "Ngọc", "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tú"]
FAMILY = ["Nguyễn Văn", "Trần Thị", "Lê Minh", "Phạm Thu", "Hoàng Đức", "Vũ Thị"]


def add_people(unit, n, start=500):
    people = []
    for i in range(n):
        p = Person(code=f"CB{start + i:04d}", full_name=f"{FAMILY[i % len(FAMILY)]} {GIVEN[i % len(GIVEN)]}", unit=unit,
                   position="Giáo viên")
        p.fill_derived()
        people.append(p)
    Person.objects.bulk_create(people)
    Employment.objects.bulk_create([Employment(person=p, unit=unit, position=p.position, start=timezone.localdate() - timedelta(days=900))
                                    for p in Person.objects.filter(code__in=[p.code for p in people])])


@pytest.fixture
def open_plan(live_world):
    """A published city plan of this year whose registration closes in 20 days."""
    w = live_world
    sp = w.users["specialist"]
    today = timezone.localdate()
    plan = actions.plan_create(acting_user=sp, unit=w.city, year=today.year, number="12/KH-HĐTĐKT", issued_on=today,
                               issuer="Hội đồng Thi đua - Khen thưởng thành phố Hà Nội",
                               title=f"Kế hoạch công tác thi đua, khen thưởng năm {today.year}",
                               recipients="UBND Thành phố\nUBND các phường, xã", signer_name="Nguyễn Văn Phong")
    actions.milestone_add(acting_user=sp, plan=plan, title="Các đơn vị gửi đăng ký thi đua", kind="registration",
                          due_on=today + timedelta(days=20))
    add_people(w.school_a, 150)
    return actions.plan_publish(acting_user=sp, plan=plan)


def test_ward_officer_registers_and_the_standing_office_sees_it(page, login, open_plan, live_world, shot):
    w, plan = live_world, open_plan
    login("officer_a")
    page.get_by_role("link", name="Đăng ký thi đua").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký thi đua")
    card = page.locator(".regplan", has_text="12/KH-HĐTĐKT")
    expect(card).to_contain_text("Phường Phú Lương")
    expect(card).to_contain_text("Chưa đăng ký")
    shot(page, "1-index")
    card.get_by_role("link", name="Đăng ký", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Đăng ký thi đua năm {plan.year} — Phường Phú Lương")
    expect(page.locator("#reg-status")).to_contain_text("Đang mở")
    # 153 people, 100 a page; the column heads are short, the full names in the legend.
    rows = page.locator("#reg-people tbody tr")
    expect(rows).to_have_count(100)
    expect(page.locator("#reg-people-card")).to_contain_text("Trang 1 / 2")
    expect(page.locator("#reg-people thead")).to_contain_text("LĐTT")
    expect(page.locator("#reg-people-card .legend")).to_contain_text("LĐTT: Lao động tiên tiến")
    heads = page.locator("#reg-people thead th.check")
    for i in range(heads.count()):  # one line each at 1366×768 (no header wrapped to four lines)
        box = heads.nth(i).bounding_box()
        assert box["height"] < 60, heads.nth(i).inner_text()
    shot(page, "2-form")

    # Filter the long list on the server (without diacritics), tick and save; the filter stays.
    box = page.get_by_placeholder(re.compile("Tên hoặc mã cán bộ"))
    box.fill("nguyen thi thinh")
    page.get_by_role("button", name="Lọc").click()
    expect(rows).to_have_count(1)
    page.get_by_label("Nguyễn Thị Thịnh — Lao động tiên tiến").check()
    page.get_by_label("Nguyễn Thị Thịnh — Chiến sĩ thi đua cơ sở").check()
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".msg-success")).to_contain_text("Đã lưu bản nháp (2 lượt cá nhân, 0 lượt tập thể)")
    expect(rows).to_have_count(1)
    shot(page, "3-filtered")
    # The second page: saving it keeps what was saved elsewhere.
    page.get_by_role("link", name="Bỏ lọc").click()
    page.locator(".pager").get_by_role("link", name="2", exact=True).click()
    expect(rows).to_have_count(53)
    rows.last.locator("input[type=checkbox]").first.check()
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".msg-success")).to_contain_text("Đã lưu bản nháp (3 lượt cá nhân, 0 lượt tập thể)")
    expect(rows.last.locator("input[type=checkbox]").first).to_be_checked()
    page.locator(".pager").get_by_role("link", name="1", exact=True).click()
    expect(rows).to_have_count(100)
    page.get_by_label("Trần Văn An — Lao động tiên tiến").check()
    page.get_by_label("Trường THCS Phú Lương — Tập thể lao động xuất sắc").check()
    page.get_by_label("Lê Thị Ánh — Lao động tiên tiến").check()
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.locator(".msg-success")).to_contain_text(
        f"Đã gửi đăng ký thi đua năm {plan.year} của Phường Phú Lương: 5 lượt cá nhân, 1 lượt tập thể.")
    expect(page.locator("#reg-status")).to_contain_text("Đã đăng ký lúc")
    expect(page.get_by_label("Lê Thị Ánh — Lao động tiên tiến")).to_be_checked()
    expect(page.get_by_role("button", name="Cập nhật đăng ký đã gửi")).to_be_visible()
    expect(page.locator("#reg-history")).to_contain_text("Đăng ký thi đua")
    shot(page, "4-sent")
    reg = Registration.objects.get(plan=plan, unit=w.ward_a)
    assert reg.status == RegistrationStatus.SUBMITTED and reg.lines.count() == 6

    # The city's standing office.
    page.context.clear_cookies()
    login("specialist")
    page.goto("/dang-ky/")
    page.locator(".regplan", has_text="12/KH-HĐTĐKT").get_by_role("link", name=re.compile("Xem tổng hợp")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Tổng hợp đăng ký thi đua năm {plan.year}")
    row = page.locator("#reg-overview tbody tr", has_text="Phường Phú Lương")
    expect(row).to_contain_text("Đã đăng ký lúc")
    expect(page.locator("#reg-overview tbody tr", has_text="Phường Yên Nghĩa")).to_contain_text("Chưa đăng ký")
    expect(page.locator("#reg-overview tbody tr")).to_have_count(2)  # the district closed before this year
    expect(page.locator("#reg-overview tfoot")).to_contain_text("1/2 đơn vị đã đăng ký")
    shot(page, "5-overview")

    with page.expect_download() as dl:
        page.get_by_role("link", name="Xuất Excel").click()
    wb = load_workbook(io.BytesIO(dl.value.path().read_bytes()))
    people = [r[2] for r in wb["Cá nhân"].iter_rows(min_row=2, values_only=True)]
    assert len(people) == 5 and {"Lê Thị Ánh", "Nguyễn Thị Thịnh", "Trần Văn An"} <= set(people)
    with page.expect_download() as dl:
        page.get_by_role("link", name="Xuất Word").click()
    doc = Document(io.BytesIO(dl.value.path().read_bytes()))
    assert "Trường THCS Phú Lương" in "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)

    # The unit's page from the consolidated view, as the office sees it.
    row.get_by_role("link", name="Phường Phú Lương").click()
    expect(page.get_by_label("Trần Văn An — Lao động tiên tiến")).to_be_checked()
    shot(page, "6-office-sees-unit")
