"""Photos people upload (an exemplary deed's pictures, a citizen's): checked by content, never by name, and
stored as images this application wrote itself.

The guard of every upload (``core.uploads.check_size``) runs first. Then the first bytes must say JPEG, PNG or
WebP, and Pillow must decode the whole picture within ``TDKT_IMAGE_MAX_PIXELS`` (default 40 megapixels: a
small PNG can claim 100,000 × 100,000 pixels and take gigabytes to decode). What is kept is not the upload
but the picture written again: turned upright by its EXIF orientation, then saved without any metadata
(EXIF holds the camera's GPS position, which a public page must not give away), at most
``TDKT_IMAGE_MAX_SIDE`` pixels on its long side, and a thumbnail of ``TDKT_IMAGE_THUMB_SIDE``.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from .text import format_count
from .uploads import ScanFilesField, UploadRefused, VNMultipleFileInput, check_size

# What its first bytes say a picture is (never its name or the browser's word for it).
IMAGE_TYPES = [
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
]
IMAGE_ACCEPT = ".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"
NOT_AN_IMAGE = "Tệp không phải ảnh (JPEG, PNG hoặc WebP): hãy chọn một tệp ảnh."


def _sniff(head: bytes) -> str | None:
    for magic, kind in IMAGE_TYPES:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


@dataclass(frozen=True)
class Picture:
    """A picture as the application keeps it: the image and its thumbnail, both re-encoded."""

    data: bytes
    thumb: bytes
    width: int
    height: int
    content_type: str
    ext: str
    sha256: str  # of the upload as received (the same photo sent twice is found again)


def max_pixels() -> int:
    return int(getattr(settings, "TDKT_IMAGE_MAX_PIXELS", 40_000_000))


def sniff_image(fileobj) -> str:
    """"JPEG", "PNG" or "WEBP" by the file's first bytes, after the size guard; UploadRefused otherwise."""
    check_size(fileobj)
    pos = fileobj.tell() if hasattr(fileobj, "tell") else 0
    head = fileobj.read(16)
    fileobj.seek(pos)
    if not head:
        raise UploadRefused("Tệp rỗng.", code="upload_empty")
    kind = _sniff(head)
    if kind is None:
        raise UploadRefused(NOT_AN_IMAGE, code="upload_type")
    return kind


def read_picture(fileobj) -> Picture:
    """The upload checked (size, kind by content, the whole picture decoded within the pixel limit) and
    written again as ``Picture``; UploadRefused with a Vietnamese message otherwise."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    kind = sniff_image(fileobj)
    fileobj.seek(0)
    raw = fileobj.read()
    limit = max_pixels()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=[kind]) as probe:
                width, height = probe.size
                if width * height > limit:
                    raise UploadRefused(f"Ảnh quá lớn: {format_count(width)} × {format_count(height)} điểm ảnh, tối đa "
                                        f"{format_count(limit // 1_000_000)} triệu điểm ảnh.", code="upload_pixels")
                probe.load()  # decodes every byte: a truncated or forged file fails here
                image = ImageOps.exif_transpose(probe)
                image.load()
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRefused("Ảnh quá lớn để đọc.", code="upload_pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise UploadRefused("Không đọc được ảnh: tệp bị hỏng hoặc không phải ảnh.", code="upload_type") from None
    keep_alpha = kind != "JPEG" and image.mode in ("RGBA", "LA", "P")
    image = image.convert("RGBA" if keep_alpha else "RGB")
    data, ext, content_type = _encode(image, int(getattr(settings, "TDKT_IMAGE_MAX_SIDE", 1600)), keep_alpha)
    thumb, _, _ = _encode(image, int(getattr(settings, "TDKT_IMAGE_THUMB_SIDE", 480)), keep_alpha)
    shown = _fit(image.size, int(getattr(settings, "TDKT_IMAGE_MAX_SIDE", 1600)))
    return Picture(data=data, thumb=thumb, width=shown[0], height=shown[1], content_type=content_type, ext=ext,
                   sha256=hashlib.sha256(raw).hexdigest())


def _fit(size, side):
    w, h = size
    if max(w, h) <= side:
        return w, h
    scale = side / max(w, h)
    return max(1, round(w * scale)), max(1, round(h * scale))


def _encode(image, side, keep_alpha):
    """The picture at most ``side`` pixels on its long side, as PNG (transparency kept) or JPEG, no metadata."""
    from PIL import Image

    small = image.resize(_fit(image.size, side), Image.Resampling.LANCZOS) if max(image.size) > side else image.copy()
    out = io.BytesIO()
    if keep_alpha:
        small.save(out, format="PNG", optimize=True)
        return out.getvalue(), ".png", "image/png"
    small.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue(), ".jpg", "image/jpeg"


def validate_image(f):
    sniff_image(f)


class PhotosField(ScanFilesField):
    """Several photos at once (an exemplar's, a citizen's), each passing the upload guard (size, then its first bytes
    say JPEG, PNG or WebP), the lot refused when one fails, each refusal naming its file; at most ``most`` at a time
    (``too_many`` says so, with {most} and {n}); the action then decodes each picture and writes it again."""

    default_validators = [validate_image]

    def __init__(self, *, most: int, too_many: str = "Mỗi lần chọn tối đa {most} ảnh (đã chọn {n}).", **kwargs):
        self.most, self.too_many = most, too_many
        kwargs.setdefault("widget", VNMultipleFileInput(attrs={"accept": IMAGE_ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > self.most:
            raise ValidationError(self.too_many.format(most=self.most, n=len(files)))
        if not files and self.required:
            raise ValidationError("Chưa chọn ảnh.")
        return super().clean(files, initial) or []
