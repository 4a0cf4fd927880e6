"""After a migration rebuilt a table on SQLite, its planner statistics are made again (core.statistics): without
them the city's decision list took 1.5 s instead of 40 ms."""

import pytest
from django.db import connection

from core.statistics import analyse_after_migrate, tables_without_statistics

pytestmark = pytest.mark.django_db


def _stats(table):
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return c.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only: PostgreSQL's autovacuum analyses tables")
def test_a_rebuilt_table_is_analysed_after_migrate(world):
    with connection.cursor() as c:
        c.execute("ANALYZE")
        c.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'org_unit'")  # what a table rebuild leaves
    assert "org_unit" in tables_without_statistics(connection)
    analyse_after_migrate(None, using="default", plan=[])              # nothing applied: nothing done
    assert _stats("org_unit") == 0
    analyse_after_migrate(None, using="default", plan=[("a migration", False)])
    assert _stats("org_unit") > 0
    assert "org_unit" not in tables_without_statistics(connection)
