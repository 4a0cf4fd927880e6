"""One check for every code a user names: a recipient of a nomination list, a person or a unit of an import.

A code outside the user's scope is answered with the same words as a code that does not exist ("không có cán
bộ mã … trong phạm vi của bạn"): an error never says whose a code is, nor where they work. The command line
(no user) sees everything and says "không có … mã …" as the interchange contract does.
"""

from core import bulk

from .duties import Duty, paths_where
from .models import Person, Unit


class CodeScope:
    """The people and units under the units where ``user`` holds ``duty`` (``user`` None: everything)."""

    def __init__(self, user=None, duty: Duty = Duty.VIEW):
        self.user = user
        self.paths = [""] if user is None else paths_where(user, duty)

    @property
    def everything(self) -> bool:
        return self.paths == [""]

    def covers(self, unit) -> bool:
        return unit is not None and any(unit.path.startswith(p) for p in self.paths)

    def covers_person(self, person) -> bool:
        """By the unit the person works in now (as every page of people decides who may be seen)."""
        return self.covers(person.unit)

    def people(self, codes, only=None) -> dict:
        """{code: Person} of ``codes`` naming people in scope (their unit loaded); the others are left out.
        ``only``: the person fields to load (a big import needs few)."""
        found = {}
        qs = Person.objects.select_related("unit").order_by()
        if only:
            qs = qs.only(*only, "code", "unit__path")
        for chunk in bulk.chunks(set(codes), 900):
            # order_by(): the default name order would make SQLite walk the name index instead of the codes.
            found.update((p.code, p) for p in qs.filter(code__in=chunk))
        return {c: p for c, p in found.items() if self.covers_person(p)}

    def units(self, codes) -> dict:
        """{code: Unit} of ``codes`` naming units in scope."""
        found = {}
        for chunk in bulk.chunks(set(codes), 900):
            found.update((u.code, u) for u in Unit.objects.filter(code__in=chunk).order_by())
        return {c: u for c, u in found.items() if self.covers(u)}

    def taken_elsewhere(self, codes) -> set:
        """The person codes of ``codes`` already given to someone outside the scope (a new person may not take
        them; who has them is not said)."""
        out = set()
        for chunk in bulk.chunks(set(codes), 900):
            for code, path in Person.objects.filter(code__in=chunk).order_by().values_list("code", "unit__path"):
                if not any(path.startswith(p) for p in self.paths):
                    out.add(code)
        return out

    def _where(self) -> str:
        return "" if self.user is None else " trong phạm vi của bạn"

    def no_person(self, code) -> str:
        return f"không có cán bộ mã “{code}”{self._where()}"

    def no_unit(self, code) -> str:
        return f"không có đơn vị mã “{code}”{self._where()}"

    def no_recipient(self, code) -> str:
        return f"không có cá nhân hay đơn vị mã “{code}”{self._where()}"

    def code_taken(self, code) -> str:
        return f"mã cán bộ “{code}” đã được dùng cho một người ngoài phạm vi của bạn: hãy dùng mã khác"
