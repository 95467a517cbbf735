"""Closed-loop load for bench_load.py: client threads each sending one request after another.

A client asks for its next job, runs it (one request, or two when a vote is retried) and
records every answer as an ``Outcome``; it stops at the deadline, after a bounded number of
jobs, or when no job is left. Also here: the figures printed for a run, and the checks that
compare what the clients were told with what the database holds.
"""

import http.client
import statistics
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from harness import percentile, request

LOAD_TIMEOUT = 30  # seconds one load request may take before it counts as unanswered
MAX_JOBS_PER_CLIENT = 20_000  # a bound besides the deadline
RETRY_PAUSE = 1.0  # seconds before a citizen sends an unanswered vote again
NO_ANSWER = "no answer"


@dataclass(frozen=True)
class Outcome:
    """One request: its kind, HTTP status (None: no answer), latency and when it ran.

    ``started`` and ``ended`` are seconds since the load began; ``key`` identifies the
    citizen (votes) or the submission (suggestions) for the count checks.
    """

    kind: str
    status: int | None
    ms: float
    started: float
    ended: float
    key: int | None = None
    data: object = None
    error: str = ""

    @property
    def failed(self):
        """No answer, or a server error: what a citizen experiences as the site failing."""
        return self.status is None or self.status >= 500

    @property
    def accepted(self):
        return self.status is not None and 200 <= self.status < 300


def send(port, began, kind, method, path, *, key=None, token=None, body=None, html=False):
    """Send one request and describe its outcome; never raises for a network failure."""
    started = time.perf_counter()
    accept = "text/html" if html else "application/json"
    try:
        status, data, ms = request(
            port, method, path, token=token, body=body, timeout=LOAD_TIMEOUT, accept=accept
        )
        error = ""
    except (OSError, http.client.HTTPException) as failure:
        status, data, error = None, None, type(failure).__name__
        ms = (time.perf_counter() - started) * 1000
    return Outcome(kind, status, ms, started - began, time.perf_counter() - began, key, data, error)


def read_job(kind, path, html):
    def job(port, began):
        return [send(port, began, kind, "GET", path, html=html)]

    return job


def vote_job(poll_id, token, choice_id, key, *, kind="vote", retry=False):
    """A citizen's vote; with ``retry``, sent once more after a failure, as a citizen would."""
    path = f"/api/participation/polls/{poll_id}/votes/"
    body = {"choices": [choice_id]}

    def job(port, began):
        first = send(port, began, kind, "POST", path, key=key, token=token, body=body)
        if not (retry and first.failed):
            return [first]
        time.sleep(RETRY_PAUSE)
        return [
            first,
            send(port, began, f"{kind} retry", "POST", path, key=key, token=token, body=body),
        ]

    return job


def suggestion_job(box_id, token, title, body, key):
    """A suggestion; never retried, since a second one would be a second suggestion."""
    payload = {"box": box_id, "title": title, "body": body}

    def job(port, began):
        path = "/api/participation/suggestions/"
        return [send(port, began, "suggestion", "POST", path, key=key, token=token, body=payload)]

    return job


