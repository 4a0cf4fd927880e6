from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from django.db.models.signals import post_migrate, pre_save

        from .cleaning import clean_instance_text

        # The backstop under every form and import: whatever path a model is
        # saved by (an action, the admin shell, a future API), its text is
        # cleaned and its lengths checked (core.text.clean_text).
        pre_save.connect(clean_instance_text, dispatch_uid="core.clean_instance_text")

        from .statistics import analyse_after_migrate

        # Tables a migration rebuilt on SQLite get their planner statistics back (core.statistics).
        post_migrate.connect(analyse_after_migrate, sender=self, dispatch_uid="core.analyse_after_migrate")
