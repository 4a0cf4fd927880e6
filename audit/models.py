"""History of every write: who changed what, from which value to which, when."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


VERBS = {
    "create": "Tạo mới",
    "update": "Sửa thông tin",
    "move": "Chuyển đơn vị",
    "merge": "Sáp nhập",
    "merge_target": "Tiếp nhận sáp nhập",
    "reparent": "Đổi đơn vị cấp trên",
    "import": "Nhập từ Excel",
    "role_grant": "Giao vai trò",
    "role_revoke": "Thu hồi vai trò",
    "password_change": "Đổi mật khẩu",
    "dissolve": "Giải thể",
    "ratings": "Ghi xếp loại",
    "award": "Ghi nhận khen thưởng",
    "award_delete": "Xóa khen thưởng",
    "award_revoke": "Hủy bỏ khen thưởng",
    "revocation_prepare": "Lập dự thảo quyết định hủy bỏ khen thưởng",
    "revocation_discard": "Hủy dự thảo quyết định hủy bỏ khen thưởng",
    "award_recovery": "Nộp lại tiền thưởng, hiện vật",
    "history_import": "Nhập tệp lịch sử",
    "discipline": "Ghi nhận kỷ luật",
    "initiative": "Ghi nhận sáng kiến",
    "rulebook": "Sửa quy định",
    "publish": "Ban hành",
    "launch": "Phát động",
    "review": "Sơ kết, tổng kết",
    "registration": "Đăng ký thi đua",
    "reopen": "Mở lại đăng ký",
    "milestone_done": "Hoàn thành mốc tiến độ",
    "amend": "Sửa đổi, bổ sung",
}


class Event(models.Model):
    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="người thực hiện",
    )
    verb = models.CharField("thao tác", max_length=40)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.BigIntegerField()
    target_label = models.CharField(max_length=300)
    # {"field label": [old, new]} as displayed text, so the history still reads
    # right after a field or a choice list changes.
    changes = models.JSONField(default=dict, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-at"])]
        verbose_name = "sự kiện"
        verbose_name_plural = "nhật ký"

    @property
    def verb_label(self):
        return VERBS.get(self.verb, self.verb)

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.verb} {self.target_label}"
