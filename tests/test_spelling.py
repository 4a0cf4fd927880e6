"""One spelling of tone marks throughout (issue 7, item 8).

Vietnamese has two conventions for where the tone mark goes in the open
syllables oa, oe, uy: "hòa, khóa, hủy, xóa" (the one used here, as in "Cộng
hòa xã hội chủ nghĩa Việt Nam") and "hoà, khoá, huỷ, xoá". A page that mixes
them reads as careless; this test keeps every text a person reads (templates,
messages in code, the rulebook, documents, README and glossary) to one.
"""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The mark on the second vowel of an open oa/oe/uy at the end of a word; "qu" is a consonant (quý, quá).
OLD_STYLE = re.compile(r"(?<![\wđĐ])([^\W\d_]*?)(o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?!\w)", re.IGNORECASE)
SUFFIXES = (".py", ".html", ".md", ".toml", ".po", ".js", ".txt")


def old_style_words(text):
    return {m.group(0) for m in OLD_STYLE.finditer(text) if not m.group(1).lower().endswith("q")}


def test_the_checker_tells_the_two_spellings_apart():
    assert old_style_words("Hủy, xóa, khóa, hòa, thủy, quý, quá") == set()
    assert old_style_words("Huỷ, xoá, khoá, hoà, thuỷ") == {"Huỷ", "xoá", "khoá", "hoà", "thuỷ"}


def test_every_text_uses_one_spelling_of_tone_marks():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    found = {}
    for name in files:
        if not name.endswith(SUFFIXES) or name.startswith("static/vendor") or name == "tests/test_spelling.py":
            continue
        path = ROOT / name
        if not path.exists():
            continue
        words = old_style_words(path.read_text(encoding="utf-8", errors="replace"))
        if words:
            found[name] = sorted(words)
    assert found == {}, f"old-style tone marks (write hòa, khóa, hủy, xóa): {found}"
