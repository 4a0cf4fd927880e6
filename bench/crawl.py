"""Follow every link as each persona, from the home page, on a data dir (e.g. the one `make run` made):
every page a person can reach must answer without a 500 or a 404, and no link may be built as "??".

    TDKT_DATA_DIR=var .venv/bin/python bench/crawl.py phuluong,sonoivu,admin [pages per persona, default 250]

Prints per persona the pages read and the slowest over 300 ms, then BAD: the failures (persona, url, status, page linking to it).
"""

import os
import re
import sys
import time
from html import unescape
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import django  # noqa: E402

django.setup()
from django.test import Client
from django.contrib.auth import get_user_model
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
personas = sys.argv[1].split(",")
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 250
bad = []
for name in personas:
    u = get_user_model().objects.get(username=name)
    c = Client(); c.force_login(u)
    seen, queue = set(), [("/", "")]
    n = 0; slow = []
    while queue and n < limit:
        url, ref = queue.pop(0)
        if url in seen: continue
        seen.add(url)
        t = time.perf_counter()
        try:
            r = c.get(url)
        except Exception as e:
            bad.append((name, url, repr(e)[:200])); continue
        ms = (time.perf_counter() - t) * 1000
        n += 1
        if ms > 300: slow.append((round(ms), url))
        if r.status_code >= 500 or r.status_code == 404: bad.append((name, url, r.status_code, ref))
        ctype = r.get("Content-Type", "")
        if r.status_code == 200 and "html" in ctype:
            body = r.content.decode()
            if "??" in body and re.search(r'href="[^"]*\?\?', body): bad.append((name, url, "?? link"))
            for h in re.findall(r'href="([^"#]*)"', body):
                h = unescape(h)
                if h.startswith("/") and not h.startswith(("/static", "/dang-xuat", "/accounts/logout", "/logout")) and "dang-xuat" not in h:
                    if h.startswith("?"): continue
                    key = re.sub(r"page=\d+", "page=N", h)
                    if key not in seen and len(seen) < 5000: queue.append((h, url))
    print(name, "pages:", n, "slow>300ms:", sorted(slow, reverse=True)[:5])
print("BAD:", bad)
