"""Speed budget in a real browser: LCP, layout shift, transfer and JavaScript size per page.

Run on demand (pytest never collects tests/bench):

    .venv/bin/python tests/bench/bench_pages.py                 # the demo city in gunicorn
    .venv/bin/python tests/bench/bench_pages.py --warm --repeat 5
    .venv/bin/python tests/bench/bench_pages.py --base-url http://127.0.0.1:8000

Without --base-url it DROPS and recreates the scratch database shafaf_bench_pages on
127.0.0.1:5432 (user postgres), loads the demo city as run.sh does, gives the first news page
a generated photo (the demo has none) and serves it with production settings in gunicorn
(Redis database 14 under a key prefix of this run, removed at the end; --keep-database keeps
the database and reuses it next time). With --base-url it measures that site, which must have
the demo city loaded.

Each page (home, a section, a news, tender and project page, search results, a poll) is
opened --repeat times, each in a new browser context (a cold browser cache) of headless
Chromium (/usr/bin/chromium or $CHROMIUM) with a 412×823 viewport and the CPU slowed down 4×
through the DevTools protocol (Emulation.setCPUThrottlingRate); the network is the loopback,
unthrottled. Per page it prints the median Largest Contentful Paint and its element, layout
shifts not caused by input (count and CLS), the bytes over the wire (DevTools'
encodedDataLength: compressed bodies and headers) in total and for scripts, stylesheets,
fonts and images, and the number of requests; then the budget verdict per column:
LCP ≤ 1.0 s, transfer ≤ 200 KB, JavaScript ≤ 30 KB, no layout shift. With --warm, a second
load in the same context (browser cache warm) is measured too. The verdict is printed, not
asserted: it exits 0 whatever the figures (1 only when a page fails to load).
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from demo_site import DEMO_COMMANDS, say
from harness import (
    check_loopback,
    database_exists,
    delete_cache_keys,
    drop_database,
    ensure_postgres_running,
    free_port,
    recreate_database,
    redis_url,
    remove_scratch_directories,
    server_environment,
    set_up_django,
    start_gunicorn,
    stop,
    wait_until_serving,
)

DATABASE_NAME = "shafaf_bench_pages"
CPU_THROTTLING = 4
VIEWPORT = {"width": 412, "height": 823}
BUDGET = {"lcp_ms": 1000, "transfer": 200 * 1024, "script": 30 * 1024, "shifts": 0}
SEARCH_QUERY = "آسفالت معابر"
# Resolves once an LCP entry is in, or after 5 s. An expression, not a function: Playwright
# runs those without eval, which the site's Content-Security-Policy refuses.
WAIT_FOR_LCP = """
new Promise((resolve) => {
  setTimeout(resolve, 5000);
  const check = () => (window.__speed.lcp > 0 ? resolve() : requestAnimationFrame(check));
  check();
})
"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]

# Collects what the page paints and shifts from the first byte on (buffered observers).
OBSERVERS = """
window.__speed = {lcp: 0, lcpElement: "", shifts: 0, cls: 0, shifted: []};
const describe = (node) =>
  node && node.tagName
    ? node.tagName.toLowerCase() + (node.className ? "." + node.className : "")
    : "text";
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__speed.lcp = entry.renderTime || entry.loadTime || entry.startTime;
    window.__speed.lcpElement = describe(entry.element);
  }
}).observe({type: "largest-contentful-paint", buffered: true});
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) {
      window.__speed.shifts += 1;
      window.__speed.cls += entry.value;
      for (const source of entry.sources || []) window.__speed.shifted.push(describe(source.node));
    }
  }
}).observe({type: "layout-shift", buffered: true});
"""


@dataclass
class Load:
    """One page load as the browser saw it."""

    ttfb_ms: float
    lcp_ms: float  # 0 when the browser reported no LCP (counts as over budget)
    lcp_element: str
    shifts: int
    cls: float
    shifted: list = field(default_factory=list)
    bytes_by_type: dict = field(default_factory=dict)
    requests: int = 0
    server_cache: str = ""

    @property
    def transfer(self):
        return sum(self.bytes_by_type.values())

    def of(self, *kinds):
        return sum(self.bytes_by_type.get(kind, 0) for kind in kinds)


def measure(browser, url, warm):
    """Open ``url`` in a fresh context with the CPU throttled; the cold load, then the warm one."""
    context = browser.new_context(viewport=VIEWPORT, locale="fa-IR")
    try:
        page = context.new_page()
        page.add_init_script(OBSERVERS)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_THROTTLING})
        loads = [load_once(page, cdp, url)]
        if warm:
            loads.append(load_once(page, cdp, url))
        return loads
    finally:
        context.close()


