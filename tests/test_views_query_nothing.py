"""Views query nothing: every read goes through an app's selectors (scoped to the user), every
write through its actions. A view module that reaches a model manager (``.objects``), the
database connection, or raw SQL (``.raw()``, ``.extra()``) fails here, named by file and line."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR).resolve()
SKIPPED_DIRS = {".venv", "venv", "migrations", "tests", "node_modules", "__pycache__"}
CONNECTION_NAMES = {"connection", "connections"}
RAW_SQL_METHODS = {"raw", "extra"}


def project_app_dirs() -> list[Path]:
    """The installed apps that live in this repository (not in the virtualenv), and the project
    package itself (home and search)."""
    dirs = [BASE_DIR / settings.ROOT_URLCONF.split(".")[0]]
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(BASE_DIR) and not SKIPPED_DIRS & set(path.relative_to(BASE_DIR).parts):
            dirs.append(path)
    return sorted(set(dirs))


def view_modules() -> list[Path]:
    found = set()
    for app_dir in project_app_dirs():
        for path in app_dir.rglob("*.py"):
            if SKIPPED_DIRS & set(path.relative_to(app_dir).parts[:-1]):
                continue
            if path.name == "views.py" or path.name.endswith("_views.py"):
                found.add(path)
    return sorted(found)


def _dotted(node) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def problems(source: str, filename: str) -> list[str]:
    """``file:line what`` for every query a view module makes itself."""
    out = []
    for node in ast.walk(ast.parse(source, filename)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            out.append(f"{filename}:{line} {_dotted(node) or '…'}.objects: read through the app's selectors, write through its actions")
        elif isinstance(node, ast.Attribute) and node.attr in CONNECTION_NAMES and _dotted(node.value) == "django.db":
            out.append(f"{filename}:{line} django.db.{node.attr}: no database connection in a view")
        elif isinstance(node, ast.ImportFrom) and node.module == "django.db":
            for alias in node.names:
                if alias.name in CONNECTION_NAMES:
                    out.append(f"{filename}:{line} from django.db import {alias.name}: no database connection in a view")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in RAW_SQL_METHODS):
            out.append(f"{filename}:{line} .{node.func.attr}(): no raw SQL in a view")
    return out


def test_the_walk_finds_the_view_modules_of_the_project_apps_and_none_of_the_virtualenv():
    found = {str(p.relative_to(BASE_DIR)) for p in view_modules()}
    assert {"plans/views.py", "movements/views.py", "registration/views.py", "notifications/views.py",
            "records/views.py", "tdkt/views.py"} <= found
    assert not any(".venv" in p or "/tests/" in p or "/migrations/" in p for p in found)


def test_the_check_names_each_kind_of_query_by_line():
    source = (
        "from django.db import connection, models\n"
        "from django.db import connections as conns\n"
        "import django.db\n"
        "def view(request):\n"
        "    a = Registration.objects.filter(pk=1)\n"
        "    b = plan.milestones.model.objects.first()\n"
        "    c = Person.objects.raw('SELECT 1')\n"
        "    d = selectors.people(request.user).extra(where=['1=1'])\n"
        "    e = django.db.connection.cursor()\n"
        "    f = selectors.people(request.user).filter(name='objects')\n"
        "    return a, b, c, d, e, f\n"
    )
    found = problems(source, "x/views.py")
    assert [p.split(" ")[0] for p in found].count("x/views.py:1") == 1
    assert {p.split(" ")[0] for p in found} == {f"x/views.py:{n}" for n in (1, 2, 5, 6, 7, 8, 9)}
    assert "x/views.py:5 Registration.objects" in "\n".join(found)
    assert any(p.startswith("x/views.py:8 .extra()") for p in found)
    assert not any(p.startswith("x/views.py:10") for p in found)


def test_no_view_module_queries_the_database_itself():
    found = []
    for path in view_modules():
        found += problems(path.read_text(encoding="utf-8"), str(path.relative_to(BASE_DIR)))
    assert not found, "Views must read through selectors and write through actions:\n" + "\n".join(found)
