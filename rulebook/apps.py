from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "rulebook"
    verbose_name = "Quy định thi đua, khen thưởng"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .loader import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self)
