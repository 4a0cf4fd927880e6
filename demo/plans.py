"""Demo plans, movements and registrations from the source documents (practice.md):
Thanh Xuân 2022 (Kế hoạch 319/KH-HĐTĐKT, 24/12/2021, registration before
30/01/2022), Hà Đông 2022 (01/KH-HĐTĐKT, 10/01/2022) and Phú Lãm 2022
(15/01/2022, implementing it, with its timeline), and the current year's
plans of the city and of Phường Phú Lương so that the screens show a year in
progress. Deterministic; no audit events (nobody's action) except the closing
of registrations whose deadline has passed, which is what the worker records.

Hà Đông asked its wards to register "before 08/01/2022" (practice.md), two days
before its plan of 10/01/2022 was issued: that request went out ahead of the
plan, by letter. A plan's milestone cannot fall before the plan's own date (the
units could not meet it), so the demo's Hà Đông plan carries the registration
deadline that its wards could meet after receiving it — 21/01/2022, a week after
Phú Lãm's own plan (15/01/2022) and before Tết — with the earlier request noted."""

import random
from datetime import date, datetime, time, timedelta

from core.dates import VN_TZ, add_working_days
from notifications.holidays import holiday_set
from org.models import Person, Unit
from plans.models import Completion, Milestone, MilestoneKind, Plan, PlanStatus, PlanTask
from plans.selectors import registration_units
from registration.actions import registrations_close
from registration.models import Registration, RegistrationLine, RegistrationStatus
from rulebook.models import AwardType

from movements.models import Movement, MovementReview, MovementStatus, MovementTarget

CURRENT_YEAR = 2026

COLLECTIVE_CODES = ["CO_CP", "CO_TINH", "BK_TINH", "TTLDXS", "TTLDTT"]
INDIVIDUAL_CODES = ["BK_TINH", "CSTD_TINH", "CSTDCS", "LDTT"]

PURPOSES = ("Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua, bám sát nhiệm vụ chính trị của địa phương; "
            "phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến.")
REQUIREMENTS = ("Công tác khen thưởng bảo đảm kịp thời, chính xác, công khai, công bằng, “đúng người, đúng việc, đúng thành tích”; "
                "chú trọng khen thưởng tập thể nhỏ, người trực tiếp lao động, công tác.")


def _at(day, hour=10):
    return datetime.combine(day, time(hour, 0), tzinfo=VN_TZ)


def _plan(unit, year, number, issued_on, issuer, parent=None, content="", recipients="", signer=""):
    return Plan.objects.create(
        unit=unit, year=year, number=number, issued_on=issued_on, issuer=issuer, parent=parent,
        title=f"Kế hoạch công tác thi đua, khen thưởng năm {year}", purposes=PURPOSES, requirements=REQUIREMENTS,
        content=content, recipients=recipients, signer_name=signer, status=PlanStatus.PUBLISHED,
        published_at=_at(issued_on, 16))


def _milestones(plan, rows, holidays):
    made = {}
    for i, (key, kind, title, due, rel) in enumerate(rows):
        relative = made.get(rel[0]) if rel else None
        if relative is not None:
            due = add_working_days(relative.due_on, -rel[1], holidays)
        made[key] = Milestone.objects.create(plan=plan, position=i, kind=kind, title=title, due_on=due, relative_to=relative,
                                             working_days_before=rel[1] if rel else None)
    return made


def _movement(unit, name, kind, start, end, content, plan=None, parent=None, launched=True, criteria="", occasions=""):
    return Movement.objects.create(unit=unit, name=name, kind=kind, start=start, end=end, content=content, criteria=criteria,
                                   occasions=occasions, plan=plan, parent=parent, launcher=unit.name,
                                   status=MovementStatus.LAUNCHED if launched else MovementStatus.DRAFT,
                                   launched_at=_at(start) if launched else None)