def load_once(page, cdp, url):
    kinds, sizes, headers = {}, {}, {}

    def received(event):
        kinds[event["requestId"]] = event["type"]
        if event["type"] == "Document":
            headers.update(event["response"].get("headers", {}))

    def finished(event):
        sizes[event["requestId"]] = event["encodedDataLength"]

    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    try:
        response = page.goto(url, wait_until="load")
        if response is None or response.status != 200:
            raise RuntimeError(f"{url} answered {response and response.status}")
        page.wait_for_load_state("networkidle")
        # A paint is reported a frame after it happens; no entry at all means no LCP.
        page.evaluate(WAIT_FOR_LCP)
        speed = page.evaluate(
            "({...window.__speed, ttfb: performance.getEntriesByType('navigation')[0].responseStart})"
        )
    finally:
        cdp.remove_listener("Network.responseReceived", received)
        cdp.remove_listener("Network.loadingFinished", finished)
    by_type = {}
    for request_id, size in sizes.items():
        kind = kinds.get(request_id, "Other")
        by_type[kind] = by_type.get(kind, 0) + size
    cache_header = {name.lower(): value for name, value in headers.items()}
    return Load(
        ttfb_ms=speed["ttfb"],
        lcp_ms=speed["lcp"],
        lcp_element=speed["lcpElement"],
        shifts=speed["shifts"],
        cls=speed["cls"],
        shifted=speed["shifted"],
        bytes_by_type=by_type,
        requests=len(sizes),
        server_cache=cache_header.get("x-shafaf-cache", "-"),
    )


