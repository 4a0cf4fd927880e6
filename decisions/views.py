from pathlib import Path
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from core.money import amount_in_words, format_money
from core.params import get_year

from throttle import actions as throttle
from throttle.http import client_address, too_many
from throttle.limits import configured

from jobs import tracking

from . import actions, documents, selectors, signing, tasks
from .models import RenderStatus


def _decision_filter(request):
    """The decision list's filters as the query string gives them (the page, its pager and its Excel export)."""
    from core.params import parse_int

    from .models import Occasion

    status, occasion = request.GET.get("status", ""), request.GET.get("occasion", "")
    return {"year": get_year(request), "q": request.GET.get("q", "").strip()[:200],
            "authority": parse_int(request.GET.get("authority"), None, min_value=1),
            "status": status if status in selectors.DECISION_STATES else "",
            "occasion": occasion if occasion in Occasion.values else ""}


def decision_list(request):
    from .models import Occasion

    f = _decision_filter(request)
    page = Paginator(selectors.decisions_for(request.user, **f), 30).get_page(request.GET.get("page"))
    return render(request, "decisions/list.html", {"page": page, **f, "year": f["year"] or "",
                                                   "states": selectors.DECISION_STATES, "occasions": Occasion.choices,
                                                   "authorities": selectors.decision_filter_authorities(request.user),
                                                   "filtered": any(f.values()),
                                                   "can_issue": selectors.sign_authorities(request.user).exists(),
                                                   "ledger": selectors.may_see_ledger(request.user)})


def decision_export(request):
    """The decisions of the list as filtered, in Excel: at once, or by the worker for a long list (jobs.exports)."""
    from jobs import exports

    from . import list_export

    f = _decision_filter(request)
    qs = selectors.decisions_for(request.user, **f)
    name = f"danh-sach-quyet-dinh-khen-thuong-{timezone.localdate():%Y%m%d}.xlsx"
    if qs.order_by()[exports.inline_rows():exports.inline_rows() + 1].exists():
        job = exports.start(acting_user=request.user, kind="decisions", params=f, title="danh sách quyết định khen thưởng",
                            filename=name, back_url=request.get_full_path().replace("/xuat-excel/", "/", 1),
                            back_label="Quyết định khen thưởng")
        return redirect("jobs:export", pk=job.pk)
    response = HttpResponse(list_export.decisions_workbook(qs),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _decision(request, pk):
    """The decision, its files seen to: made again when the process making them died or they went missing."""
    d = tracking.check(selectors.decision_get_for_user(request.user, pk))
    if tasks.files_missing(d):
        tasks.make_again(d)
        d.refresh_from_db()
    return d


def _certificates_stem(d) -> str:
    """"giay-khen" of the stored giay-khen-12.pdf (files made before they were named by form: bang-khen-12.pdf)."""
    return Path(d.certificates.name).stem.rsplit("-", 1)[0] if d.certificates else ""


def _files_context(request, d):
    stem = _certificates_stem(d)
    return {"d": d, "running": d.render_status in (RenderStatus.PENDING, RenderStatus.RUNNING),
            "can_remake": selectors.may_remake_files(request.user, d),
            "certificates_file": f"{stem}.pdf", "certificates_label": documents.certificates_label(stem) if stem else ""}


def decision_detail(request, pk):
    d = _decision(request, pk)
    awards = selectors.attach_recoveries(selectors.decision_awards(d, request.user))
    revoked = [a for a in awards if a.revoked_on]
    money = sum(a.recover_amount or 0 for a in revoked)
    return render(request, "decisions/detail.html", {"awards": awards, "total_words": amount_in_words(d.total),
                                                     "revoked": revoked, "revoked_count": len(revoked),
                                                     "revoked_money": money,
                                                     "revoked_left": sum(getattr(a, "recovery_left", 0) for a in revoked),
                                                     "ledger": selectors.may_see_ledger(request.user, d.authority),
                                                     "may_record": selectors.may_record_at(request.user, d.authority),
                                                     **_files_context(request, d)})


def decision_progress(request, pk):
    d = _decision(request, pk)
    return render(request, "decisions/_files.html", _files_context(request, d))


@require_POST
def decision_files_again(request, pk):
    d = selectors.decision_get_for_user(request.user, pk)
    try:
        actions.decision_files_again(acting_user=request.user, decision=d)
    except (ValidationError, PermissionDenied) as e:
        messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
    else:
        messages.success(request, "Đang tạo lại tệp quyết định và bằng, giấy khen.")
    return redirect("decisions:detail", pk=d.pk)


def decision_file(request, pk, kind):
    d = selectors.decision_get_for_user(request.user, pk)
    if kind == "chi-tra.xlsx":
        response = HttpResponse(documents.payment_workbook(d),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'danh-sach-chi-tien-thuong-{d.number}.xlsx')}"
        return response
    # The certificates are named by their form (giay-khen.pdf, bang-khen.pdf, giay-chung-nhan.pdf); the address
    # of older pages (bang-giay-khen.pdf) still opens them.
    certificates = f"{_certificates_stem(d)}.pdf"
    field = {"quyet-dinh.docx": d.docx, "quyet-dinh.pdf": d.pdf, "bang-giay-khen.pdf": d.certificates,
             certificates: d.certificates}.get(kind)
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = f"{certificates[:-4]}-{d.number}.pdf" if kind in ("bang-giay-khen.pdf", certificates) else f"{d.number}-{kind}"
    return FileResponse(handle, as_attachment=kind.endswith(".docx"), filename=name)


