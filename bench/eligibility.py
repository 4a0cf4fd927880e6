"""Benchmark of the eligibility engine on the city-scale data set.

    .venv/bin/python bench/eligibility.py [--postgres] [--year 2025] [--sample 2000] [--rebuild]

Builds (once) or reuses a city-scale database — about 200,000 people in about
5,000 collectives with 10 years of ratings and awards (`tdkt demo --scale
city`) — in var/bench/city.sqlite3, or in the PostgreSQL database
`tdkt_bench` on 127.0.0.1 with --postgres. Then it measures, in one run:

- the engine: full evaluation of every person and collective for one year,
  and the process's peak memory;
- the baseline: the obvious per-person loop (a few queries per person) on a
  sample, scaled to the population;
- the scan floor: reading every input table once with one grouped query each;
- one person's explanation (what the person page computes);

and prints the ratios. The last line is machine-readable:

    eligibility: people=N collectives=C engine_s=X floor_s=Y engine_over_floor=R naive_over_engine=Q peak_mib=M
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--postgres", action="store_true", help="run on PostgreSQL (database tdkt_bench on 127.0.0.1:5432)")
    p.add_argument("--year", type=int, default=2025)
    p.add_argument("--sample", type=int, default=2000, help="people in the naive baseline's sample")
    p.add_argument("--rebuild", action="store_true", help="build the data set again")
    p.add_argument("--repeat", type=int, default=3, help="engine runs (the best is reported)")
    return p.parse_args()


def database_url(args):
    if args.postgres:
        return os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tdkt_bench")
    path = ROOT / "var" / "bench" / "city.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def tdkt(url, *argv, check=True):
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([str(ROOT / ".venv" / "bin" / "tdkt"), *argv], env=env, check=check)


def ensure_dataset(args, url):
    if args.postgres:
        import psycopg

        admin = url.rsplit("/", 1)[0] + "/postgres"
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if args.rebuild and exists:
                conn.execute(f'DROP DATABASE "{name}"')
                exists = None
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    elif args.rebuild:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    tdkt(url, "migrate", "-v0")
    os.environ["DATABASE_URL"] = url
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    django.setup()
    from records.models import Rating

    if not Rating.objects.filter(year=args.year).exists():
        from org.models import Unit

        if Unit.objects.exists():
            sys.exit(f"The database at {url} has units but no ratings for {args.year}: run with --rebuild.")
        print("Building the city-scale data set (tdkt demo --scale city); this takes a few minutes…", flush=True)
        started = time.perf_counter()
        tdkt(url, "demo", "--scale", "city")
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scan_floor():
    """Every input table read once, one grouped query each, rows fetched."""
    from django.db import connection

    queries = [
        "SELECT person_id, COUNT(*), MIN(year), MAX(year) FROM records_rating WHERE person_id IS NOT NULL GROUP BY person_id",
        "SELECT unit_id, COUNT(*), MIN(year), MAX(year) FROM records_rating WHERE unit_id IS NOT NULL GROUP BY unit_id",
        "SELECT person_id, award_type_id, COUNT(*), MIN(year) FROM decisions_award WHERE person_id IS NOT NULL GROUP BY person_id, award_type_id",
        "SELECT unit_id, award_type_id, COUNT(*), MIN(year) FROM decisions_award WHERE unit_id IS NOT NULL GROUP BY unit_id, award_type_id",
        "SELECT person_id, COUNT(*), MIN(start) FROM org_employment GROUP BY person_id",
        "SELECT unit_id, COUNT(*) FROM org_employment GROUP BY unit_id",
        "SELECT person_id, COUNT(*), MAX(date) FROM records_discipline GROUP BY person_id",
        "SELECT person_id, COUNT(*) FROM initiatives_initiative_authors GROUP BY person_id",
        "SELECT initiative_id, COUNT(*) FROM decisions_award_initiatives GROUP BY initiative_id",
        "SELECT id, code, full_name FROM org_person",
        "SELECT id, code, name, valid_from, valid_to FROM org_unit",
    ]
    started = time.perf_counter()
    rows = 0
    with connection.cursor() as cursor:
        for sql in queries:
            cursor.execute(sql)
            rows += len(cursor.fetchall())
    return time.perf_counter() - started, rows


def naive(year, sample_ids):
    """The obvious loop: for each person, read their history with the ORM and judge it."""
    from eligibility.engine import Context, Rulebook, _decide
    from eligibility.facts import YEARS_AT_LEAST, InitiativeFact, Subject, levels_at_least
    from initiatives.models import SCOPE_RANK
    from org.models import Employment, Person
    from decisions.models import Award
    from records.models import DISCIPLINE_SEVERITY, Discipline, Rating

    book = Rulebook(year)
    at_least = {attr: set(levels_at_least(level)) for level, attr in YEARS_AT_LEAST.items()}
    started = time.perf_counter()
    decisions = {}
    for pid in sample_ids:
        p = Person.objects.get(pk=pid)
        s = Subject(p.id, p.code, p.full_name)
        for r in Rating.objects.filter(person=p, year__lte=year, year__gt=year - 24):
            bit = 1 << (year - r.year)
            s.rated_years |= bit
            for attr, levels in at_least.items():
                if r.level in levels:
                    setattr(s, attr, getattr(s, attr) | bit)
        for a in Award.objects.filter(person=p, year__lte=year, revoked_on__isnull=True):
            s.award_years[a.award_type_id] = s.award_years.get(a.award_type_id, 0) | (1 << (year - a.year) if a.year > year - 24 else 0)
            s.first_award_year[a.award_type_id] = min(s.first_award_year.get(a.award_type_id, a.year), a.year)
        starts = [e.start for e in Employment.objects.filter(person=p)]
        s.first_start = None if not starts or None in starts else min(starts)
        for d in Discipline.objects.filter(person=p, date__year=year):
            s.discipline = max(s.discipline, DISCIPLINE_SEVERITY[d.level])
        for i in p.initiatives.filter(recognized_on__year__lte=year):
            used = i.used_by.filter(person=p, revoked_on__isnull=True).select_related("award_type").first()
            s.initiatives.append(InitiativeFact(i.code, SCOPE_RANK[i.scope], i.recognized_on, f"{used.award_type.name} năm {used.year}" if used else None))
        for award, flag in zip(book.individual, _decide(s, book.individual, Context(year, book))):
            decisions[pid, award.code] = flag
    return time.perf_counter() - started, decisions


def main():
    args = parse()
    url = database_url(args)
    ensure_dataset(args, url)
    from django.db import connection

    from eligibility.engine import evaluate
    from org.models import Person

    vendor = connection.vendor
    print(f"database: {vendor} ({url.split('@')[-1]}), year {args.year}")

    floor_s, floor_rows = min(scan_floor() for _ in range(args.repeat))
    print(f"scan floor: {floor_s:.2f} s ({floor_rows:,} grouped rows from 11 queries)")

    best = None
    for i in range(args.repeat):
        started = time.perf_counter()
        result = evaluate(args.year)
        seconds = time.perf_counter() - started
        n_people = len(result.people)
        n_units = sum(1 for u in result.units.values() if u.members or u.rated_years)
        n_out, eligible = result.n_pairs, result.n_eligible
        print(f"engine run {i + 1}: {seconds:.2f} s — {n_people:,} people, {n_units:,} collectives, {n_out:,} (recipient, award) pairs decided, {eligible:,} eligible")
        best = seconds if best is None else min(best, seconds)
        engine_decisions = {(o.subject.id, o.award.code): o.eligible for o in result.outcomes if o.kind == "person"}
        del result
    peak = peak_mib()

    ids = list(Person.objects.values_list("id", flat=True))
    sample = random.Random(1).sample(ids, min(args.sample, len(ids)))
    naive_s, naive_decisions = naive(args.year, sample)
    naive_scaled = naive_s * len(ids) / len(sample)
    agree = sum(1 for k, v in naive_decisions.items() if engine_decisions.get(k, False) == v)
    print(f"naive per-person loop: {naive_s:.2f} s for {len(sample):,} people → {naive_scaled:.1f} s scaled to {len(ids):,}; "
          f"same answer as the engine on {agree:,} of {len(naive_decisions):,} pairs")

    explain = []
    for pid in sample[:20]:
        started = time.perf_counter()
        r = evaluate(args.year, person=Person.objects.get(pk=pid))
        [o.met() + o.unmet() for o in r.outcomes]
        explain.append(time.perf_counter() - started)
    explain.sort()
    print(f"one person's explanation: median {explain[len(explain) // 2] * 1000:.0f} ms, worst {explain[-1] * 1000:.0f} ms (20 people)")

    started = time.perf_counter()
    result = evaluate(args.year)
    sentences = sum(len(o.met()) + len(o.unmet()) for o in result.outcomes)
    print(f"(for reference, not part of the engine's time: writing out every answer with its reasons, as the JSON "
          f"export does, takes {time.perf_counter() - started:.1f} s more — {sentences:,} sentences; peak memory then "
          f"{peak_mib():.0f} MiB)")
    del result

    ratio_floor = best / floor_s
    ratio_naive = naive_scaled / best
    print(f"engine {best:.2f} s = {ratio_floor:.1f}× the scan floor; the naive loop would take {ratio_naive:.0f}× as long; peak memory {peak:.0f} MiB")
    print(f"targets: engine ≤ 10 s {'ok' if best <= 10 else 'MISSED'}; ≤ 5× floor {'ok' if ratio_floor <= 5 else 'MISSED'}; "
          f"peak < 2048 MiB {'ok' if peak < 2048 else 'MISSED'}; explanation < 100 ms {'ok' if explain[len(explain) // 2] < 0.1 else 'MISSED'}")
    print(f"eligibility: people={n_people} collectives={n_units} engine_s={best:.2f} floor_s={floor_s:.2f} "
          f"engine_over_floor={ratio_floor:.2f} naive_over_engine={ratio_naive:.1f} peak_mib={peak:.0f}")


if __name__ == "__main__":
    main()