def _register(plan, deadline, rng, types, missing=(), late_share=0.0):
    """Registrations of the units under ``plan``: most before the deadline, ``missing`` never."""
    done = 0
    for unit in registration_units(plan):
        if unit.code in missing or rng.random() < late_share:
            Registration.objects.create(plan=plan, unit=unit, status=RegistrationStatus.NO_NEED,
                                        closed_on=deadline.due_on + timedelta(days=1))
            continue
        submitted = _at(deadline.due_on - timedelta(days=rng.randint(1, 12)), rng.randint(8, 16))
        reg = Registration.objects.create(plan=plan, unit=unit, status=RegistrationStatus.SUBMITTED, submitted_at=submitted)
        lines = [RegistrationLine(registration=reg, award_type=types[rng.choice(["TTLDTT", "TTLDXS"])], unit=unit)]
        people = list(Person.objects.filter(unit__path__startswith=unit.path).order_by("id")[:60])
        for p in people:
            r = rng.random()
            code = "LDTT" if r < 0.75 else "CSTDCS" if r < 0.9 else None
            if code:
                lines.append(RegistrationLine(registration=reg, award_type=types[code], person=p))
        RegistrationLine.objects.bulk_create(lines)
        Completion.objects.create(milestone=deadline, unit=unit, done_at=submitted)
        done += 1
    return done


def close_past_registrations(now=None):
    """What the worker's daily task does (registration.tasks): after a plan's registration
    deadline, the units that did not register are recorded as having no need of
    emulation titles or commendation that year — so a 2022 plan does not still show
    units "chưa đăng ký" four years later."""
    return sum(registrations_close(plan=plan, now=now) for plan in Plan.objects.filter(status=PlanStatus.PUBLISHED))


