"""Search benchmark: import N generated Persian documents, then time 20 queries.

Run on demand (pytest never collects tests/bench):

    .venv/bin/python tests/bench/bench_search.py                       # SQLite, 10,000 documents
    .venv/bin/python tests/bench/bench_search.py --sizes 10000 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shafaf_bench \\
        .venv/bin/python tests/bench/bench_search.py --sizes 10000

It writes to a scratch database: a temporary SQLite file unless DATABASE_URL is given, in
which case that database is created if missing and EMPTIED first. Never point it at data you
want to keep. Prints one table row per size: import+index time (``import_content --bulk``),
index size, query p50/p95 over 3 rounds of the 20 queries; then, per size, each query's hit
count and slowest time, so a fast figure is never that of an empty result.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

WORDS = (
    "شهرداری منطقه خیابان بوستان پارک مناقصه مزایده آسفالت پل زیرگذر پسماند تفکیک آب فاضلاب "
    "روشنایی معابر قرارداد پیمانکار بودجه درآمد هزینه عمرانی شورای اسلامی شهر مصوبه آیین‌نامه "
    "بخشنامه اطلاعیه ثبت‌نام همایش فرهنگی ورزشی کتابخانه مدرسه بیمارستان آتش‌نشانی حمل‌ونقل "
    "اتوبوس مترو ایستگاه پیاده‌رو دوچرخه درختکاری فضای سبز نوسازی بافت فرسوده مسکن ساختمان پروانه "
    "عوارض نوسازی می‌شود نمی‌شود خواهد شد اجرا گردید برگزار افتتاح بهره‌برداری"
).split()
ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})
QUERIES = [
    "آسفالت معابر",
    "مناقصه",
    "پل",
    "زیرگذر منطقه",
    "پسماند تفکیک",
    "شوراي اسلامي",
    "آیین نامه",
    "میشود",
    "كتابخانه",
    "بودجه عمرانی",
    "1403",
    "۱۴۰۲",
    "حمل و نقل",
    "فضای سبز",
    "درختکاری بوستان",
    "مترو ایستگاه",
    "آتش نشانی",
    "نوسازی بافت فرسوده",
    "شهردار",
    "پروانه ساختمان",
]
TYPES = ["news", "law", "tender", "project", "event"]


def generate(path, size, seed=1403):
    """``size`` JSON Lines items in Persian, some in Arabic spelling and Persian digits."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for n in range(size):
            kind = TYPES[n % len(TYPES)]
            title = " ".join(rng.choices(WORDS, k=6))
            body = "\n\n".join(" ".join(rng.choices(WORDS, k=40)) for _ in range(3))
            if n % 3 == 0:
                title = title.translate(ARABIC)
            year = 1398 + n % 6
            item = {
                "type": kind,
                "source_id": f"bench-{n}",
                "title": f"{title} {n}",
                "summary": " ".join(rng.choices(WORDS, k=15)),
                "body": body,
                "date": f"{year}/{1 + n % 12:02d}/{1 + n % 28:02d}",
                "tags": rng.sample(["عمران", "فرهنگ", "محیط زیست", "ترافیک"], k=2),
            }
            item.update(_required_fields(kind, n))
            out.write(json.dumps(item, ensure_ascii=False) + "\n")


def _required_fields(kind, n):
    if kind == "law":
        return {"number": f"{n}/ش/1403", "approval_authority": "شورای اسلامی شهر"}
    if kind == "tender":
        return {"reference_number": f"م-{n}", "submission_deadline": "1405/01/20 14:00"}
    if kind == "event":
        return {"place": "تالار شهر"}
    return {}


def index_size(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('wagtailsearch_indexentry')")
            return cursor.fetchone()[0]
        cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'wagtailsearch_indexentry%'")
        return cursor.fetchone()[0] or 0


def prepare_database(url):
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()


def run(size, workdir):
    from django.core.management import call_command
    from django.db import connection

    from cms.site_structure import ensure_site_structure
    from search.services import SearchParams, search_pages

    ensure_site_structure("شهرداری محک")
    data = Path(workdir) / f"bench-{size}.jsonl"
    generate(data, size)
    started = time.perf_counter()
    call_command("import_content", str(data), bulk=True, progress_every=max(size // 10, 1))
    indexed_in = time.perf_counter() - started
    # Fresh tables have no planner statistics until autovacuum comes by; without them
    # PostgreSQL probes every page's index entry instead of using the GIN index.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    timings = []
    per_query = {query: [0, 0.0] for query in QUERIES}
    for _ in range(3):
        for query in QUERIES:
            started = time.perf_counter()
            outcome = search_pages(SearchParams(query=query))
            elapsed = (time.perf_counter() - started) * 1000
            timings.append(elapsed)
            per_query[query] = [outcome.count, max(per_query[query][1], elapsed)]
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return (
        connection.vendor,
        indexed_in,
        index_size(connection),
        statistics.median(timings),
        p95,
        per_query,
    )


def measure_one(size, url):
    """Run one size in a fresh database (this process); print its row as JSON."""
    workdir = tempfile.mkdtemp(prefix="shafaf-bench-")
    prepare_database(url or f"sqlite:///{workdir}/bench.sqlite3")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(json.dumps(run(size, workdir)))  # noqa: T201


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if args.one:
        measure_one(args.one, url)
        return
    header = ("backend", "documents", "import+index s", "index MB", "p50 ms", "p95 ms")
    print("{:<11}{:>10}{:>16}{:>10}{:>9}{:>9}".format(*header))  # noqa: T201
    for size in args.sizes:
        # A process per size: a fresh database and a fresh Django each time.
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            stdout=subprocess.PIPE,  # progress goes to stderr, as it comes
            text=True,
        ).stdout
        vendor, seconds, size_bytes, p50, p95, per_query = json.loads(
            output.strip().splitlines()[-1]
        )
        print(  # noqa: T201
            f"{vendor:<11}{size:>10}{seconds:>16.1f}{size_bytes / 2**20:>10.1f}{p50:>9.1f}{p95:>9.1f}",
            flush=True,
        )
        print(f"  {size} documents: query, hits, slowest of 3 runs (ms)")  # noqa: T201
        for query, (hits, slowest) in per_query.items():
            print(f"    {query:<22}{hits:>8}{slowest:>10.1f}", flush=True)  # noqa: T201


if __name__ == "__main__":
    main()
