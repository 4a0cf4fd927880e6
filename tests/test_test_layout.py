"""Tests share builders through conftest.py and tdkt.testing (issue 8): a test module, a conftest.py
or a test helper never imports from a test module (test_*.py) nor from another app's tests, and
fixtures are never imported — pytest finds them in conftest.py by name."""

import ast
from pathlib import Path

from django.conf import settings

SKIP = {".venv", "node_modules", "var", "static", "test-artifacts", "__pycache__"}


def _python_files(root):
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if any(part in SKIP or part.startswith(".") for part in parts):
            continue
        yield path


def _is_test_code(path, root):
    parts = path.relative_to(root).parts
    return path.name.startswith("test_") or path.name == "conftest.py" or "tests" in parts[:-1] or parts[:2] == ("tdkt", "testing")


def _package(path, root):
    return list(path.relative_to(root).parts[:-1])


def _absolute(node, path, root):
    """The dotted module a ``from … import`` names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    base = _package(path, root)[: len(_package(path, root)) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _module_file(module, root):
    for candidate in (root.joinpath(*module.split(".")).with_suffix(".py"), root.joinpath(*module.split("."), "__init__.py")):
        if candidate.is_file():
            return candidate
    return None


def _fixtures_in(path):
    def is_fixture(decorator):
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        return (isinstance(target, ast.Attribute) and target.attr == "fixture") or (isinstance(target, ast.Name) and target.id == "fixture")

    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and any(map(is_fixture, node.decorator_list))}


def offences(root):
    """``file:line: what`` for each import of a test module or of a fixture, in the test code under ``root``."""
    found = []
    for path in _python_files(root):
        if not _is_test_code(path, root):
            continue
        where = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[-1].startswith("test_"):
                        found.append(f"{where}:{node.lineno}: imports the test module {alias.name}")
            elif isinstance(node, ast.ImportFrom):
                module = _absolute(node, path, root)
                if module.split(".")[-1].startswith("test_"):
                    found.append(f"{where}:{node.lineno}: imports from the test module {module}")
                    continue
                parts = module.split(".")
                if "tests" in parts[1:] and parts[0] != path.relative_to(root).parts[0]:
                    found.append(f"{where}:{node.lineno}: imports from another app's tests ({module}): share it through tdkt.testing")
                for alias in node.names:
                    if alias.name.startswith("test_") and _module_file(f"{module}.{alias.name}", root):
                        found.append(f"{where}:{node.lineno}: imports the test module {module}.{alias.name}")
                source = _module_file(module, root) if module else None
                if source is not None:
                    for name in sorted(_fixtures_in(source) & {alias.name for alias in node.names}):
                        found.append(f"{where}:{node.lineno}: imports the fixture {name} from {module} (define it in a conftest.py)")
    return found


def test_no_test_code_imports_a_test_module_or_a_fixture():
    assert offences(Path(settings.BASE_DIR)) == []


def test_the_layout_check_names_the_file_and_line(tmp_path):
    app = tmp_path / "app" / "tests"
    app.mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (app / "__init__.py").write_text("")
    (app / "shared.py").write_text("import pytest\n\n\n@pytest.fixture\ndef plan():\n    return 1\n\n\ndef helper():\n    return 2\n")
    (app / "test_one.py").write_text("def make():\n    return 1\n")
    (app / "test_two.py").write_text(
        "import pytest\n"
        "from .test_one import make\n"
        "from app.tests.test_one import make as again\n"
        "from . import test_one\n"
        "import app.tests.test_one\n"
        "from .shared import helper, plan\n")
    (app / "test_fine.py").write_text("from .shared import helper\nfrom app.tests.shared import helper as same\n")
    other = tmp_path / "other" / "tests"
    other.mkdir(parents=True)
    (other / "test_three.py").write_text("import pytest\n\nfrom app.tests.shared import helper\n")
    assert offences(tmp_path) == [
        "app/tests/test_two.py:2: imports from the test module app.tests.test_one",
        "app/tests/test_two.py:3: imports from the test module app.tests.test_one",
        "app/tests/test_two.py:4: imports the test module app.tests.test_one",
        "app/tests/test_two.py:5: imports the test module app.tests.test_one",
        "app/tests/test_two.py:6: imports the fixture plan from app.tests.shared (define it in a conftest.py)",
        "other/tests/test_three.py:3: imports from another app's tests (app.tests.shared): share it through tdkt.testing",
    ]


def test_the_real_password_hasher_is_used_by_its_own_test_only():
    """conftest.py gives every test the fast hasher; Argon2 (tdkt/settings.py) only where it is what is tested."""
    root = Path(settings.BASE_DIR)
    users = []
    for path in _python_files(root):
        if not _is_test_code(path, root) or path == Path(__file__):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for top in tree.body:
            for node in ast.walk(top):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and "Argon2PasswordHasher" in node.value:
                    users.append((path.relative_to(root).as_posix(), getattr(top, "name", None)))
    assert users == [("accounts/tests/test_login.py", "test_passwords_are_hashed_with_argon2")]