def build_movements(*, seed=2025) -> dict:
    rng = random.Random(seed + 4_000_000)
    holidays = holiday_set()
    units = {u.code: u for u in Unit.objects.filter(code__in=["HN", "HN-TX", "HN-HD", "HN-HD-PL", "HN-PLU", "HN-SNV-TDKT"])}
    if len(units) < 5:
        return {"plans": 0, "movements": 0, "registrations": 0}
    types = {a.code: a for a in AwardType.objects.all()}
    hn, tx, hd, pl, plu = units["HN"], units["HN-TX"], units["HN-HD"], units["HN-HD-PL"], units["HN-PLU"]

    # --- 2022: the city, Thanh Xuân, Hà Đông, Phú Lãm --------------------------------
    city22 = _plan(hn, 2022, "3615/KH-UBND", date(2021, 12, 20), "Ủy ban nhân dân thành phố Hà Nội",
                   content="Chủ đề năm 2022: “Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển”.",
                   recipients="Thường trực Thành ủy;\nThường trực HĐND Thành phố;\nCác sở, ban, ngành;\nUBND các quận, huyện, thị xã;\nLưu: VT, SNV.",
                   signer="Lê Văn Minh")
    city22_m = _milestones(city22, [("reg", MilestoneKind.REGISTRATION, "Các quận, huyện, sở, ngành gửi đăng ký thi đua về Ban Thi đua - Khen thưởng", date(2022, 2, 28), None)], holidays)
    tx22 = _plan(tx, 2022, "319/KH-HĐTĐKT", date(2021, 12, 24), "Hội đồng Thi đua - Khen thưởng quận Thanh Xuân", parent=city22,
                 content="Tổ chức các phong trào thi đua yêu nước gắn với nhiệm vụ chính trị năm 2022 của quận.",
                 recipients="Thường trực Quận ủy;\nThường trực HĐND quận;\nThành viên Hội đồng TĐKT quận;\nCác phòng, ban, đơn vị;\nUBND 11 phường;\nLưu: VT, NV.",
                 signer="Nguyễn Văn Hùng")
    tx_m = _milestones(tx22, [
        ("reg", MilestoneKind.REGISTRATION, "Các đơn vị đăng ký thi đua (văn bản kèm danh sách) gửi Phòng Nội vụ", date(2022, 1, 30), None),
        ("sk1", MilestoneKind.INITIATIVE, "Hồ sơ đề nghị công nhận sáng kiến cấp Thành phố, đợt 1", date(2022, 3, 15), None),
        ("ye", MilestoneKind.YEAR_END, "Hồ sơ đề nghị khen thưởng tổng kết năm 2022", date(2022, 11, 30), None),
    ], holidays)
    for i, (resp, content) in enumerate([
        ("Phòng Nội vụ (cơ quan thường trực)", "Tham mưu Hội đồng hướng dẫn, đôn đốc, tổng hợp đăng ký thi đua; thẩm định hồ sơ khen thưởng."),
        ("Phòng Văn hóa và Thông tin", "Tuyên truyền các phong trào thi đua, gương điển hình tiên tiến, người tốt việc tốt."),
        ("UBND các phường", "Phát động phong trào thi đua tại phường; mỗi tháng đề xuất ít nhất 01 điển hình tiên tiến với quận."),
    ]):
        PlanTask.objects.create(plan=tx22, position=i, responsible=resp, content=content)
    covid = _movement(hn, "Toàn dân đoàn kết, chung sức thi đua phòng, chống và chiến thắng đại dịch Covid-19", "dac_biet",
                      date(2021, 6, 1), date(2022, 12, 31), "Phong trào thi đua đặc biệt.", plan=city22)
    sangkien = _movement(hn, "Sáng kiến, sáng tạo Thủ đô", "chuyen_de", date(2021, 1, 1), date(2025, 12, 31),
                         "Khuyến khích cán bộ, công chức, viên chức, người lao động đề xuất sáng kiến, giải pháp.", plan=city22,
                         criteria="Sáng kiến được công nhận và áp dụng có hiệu quả.")
    MovementTarget.objects.create(movement=sangkien, metric="initiative_share", threshold=15,
                                  label="Ít nhất 15% cán bộ, công chức, viên chức có sáng kiến được công nhận cấp cơ sở mỗi năm")
    MovementTarget.objects.create(movement=sangkien, metric="initiative_applied", threshold=70,
                                  label="Ít nhất 70% sáng kiến được áp dụng, có hiệu quả thực tế")
    MovementReview.objects.create(movement=sangkien, kind="so_ket", held_on=date(2023, 12, 15),
                                  report="Sơ kết giữa kỳ: các đơn vị đã tổ chức phát động; tỷ lệ sáng kiến áp dụng hiệu quả đạt yêu cầu.")
    _movement(tx, "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở", "thuong_xuyen",
              date(2022, 1, 1), date(2025, 12, 31), "Thực hiện quy tắc ứng xử, văn hóa công sở.", plan=tx22)
    _movement(tx, "Sáng kiến, sáng tạo Thủ đô — quận Thanh Xuân", "chuyen_de", date(2022, 1, 10), date(2025, 12, 31),
              "Quận triển khai phong trào của Thành phố.", plan=tx22, parent=sangkien)
    n_regs = _register(tx22, tx_m["reg"], rng, types, missing=("HN-TX-KG",), late_share=0.12)
    n_regs += _register(city22, city22_m["reg"], rng, types, late_share=0.1)

    hd22 = _plan(hd, 2022, "01/KH-HĐTĐKT", date(2022, 1, 10), "Hội đồng Thi đua - Khen thưởng quận Hà Đông", parent=city22,
                 recipients="Thường trực Quận ủy;\nUBND 17 phường;\nLưu: VT, NV.")
    hd_m = _milestones(hd22, [("reg", MilestoneKind.REGISTRATION, "Các phường gửi đăng ký thi đua về Phòng Nội vụ", date(2022, 1, 21), None)], holidays)
    hd_m["reg"].note = "Quận đã đề nghị các phường đăng ký trước ngày 08/01/2022 (văn bản trước kế hoạch); hạn theo kế hoạch là hết 21/01/2022."
    hd_m["reg"].save(update_fields=["note"])
    n_regs += _register(hd22, hd_m["reg"], rng, types, late_share=0.1)
    pl22 = _plan(pl, 2022, "05/KH-UBND", date(2022, 1, 15), "Ủy ban nhân dân phường Phú Lãm", parent=hd22,
                 recipients="Đảng ủy phường;\nCác ban, ngành, đoàn thể phường;\nCác tổ dân phố;\nLưu: VP.", signer="Trần Thị Mai")
    _milestones(pl22, [
        ("plan", MilestoneKind.PLAN, "Ban hành kế hoạch thi đua, khen thưởng của phường", date(2022, 1, 31), None),
        ("sk1", MilestoneKind.INITIATIVE, "Hồ sơ công nhận sáng kiến cấp Thành phố, đợt 1", date(2022, 1, 23), None),
        ("kn", MilestoneKind.HONOURS, "Hồ sơ Kỷ niệm chương “Vì sự nghiệp Thi đua - Khen thưởng”", date(2022, 3, 4), None),
        ("cstd1", MilestoneKind.CSTD, "Hồ sơ Chiến sĩ thi đua Thành phố, đợt 1", date(2022, 3, 18), None),
        ("sk2", MilestoneKind.INITIATIVE, "Hồ sơ công nhận sáng kiến cấp Thành phố, đợt 2", date(2022, 6, 18), None),
        ("cd", MilestoneKind.HONOURS, "Hồ sơ “Công dân ưu tú”, “Công dân danh dự Thủ đô”, “Vì sự nghiệp xây dựng Thủ đô”", date(2022, 6, 18), None),
        ("cstd2", MilestoneKind.CSTD, "Hồ sơ Chiến sĩ thi đua Thành phố, đợt 2", date(2022, 8, 28), None),
        ("ye", MilestoneKind.YEAR_END, "Hồ sơ khen thưởng tổng kết năm gửi quận", date(2022, 12, 15), None),
        ("ward", MilestoneKind.COMMENDATION, "Hồ sơ đề nghị Chủ tịch UBND phường khen thưởng tổng kết năm (5 ngày làm việc trước hạn gửi quận)",
         None, ("ye", 5)),
    ], holidays)

    # --- the current year: the city and Phường Phú Lương ---------------------------
    y = CURRENT_YEAR
    city = _plan(hn, y, "412/KH-UBND", date(y - 1, 12, 18), "Ủy ban nhân dân thành phố Hà Nội",
                 content="Thi đua thực hiện thắng lợi nhiệm vụ năm 2026, năm đầu thực hiện Nghị quyết Đại hội Đảng bộ Thành phố lần thứ XVIII.",
                 recipients="Các sở, ban, ngành;\nUBND các xã, phường;\nLưu: VT, SNV.", signer="Lê Văn Minh")
    city_m = _milestones(city, [
        ("reg", MilestoneKind.REGISTRATION, "Các xã, phường, sở, ngành gửi đăng ký thi đua", date(y, 1, 30), None),
        ("sk1", MilestoneKind.INITIATIVE, "Hồ sơ công nhận sáng kiến cấp Thành phố, đợt 1", date(y, 3, 20), None),
        ("cstd2", MilestoneKind.CSTD, "Hồ sơ Chiến sĩ thi đua Thành phố, đợt 2", date(y, 8, 28), None),
        ("ye", MilestoneKind.YEAR_END, "Hồ sơ khen thưởng tổng kết năm 2026 gửi Sở Nội vụ", date(y, 12, 10), None),
        ("exemplar", MilestoneKind.EXEMPLAR, "Đề xuất điển hình tiên tiến, người tốt việc tốt tháng 12", date(y, 12, 5), None),
    ], holidays)
    n_regs += _register(city, city_m["reg"], rng, types, late_share=0.08)
    # Some units have already sent their year-end dossiers; others have until 10/12.
    for unit in Unit.objects.filter(path__startswith=hn.path, depth=hn.depth + 1, kind="commune", valid_to__isnull=True)[:5]:
        Completion.objects.create(milestone=city_m["exemplar"], unit=unit, done_at=_at(date(y, 11, 20)))
    xa_nha = _movement(hn, "Xóa nhà tạm, nhà dột nát", "theo_dot", date(y - 2, 4, 1), date(y, 12, 31),
                       "Hỗ trợ hộ nghèo, cận nghèo xóa nhà tạm, nhà dột nát.", plan=city)
    hoc_tap = _movement(hn, "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 - 2030", "chuyen_de",
                        date(2023, 1, 1), date(2030, 12, 31), "Xây dựng xã hội học tập.", plan=city)
    sk_city = _movement(hn, "Sáng kiến, sáng tạo Thủ đô giai đoạn 2026 - 2030", "chuyen_de", date(y, 1, 1), date(2030, 12, 31),
                        "Tiếp tục phong trào sáng kiến, sáng tạo.", plan=city)
    MovementTarget.objects.create(movement=sk_city, metric="initiative_share", threshold=15,
                                  label="Ít nhất 15% cán bộ, công chức, viên chức có sáng kiến được công nhận cấp cơ sở mỗi năm")
    MovementTarget.objects.create(movement=sk_city, metric="initiative_applied", threshold=70,
                                  label="Ít nhất 70% sáng kiến được áp dụng, có hiệu quả thực tế")
    plu_plan = _plan(plu, y, "18/KH-UBND", date(y, 1, 12), "Ủy ban nhân dân phường Phú Lương", parent=city,
                     content="Thi đua thực hiện nhiệm vụ năm 2026 của phường sau sắp xếp đơn vị hành chính.",
                     recipients="Đảng ủy phường;\nCác trường, trạm y tế, tổ dân phố;\nLưu: VP.", signer="Phạm Quốc Toản")
    plu_m = _milestones(plu_plan, [
        ("reg", MilestoneKind.REGISTRATION, "Các đơn vị, tổ dân phố đăng ký thi đua gửi Văn phòng HĐND và UBND phường", date(y, 1, 23), None),
        ("exemplar", MilestoneKind.EXEMPLAR, "Đề xuất điển hình tiên tiến, người tốt việc tốt tháng 12", date(y, 11, 30), None),
        ("ye", MilestoneKind.YEAR_END, "Hồ sơ khen thưởng tổng kết năm gửi phường", date(y, 12, 4), None),
        ("ward", MilestoneKind.COMMENDATION, "Hồ sơ đề nghị Chủ tịch UBND phường khen thưởng (5 ngày làm việc trước hạn tổng kết)", None, ("ye", 5)),
    ], holidays)
    n_regs += _register(plu_plan, plu_m["reg"], rng, types, late_share=0.15)
    _movement(plu, "Sáng kiến, sáng tạo Thủ đô — phường Phú Lương", "chuyen_de", date(y, 1, 15), date(2030, 12, 31),
              "Phường triển khai phong trào của Thành phố.", plan=plu_plan, parent=sk_city)
    _movement(plu, "Xây dựng tổ dân phố văn hóa, văn minh đô thị", "thuong_xuyen", date(y, 2, 1), date(y, 12, 31),
              "Các tổ dân phố thi đua giữ gìn trật tự, vệ sinh, văn minh đô thị.", plan=plu_plan)
    # A district-level movement of the city in draft, to show drafts are the office's own.
    _movement(hn, "Thi đua chào mừng kỷ niệm 1020 năm Thăng Long - Hà Nội", "theo_dot", date(y + 4, 1, 1), date(y + 4, 10, 10),
              "Dự thảo.", launched=False, occasions="1020 năm Thăng Long - Hà Nội")
    del xa_nha, hoc_tap, covid
    close_past_registrations()
    return {"plans": Plan.objects.count(), "movements": Movement.objects.count(), "registrations": n_regs}
