"""The portal's test builders: a citizen's proposal as a person fills it in, a small picture, the answer to the
form's signed question."""

import io

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile


def jpeg(name="anh.jpg", size=(40, 30), color=(200, 40, 40)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def jpeg_file(path, size=(640, 480), color=(40, 120, 200)):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, color)
    ImageDraw.Draw(image).ellipse((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), fill=(250, 210, 60))
    image.save(path, format="JPEG")
    return path


def answer_of(token):
    from portal.challenge import SALT

    data = signing.loads(token, salt=SALT)
    return str(data["a"] + data["b"])


def proposal_data(ward, **over):
    data = {"unit": str(ward.pk), "nominee_name": "Bùi Văn Tâm", "nominee_about": "Xe ôm, tổ dân phố 5",
            "title": "Trả lại ví tiền nhặt được", "deed_on": "02/12/2026", "place": "Chợ Phú Lương",
            "story": "Anh nhặt được ví có 5 triệu đồng và giấy tờ, tìm trả lại người đánh rơi.",
            "proposer_name": "Đỗ Thị Hoa", "proposer_contact": "0912 345 678", "website": ""}
    data.update(over)
    return data