VERIFY_REFUSED = "Bạn đã tra cứu quá nhiều mã không có trong hệ thống. Hãy thử lại sau {wait}."


def _verify_limit(request):
    """Lookups that miss, per client address (TDKT_THROTTLE_VERIFY_PER_ADDRESS): the codes carry 40 bits, not enough
    against guessing at full speed. Past the limit every lookup of that address waits, found or not, so the
    refusal itself tells nothing about a code."""
    return configured("TDKT_THROTTLE_VERIFY_PER_ADDRESS", "verify-address", client_address(request))


def _verify_refused(request, refused, typed=""):
    response = render(request, "decisions/verify_lookup.html", {"typed": typed, "refused": VERIFY_REFUSED.format(wait=refused.wait)})
    return too_many(response, refused)


def _verify_missed(request, typed, limit):
    throttle.hit_all([limit])  # a miss counts; this one is answered, the next past the limit waits
    return render(request, "decisions/verify_lookup.html", {"typed": typed, "not_found": typed}, status=404)


@login_not_required
def verify(request, code):
    """Public: what a certificate's QR code leads to."""
    limit = _verify_limit(request)
    verdict = throttle.peek([limit])
    if not verdict:
        return _verify_refused(request, verdict, code)
    award = selectors.award_by_code(code)
    if award is None:
        return _verify_missed(request, code, limit)
    state = ("unsigned", "Chưa ký số.")
    if award.decision_id and award.decision.signed and award.decision.certificates:
        try:
            with award.decision.certificates.open("rb") as f:
                state = signing.signature_state(f.read())
        except FileNotFoundError:
            pass
    return render(request, "decisions/verify.html", {"a": award, "signature": state})


@login_not_required
def verify_lookup(request):
    """Public: the code typed from a certificate, normalised ("abcd-2345" is ABCD2345), then its page."""
    typed = (request.GET.get("ma") or "").strip()
    if not typed:
        return render(request, "decisions/verify_lookup.html")
    limit = _verify_limit(request)
    verdict = throttle.peek([limit])
    if not verdict:
        return _verify_refused(request, verdict, typed)
    code = selectors.normal_verify_code(typed)
    if code is None:
        return _verify_missed(request, typed, limit)
    return redirect("decisions:verify", code=code)

# --- revocations (hủy bỏ quyết định khen thưởng, Điều 93.2) -------------------------------------------------------

def revocation_list(request):
    from .models import RevocationStatus

    status = request.GET.get("trang-thai", "")
    status = status if status in RevocationStatus.values else ""
    page = Paginator(selectors.revocations_for(request.user, status=status or None), 30).get_page(request.GET.get("page"))
    return render(request, "decisions/revocations.html", {"page": page, "status": status,
                                                          "statuses": RevocationStatus.choices,
                                                          "ledger": selectors.may_see_ledger(request.user)})


