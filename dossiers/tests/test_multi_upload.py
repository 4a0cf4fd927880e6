"""Several signed scans in one upload: each file is checked by its content (core.uploads), and one bad file refuses
the lot with a message naming it — nothing of the batch is kept. On a ward's dossier today and a 2017 dossier to a
district."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dossiers import actions
from dossiers.models import Attachment, DocumentKind, Event

from .helpers import dossier_of

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def client_of(u):
    c = Client()
    c.force_login(u)
    return c


def test_several_scans_in_one_upload(case, settings):
    d = dossier_of(case, documents=False)
    clerk = client_of(case.officer)
    page = clerk.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    assert 'type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"' in page
    assert " multiple" in page.split('name="file" accept=".pdf')[1].split(">")[0]
    r = clerk.post(reverse("dossiers:attachment_add", args=[d.pk]), {
        "kind": DocumentKind.OTHER, "line": "",
        "file": [SimpleUploadedFile("xac-nhan-1.pdf", PDF), SimpleUploadedFile("xac-nhan-2.png", PNG),
                 SimpleUploadedFile("xac-nhan-3.pdf", PDF + b"3")]}, follow=True)
    assert "Đã tải lên 3 tệp tài liệu khác." in r.content.decode()
    assert sorted(d.attachments.values_list("name", "content_type")) == [
        ("xac-nhan-1.pdf", "application/pdf"), ("xac-nhan-2.png", "image/png"), ("xac-nhan-3.pdf", "application/pdf")]
    event = Event.objects.filter(dossier=d, verb="attachment_add").get()
    assert event.data["document"]["label"] == "Tài liệu khác: xac-nhan-1.pdf, xac-nhan-2.png, xac-nhan-3.pdf"


def test_one_bad_file_refuses_the_whole_upload_naming_it(case, settings):
    d = dossier_of(case, documents=False)
    clerk = client_of(case.officer)
    r = clerk.post(reverse("dossiers:attachment_add", args=[d.pk]), {
        "kind": DocumentKind.MINUTES, "line": "",
        "file": [SimpleUploadedFile("bien-ban-trang-1.pdf", PDF), SimpleUploadedFile("bien-ban.docx", b"PK\x03\x04 word"),
                 SimpleUploadedFile("bien-ban-trang-3.jpg", b"\xff\xd8\xff\xe0 jpeg")]}, follow=True)
    text = r.content.decode()
    assert "Chưa tệp nào được tải lên:" in text
    assert "Tệp “bien-ban.docx”: Tệp không phải PDF hay ảnh" in text
    assert "Tệp “bien-ban-trang-1.pdf”" not in text and "Tệp “bien-ban-trang-3.jpg”" not in text
    assert not Attachment.objects.filter(dossier=d).exists()
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_the_action_keeps_nothing_when_one_file_fails(case, settings):
    from django.core.exceptions import ValidationError

    d = dossier_of(case, documents=False)
    with pytest.raises(ValidationError) as e:
        actions.attachments_add(acting_user=case.officer, dossier=d, kind=DocumentKind.OTHER,
                                uploads=[SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("rong.pdf", b"")])
    assert e.value.messages == ["Tệp “rong.pdf”: Tệp rỗng."]
    assert not d.attachments.exists() and not Event.objects.filter(dossier=d, verb="attachment_add").exists()


def test_files_written_before_a_failure_are_removed(case, settings, monkeypatch):
    d = dossier_of(case, documents=False)

    def broken(*args, **kwargs):
        raise OSError("đĩa đầy")

    monkeypatch.setattr(actions, "_event", broken)
    with pytest.raises(OSError):
        actions.attachments_add(acting_user=case.officer, dossier=d, kind=DocumentKind.OTHER,
                                uploads=[SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF + b"b")])
    assert not d.attachments.exists()
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
