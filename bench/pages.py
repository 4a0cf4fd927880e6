"""Page times for every demo persona on a data set (by default the city-scale demo).

    .venv/bin/python bench/pages.py [DATA_DIR] [--personas a,b] [--pages x,y] [--unit CODE] [--year N]

DATA_DIR is a TDKT_DATA_DIR (default /tmp/city, built by `tdkt demo --scale
city`). The source database is never written: its SQLite file is copied once
(SQLite's backup API, a consistent snapshot) into var/bench/pages/ — again
when the source is newer — migrated there, and the pages are requested in
this process through Django's test client, logged in with force_login as each
persona. With DATABASE_URL set (PostgreSQL), that database is used as it is.

Before timing, the work every deployment does in the background is done
(see prepare()): e.g. the eligibility results the worker keeps ready.

Each page is requested once to warm up, then three times; the median is
shown in milliseconds. A page the persona may not open shows its status
(404/403), an error shows ERR. The last line is machine-readable:

    pages: n=<timed pages> over_300ms=<count> worst_ms=<x>
"""

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PERSONAS = ["phuluong", "vp.phuluong", "sonoivu", "hoidong", "chutich", "truong.thcs", "admin"]
LIMIT_MS = 300


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data_dir", nargs="?", default="/tmp/city", help="TDKT_DATA_DIR of the data set (default /tmp/city)")
    p.add_argument("--work-dir", default=str(ROOT / "var" / "bench" / "pages"), help="where the copy is kept")
    p.add_argument("--personas", default=",".join(PERSONAS), help="comma-separated demo logins")
    p.add_argument("--pages", default="", help="comma-separated page names to time (default all)")
    p.add_argument("--unit", default="", help="code of a further unit to time (e.g. a unit with 100,000 people)")
    p.add_argument("--year", type=int, default=None, help="year for the eligibility and ratings pages (default: the page's own)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--no-prepare", action="store_true", help="time without the background work done first")
    p.add_argument("--fresh-copy", action="store_true", help="copy the source database again")
    return p.parse_args()


def copy_database(src_dir: Path, work_dir: Path, fresh: bool):
    src = src_dir / "tdkt.sqlite3"
    if not src.exists():
        sys.exit(f"No database at {src} (is {src_dir} a TDKT_DATA_DIR?)")
    work_dir.mkdir(parents=True, exist_ok=True)
    dst = work_dir / "tdkt.sqlite3"
    stamp = work_dir / "source"
    newest = max(p.stat().st_mtime for p in src_dir.glob("tdkt.sqlite3*"))
    same_source = stamp.exists() and stamp.read_text().split("\n")[0] == str(src.resolve())
    if dst.exists() and same_source and not fresh and dst.stat().st_mtime >= newest:
        return dst
    for p in work_dir.glob("tdkt.sqlite3*"):
        p.unlink()
    started = time.perf_counter()
    # Opened read-only: the source is not touched (its WAL is read, not checkpointed).
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    target = sqlite3.connect(dst)
    source.backup(target)
    target.close()
    source.close()
    stamp.write_text(f"{src.resolve()}\n")
    for name in ("secret_key",):
        if (src_dir / name).exists():
            shutil.copy(src_dir / name, work_dir / name)
    print(f"copied {src} to {dst} in {time.perf_counter() - started:.0f} s", flush=True)
    return dst


