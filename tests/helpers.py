"""Helpers of the project-wide tests."""

import importlib
import inspect

from django import forms
from django.apps import apps


def form_classes():
    """Every form class defined in the project's apps (their forms.py and registration_forms.py)."""
    for config in apps.get_app_configs():
        if not config.path.startswith(str(__import__("django.conf").conf.settings.BASE_DIR)):
            continue
        for name in ("forms", "registration_forms"):
            try:
                module = importlib.import_module(f"{config.name}.{name}")
            except ModuleNotFoundError:
                continue
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls
