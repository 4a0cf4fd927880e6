"""Integers from query parameters, read one way: a bad value is the default (or a 404), never a 500.

``?year=²`` (a digit to ``str.isdigit`` but not to ``int``), ``0``, ``-1`` and
``99999999999999999999`` (too large for ``date`` and for the database) all
come from links typed or edited by hand. Views call:

- ``get_year(request)`` — a year within the dates the application accepts
  (core.forms.DATE_MIN–DATE_MAX), else the default;
- ``get_int(request, name, default, min_value=, max_value=)`` — any bounded integer;
- ``get_id(request, name)`` — an object's id: None when absent or empty, a 404 when malformed.
"""

import re

from django.http import Http404

from .forms import DATE_MAX, DATE_MIN

# Years of achievement start with the Republic (1945); dates reach further back
# (birth dates, founding dates), see core.forms.DATE_MIN.
YEAR_MIN = 1945
YEAR_MAX = DATE_MAX.year
ID_MAX = 2**63 - 1  # the largest primary key any supported database stores

# ASCII digits only: "²", "٣" and "1_000" are not numbers here (int() takes the last two).
_INTEGER = re.compile(r"[+-]?[0-9]{1,20}", re.ASCII)


def parse_int(value, default=None, *, min_value=None, max_value=None):
    """``value`` (a string from a URL) as an int within [min_value, max_value], else ``default``."""
    if value is None:
        return default
    text = str(value).strip()
    if not _INTEGER.fullmatch(text):
        return default
    number = int(text)
    if (min_value is not None and number < min_value) or (max_value is not None and number > max_value):
        return default
    return number


def parse_year(value, default=None, *, min_year=YEAR_MIN, max_year=YEAR_MAX):
    """A year between 1945 and 2100 (or the bounds given), else ``default``."""
    return parse_int(value, default, min_value=max(min_year, YEAR_MIN), max_value=min(max_year, YEAR_MAX))


def parse_id(value):
    """An object id: None when empty, an int when well formed, Http404 otherwise."""
    if value is None or str(value).strip() == "":
        return None
    number = parse_int(value, None, min_value=1, max_value=ID_MAX)
    if number is None:
        raise Http404("Không tìm thấy")
    return number


def get_int(request, name, default=None, **bounds):
    return parse_int(request.GET.get(name), default, **bounds)


def get_year(request, name="year", default=None, **bounds):
    return parse_year(request.GET.get(name), default, **bounds)


def get_id(request, name):
    return parse_id(request.GET.get(name))


def chosen(request, name, options):
    """The option (an object with a pk) named by ``name`` in the form sent or the query string, else the first."""
    pk = parse_int(request.POST.get(name) if request.method == "POST" else request.GET.get(name))
    return next((o for o in options if o.pk == pk), options[0])