def setup(args):
    if not os.environ.get("DATABASE_URL"):
        work = copy_database(Path(args.data_dir), Path(args.work_dir), args.fresh_copy)
        os.environ["TDKT_DATA_DIR"] = str(work.parent)
    else:
        os.environ.setdefault("TDKT_DATA_DIR", args.data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    # Background tasks enqueued by a page are not run here (the worker does them).
    settings.HUEY = {**settings.HUEY, "immediate": False}
    django.setup()
    import logging

    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # 404s are shown in the table
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def prepare(args):
    """The background work a deployment keeps done: whatever apps offer as `bench_prepare`."""
    import importlib

    for name in ("eligibility.results", "reports.kept"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        fn = getattr(module, "bench_prepare", None)
        if fn is not None:
            started = time.perf_counter()
            note = fn(year=args.year)
            print(f"prepared {name}: {note or ''} in {time.perf_counter() - started:.1f} s", flush=True)


def pages_for(user, args):
    """(name, url) of the main pages, for this user's default unit and a person in it."""
    from django.urls import reverse

    from dossiers import selectors as dossier_selectors
    from org import duties
    from org.duties import Duty
    from org.models import Person, Unit

    root = duties.units_where(user, Duty.VIEW).order_by("path").first()
    city = Unit.objects.get_root_nodes().order_by("path").first()
    person = None
    if root is not None:
        person = (Person.objects.filter(unit__path__startswith=root.path).order_by("id").first())
    # The person with the longest record in the user's scope (the heaviest records page).
    from django.db.models import Count

    from decisions.models import Award

    busiest = None
    if root is not None:
        top = (Award.objects.filter(person__unit__path__startswith=root.path).values("person")
               .annotate(n=Count("id")).order_by("-n", "person").first())
        busiest = top["person"] if top else None
    # The dossier with the most lines among those the user may see (the heaviest detail page).
    dossier = dossier_selectors.dossiers_for(user).order_by("-n_lines", "id").first()
    from council.selectors import meetings_for
    from decisions.selectors import decisions_for

    decision = decisions_for(user).order_by("-n_awards", "id").first()
    meeting = meetings_for(user).first()
    from decisions.selectors import recoveries_for

    revoked = recoveries_for(user).first()  # the recovery ledger's first line the user sees
    # A certificate's QR code: the verification page of the decision's first award.
    award = decision.awards.exclude(verify_code__isnull=True).order_by("id").first() if decision else None
    from portal.models import CitizenProposal
    from portal.selectors import proposals_for

    tracked = CitizenProposal.objects.order_by("id").values_list("code", flat=True).first()
    from clusters.selectors import clusters_for, units_scoring

    cluster = clusters_for(user).order_by("-n_members", "id").first()  # the biggest cluster the user sees
    scorer = (units_scoring(user, cluster) or [None])[0] if cluster else None
    proposal = proposals_for(user, status="").first()
    from exemplars.selectors import exemplars_for

    exemplar = exemplars_for(user).first()
    y = f"year={args.year}" if args.year else ""
    amp = f"&{y}" if y else ""
    pages = [
        ("home", reverse("home")),
        ("unit tree", reverse("org:unit_tree")),
        ("people list", reverse("org:people")),
        ("unit page", reverse("org:unit_detail", args=[root.pk]) if root else None),
        ("person page", reverse("org:person_detail", args=[person.pk]) if person else None),
        ("achievements", reverse("eligibility:person", args=[person.pk]) + (f"?{y}" if y else "") if person else None),
        ("person records", reverse("records:person_record", args=[busiest]) if busiest else None),
        ("busiest person", reverse("org:person_detail", args=[busiest]) if busiest else None),
        ("eligibility", reverse("eligibility:unit") + (f"?{y}" if y else "")),
        ("eligibility city", f"{reverse('eligibility:unit')}?unit={city.pk}{amp}" if city else None),
        ("eligibility award", f"{reverse('eligibility:unit')}?unit={root.pk}&award=LDTT&status=eligible{amp}" if root else None),
        ("eligibility search", f"{reverse('eligibility:unit')}?unit={city.pk}&q=nguyen+van{amp}" if city else None),
        ("eligibility award search", f"{reverse('eligibility:unit')}?unit={root.pk}&award=LDTT&q=nguyen+thi{amp}" if root else None),
        ("registration", reverse("registration:index")),
        ("initiatives", reverse("initiatives:list")),
        ("initiative targets", reverse("initiatives:targets") + (f"?{y}" if y else "")),
        ("initiative targets city", f"{reverse('initiatives:targets')}?unit={city.pk}{amp}" if city else None),
        ("ratings", reverse("records:ratings") + (f"?{y}" if y else "")),
        ("plans", reverse("plans:list")),
        ("movements", reverse("movements:list")),
        ("calendar", reverse("plans:calendar")),
        ("rulebook", reverse("rulebook:index")),
        ("dossiers", reverse("dossiers:list")),
        ("dossiers received", reverse("dossiers:list") + "?box=received"),
        ("dossiers overdue", reverse("dossiers:list") + "?status=overdue"),
        ("notifications", reverse("notifications:list")),
        ("convene", reverse("council:create")),
        ("dossier create", reverse("dossiers:create")),
        ("dossier page", reverse("dossiers:detail", args=[dossier.pk]) if dossier else None),
        ("dossiers search", reverse("dossiers:list") + f"?q=nguyen+van&kind=thuong_xuyen{amp}"),
        ("dossiers excel", reverse("dossiers:export") + "?status=open"),
        # The previews before a step (a 302 when the dossier is not at that step, or the user may not take it).
        *[(f"preview {verb}", reverse("dossiers:step", args=[d.pk, verb]))
          for verb, d in previewed_dossiers(user)],
        ("councils", reverse("council:list")),
        ("council meeting", reverse("council:detail", args=[meeting.pk]) if meeting else None),
        ("council close preview", reverse("council:close_preview", args=[meeting.pk]) if meeting else None),
        ("decisions", reverse("decisions:list")),
        ("decisions search", reverse("decisions:list") + f"?q=nguyen+thi&occasion=year_end{amp}"),
        ("decisions excel", reverse("decisions:export")),
        ("decision page", reverse("decisions:detail", args=[decision.pk]) if decision else None),
        ("decide", reverse("dossiers:decide")),
        ("recoveries", reverse("decisions:recoveries")),
        ("recoveries excel", reverse("decisions:recoveries_export")),
        ("recovery page", reverse("decisions:recovery", args=[revoked.pk]) if revoked else None),
        ("people import", reverse("org:people_import")),
        ("disclosure", reverse("dossiers:public_list")),
        ("verify lookup", reverse("decisions:verify_lookup")),
        ("verify page", reverse("decisions:verify", args=[award.verify_code]) if award else None),
        # The public portal (the same for every persona: it reads only what is published).
        ("portal home", reverse("portal:home")),
        ("portal movements", reverse("portal:movements")),
        ("portal awards", reverse("portal:awards")),
        ("portal awards search", reverse("portal:awards") + "?q=nguyen+van"),
        ("portal decision", reverse("portal:decision", args=[decision.pk]) if decision else None),
        ("portal stories", reverse("portal:stories")),
        ("portal propose", reverse("portal:propose")),
        ("portal track", reverse("portal:track", args=[tracked]) if tracked else None),
        ("citizen proposals", reverse("portal:office_list")),
        ("citizen proposal", reverse("portal:office_detail", args=[proposal.pk]) if proposal else None),
        ("clusters", reverse("clusters:list") + (f"?{y}" if y else "")),
        ("cluster page", reverse("clusters:detail", args=[cluster.pk]) if cluster else None),
        ("cluster scoring", reverse("clusters:score", args=[cluster.pk, scorer.pk]) if scorer else None),
        ("cluster excel", reverse("clusters:export", args=[cluster.pk]) if cluster else None),
        ("exemplars", reverse("exemplars:list")),
        ("exemplars received", reverse("exemplars:list") + "?box=received"),
        ("exemplar page", reverse("exemplars:detail", args=[exemplar.pk]) if exemplar else None),
        ("exemplar create", reverse("exemplars:create")),
        ("exemplar board", reverse("exemplars:board") + (f"?{y}" if y else "")),
        ("exemplar board city", f"{reverse('exemplars:board')}?level={city.pk}{amp}" if city else None),
        # The year-end report and conference of the user's first level (the city for the city's people).
        ("year-end report", reverse("reports:report")),
        ("year-end report city", f"{reverse('reports:report')}?don-vi={city.pk}" if city else None),
        ("conference", reverse("reports:conference")),
        ("conference city", f"{reverse('reports:conference')}?don-vi={city.pk}" if city else None),
    ]
    if args.unit:
        big = Unit.objects.filter(code=args.unit).first()
        if big is None:
            sys.exit(f"No unit with code {args.unit}")
        pages += [
            (f"unit {big.code}", reverse("org:unit_detail", args=[big.pk])),
            (f"eligibility {big.code}", f"{reverse('eligibility:unit')}?unit={big.pk}{amp}"),
            (f"ratings {big.code}", f"{reverse('records:ratings')}?unit={big.pk}{amp}"),
        ]
    if args.pages:
        wanted = {p.strip() for p in args.pages.split(",")}
        pages = [(n, u) for n, u in pages if n in wanted]
    return pages


def previewed_dossiers(user):
    """(verb, the dossier with the most lines the user may take it on) for the steps shown before they are taken."""
    from dossiers import selectors as dossier_selectors
    from dossiers.workflow import STEPS, may

    out = []
    for verb in ("submit", "appraise", "forward"):
        for d in dossier_selectors.dossiers_for(user, status="").filter(status__in=STEPS[verb].sources).order_by("-n_lines", "id")[:20]:
            if may(user, d, verb):
                out.append((verb, d))
                break
    return out


def time_page(client, url, repeat):
    times, status = [], None
    for i in range(repeat + 1):
        started = time.perf_counter()
        try:
            response = client.get(url)
            status = response.status_code
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        except Exception as e:  # noqa: BLE001 — a failing page is a result, not the end of the run
            print(f"  {url}: {type(e).__name__}: {e}", file=sys.stderr)
            return None, "ERR"
        if i:  # the first request warms up
            times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            return None, str(status)
    return statistics.median(times), status


def main():
    args = parse()
    setup(args)
    if not args.no_prepare:
        prepare(args)
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    personas = [p.strip() for p in args.personas.split(",") if p.strip()]
    results = {}   # page name -> {persona: cell}
    order = []
    measured = []
    for username in personas:
        user = User.objects.filter(username=username).first()
        if user is None:
            print(f"(no account {username}: skipped)", file=sys.stderr)
            continue
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for name, url in pages_for(user, args):
            if name not in results:
                results[name] = {}
                order.append(name)
            if url is None:
                results[name][username] = "—"
                continue
            ms, status = time_page(client, url, args.repeat)
            if ms is None:
                results[name][username] = status
            else:
                results[name][username] = f"{ms:.0f}" + ("!" if ms > LIMIT_MS else "")
                measured.append((ms, username, name, url))
            print(f"  {username:<12} {name:<20} {results[name][username]:>8}  {url}", flush=True)
    shown = [p for p in personas if any(p in row for row in results.values())]
    width = max([len(n) for n in order] + [4])
    print()
    print(f"{'page (ms)':<{width}} " + " ".join(f"{p:>12}" for p in shown))
    for name in order:
        print(f"{name:<{width}} " + " ".join(f"{results[name].get(p, ''):>12}" for p in shown))
    print(f"(median of {args.repeat} after one warm-up; ! over {LIMIT_MS} ms)")
    over = [m for m in measured if m[0] > LIMIT_MS]
    for ms, username, name, url in sorted(over, reverse=True):
        print(f"over {LIMIT_MS} ms: {ms:.0f} ms {username} {name} {url}")
    worst = max((m[0] for m in measured), default=0)
    print(f"pages: n={len(measured)} over_300ms={len(over)} worst_ms={worst:.0f}")


if __name__ == "__main__":
    main()
