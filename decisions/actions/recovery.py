"""Recording what a revoked award's recipient paid back (Luật TĐKT 2022, Điều 93.2: the items and the money are
recovered): the money on a date, the items returned, the receipt (chứng từ). Payments may be partial; they add up
and never pass what the revocation decided to recover. The standing office of the authority that revoked records
them; its signer reads them (decisions.selectors.recoveries_for)."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from audit.recording import record
from core.forms import check_date
from core.money import format_money
from core.text import clean_text
from org.duties import Duty, require

from ..chain import describe
from ..models import Award, Recovery, RevocationStatus


def recovered_so_far(award) -> int:
    return award.recoveries.aggregate(s=Sum("amount"))["s"] or 0


@transaction.atomic
def recovery_record(*, acting_user, award: Award, paid_on, amount: int | None = None, items_returned: str = "",
                    voucher: str = "", note: str = "", upload=None) -> Recovery:
    """One payment back for the revoked ``award``: ``amount`` đồng paid on ``paid_on`` (with the receipt ``voucher``,
    its scan ``upload`` when given) and/or the items returned. The award's row is locked while the payments so far
    are summed: two clerks recording at once never recover more than is owed."""
    a = (Award.objects.select_for_update(of=("self",))
         .select_related("award_type", "person__unit", "unit", "revocation__authority").get(pk=award.pk))
    rev = a.revocation
    if not a.revoked_on or rev is None or rev.status != RevocationStatus.ISSUED:
        raise ValidationError(f"{describe(a)} chưa bị hủy bỏ bằng quyết định: không có gì phải thu hồi.")
    require(acting_user, rev.authority, Duty.STANDING_OFFICE,
            f"Chỉ cơ quan thường trực của {rev.authority.name} ghi nhận được việc nộp lại tiền thưởng, hiện vật.")
    amount = amount or 0
    items_returned = clean_text(items_returned or "").strip()
    voucher = clean_text(voucher or "").strip()
    note = clean_text(note or "", multiline=True).strip()
    owed = a.recover_amount or 0
    paid = recovered_so_far(a)
    left = max(owed - paid, 0)
    errors = {}
    if paid_on is None:
        errors["paid_on"] = "Nhập ngày nộp lại."
    else:
        try:
            check_date(paid_on)
        except ValidationError as e:
            errors["paid_on"] = e.messages[0]
        else:
            if paid_on > timezone.localdate():
                errors["paid_on"] = "Ngày nộp lại không được sau hôm nay."
            elif rev.date and paid_on < rev.date:
                errors["paid_on"] = (f"Ngày nộp lại không được trước ngày quyết định hủy bỏ số {rev.reference} "
                                     f"({rev.date:%d/%m/%Y}).")
    if amount < 0:
        errors["amount"] = "Số tiền nộp lại không được âm."
    elif amount > left:
        errors["amount"] = (f"Số tiền nộp lại {format_money(amount)} vượt số còn phải thu hồi {format_money(left)} "
                            f"(phải thu hồi {format_money(owed)}, đã nộp {format_money(paid)}).")
    if not amount and not items_returned:
        errors["amount"] = "Nhập số tiền hoặc hiện vật đã nộp lại."
    for key, label in (("items_returned", "Hiện vật đã nộp lại"), ("voucher", "Chứng từ")):
        limit = Recovery._meta.get_field(key).max_length
        if len({"items_returned": items_returned, "voucher": voucher}[key]) > limit:
            errors[key] = f"{label} dài tối đa {limit} ký tự."
    content = None
    if upload is not None:
        from core.uploads import UploadRefused, sniff_scan

        try:
            content = sniff_scan(upload)
        except UploadRefused as e:
            errors["upload"] = e.messages[0]
    if errors:
        raise ValidationError(errors)
    r = Recovery(award=a, paid_on=paid_on, amount=amount, items_returned=items_returned, voucher=voucher, note=note,
                 recorded_by=acting_user)
    if upload is not None:
        digest = hashlib.sha256()
        for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
            digest.update(chunk)
        upload.seek(0)
        # Stored under a name of our own making.
        r.voucher_file.save(f"{a.pk}-{digest.hexdigest()[:16]}{content[1]}", upload, save=False)
    r.save()
    changes = {"Ngày nộp lại": ["", f"{paid_on:%d/%m/%Y}"]}
    if amount:
        changes["Số tiền nộp lại"] = ["", format_money(amount)]
    if items_returned:
        changes["Hiện vật đã nộp lại"] = ["", items_returned]
    if voucher:
        changes["Chứng từ"] = ["", voucher]
    changes["Còn phải thu hồi"] = [format_money(left), format_money(left - amount)]
    record(actor=acting_user, verb="award_recovery", target=a.person or a.unit, changes=changes,
           note=f"{describe(a)}, hủy bỏ theo Quyết định số {rev.reference} ngày {rev.date:%d/%m/%Y} của "
                f"{rev.authority.name}." + (f" {note}" if note else ""))
    return r
