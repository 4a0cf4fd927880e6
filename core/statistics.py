"""Planner statistics after a migration on SQLite.

A migration that alters a table on SQLite rebuilds it (a new table, the rows
copied, the old one dropped), and the rebuilt table has no rows in
``sqlite_stat1``: the planner then guesses, and on a city's database it chose
a scan over the index for the decisions' list (1.5 s instead of 40 ms). After
any migrate that applied something, the tables without statistics are
analysed again — only those, so a migrate that touched one table costs the
time of that table. PostgreSQL's autovacuum analyses changed tables itself.
"""

from django.db import connections


def tables_without_statistics(connection) -> list[str]:
    with connection.cursor() as c:
        c.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if c.fetchone() is None:
            c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            return [r[0] for r in c.fetchall()]
        c.execute("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' "
                  "AND EXISTS (SELECT 1 FROM sqlite_master i WHERE i.type = 'index' AND i.tbl_name = m.name) "
                  "AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.tbl = m.name)")
        return [r[0] for r in c.fetchall()]


def analyse_after_migrate(sender, *, using="default", plan=None, **kwargs):
    connection = connections[using]
    if connection.vendor != "sqlite" or not plan:
        return
    names = tables_without_statistics(connection)
    with connection.cursor() as c:
        for name in names:
            c.execute(f'ANALYZE "{name}"')
