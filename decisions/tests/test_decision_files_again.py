"""A decision's files are made again until they exist: after the worker was killed while making them (the
decision stayed at "Đang tạo tệp…: 0/2", its PDFs answering 404, a stray Word file left), and when they went
missing from the disk; a failure with a reason has a button to try again."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import Decision, RenderStatus
from jobs import liveness

from .helpers import issued

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _killed_runner():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    runner = f"{liveness.HOST}:{child.pid}:{liveness._start_ticks(child.pid)}"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    return runner


def _files(settings):
    return sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "decisions").rglob("*") if p.is_file())


def test_files_killed_half_way_are_made_again_without_a_stray_copy(as_user, world, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        decision = issued(world)
    # The worker had written the Word file and was killed before the rest: the row says "running", 0 done.
    folder = Path(settings.MEDIA_ROOT) / "decisions" / f"{timezone.localdate():%Y}"
    folder.mkdir(parents=True)
    (folder / f"quyet-dinh-{decision.pk}.docx").write_bytes(b"half")
    Decision.objects.filter(pk=decision.pk).update(render_status=RenderStatus.RUNNING, render_done=0,
                                                   runner=_killed_runner(), beat_at=timezone.now())
    client = as_user("chairman")
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    decision.refresh_from_db()
    assert decision.render_status == RenderStatus.DONE, decision.render_error
    assert "Quyết định (Word)" in page and "Đang tạo tệp" not in page
    assert _files(settings) == sorted([f"quyet-dinh-{decision.pk}.docx", f"quyet-dinh-{decision.pk}.pdf",
                                       f"giay-chung-nhan-{decision.pk}.pdf"])  # a title's certificate
    for kind in ("quyet-dinh.docx", "quyet-dinh.pdf", "giay-chung-nhan.pdf", "bang-giay-khen.pdf"):
        assert client.get(reverse("decisions:file", args=[decision.pk, kind])).status_code == 200, kind


def test_files_gone_from_the_disk_are_made_again_when_the_page_is_opened(as_user, world, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decision = issued(world)
    decision.refresh_from_db()
    assert decision.render_status == RenderStatus.DONE
    for p in Path(settings.MEDIA_ROOT).rglob("*.pdf"):
        p.unlink()
    as_user("ward_specialist").get(reverse("decisions:detail", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.render_status == RenderStatus.DONE and Path(decision.certificates.path).exists()


def test_a_failure_says_why_and_the_signer_tries_again(as_user, world, settings, monkeypatch, django_capture_on_commit_callbacks):
    from decisions import documents

    real = documents.certificates_pdf
    monkeypatch.setattr(documents, "certificates_pdf", lambda *a, **k: (_ for _ in ()).throw(OSError("ổ đĩa đầy")))
    with django_capture_on_commit_callbacks(execute=True):
        decision = issued(world)
    page = as_user("chairman").get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Không tạo được tệp: ổ đĩa đầy" in page and "Tạo lại tệp" in page
    assert "Tạo lại tệp" not in as_user("council").get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    monkeypatch.setattr(documents, "certificates_pdf", real)
    assert as_user("council").post(reverse("decisions:files_again", args=[decision.pk])).status_code == 302
    decision.refresh_from_db()
    assert decision.render_status == RenderStatus.FAILED  # a council member may not
    as_user("chairman").post(reverse("decisions:files_again", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.render_status == RenderStatus.DONE
