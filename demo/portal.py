"""The portal's demo: citizens' proposals of người tốt, việc tốt to Phú Lương and Yên Nghĩa in each state (received,
being verified, accepted — one made the ward's exemplar draft —, declined with a reason), sent through the portal's
own actions. The tracking codes are random, like those a citizen gets."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from org.models import Unit

# ward, nominee, about, deed, place, days ago, story, proposer, contact, what the office did (step, answer), photo
PROPOSALS = [
    ("HN-PLU", "Bùi Văn Tâm", "Lái xe ôm, tổ dân phố 5", "Trả lại ví tiền 5 triệu đồng nhặt được", "Chợ Phú Lương", 3,
     "Sáng 03/12, anh Tâm nhặt được chiếc ví có 5 triệu đồng và giấy tờ tùy thân trước cổng chợ. Anh nhờ Công an "
     "phường tìm và trả lại người đánh rơi ngay trong ngày.", "Đỗ Thị Hoa", "0912 345 678", None, True),
    ("HN-PLU", "Nguyễn Thị Lan", "Hội viên Hội Phụ nữ, tổ dân phố 12", "Nấu cháo miễn phí cho bệnh nhân nghèo",
     "Bệnh viện Đa khoa Hà Đông", 20,
     "Hơn 3 năm nay, mỗi sáng thứ Bảy chị Lan cùng các chị em nấu 200 suất cháo phát miễn phí cho bệnh nhân nghèo.",
     "Trần Văn Bình", "binh.tran@example.vn", ("verify", ""), True),
    ("HN-PLU", "Lê Minh Quân", "Học sinh lớp 9, Trường THCS Phú Lương", "Cứu em nhỏ đuối nước", "Hồ điều hòa Phú Lương",
     40, "Chiều 25/10, em Quân đã nhảy xuống hồ cứu một em nhỏ bị trượt chân, rồi gọi người lớn sơ cứu kịp thời.",
     "Phạm Thị Thu", "0983 111 222",
     ("accept", "Phường đã xác minh và biểu dương em Lê Minh Quân; việc làm của em được đề xuất điển hình tiên tiến "
                "tháng 12 của phường. Cảm ơn chị đã đề xuất."), True),
    ("HN-PLU", "Tổ tự quản vệ sinh môi trường ngõ 8", "", "Giữ ngõ xanh, sạch, đẹp", "Ngõ 8 phố Phú Lương", 35,
     "Các hộ trong ngõ tự góp tiền trồng cây, lắp đèn chiếu sáng và tổ chức dọn vệ sinh mỗi sáng Chủ nhật.",
     "Hoàng Văn Đức", "0904 222 333",
     ("accept", "Phường ghi nhận và sẽ biểu dương tổ tự quản tại hội nghị tổng kết phong trào “Toàn dân đoàn kết xây "
                "dựng đời sống văn hóa”."), False),
    ("HN-PLU", "Ông Vũ Văn Hải", "", "Tặng quà cho người dân", "Tổ dân phố 3", 50,
     "Ông Hải tặng quà Tết cho các hộ trong tổ.", "Vũ Thị Mai", "0975 444 555",
     ("decline", "Phường đã xác minh: việc tặng quà gắn với quảng cáo sản phẩm của một cửa hàng, không thuộc phong "
                 "trào người tốt, việc tốt. Cảm ơn bạn đã quan tâm."), False),
    ("HN-YN", "Đặng Thị Hường", "Tổ trưởng tổ dân phố 7", "Vận động người dân hiến đất mở rộng đường ngõ",
     "Tổ dân phố 7, phường Yên Nghĩa", 10,
     "Bà Hường đã vận động 14 hộ tự nguyện hiến 120 m² đất để mở rộng đường ngõ cho xe cứu hỏa vào được.",
     "Ngô Văn Phúc", "0936 777 888", None, False),
    ("HN-YN", "Trịnh Văn Long", "Bảo vệ dân phố", "Dập tắt đám cháy nhà dân", "Khu đô thị Đô Nghĩa", 60,
     "Đêm 05/10, anh Long phát hiện cháy tại một ngôi nhà, đã phá cửa đưa 2 cháu nhỏ ra ngoài và dùng bình chữa cháy "
     "dập lửa trước khi lực lượng chữa cháy đến.", "Lý Thị Ngọc", "ngoc.ly@example.vn",
     ("accept", "Phường đã khen thưởng đột xuất anh Trịnh Văn Long. Cảm ơn chị đã đề xuất."), True),
]
OFFICES = {"HN-PLU": "vp.phuluong", "HN-YN": "vp.yennghia"}


def _photo(i):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 600), (60 + 25 * i, 120, 180 - 15 * i))
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 360, 720, 560), fill=(90, 150, 80))
    draw.ellipse((300 + 20 * i, 80, 500 + 20 * i, 280), fill=(250, 210, 60))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return SimpleUploadedFile(f"anh-{i}.jpg", out.getvalue(), content_type="image/jpeg")


def build_portal() -> dict:
    from portal import actions
    from portal.models import CitizenProposal, ProposalEvent

    units = {u.code: u for u in Unit.objects.filter(code__in=OFFICES)}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=OFFICES.values())}
    now = timezone.now()
    made = exemplars = 0
    codes = []
    for i, (ward, nominee, about, title, place, days, story, proposer, contact, answer, photo) in enumerate(PROPOSALS):
        if ward not in units:
            continue
        sent_at = now - timedelta(days=days, hours=i)
        p = actions.proposal_submit(unit=units[ward], photos=[_photo(i)] if photo else [], nominee_name=nominee,
                                    nominee_about=about, title=title, deed_on=(sent_at - timedelta(days=2)).date(),
                                    place=place, story=story, proposer_name=proposer, proposer_contact=contact)
        office = users.get(OFFICES[ward])
        if answer and office is not None:
            step, text = answer
            if step == "verify":
                actions.proposal_verify(acting_user=office, proposal=p)
            elif step == "accept":
                actions.proposal_accept(acting_user=office, proposal=p, answer=text)
                if ward == "HN-PLU" and photo:
                    actions.proposal_make_exemplar(acting_user=office, proposal=p)
                    exemplars += 1
            else:
                actions.proposal_decline(acting_user=office, proposal=p, answer=text)
        # Dated as they were sent and answered: the day sent, answered two days later.
        CitizenProposal.objects.filter(pk=p.pk).update(created_at=sent_at)
        ProposalEvent.objects.filter(proposal=p, verb="submit").update(at=sent_at)
        ProposalEvent.objects.filter(proposal=p).exclude(verb="submit").update(at=sent_at + timedelta(days=2))
        CitizenProposal.objects.filter(pk=p.pk, answered_at__isnull=False).update(answered_at=sent_at + timedelta(days=2))
        made += 1
        codes.append(p.code)
    return {"proposals": made, "exemplars": exemplars, "codes": codes}