def _revocation(request, pk):
    """The revocation, its files seen to: made again when the process making them died or they went missing."""
    r = selectors.revocation_get_for_user(request.user, pk)
    if r.render_status:
        r = tracking.check(r)
        if tasks.revocation_files_missing(r):
            tasks.make_revocation_again(r)
            r.refresh_from_db()
    return r


def _revocation_files_context(request, r):
    from . import revocation

    return {"r": r, "running": r.render_status in (RenderStatus.PENDING, RenderStatus.RUNNING),
            "can_remake": revocation.may_sign(request.user, r) or selectors.may_remake_files(request.user, r)}


def revocation_detail(request, pk):
    """A revocation: what it revokes (money to recover, items to return), what it keeps and why; the signer
    issues a draft here."""
    from . import revocation
    from .forms import RevocationSignForm
    from .revocation_documents import grounds_text

    r = _revocation(request, pk)
    may_sign = r.status == "draft" and revocation.may_sign(request.user, r)
    form = None
    if may_sign:
        today = timezone.localdate()
        form = RevocationSignForm(request.POST or None, initial={
            "number": revocation.next_number(r.authority, today.year), "symbol": r.symbol, "date": today,
            "signer_role": "chairman", "signer_name": request.user.get_full_name()})
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            data["signer_title"] = revocation.signer_title_for(r.authority, data.pop("signer_role"))
            try:
                r = revocation.award_revoke(acting_user=request.user, revocation=r, **data)
            except ValidationError as e:
                apply_validation_error(form, e)
            except PermissionDenied as e:
                form.add_error(None, str(e))
            else:
                messages.success(request, f"Đã ban hành {r}; {r.awards.count()} khen thưởng đã bị hủy bỏ. "
                                          "Tệp quyết định đang được tạo.")
                return redirect("decisions:revocation", pk=r.pk)
    elif request.method == "POST":
        raise PermissionDenied("Chỉ người có thẩm quyền ký quyết định của cấp này được ký quyết định hủy bỏ.")
    lines = selectors.revocation_lines(r)
    revoked = [ln for ln in lines if ln.included]
    notes = [n for n in (revocation.law_note(ln.award, r.ground) for ln in revoked) if n]
    return render(request, "decisions/revocation.html", {
        **_revocation_files_context(request, r), "form": form, "revoked": revoked,
        "kept": [ln for ln in lines if not ln.included], "related": selectors.revocation_related(r),
        "grounds": grounds_text(r, [ln.award for ln in revoked]), "notes": notes,
        "total_words": amount_in_words(r.total), "may_discard": revocation.may_discard(request.user, r),
        "ledger": selectors.may_see_ledger(request.user, r.authority)})


def revocation_progress(request, pk):
    return render(request, "decisions/_revocation_files.html", _revocation_files_context(request, _revocation(request, pk)))


@require_POST
def revocation_discard(request, pk):
    from . import revocation

    r = selectors.revocation_get_for_user(request.user, pk)
    root = r.root
    try:
        revocation.revocation_discard(acting_user=request.user, revocation=r, note=request.POST.get("note", ""))
    except (ValidationError, PermissionDenied) as e:
        messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
        return redirect("decisions:revocation", pk=pk)
    messages.success(request, "Đã hủy dự thảo quyết định hủy bỏ; không khen thưởng nào bị hủy bỏ.")
    if root.person_id:
        return redirect("records:person_record", pk=root.person_id)
    return redirect("decisions:revocations")


@require_POST
def revocation_files_again(request, pk):
    from . import revocation

    r = selectors.revocation_get_for_user(request.user, pk)
    try:
        revocation.revocation_files_again(acting_user=request.user, revocation=r)
    except (ValidationError, PermissionDenied) as e:
        messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
    else:
        messages.success(request, "Đang tạo lại tệp quyết định hủy bỏ.")
    return redirect("decisions:revocation", pk=r.pk)


def revocation_file(request, pk, kind):
    r = selectors.revocation_get_for_user(request.user, pk)
    field = {"quyet-dinh-huy-bo.docx": r.docx, "quyet-dinh-huy-bo.pdf": r.pdf}.get(kind)
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=kind.endswith(".docx"), filename=f"{r.number}-{kind}")


