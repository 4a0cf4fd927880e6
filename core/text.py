"""Vietnamese text: folding for search, collation keys for sorting names.

SQLite folds only ASCII case, and PostgreSQL's collation depends on the
server's locale, so neither can be trusted with "nguyen" ≡ "Nguyễn" or with
the Vietnamese alphabet order. We store derived columns instead:
``search_text`` (folded) and ``sort_key`` (a string of lowercase ASCII
letters whose byte order is the Vietnamese order, and whose order is the same
under any collation, C or en_US).
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics, đ→d, squeeze spaces: "Nguyễn Thị Thịnh" → "nguyen thi thinh"."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D").casefold()
    return _SPACES.sub(" ", text).strip()


def search_terms(query: str | None) -> list[str]:
    """The folded words of a query; each must occur in ``search_text``."""
    return [t for t in fold(query).split(" ") if t]


# Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
# (f j w z sort where English puts them, for foreign names).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Tones, in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a distinct letter, not a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


def _code(i: int) -> str:
    """Two lowercase letters per position: fixed width keeps prefixes ordered."""
    return chr(ord("a") + i // 26) + chr(ord("a") + i % 26)


_LETTER_CODE = {ch: _code(i + 10) for i, ch in enumerate(_ALPHABET)}
_DIGIT_CODE = {str(d): _code(d + 1) for d in range(10)}
_SEPARATOR = "aa"  # below every letter and digit: "An" sorts before "Anh"


def _letters_and_tones(word: str) -> tuple[str, str]:
    primary, tones = [], []
    for ch in unicodedata.normalize("NFD", word.casefold()):
        if ch in _TONE_MARKS:
            tones[-1:] = [_TONE_MARKS[ch]]
            continue
        if ch in _LETTER_MARKS:
            if primary:
                primary[-1] = unicodedata.normalize("NFC", primary[-1] + ch)
            continue
        if unicodedata.category(ch) == "Mn":
            continue
        primary.append(ch)
        tones.append(0)
    letters = "".join(_LETTER_CODE.get(c) or _DIGIT_CODE.get(c, "") for c in primary)
    return letters, "".join(_code(t) for t in tones)


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name."""
    parts = _SPACES.sub(" ", (full_name or "").strip()).split(" ")
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]


def text_sort_key(text: str) -> str:
    """Vietnamese order for any text, word by word: within a word the letters
    decide first and the tones break ties ("Anh" < "Ánh" < "Ba")."""
    key = []
    for word in fold_keep_marks(text).split():
        letters, tones = _letters_and_tones(word)
        key.append(letters + _SEPARATOR + tones)
    return _SEPARATOR.join(key)


def fold_keep_marks(text: str | None) -> str:
    """Punctuation to spaces, diacritics kept (they carry the order)."""
    return re.sub(r"[^\w\s]", " ", (text or "").strip())


def person_sort_key(full_name: str) -> str:
    """Given name first, then family name, then middle names (as Vietnamese lists are sorted)."""
    family, middle, given = split_name(full_name)
    return text_sort_key(" ".join(x for x in (given, family, middle) if x))



# --- cleaning what people type or upload ------------------------------------------
#
# Every text that is saved passes through ``clean_text`` (forms through
# core.forms.CleanTextMixin, imports through the same forms or validators, and
# every model save through the pre_save backstop in core.apps), so that nothing
# stored carries a character that breaks an export (openpyxl refuses C0
# controls), spoofs a display (U+202E turns "gpj.exe" around) or compares
# unequal to the same Vietnamese word typed on another keyboard (NFD "Nguyễn"
# from a Mac is not NFC "Nguyễn").

# C0 controls but \t \n \r, DEL, C1 controls; bidirectional embeddings, overrides
# and isolates, directional marks, the BOM / zero-width no-break space, the two
# noncharacters XML forbids, and unpaired surrogates.
_DROP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
                   "\ufeff\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]")


def clean_text(value, *, multiline: bool = False):
    """The text as it is stored: NFC, without control or bidi-override characters.

    A single-line value (a name, a code, a phone) also loses its tabs and line
    breaks (each becomes a space) and its surrounding spaces; a multi-line one
    (a reason, a report) keeps \\t, \\n and \\r. Anything that is not a str is
    returned unchanged.
    """
    if not isinstance(value, str):
        return value
    if _DROP.search(value):
        value = _DROP.sub("", value)
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if not multiline:
        if _LINE_BREAKS.search(value):
            value = _LINE_BREAKS.sub(" ", value)
        value = value.strip()
    return value


def format_count(n: int) -> str:
    """12345 → "12.345" (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


def length_message(label: str, limit: int, length: int) -> str:
    """The one message for a text that is too long, naming the field."""
    return f"“{label}” dài tối đa {format_count(limit)} ký tự (đang có {format_count(length)} ký tự)."
