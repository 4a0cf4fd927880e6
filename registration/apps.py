from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = "Đăng ký thi đua"

    def ready(self):
        from . import receivers  # noqa: F401 - connects to the plans' signals
