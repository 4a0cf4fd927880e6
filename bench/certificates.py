"""The files of a decision with 300 awardees: the decision as Word and PDF and 300 certificates as one PDF.

    .venv/bin/python bench/certificates.py [--people 300] [--keep DIR]

The data are built in a throwaway SQLite database (a fresh file in a temporary
directory, migrated): the small city of the tests (tdkt.testing.build_world),
``--people`` more people in ward A's office rated HTXSNV, and the whole path
through the actions — ward A's dossier with one LĐTT line each, submitted,
received, appraised, the council's ballot (three members, all agree), closed,
the chairman's decision (dossiers.decide.decision_issue). Then the worker's
function, decisions.tasks.render_files, makes the files once, timed; its parts
are timed by wrapping decisions.documents' functions in the same run:

    docx   decision_docx (the Word file with its 300-line annex)
    lo     docx_to_pdf   (LibreOffice headless)
    certs  certificates_pdf (HTML of the pages with their QR codes, then WeasyPrint)

The baseline, in the same run, is the same 300 pages through the same
template and WeasyPrint without QR codes (the image left out; the URL and the
short code stay as text). WeasyPrint is warmed up once before (a worker's
first document loads the fonts; the time is shown apart). On a shared machine
the wall times swing with the load: the CPU seconds are shown beside them.
The last line is machine-readable:

    certificates: n=<awards> seconds=<render_files total> per_certificate_ms=<certs part / n>
"""

import argparse
import os
import re
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--people", type=int, default=300)
    p.add_argument("--keep", default="", help="build in this directory and keep it (default: a temporary one, removed)")
    p.add_argument("--profile", default="", help="write a cProfile of render_files to this file")
    return p.parse_args()


