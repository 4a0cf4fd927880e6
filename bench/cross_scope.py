"""Every address one ward's people reach, tried as the other ward's people: nothing of the other ward may show.

    TDKT_DATA_DIR=var .venv/bin/python bench/cross_scope.py [pages per persona, default 300]

Crawls from "/" as each owner persona (links only, GET), keeps the addresses naming an object (a number in the
path or an id in the query), then asks each of them as the intruders of the other ward. Prints, per pair, how
many addresses were tried and how they answered, then LEAKS: an intruder's 200 whose page names a person of the
owner's ward who is not also visible to the intruder, or a 500.
"""

import os
import re
import sys
from collections import Counter
from html import unescape

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import django  # noqa: E402

django.setup()
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from org.models import Person, Unit  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
limit = int(sys.argv[1]) if len(sys.argv) > 1 else 300
WARDS = {"HN-PLU": ["phuluong", "vp.phuluong"], "HN-YN": ["yennghia", "vp.yennghia"]}
OBJECT = re.compile(r"/\d+/|[?&](unit|pk|job|person)=\d+")


def crawl(client):
    seen, queue, out = set(), ["/"], []
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        if r.status_code != 200 or "html" not in r.get("Content-Type", ""):
            continue
        if OBJECT.search(url):
            out.append(url)
        for h in re.findall(r'href="([^"#]*)"', r.content.decode()):
            h = unescape(h)
            if h.startswith("/") and not h.startswith(("/static", "/dang-xuat")) and "xuat-excel" not in h:
                queue.append(h)
    return out


def names_of(code):
    unit = Unit.objects.get(code=code)
    return set(Person.objects.filter(unit__path__startswith=unit.path).values_list("full_name", flat=True))


leaks = []
for owner, owners in WARDS.items():
    theirs = names_of(owner)
    for intruder_ward, intruders in WARDS.items():
        if intruder_ward == owner:
            continue
        mine = names_of(intruder_ward)
        only_theirs = {n for n in theirs - mine if len(n) > 8}
        for o in owners:
            c = Client()
            c.force_login(get_user_model().objects.get(username=o))
            urls = crawl(c)
            for i in intruders:
                ci = Client()
                ci.force_login(get_user_model().objects.get(username=i))
                answers = Counter()
                for url in urls:
                    r = ci.get(url)
                    answers[r.status_code] += 1
                    if r.status_code >= 500:
                        leaks.append((i, url, r.status_code))
                    elif r.status_code == 200 and "html" in r.get("Content-Type", ""):
                        body = r.content.decode()
                        named = [n for n in only_theirs if n in body]
                        if named:
                            leaks.append((i, url, named[:3]))
                print(f"{o} → {i}: {len(urls)} addresses, answers {dict(answers)}")
print("LEAKS:", leaks)
