from django.apps import AppConfig


class ExemplarsConfig(AppConfig):
    name = "exemplars"
    verbose_name = "Điển hình tiên tiến, người tốt việc tốt"
