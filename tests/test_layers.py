"""Dependencies go one way (README, "How the house is laid out"): a lower app never imports a higher one, so that
the decisions layer knows no dossier (dossiers.decide makes a decision through decisions.actions.decision_create)
and the rulebook knows neither. Test code, views and URL modules sit on top and are not checked."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# app → the apps above it, which it must not import.
ABOVE = {
    "core": {"org", "rulebook", "records", "decisions", "eligibility", "dossiers", "council", "jobs"},
    "jobs": {"org", "rulebook", "records", "decisions", "eligibility", "dossiers", "council"},
    "org": {"rulebook", "records", "decisions", "eligibility", "dossiers", "council"},
    "rulebook": {"records", "decisions", "eligibility", "dossiers", "council"},
    "decisions": {"dossiers", "council"},
    "eligibility": {"dossiers", "council"},
}
TOP = {"views.py", "urls.py", "admin.py"}


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module.split(".")[0]


@pytest.mark.parametrize("app", sorted(ABOVE))
def test_a_lower_app_imports_no_app_above_it(app):
    wrong = []
    for path in sorted((ROOT / app).rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "tests" in rel.parts or "migrations" in rel.parts or path.name in TOP or "management" in rel.parts:
            continue
        wrong += [f"{rel}:{line} imports {mod}" for line, mod in _imports(path) if mod in ABOVE[app]]
    assert not wrong, "\n".join(wrong)
