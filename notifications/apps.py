from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo, nhắc hạn, ngày nghỉ lễ"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .holidays import seed_after_migrate

        post_migrate.connect(seed_after_migrate, sender=self)
