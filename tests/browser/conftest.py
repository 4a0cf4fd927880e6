"""Browser tests: Playwright (sync API) driving Debian's Chromium against the live server.

Never run ``playwright install`` here: it downloads a browser and fails. The
tests use the system Chromium installed by ``scripts/install-system-deps``.

Each xdist worker is its own process, so the session-scoped ``browser``
fixture gives every worker its own Chromium. Each test gets a fresh context
(cookies, storage) and its own database (``transactional_db``), so logins and
django-axes counters do not leak between tests.
"""

import os
import re
from pathlib import Path

import pytest

from tdkt.testing import PASSWORD, build_world

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def _playwright():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium. "
            "Run `scripts/install-system-deps` to install it (do not run `playwright install`).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread, and Django's
    # ORM refuses to run where a loop is running. The tests call the ORM only
    # to build fixtures and check results, never concurrently with the server
    # thread's use of the same connection, so allow it while Playwright lives.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    pw = sync_playwright().start()
    try:
        yield pw
    finally:
        pw.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(_playwright):
    b = _playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture
def live_world(transactional_db, live_server):
    """The small city of tdkt/testing.py, in a database the live server can see."""
    return build_world()


@pytest.fixture
def page(browser, live_world, live_server):
    context = browser.new_context(
        viewport={"width": 1366, "height": 768},
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        base_url=live_server.url,
    )
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def shot(request):
    """shot(page, "step") saves a full-page screenshot as test-artifacts/screenshots/<test>-<step>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^\w.-]+", "_", request.node.name)

    def take(pg, step):
        path = SCREENSHOTS / f"{test_name}-{step}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return take


def fill_login(pg, username, password):
    pg.goto("/tai-khoan/dang-nhap/")
    pg.fill("input[name=username]", username)
    pg.fill("input[name=password]", password)
    pg.get_by_role("button", name="Đăng nhập").click()
    pg.wait_for_load_state()


@pytest.fixture
def login(page):
    """login("officer_a") signs in through the real form and waits for the home page."""

    def do(username, password=PASSWORD):
        fill_login(page, username, password)
        page.get_by_role("heading", name=re.compile("Xin chào")).wait_for()
        return page

    return do
