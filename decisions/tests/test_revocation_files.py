"""The revocation decision as the signer issues it on its page, and its Word file read back: number, date, ground
(the 2022 law's Art. 93.2, and the 2003 law's Art. 96.1 for an award given under it), each award with its money,
the signer block."""

import io
from datetime import date

import pytest
from docx import Document
from django.urls import reverse

from decisions.models import Award, Revocation, RevocationStatus
from documents.nd30 import DOCX
from tdkt.testing.documents import all_text
from tdkt.testing.revocations import give, prepare

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    ldtt = give(world.thinh, "LDTT", 2025, amount=0, number="25/QĐ-UBND", day=date(2026, 1, 20))
    give(world.thinh, "CSTDCS", 2025, amount=2_340_000, number="25/QĐ-UBND", day=date(2026, 1, 20))
    return prepare(world.users["ward_specialist"], ldtt, reason="Báo cáo thành tích kê khai sai số liệu.")


def sign_on_page(client, draft, **kw):
    data = {"number": "31", "symbol": "QĐ-UBND", "date": "02/03/2026", "signer_role": "deputy",
            "signer_name": "Lê Văn Phó", "legal_bases": ""} | kw
    return client.post(reverse("decisions:revocation", args=[draft.pk]), data)


def test_the_standing_office_sees_the_draft_but_only_the_signer_has_the_form(as_user, world, draft):
    url = reverse("decisions:revocation", args=[draft.pk])
    office = as_user("ward_specialist").get(url).content.decode()
    assert "Dự thảo quyết định hủy bỏ khen thưởng" in office and "Chiến sĩ thi đua cơ sở năm 2025" in office
    assert "2.340.000 đ" in office and "Ký ban hành quyết định hủy bỏ" not in office
    assert sign_on_page(as_user("ward_specialist"), draft).status_code == 403
    assert as_user("officer_b").get(url).status_code == 404
    chairman = as_user("chairman").get(url)
    assert "Ký ban hành quyết định hủy bỏ" in chairman.content.decode()
    assert chairman.context["form"]["number"].value() == "01"  # the ward's first decision of the year
    assert Revocation.objects.get(pk=draft.pk).status == RevocationStatus.DRAFT


def test_the_signed_revocation_reads_back_from_its_word_file(as_user, world, draft, django_capture_on_commit_callbacks):
    client = as_user("chairman")
    with django_capture_on_commit_callbacks(execute=True):
        r = sign_on_page(client, draft)
    assert r.status_code == 302
    rev = Revocation.objects.get(pk=draft.pk)
    assert (rev.status, rev.reference, rev.render_status) == (RevocationStatus.ISSUED, "31/QĐ-UBND", "done")
    page = client.get(r.url).content.decode()
    assert "Quyết định số 31/QĐ-UBND ngày 02/03/2026" in page and "quyet-dinh-huy-bo.docx" in page
    response = client.get(reverse("decisions:revocation_file", args=[rev.pk, "quyet-dinh-huy-bo.docx"]))
    assert response["Content-Type"] == DOCX
    text = all_text(Document(io.BytesIO(b"".join(response.streaming_content))))
    for expected in (
        "ỦY BAN NHÂN DÂN", "Số: 31/QĐ-UBND", "ngày 02 tháng 3 năm 2026", "Về việc hủy bỏ quyết định khen thưởng",
        "Căn cứ Quyết định số 25/QĐ-UBND ngày 20/01/2026 về việc khen thưởng;",
        "Hủy bỏ 2 khen thưởng đã tặng cho 1 cá nhân (Lao động tiên tiến năm 2025: 1; Chiến sĩ thi đua cơ sở năm 2025: "
        "1), có danh sách kèm theo. Lý do: Báo cáo thành tích kê khai sai số liệu; thuộc trường hợp quy "
        "định tại điểm b khoản 2 Điều 93 Luật Thi đua, khen thưởng năm 2022 (thông tin sai sự thật hoặc giả mạo hồ sơ, "
        "giấy tờ để được khen thưởng).",
        "Thu hồi tiền thưởng tổng cộng 2.340.000 đồng (Hai triệu ba trăm bốn mươi nghìn đồng)",
        "1 | Nguyễn Thị Thịnh | Văn phòng HĐND và UBND phường Phú Lương | Lao động tiên tiến năm 2025 (QĐ 25/QĐ-UBND "
        "ngày 20/01/2026) | 0 | Giấy chứng nhận danh hiệu Lao động tiên tiến",
        "2 | Nguyễn Thị Thịnh | Văn phòng HĐND và UBND phường Phú Lương | Chiến sĩ thi đua cơ sở năm 2025 (QĐ 25/QĐ-UBND "
        "ngày 20/01/2026) | 2.340.000 | Giấy chứng nhận danh hiệu Chiến sĩ thi đua cơ sở",
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Phó",
    ):
        assert expected in text, expected
    assert text.index("KT. CHỦ TỊCH") < text.index("PHÓ CHỦ TỊCH") < text.index("Lê Văn Phó")


def test_an_award_given_under_the_2003_law_cites_its_article_96(world, django_capture_on_commit_callbacks):
    from decisions.revocation_documents import revocation_context
    from tdkt.testing.revocations import sign

    old = give(world.thinh, "LDTT", 2021, amount=450_000, number="08/QĐ-UBND", day=date(2022, 1, 12))
    rev = sign(world.users["chairman"], prepare(world.users["ward_specialist"], old, ground="a",
                                                 reason="Kê khai thành tích không trung thực."))
    context = revocation_context(rev)
    assert any("Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003" in b for b in context["bases"])
    assert ("thuộc trường hợp quy định tại khoản 1 Điều 96 Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, "
            "2013) (người nào gian dối trong việc kê khai thành tích") in context["articles"][0]["text"]
    assert Award.objects.get(pk=old.pk).recover_amount == 450_000


def test_a_ground_the_2003_law_did_not_have_is_flagged_for_the_signer(as_user, world):
    old = give(world.thinh, "LDTT", 2021, number="08/QĐ-UBND", day=date(2022, 1, 12))
    draft = prepare(world.users["ward_specialist"], old, ground="c", reason="Hội đồng không đủ số thành viên.")
    page = as_user("chairman").get(reverse("decisions:revocation", args=[draft.pk])).content.decode()
    assert "luật này chỉ quy định hủy bỏ khi gian dối trong kê khai thành tích (khoản 1 Điều 96)" in page


def test_files_of_a_revocation_whose_worker_died_are_made_again(as_user, world, draft, settings, tmp_path,
                                                                django_capture_on_commit_callbacks):
    """Declared to jobs.tracking like a decision's files: the worker's every-minute watch hands it back."""
    import os
    import signal
    import subprocess
    import sys

    from django.utils import timezone

    from decisions.models import RenderStatus
    from jobs import liveness, tracking
    from tdkt.testing.revocations import sign

    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=False):
        rev = sign(world.users["chairman"], draft)
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    runner = f"{liveness.HOST}:{child.pid}:{liveness._start_ticks(child.pid)}"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    Revocation.objects.filter(pk=rev.pk).update(render_status=RenderStatus.RUNNING, runner=runner, beat_at=timezone.now())
    assert tracking.reap()["decisions.Revocation"] == 1
    rev.refresh_from_db()
    assert rev.render_status == RenderStatus.DONE and rev.docx and rev.pdf
    page = as_user("ward_specialist").get(reverse("decisions:revocation", args=[rev.pk])).content.decode()
    assert "Quyết định hủy bỏ (Word)" in page and "Quyết định hủy bỏ (PDF)" in page
