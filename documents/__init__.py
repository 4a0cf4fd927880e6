"""Word templates of the official documents (docxtpl).

``templates/*.docx`` are ordinary Word files with Jinja tags ({{ … }},
{%p … %}, {%tr … %}); staff may edit them in Word as long as the tags stay.
They are generated once by ``build_templates.py`` (python-docx) in the layout
of Nghị định 30/2020/NĐ-CP and committed; the code that fills them lives with
the data (``plans/documents.py``, ``registration/documents.py``); the decree's
layout helpers are in ``documents/nd30.py``.
"""

from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def template_path(name: str) -> Path:
    return TEMPLATES_DIR / name