def setup(data_dir: Path):
    os.environ["TDKT_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django
    from django.conf import settings

    # The rendering is called here, timed, not queued to a worker.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.HUEY = {**settings.HUEY, "immediate": False}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(n):
    """A decision of ward A with ``n`` LĐTT awards, reached through the actions."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from council import actions as council
    from dossiers import actions as dossiers, decide
    from dossiers.models import DocumentKind
    from org.models import Employment, Person, Role
    from records.models import Rating
    from rulebook.models import AwardType
    from tdkt.testing import build_world, user
    from tdkt.testing.council import establish

    year = 2025
    with transaction.atomic():
        world = build_world()
        surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
        middles = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu"]
        givens = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan",
                  "Linh", "Long", "Mai", "Nam", "Nga", "Phương", "Quân", "Thảo", "Trang", "Tuấn", "Yến"]
        people = Person.objects.bulk_create([
            Person(code=f"BK{i:04d}", full_name=f"{surnames[i % 12]} {middles[i % 8]} {givens[i % 23]}",
                   unit=world.office_a, position="Chuyên viên", gender="female" if i % 2 else "male")
            for i in range(n)])
        Employment.objects.bulk_create([Employment(person=p, unit=world.office_a, position="Chuyên viên",
                                                   start=date(2020, 1, 1)) for p in people])
        Rating.objects.bulk_create([Rating(person=p, year=year, level="HTXSNV") for p in people])
        members = [world.users["council"]] + [user(f"hd{i}", Role.COUNCIL_MEMBER, world.ward_a) for i in (2, 3)]
        establish(world.ward_a, members)
    officer, office = world.users["officer_a"], world.users["ward_specialist"]
    ldtt = AwardType.objects.get(code="LDTT")
    steps = {}

    def step(name, fn, **kw):
        t = time.perf_counter()
        out = fn(**kw)
        steps[name] = time.perf_counter() - t
        return out

    d = step("dossier_create", dossiers.dossier_create, acting_user=officer, unit=world.ward_a, authority=world.ward_a,
             year=year, title=f"Đề nghị khen thưởng tổng kết năm {year}")
    step("lines_add", dossiers.lines_add, acting_user=officer, dossier=d,
         items=[{"person": p, "award_type": ldtt, "summary": "Hoàn thành xuất sắc nhiệm vụ năm 2025"} for p in people])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        dossiers.attachment_add(acting_user=officer, dossier=d, kind=kind,
                                upload=SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"))
    step("dossier_submit", dossiers.dossier_submit, acting_user=officer, dossier=d)
    step("dossier_receive", dossiers.dossier_receive, acting_user=office, dossier=d)
    d = step("dossier_appraise", dossiers.dossier_appraise, acting_user=office, dossier=d)
    m = step("meeting_create", council.meeting_create, acting_user=office, authority=world.ward_a, title="Phiên họp tổng kết",
             date=date(2026, 1, 10), dossiers=[d])
    council.attendance_set(acting_user=office, meeting=m, present_user_ids=[u.pk for u in members])
    step("ballot_open", council.ballot_open, acting_user=office, meeting=m)
    t = time.perf_counter()
    for u in members:
        council.ballot_cast(acting_user=u, meeting=m, choices={str(t_.line_id): "agree" for t_ in m.tallies.all()})
    steps["ballot_cast x3"] = time.perf_counter() - t
    step("ballot_close", council.ballot_close, acting_user=office, meeting=m)
    d.refresh_from_db()
    decision = step("decision_issue", decide.decision_issue, acting_user=world.users["chairman"], authority=world.ward_a,
                    dossiers=[d], number="15", date=date(2026, 1, 20), signer_name="Nguyễn Văn Chủ",
                    signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    return decision, steps


def cpu():
    """CPU seconds of this process and of its finished children (LibreOffice)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Timer:
    """Wraps a function of a module; adds up the time (wall and CPU) spent in it."""

    def __init__(self, module, name):
        self.module, self.name, self.seconds, self.cpu = module, name, 0.0, 0.0
        self.original = getattr(module, name)

        def wrapped(*a, **kw):
            t, c = time.perf_counter(), cpu()
            try:
                return self.original(*a, **kw)
            finally:
                self.seconds += time.perf_counter() - t
                self.cpu += cpu() - c

        setattr(module, name, wrapped)

    def restore(self):
        setattr(self.module, self.name, self.original)


def baseline(decision):
    """The same pages through the same template and WeasyPrint, without QR codes: (seconds, pages)."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from decisions import documents

    t = time.perf_counter()
    rows = documents.award_rows(decision)
    pages = []
    for r in rows:
        a = r["award_obj"]
        pages.append({"award": a, "name": r["name"], "unit": r["unit"], "qr": "", "url": documents.verify_url(a),
                      "kind": a.award_type.name.upper() if a.award_type.category == "form" else f"DANH HIỆU {a.award_type.name.upper()}",
                      "summary": ""})
    html = render_to_string("decisions/certificates.html", {
        "decision": decision, "pages": pages, "body": documents.authority_body(decision.authority),
        "title": documents.authority_title(decision.authority),
        "place_date": documents.document_date(decision.date, documents._place(decision.authority))})
    html = re.sub(r"<img [^>]*>|<svg.*?</svg>", "", html, flags=re.S)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    document.write_pdf()
    return time.perf_counter() - t, len(document.pages)


def main():
    args = parse()
    tmp = None
    if args.keep:
        data_dir = Path(args.keep)
        data_dir.mkdir(parents=True, exist_ok=True)
        if (data_dir / "tdkt.sqlite3").exists():
            sys.exit(f"{data_dir} đã có cơ sở dữ liệu: chọn một thư mục trống.")
    else:
        tmp = tempfile.TemporaryDirectory(prefix="tdkt-bench-certs-")
        data_dir = Path(tmp.name)
    t = time.perf_counter()
    setup(data_dir)
    print(f"migrated a fresh database in {data_dir} in {time.perf_counter() - t:.1f} s", flush=True)

    t = time.perf_counter()
    decision, steps = build(args.people)
    print(f"built through the actions in {time.perf_counter() - t:.1f} s: "
          + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()), flush=True)

    from io import BytesIO

    from pypdf import PdfReader

    from decisions import documents
    from decisions.models import Decision, RenderStatus
    from decisions.tasks import render_files

    n = decision.awards.count()
    timers = {k: Timer(documents, f) for k, f in (("docx", "decision_docx"), ("lo", "docx_to_pdf"),
                                                     ("html", "certificate_pages"), ("certs", "certificates_pdf"))}
    # A worker renders many decisions: its first WeasyPrint document (fonts, Pango) is not this one's cost.
    from weasyprint import HTML

    t = time.perf_counter()
    HTML(string='<p style="font-family: Liberation Serif">Bằng khen</p>').write_pdf()
    warm = time.perf_counter() - t
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t, c = time.perf_counter(), cpu()
    ok = render_files(decision.pk)
    total, total_cpu = time.perf_counter() - t, cpu() - c
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    for timer in timers.values():
        timer.restore()
    decision = Decision.objects.get(pk=decision.pk)
    if not ok or decision.render_status != RenderStatus.DONE:
        sys.exit(f"render_files failed: {decision.render_error}")
    pages = len(PdfReader(BytesIO(decision.certificates.read())).pages)
    if pages != n:
        sys.exit(f"the certificates PDF has {pages} pages for {n} awards")
    sizes = {f: getattr(decision, f).size for f in ("docx", "pdf", "certificates") if getattr(decision, f)}
    c = cpu()
    base_s, base_pages = baseline(decision)
    base_cpu = cpu() - c

    s = {k: v.seconds for k, v in timers.items()}
    sc = {k: v.cpu for k, v in timers.items()}
    other = total - s["docx"] - s["lo"] - s["certs"]
    print(f"WeasyPrint warm-up (once per worker process, not counted): {warm:.2f} s")
    print(f"render_files: {total:.2f} s (CPU {total_cpu:.2f} s, LibreOffice's included) for {n} awards "
          f"({pages} certificate pages); files: " + ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in sizes.items())
          + (f"; note: {decision.render_error}" if decision.render_error else ""))
    print(f"split (wall s / CPU s): docx {s['docx']:.2f}/{sc['docx']:.2f}, LibreOffice PDF {s['lo']:.2f}/{sc['lo']:.2f}, "
          f"certificates PDF {s['certs']:.2f}/{sc['certs']:.2f} (of which the HTML with QR codes "
          f"{s['html']:.2f}/{sc['html']:.2f}, WeasyPrint {s['certs'] - s['html']:.2f}/{sc['certs'] - sc['html']:.2f}), "
          f"rest (saving, progress) {other:.2f}")
    print(f"baseline: the same {base_pages} pages without QR codes, template → PDF: {base_s:.2f} s (CPU {base_cpu:.2f} s); "
          f"certificates PDF / baseline = {s['certs'] / base_s:.2f} (CPU {sc['certs'] / base_cpu:.2f})")
    print(f"certificates: n={n} seconds={total:.2f} per_certificate_ms={s['certs'] * 1000 / n:.0f}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
