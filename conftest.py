import pytest
from django.test import Client

from tdkt.testing import build_world


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.HUEY = {**settings.HUEY, "immediate": True}
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo city (`tdkt demo`), built once for a test module and rolled back after it."""
    from django.db import transaction
    from django.test import override_settings

    from demo.builder import build

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # The tests' fast hasher (the autouse fixture above is per test, this is per module).
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                built = build(seed=2025)
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def as_user(world):
    """as_user("officer_a") → a test client logged in as that persona."""

    def login(name):
        client = Client()
        if name != "citizen":
            client.force_login(world.users[name])
        return client

    return login


@pytest.fixture
def imported(tmp_path, db):
    """The small history of the appraisal's tests (tdkt/testing/dossiers.py), imported through `tdkt import-history`."""
    from tdkt.testing.dossiers import appraisal_history
    from tdkt.testing.history import import_history

    import_history(tmp_path, appraisal_history())
    return tmp_path


@pytest.fixture
def plan(world):
    """The city's published 2022 plan (tdkt/testing/plans.py: registration before 30/01/2022)."""
    from tdkt.testing.plans import make_city_plan

    return make_city_plan(world)
