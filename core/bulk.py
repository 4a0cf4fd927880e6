"""Rows written in bulk by the big imports (people, ratings): prepared before the write transaction,
sent with executemany inside it, which costs microseconds a row where the ORM's bulk_create costs a hundred."""

from dataclasses import dataclass

from django.db import connection


def chunks(items, size=900):
    # SQLite limits the number of parameters of one query.
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


@dataclass(frozen=True)
class Later:
    """The id of a row created by the same import (a new person's code), known once inserted."""
    code: str


class Rows:
    """Rows for one table, prepared for the database before the write transaction.

    ``add`` turns Python values into database values once (outside the
    transaction); ``insert`` then sends them with executemany.
    """

    def __init__(self, model, fields):
        self.model, self.fields = model, [model._meta.get_field(f) for f in fields]
        self.rows = []

    def add(self, *values):
        self.rows.append([f.get_db_prep_save(v, connection) if not isinstance(v, Later) else v
                          for f, v in zip(self.fields, values)])

    def __len__(self):
        return len(self.rows)

    def _sql(self):
        qn = connection.ops.quote_name
        return (f"INSERT INTO {qn(self.model._meta.db_table)} ({', '.join(qn(f.column) for f in self.fields)}) "
                f"VALUES ({', '.join(['%s'] * len(self.fields))})")

    def insert(self, ids=None):
        """``ids`` resolves the Later values (a person's code → its new id)."""
        if not self.rows:
            return
        rows = self.rows if ids is None else [[ids[v.code] if isinstance(v, Later) else v for v in r] for r in self.rows]
        with connection.cursor() as cursor:
            for chunk in chunks(rows, 5000):
                cursor.executemany(self._sql(), chunk)