# --- the recovery ledger (thu hồi tiền thưởng, hiện vật) -----------------------------------------------------------

def _ledger(request):
    """The ledger's rows for the filters of the query string, and what the page shows of the filters."""
    from core.params import get_int

    authorities = list(selectors.recovery_authorities(request.user))
    pk = get_int(request, "authority")
    authority = next((a for a in authorities if a.pk == pk), None)
    years = selectors.recovery_years(request.user)
    year = get_year(request)
    state = request.GET.get("state", "")
    state = state if state in selectors.RECOVERY_STATES else ""
    q = request.GET.get("q", "").strip()
    qs = selectors.recoveries_for(request.user, authority=authority, year=year, state=state, q=q)
    said = [authority.name if authority else "", f"năm {year}" if year else "",
            selectors.RECOVERY_STATES[state].lower() if state else "", f"tên có “{q}”" if q else ""]
    return qs, {"authorities": authorities, "authority": authority, "years": years, "year": year or "", "state": state,
                "states": selectors.RECOVERY_STATES, "q": q, "filters": ", ".join(s for s in said if s)}


def recovery_list(request):
    """Danh sách thu hồi tiền thưởng: per authority and revocation, who, how much, paid back when, items returned."""
    if not selectors.may_see_ledger(request.user):
        raise Http404
    qs, filters = _ledger(request)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    rows = selectors.ledger_details(page.object_list)
    for a in rows:
        a.may_record = selectors.may_record_recovery(request.user, a)
    return render(request, "decisions/recoveries.html", {"page": page, "rows": rows,
                                                         "totals": selectors.recovery_totals(qs), **filters})


def recovery_export(request):
    if not selectors.may_see_ledger(request.user):
        raise Http404
    qs, filters = _ledger(request)
    authorities = filters["authorities"]
    authority = filters["authority"] or (authorities[0] if len(authorities) == 1 else None)
    rows = selectors.ledger_details(qs)
    content = documents.recovery_workbook(rows, totals=selectors.recovery_totals(qs), authority=authority,
                                          filters=filters["filters"])
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = f"danh-sach-thu-hoi-tien-thuong-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def recovery_detail(request, pk):
    """A revoked award's money and items to recover, what was paid back, and (for the standing office) the form
    that records a payment."""
    from .forms import RecoveryForm

    a = selectors.recovery_award_for_user(request.user, pk)
    may_record = selectors.may_record_recovery(request.user, a)
    form = None
    if may_record:
        form = RecoveryForm(request.POST or None, request.FILES or None, initial={"paid_on": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                actions.recovery_record(acting_user=request.user, award=a, **data)
            except ValidationError as e:
                apply_validation_error(form, e)
            except PermissionDenied as e:
                form.add_error(None, str(e))
            else:
                a = selectors.recovery_award_for_user(request.user, pk)
                left = max((a.recover_amount or 0) - a.recovered, 0)
                messages.success(request, f"Đã ghi nhận nộp lại ngày {data['paid_on']:%d/%m/%Y}"
                                          + (f": {format_money(data['amount'])}" if data.get("amount") else "")
                                          + (f"; hiện vật: {data['items_returned']}" if data.get("items_returned") else "")
                                          + (f". Còn phải thu hồi {format_money(left)}." if left else ". Đã thu hồi đủ tiền thưởng."))
                return redirect("decisions:recovery", pk=a.pk)
    elif request.method == "POST":
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp đã hủy bỏ khen thưởng ghi nhận được việc nộp lại.")
    payments = selectors.recoveries_of(a)
    left = max((a.recover_amount or 0) - a.recovered, 0)
    return render(request, "decisions/recovery.html", {
        "a": a, "rev": a.revocation, "payments": payments, "left": left, "state": selectors.recovery_state(a),
        "form": form, "may_record": may_record})


def recovery_file(request, pk, recovery_pk):
    r = selectors.recovery_of_award(request.user, pk, recovery_pk)
    if not r.voucher_file:
        raise Http404
    try:
        handle = r.voucher_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, filename=f"chung-tu-{r.pk}{Path(r.voucher_file.name).suffix}")