def run_clients(port, concurrency, seconds, next_job, fault=None):
    """Run ``concurrency`` clients for ``seconds``; ``next_job(client, n)`` returns a job or None.

    ``fault(began)``, if given, runs in a thread of its own beside the clients (it sleeps
    until its moment; ``began`` is the load's start on the perf_counter clock).
    Returns (outcomes sorted by start, wall seconds, clients still busy at the end).
    """
    began = time.perf_counter()
    deadline = began + seconds
    outcomes = []  # list.extend is atomic under the GIL
    injector = None
    if fault is not None:
        injector = threading.Thread(target=fault, args=(began,), daemon=True, name="bench-fault")
        injector.start()

    def client(index):
        for n in range(MAX_JOBS_PER_CLIENT):
            if time.perf_counter() >= deadline:
                return
            job = next_job(index, n)
            if job is None:
                return
            outcomes.extend(job(port, began))

    threads = [
        threading.Thread(target=client, args=(index,), daemon=True, name=f"bench-client-{index}")
        for index in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    # A request started just before the deadline may take LOAD_TIMEOUT, a retried vote twice.
    join_by = deadline + 2 * LOAD_TIMEOUT + RETRY_PAUSE + 5
    for thread in threads:
        thread.join(timeout=max(0.0, join_by - time.perf_counter()))
    if injector is not None:
        injector.join(timeout=max(0.0, join_by - time.perf_counter()))
    wall = time.perf_counter() - began
    busy = sum(thread.is_alive() for thread in threads)
    return sorted(outcomes, key=lambda outcome: outcome.started), wall, busy


def status_counts(outcomes):
    """``{status or "no answer": count}``, in status order."""
    counts = Counter(NO_ANSWER if o.status is None else o.status for o in outcomes)
    return dict(sorted(counts.items(), key=lambda item: str(item[0])))


def latency_line(outcomes):
    values = sorted(o.ms for o in outcomes if o.status is not None)
    if not values:
        return "no answers"
    return (
        f"p50 {statistics.median(values):.0f}, p95 {percentile(values, 0.95):.0f}, "
        f"p99 {percentile(values, 0.99):.0f}, max {values[-1]:.0f}"
    )


def figures(outcomes, wall):
    """The lines every scenario prints: throughput, latency, statuses, per kind."""
    answered = [o for o in outcomes if o.status is not None]
    failures = [o for o in outcomes if o.failed]
    lines = [
        f"requests: {len(outcomes)} in {wall:.1f} s = {len(outcomes) / wall:.1f}/s "
        f"({len(answered) / wall:.1f}/s answered)",
        f"latency ms: {latency_line(outcomes)}",
        f"statuses: {status_counts(outcomes)}",
        "errors (5xx or no answer): "
        + (f"{len(failures)} {status_counts(failures)}" if failures else "none"),
    ]
    by_kind = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
    width = max(len(kind) for kind in by_kind) if by_kind else 4
    for kind, group in sorted(by_kind.items()):
        lines.append(
            f"  {kind:<{width}}  {len(group):>6}  {len(group) / wall:>6.1f}/s  "
            f"ms {latency_line(group)}  {status_counts(group)}"
        )
    return lines


def failure_window(outcomes, since=0.0):
    """(failures, first start, last end) among requests ending after ``since``, or None."""
    failures = [o for o in outcomes if o.failed and o.ended >= since]
    if not failures:
        return None
    return failures, min(o.started for o in failures), max(o.ended for o in failures)


def errors_per_second(outcomes):
    """``"8 s: 3, 9 s: 17"``: the seconds of the run in which requests failed."""
    seconds = Counter(int(o.ended) for o in outcomes if o.failed)
    return ", ".join(f"{second} s: {count}" for second, count in sorted(seconds.items()))


def check_votes(poll_id, choice_ids, users, outcomes, port, *, strict, duplicate_key=None):
    """Compare the votes the clients sent with the database and the results API.

    Every citizen told 2xx (or told 409 on a retry) must have exactly one vote, in the
    choice sent; nobody may have two; nobody who sent nothing may have one. A vote without
    an answer (or with a 5xx) may or may not be stored: counted, not judged, unless
    ``strict``, where every citizen must get 201 and the duplicate sender one 201 and 409s.
    Returns (lines to print, problems).
    """
    from participation.models import Vote, VoteChoice

    sent = defaultdict(list)
    for outcome in outcomes:
        if outcome.kind.startswith(("vote", "duplicate")):
            sent[outcome.key].append(outcome)
    stored = defaultdict(list)
    for voter_id, choice_id in VoteChoice.objects.filter(vote__poll_id=poll_id).values_list(
        "vote__voter_id", "choice_id"
    ):
        stored[voter_id].append(choice_id)
    rows = Counter(Vote.objects.filter(poll_id=poll_id).values_list("voter_id", flat=True))
    problems, lost, doubled = [], [], []
    told_yes = first_failed = stored_by_retry = unanswered = unanswered_stored = 0
    stored_by_failed_try = 0
    key_of_user = {user.pk: key for key, user in enumerate(users)}
    for voter_id in rows:
        if key_of_user.get(voter_id) not in sent:
            problems.append(f"a vote by user {voter_id}, who sent none")
    for key, answers in sent.items():
        user_id = users[key].pk
        expected = [choice_ids[key % len(choice_ids)]]
        statuses = [answer.status for answer in answers]
        if rows[user_id] > 1 or len(stored[user_id]) > 1:
            doubled.append(f"citizen {key} has {rows[user_id]} votes {stored[user_id]}")
        if answers[0].failed:
            first_failed += 1
            if any(answer.accepted for answer in answers[1:]):
                stored_by_retry += 1
            elif stored[user_id]:  # told 5xx or nothing, yet the vote went in
                stored_by_failed_try += 1
        if any(answer.accepted or answer.status == 409 for answer in answers):
            told_yes += 1
            if stored[user_id] != expected:
                lost.append(f"citizen {key} was told {statuses}, database has {stored[user_id]}")
        elif all(answer.failed for answer in answers):
            unanswered += 1
            unanswered_stored += bool(stored[user_id])
        else:
            problems.append(f"citizen {key} was refused {statuses}")
        if strict and key != duplicate_key and statuses != [201]:
            problems.append(f"citizen {key} got {statuses}, expected [201]")
    if strict and duplicate_key is not None:
        duplicate = Counter(answer.status for answer in sent[duplicate_key])
        if duplicate[201] != 1 or set(duplicate) - {201, 409}:
            problems.append(f"duplicate sender got {dict(duplicate)}, expected one 201, rest 409")
    total = sum(rows.values())
    status, data, _ms = request(port, "GET", f"/api/participation/polls/{poll_id}/results/")
    api_total = (data or {}).get("total_votes")
    if status != 200 or api_total != total:
        problems.append(f"results API ({status}) says {api_total} votes, database {total}")
    per_choice = Counter(choice for choices in stored.values() for choice in choices)
    lines = [
        f"votes: {len(sent)} citizens sent {sum(map(len, sent.values()))} requests; "
        f"{told_yes} told 2xx (or 409 on a retry): all stored once: "
        + ("NO" if lost or doubled else "yes"),
        f"  first try unanswered or 5xx: {first_failed}; stored by that try all the same: "
        f"{stored_by_failed_try}; stored by the retry: {stored_by_retry}; failed after the retry too: "
        f"{unanswered} (stored: {unanswered_stored})",
        f"  in the database: {total} votes {dict(per_choice)}; results API: {api_total}",
    ]
    problems += [f"{problem} (lost)" for problem in lost]
    problems += [f"{problem} (doubled)" for problem in doubled]
    return lines, problems


def check_suggestions(box_id, prefix, outcomes):
    """Every suggestion told 201 is stored, with its tracking code, once; none doubled.

    Returns (lines to print, problems).
    """
    from participation.feedback.models import Suggestion

    sent = {o.key: o for o in outcomes if o.kind == "suggestion"}
    stored = defaultdict(list)
    for title, code in Suggestion.objects.filter(
        box_id=box_id, title__startswith=prefix
    ).values_list("title", "case__tracking_code"):
        stored[title].append(code)
    problems, lost, doubled = [], [], []
    accepted = unanswered = unanswered_stored = 0
    for key, outcome in sent.items():
        codes = stored.get(f"{prefix}{key}", [])
        if len(codes) > 1:
            doubled.append(f"suggestion {key} is stored {len(codes)} times")
        if outcome.accepted:
            accepted += 1
            code = (outcome.data or {}).get("tracking_code")
            if codes != [code]:
                lost.append(f"suggestion {key} was told 201 ({code}), database has {codes}")
        elif outcome.failed:
            unanswered += 1
            unanswered_stored += bool(codes)
        else:
            problems.append(f"suggestion {key} was refused: {outcome.status} {outcome.data}")
    extra = set(stored) - {f"{prefix}{key}" for key in sent}
    if extra:
        problems.append(f"{len(extra)} stored suggestions were never sent")
    lines = [
        f"suggestions: {len(sent)} sent, {accepted} told 201: all stored once: "
        + ("NO" if lost or doubled else "yes"),
        f"  unanswered or 5xx: {unanswered}, of which stored anyway: {unanswered_stored}",
    ]
    problems += [f"{problem} (lost)" for problem in lost]
    problems += [f"{problem} (doubled)" for problem in doubled]
    return lines, problems
