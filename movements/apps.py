from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "movements"
    verbose_name = "Kế hoạch, phong trào, đăng ký thi đua"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .holidays import seed_after_migrate

        post_migrate.connect(seed_after_migrate, sender=self)
