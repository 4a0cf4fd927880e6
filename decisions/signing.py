"""Digital signatures on the decision's PDF and the certificates (pyHanko), with the body's
certificate (PKCS#12, settings TDKT_SIGNING_P12 / TDKT_SIGNING_PASSWORD). Without one the
documents are issued unsigned and the verification page says "chưa ký số"."""

import io
from pathlib import Path

from django.conf import settings


def configured() -> bool:
    path = getattr(settings, "TDKT_SIGNING_P12", "")
    return bool(path) and Path(path).is_file()


def _signer():
    from pyhanko.sign import signers

    password = getattr(settings, "TDKT_SIGNING_PASSWORD", "") or None
    return signers.SimpleSigner.load_pkcs12(pfx_file=settings.TDKT_SIGNING_P12,
                                            passphrase=password.encode() if password else None)


def sign_pdf(pdf: bytes, reason="Quyết định khen thưởng") -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name="ChuKySo", reason=reason)
    return signers.sign_pdf(writer, meta, signer=_signer()).getvalue()


def signature_state(pdf: bytes | None) -> tuple[str, str]:
    """(code, sentence) for the verification page: "unsigned", "valid" or "broken"."""
    if not pdf:
        return "unsigned", "Chưa ký số."
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(pdf))
    signatures = reader.embedded_signatures
    if not signatures:
        return "unsigned", "Chưa ký số."
    roots = []
    if configured():
        roots.append(_signer().signing_cert)
    try:
        status = validate_pdf_signature(signatures[0], ValidationContext(trust_roots=roots, allow_fetching=False))
    except Exception as e:  # noqa: BLE001 - a damaged file is reported as such
        return "broken", f"Chữ ký số không kiểm tra được: {e}"
    who = status.signing_cert.subject.human_friendly if status.signing_cert else ""
    if status.intact and status.valid and status.trusted:
        return "valid", f"Đã ký số, chữ ký hợp lệ và tài liệu không bị sửa sau khi ký ({who})."
    if not status.intact:
        return "broken", "Tài liệu đã bị sửa sau khi ký: chữ ký số không còn giá trị."
    return "broken", f"Chữ ký số không được xác nhận bởi chứng thư của cơ quan ({who})."