def summarize(loads):
    """The median load of several: median LCP, the largest transfer and shift seen."""
    median = sorted(loads, key=lambda load: load.lcp_ms)[len(loads) // 2]
    worst = max(loads, key=lambda load: load.transfer)
    return Load(
        ttfb_ms=statistics.median(load.ttfb_ms for load in loads),
        lcp_ms=statistics.median(load.lcp_ms for load in loads),
        lcp_element=median.lcp_element,
        shifts=max(load.shifts for load in loads),
        cls=max(load.cls for load in loads),
        shifted=sorted({node for load in loads for node in load.shifted}),
        bytes_by_type=worst.bytes_by_type,
        requests=worst.requests,
        server_cache="/".join(sorted({load.server_cache for load in loads})),
    )


def kb(size):
    return f"{size / 1024:.1f}"


def print_table(title, rows):
    say()
    say(f"### {title}")
    say()
    say(
        "| page | TTFB (ms) | LCP (ms) | LCP element | shifts (CLS) | transfer KB | JS KB | CSS KB "
        "| font KB | image KB | requests | server cache |"
    )
    say("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, load in rows:
        lcp = f"{load.lcp_ms:.0f}" if load.lcp_ms else "none"
        say(
            f"| {name} | {load.ttfb_ms:.0f} | {lcp} | `{load.lcp_element}` | {load.shifts} "
            f"({load.cls:.3f}) | {kb(load.transfer)} | {kb(load.of('Script'))} "
            f"| {kb(load.of('Stylesheet'))} | {kb(load.of('Font'))} | {kb(load.of('Image'))} "
            f"| {load.requests} | {load.server_cache} |"
        )
    loads = [load for _name, load in rows]
    verdicts = [
        ("LCP ≤ 1.0 s", all(0 < load.lcp_ms <= BUDGET["lcp_ms"] for load in loads)),
        ("transfer ≤ 200 KB", all(load.transfer <= BUDGET["transfer"] for load in loads)),
        ("JavaScript ≤ 30 KB", all(load.of("Script") <= BUDGET["script"] for load in loads)),
        ("no layout shift", all(load.shifts == BUDGET["shifts"] for load in loads)),
    ]
    for name, load in rows:
        if load.shifted:
            say(f"shifted on {name}: " + ", ".join(f"`{node}`" for node in load.shifted))
    say()
    say("budget: " + ", ".join(f"{name} {'pass' if ok else 'FAIL'}" for name, ok in verdicts))


def page_paths():
    """(name, path) of the pages measured, found in the demo content (this process's Django)."""
    from cms.models import NewsIndexPage, NewsPage, ProjectPage, TenderPage
    from participation.models import PollPage

    def path_of(model):
        page = model.objects.live().filter(locale__language_code="fa").order_by("pk").first()
        if page is None:
            raise RuntimeError(f"no live {model.__name__} in the demo content")
        return urlsplit(page.url).path

    return [
        ("home", "/"),
        ("section (news)", path_of(NewsIndexPage)),
        ("news", path_of(NewsPage)),
        ("tender", path_of(TenderPage)),
        ("project", path_of(ProjectPage)),
        ("search", "/search/?q=" + quote(SEARCH_QUERY)),
        ("poll", path_of(PollPage)),
    ]


def add_news_photo():
    """Give the first news page a 1600×900 photo, as an editor would: the demo has none."""
    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from PIL import ImageDraw
    from wagtail.images import get_image_model

    from cms.models import NewsPage

    news = NewsPage.objects.live().filter(locale__language_code="fa").order_by("pk").first()
    if news is None or news.image_id:
        return
    picture = PillowImage.new("RGB", (1600, 900), (40, 110, 90))
    draw = ImageDraw.Draw(picture)
    for step in range(0, 1600, 40):  # some detail, so the file weighs what a photo does
        draw.line([(step, 0), (1600 - step, 900)], fill=(200, 180 - step % 120, 90), width=7)
        draw.ellipse([step, step % 700, step + 90, step % 700 + 90], fill=(230, 200, 60))
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=85)
    image = get_image_model()(title="بوستان محله‌ی نارمک")
    image.file = ImageFile(data, name="bench-news-photo.jpg")
    image.save()
    news.image = image
    news.save_revision().publish()


def prepare(env, keep_database):
    reuse = keep_database and database_exists(DATABASE_NAME)
    if not reuse:
        recreate_database(DATABASE_NAME)
    set_up_django(env)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    if not reuse:
        for command in DEMO_COMMANDS:
            call_command(command, stdout=io.StringIO(), stderr=io.StringIO())
    add_news_photo()
    say(f"database {DATABASE_NAME}: " + ("reused" if reuse else "demo city loaded and indexed"))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", help="measure this running site instead of a fresh demo")
    parser.add_argument("--repeat", type=int, default=3, help="loads per page; median LCP (3)")
    parser.add_argument("--warm", action="store_true", help="also measure a warm second load")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help=f"keep {DATABASE_NAME} at the end, and reuse it if it exists",
    )
    args = parser.parse_args()
    if not 1 <= args.repeat <= 20:
        parser.error("--repeat must be between 1 and 20")
    if args.base_url:
        check_loopback(args.base_url)
        return run(args, args.base_url.rstrip("/"), paths=None)

    ensure_postgres_running()
    redis = redis_url()
    prefix = f"shafaf-bench-pages-{os.getpid()}"
    env = server_environment(DATABASE_NAME, redis, prefix)
    log = tempfile.NamedTemporaryFile(prefix="shafaf-bench-pages-", suffix=".log", delete=False)
    server = None
    try:
        prepare(env, args.keep_database)
        paths = page_paths()
        from django.db import connections

        connections.close_all()
        port = free_port()
        server = start_gunicorn(port, args.workers, 1, env, log)
        wait_until_serving(server, port, "/healthz")
        say(f"gunicorn: {args.workers} workers, production settings, log {log.name}")
        return run(args, f"http://127.0.0.1:{port}", paths)
    finally:
        if server is not None:
            stop(server)
        log.close()
        delete_cache_keys(redis, prefix)
        if not args.keep_database:
            drop_database(DATABASE_NAME)
        remove_scratch_directories(env)


def run(args, base_url, paths):
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    if paths is None:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
        import django

        django.setup()
        paths = page_paths()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    say(
        f"{base_url}: {len(paths)} pages × {args.repeat} loads, Chromium {chromium}, CPU ×"
        f"{CPU_THROTTLING} slower, viewport {VIEWPORT['width']}×{VIEWPORT['height']}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    cold, warm = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, headless=True
        )
        try:
            # One load of each page first: templates compiled, renditions made, pages cached.
            for _name, path in paths:
                measure(browser, base_url + path, warm=False)
            for name, path in paths:
                runs = [measure(browser, base_url + path, args.warm) for _ in range(args.repeat)]
                cold.append((name, summarize([loads[0] for loads in runs])))
                if args.warm:
                    warm.append((name, summarize([loads[1] for loads in runs])))
        except (PlaywrightError, RuntimeError) as error:
            say(f"a page failed to load: {error}")
            return 1
        finally:
            browser.close()
    print_table("First load (cold browser cache)", cold)
    if warm:
        print_table("Second load (warm browser cache)", warm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
