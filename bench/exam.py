"""`bench exam`: the start-of-session rush against gunicorn, with optional faults.

It seeds N learners who are ready to sit the exam (eligible, course completed, logged in),
starts gunicorn with several workers on 127.0.0.1 against the configured database, and drives
every learner with one asyncio client: each loads the exam's page (which draws their paper
ahead, as a person's page does before they press 开始), then all start at the same moment;
once everyone has the paper on screen, each autosaves about 50 answers with the given think time
(the first ones all at that instant, or with ``--first-answer-after-think`` each a think time
later), then hands in.
The same autosave pattern is then run against a bare view that does one authenticated UPDATE
(the floor for a Django request that writes). Afterwards every acknowledged autosave is
checked against the database. The server's and PostgreSQL's CPU per start (with its page), per
autosave and per floor request are read from /proc (``server_cpu_ms_per_*``,
``database_cpu_ms_per_*``): the basis for what another web host would add.

Faults (``--fault``): ``kill-worker`` sends SIGKILL to one gunicorn worker mid-load;
``restart-db`` restarts PostgreSQL mid-load. Clients behave like the exam page: a failed
save is retried until acknowledged, so nothing is lost if the server keeps its promise.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from urllib.request import urlopen

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.db import connection
from django.utils import timezone

from bench import exam_session, loadgen, measure, servers
from courses.models import CourseCompletion
from courses.selectors import required_course
from exams.models import Attempt, AttemptQuestion
from lms import hooks
from lms.idcard import make_id_number
from lms.models import Agency, AgencyLevel, Auxiliary, Role, UserProfile

PREFIX = "benchexam"
BENCH_AGENCY = "BENCHEXAM"
BASE_DIR = Path(settings.BASE_DIR)
_CHOICE_RE = re.compile(r'name="q(\d+)" value="([^"]+)"')
_ATTEMPT_RE = re.compile(r"/exams/attempts/(\d+)/")


def add_arguments(parser):
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--think", type=float, default=1.0, help="seconds between autosaves")
    parser.add_argument("--answers", type=int, default=50, help="autosaves per learner")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=0, help="0 = a free port")
    parser.add_argument("--fault", choices=["none", "kill-worker", "restart-db"], default="none")
    parser.add_argument("--skip-floor", action="store_true")
    parser.add_argument(
        "--first-answer-after-think",
        action="store_true",
        help="every learner sends the first autosave a think time after the last paper is on "
        "screen (and the floor its first request a think time after it starts), as before each "
        "later one, instead of all at that instant",
    )
    parser.add_argument(
        "--session",
        action="store_true",
        help="an exam session's synchronized start (bench/exam_session.py): waiting room, "
        "then every paper at the start instant; prints time_to_paper_p50/p95/p99_ms",
    )
    parser.add_argument(
        "--unsealed",
        action="store_true",
        help="with --session: no sealed paper; every client opens its attempt and fetches the "
        "exam page at the start (the page's fallback without WebCrypto)",
    )
    parser.add_argument(
        "--trace",
        metavar="FILE",
        help="write each round's autosaves and hand-ins, and its floor run's requests, as JSON: "
        "[seconds from the run's first such request to the request's send, latency in "
        "seconds], to see when the slow ones were sent; and that first send on the "
        "monotonic clock, to line the run up with samples of /proc",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="exam and floor runs, alternated; the p95 ratio is printed per round and as the "
        "median (one round's ratio moves with the machine's load from run to run)",
    )


# -- setup ----------------------------------------------------------------------------------


def _seed_learners(count: int) -> list[tuple[int, str]]:
    """N eligible learners with the course completed and a session each: (aux id, session key).

    Sessions are created directly: logging 500 people in through PBKDF2 would measure the
    password hasher, not the exam."""
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    course = required_course()
    if course is None:
        for step in hooks.seed_steps():
            step.run(stdout=None)
        course = required_course()
    User = get_user_model()
    agency, _ = Agency.objects.get_or_create(
        code=BENCH_AGENCY,
        defaults={"name": "考试压测单位", "region": "压测", "level": AgencyLevel.COUNTY},
    )
    existing = {
        a.user.username: a for a in Auxiliary.objects.filter(agency=agency).select_related("user")
    }
    now = timezone.now()
    result = []
    for n in range(count):
        username = f"{PREFIX}{n}"
        aux = existing.get(username)
        if aux is None:
            user = User.objects.create(username=username, first_name=f"考生{n}")
            user.set_unusable_password()
            user.save(update_fields=["password"])
            UserProfile.objects.create(user=user, role=Role.LEARNER, agency=agency)
            birth = datetime.date(1985 + n % 15, 1 + n % 12, 1 + n % 28)
            aux = Auxiliary.objects.create(
                user=user,
                agency=agency,
                name=f"考生{n}",
                gender="M",
                birth_date=birth,
                id_number=make_id_number(f"8{n // 1000:05d}"[:6], birth, n % 1000),
                education="senior_high",
                hire_method="dispatch",
                contract_start=datetime.date(2026, 1, 1),
                contract_end=datetime.date(2028, 12, 31),
                post="压测岗",
                status="in_training",
            )
        CourseCompletion.objects.get_or_create(
            user=aux.user, course=course, defaults={"completed_at": now}
        )
        session = SessionStore()
        session[SESSION_KEY] = str(aux.user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = aux.user.get_session_auth_hash()
        session.create()
        result.append((aux.pk, session.session_key))
    # Every run starts from a clean slate: earlier attempts would use up the allowed tries.
    Attempt.objects.filter(auxiliary__agency=agency).delete()
    return result


def _server_env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        # The sessions were signed here: the server must share the key.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        # Its own collected static files: var/static would shadow the source tree for
        # `make run` (WhiteNoise prefers STATIC_ROOT), with files from this run.
        "STATIC_ROOT": str(BASE_DIR / "var" / "bench-static"),
        "DATABASE_URL": settings.DATABASE_URL,
        "LOG_LEVEL": "ERROR",
    }


def _start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    env = _server_env()
    # Production static files (hashed names from the manifest), as gunicorn will serve them.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    process, _port = servers.start_gunicorn(
        env, workers=workers, port=port, timeout=60, graceful_timeout=5, backlog=2048,
        ready_seconds=60,
    )  # fmt: skip
    _warm_up(port, workers)
    return process


def _warm_up(port: int, workers: int) -> None:
    """Load every worker's URL resolver and templates first: an exam session starts on a
    server that has been up, not on one that is still importing."""
    for _ in range(workers * 4):
        for path in ("/accounts/login/", "/healthz"):
            with urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
                response.read()


# -- load -----------------------------------------------------------------------------------


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    # When each answered request finished (perf_counter), per kind.
    finished: dict[str, list[float]] = field(default_factory=dict)
    requests: int = 0
    client_cpu_seconds: float = 0.0
    # Server and PostgreSQL CPU seconds by phase, and the requests served in it.
    cpu: dict[str, list[float]] = field(default_factory=dict)

    def record(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        self.finished.setdefault(kind, []).append(time.perf_counter())
        self.requests += 1

    def steady_rate(self, kind: str) -> float:
        """Requests per second between the 10th and the 90th percentile of completion times:
        the rate while every learner is answering, without the start rush and the tail of
        the last hand-ins."""
        times = sorted(self.finished.get(kind, []))
        if len(times) < 20:
            return 0.0
        first, last = times[len(times) // 10], times[len(times) * 9 // 10]
        return (len(times) * 9 // 10 - len(times) // 10) / (last - first) if last > first else 0.0

    def split_at_first(self, kind: str, at_kind: str) -> tuple[list[float], list[float]]:
        """The latencies of ``kind`` sent before the first ``at_kind`` request was sent, and
        those sent after it (one round's figures: completion times are kept per round)."""
        values = self.latencies.get(kind, [])
        sent = [done - took for done, took in zip(self.finished.get(kind, []), values, strict=True)]
        marks = self.latencies.get(at_kind, [])
        if not marks:
            return values, []
        first = min(done - took for done, took in zip(self.finished[at_kind], marks, strict=True))
        before = [took for took, at in zip(values, sent, strict=True) if at < first]
        return before, [took for took, at in zip(values, sent, strict=True) if at >= first]

    def trace(self, kinds: tuple[str, ...], since: str) -> dict[str, list[list[float]] | float]:
        """[send time, latency] of each request of ``kinds``, the send times in seconds from
        the first ``since`` request's (one round's figures), and that first send's time on
        the monotonic clock as ``<since>_started_monotonic``."""
        sent = {
            kind: [
                [done - took, took]
                for done, took in zip(self.finished.get(kind, []), self.latencies.get(kind, []),
                                      strict=True)
            ]
            for kind in kinds
        }  # fmt: skip
        start = min((at for at, _took in sent[since]), default=0.0)
        rows_by_kind: dict[str, list[list[float]] | float] = {
            kind: [[round(at - start, 4), round(took, 4)] for at, took in rows]
            for kind, rows in sent.items()
        }
        # perf_counter's own reading (CLOCK_MONOTONIC on Linux, as time.monotonic() reads it
        # in any other process): the trace lines up with what a sampler of /proc saw.
        rows_by_kind[f"{since}_started_monotonic"] = round(start, 4)
        return rows_by_kind

    def cpu_spent(self, kind: str, spent: measure.CpuSpent, requests: int) -> None:
        pooled = self.cpu.setdefault(kind, [0.0, 0.0, 0])
        pooled[0] += spent.server
        pooled[1] += spent.database
        pooled[2] += requests

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def add(self, other: Stats) -> None:
        """Pool another round's figures into these (completion times stay per round)."""
        for kind, values in other.latencies.items():
            self.latencies.setdefault(kind, []).extend(values)
        for kind, n in other.errors.items():
            self.errors[kind] = self.errors.get(kind, 0) + n
        self.requests += other.requests
        self.client_cpu_seconds += other.client_cpu_seconds
        for kind, (server, database, requests) in other.cpu.items():
            self.cpu_spent(kind, measure.CpuSpent(server, database, 0.0), requests)


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index] * 1000


async def _request(client, stats: Stats, kind: str, method: str, url: str, **kwargs):
    """One request, retried like the exam page retries: until it is answered (bounded)."""
    for attempt in range(60):
        started = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)
        except Exception:  # connection refused/reset while a worker or the database restarts
            stats.error(f"{kind}:connection")
            await asyncio.sleep(min(2.0, 0.2 * (attempt + 1)))
            continue
        elapsed = time.perf_counter() - started
        if response.status_code in (502, 503, 504):
            stats.error(f"{kind}:{response.status_code}")
            await asyncio.sleep(min(2.0, 0.2 * (attempt + 1)))
            continue
        if response.status_code >= 400:
            stats.error(f"{kind}:{response.status_code}")
        stats.record(kind, elapsed)
        return response
    return None


class _Gate:
    """Opens once every learner has arrived: has their paper on screen, or gave up."""

    def __init__(self, parties: int) -> None:
        self.waiting = parties
        self.opened = asyncio.Event()

    def arrive(self) -> None:
        self.waiting -= 1
        if self.waiting <= 0:
            self.opened.set()


async def _open_paper(client, stats, token) -> tuple[int, dict[int, list[str]]] | None:
    """Start the attempt and load its page: (attempt id, choice keys by position)."""
    response = await _request(
        client, stats, "start", "POST", "/exams/start/", data={"csrfmiddlewaretoken": token}
    )
    location = response.headers.get("location", "") if response is not None else ""
    match = _ATTEMPT_RE.search(location)
    if not match:
        stats.error("start:no_attempt")
        return None
    attempt_id = int(match.group(1))
    page = await _request(client, stats, "page", "GET", f"/exams/attempts/{attempt_id}/")
    choices: dict[int, list[str]] = {}
    for position, key in _CHOICE_RE.findall(page.text if page is not None else ""):
        choices.setdefault(int(position), []).append(key)
    if not choices:
        stats.error("page:no_questions")
        return None
    return attempt_id, choices


async def hand_in(client, stats, attempt_id, token, on_screen, acknowledged) -> None:
    """Hand in as the exam page does: its form carries every answer on screen. Once the
    server has taken it (the redirect to the result), those answers are acknowledged."""
    form = [("csrfmiddlewaretoken", token)]
    form += [(f"q{position}", key) for position, keys in on_screen.items() for key in keys]
    response = await _request(
        client, stats, "submit", "POST", f"/exams/attempts/{attempt_id}/submit/", data=form
    )
    if response is not None and response.status_code == 302:
        for position, keys in on_screen.items():
            acknowledged[(attempt_id, position)] = keys


async def _learner(
    port, session_key, pattern, barrier, arrived, papers, stats, acknowledged, floor,
    handing_in=None,
):  # fmt: skip
    think, answers = pattern.think, pattern.answers
    token = secrets.token_hex(16)
    headers = {
        "Cookie": f"sessionid={session_key}; csrftoken={token}",
        "X-CSRFToken": token,
        "Referer": f"http://127.0.0.1:{port}/",
    }
    client = loadgen.Client("127.0.0.1", port, headers=headers)
    try:
        if not floor:
            # On the exam's page first, as a person is when they press 开始: the page draws
            # their paper ahead (exams.papers), so the start only opens it.
            try:
                await _request(client, stats, "overview", "GET", "/exams/")
            finally:
                arrived.arrive()
        await barrier.wait()
        if floor:
            await pattern.before_first()
            for _ in range(answers):
                await _request(client, stats, "floor", "POST", "/bench/floor/")
                await asyncio.sleep(think * random.uniform(0.5, 1.5))
            return
        paper = None
        try:
            paper = await _open_paper(client, stats, token)
        finally:
            papers.arrive()
        if paper is None:
            return
        attempt_id, choices = paper
        positions = sorted(choices)
        # Answering begins when everyone has their paper, as the floor's run begins for all
        # at once, and each first answer comes as the floor's first request does: both phases
        # see the same pattern, and the start rush is measured on its own (start and page).
        await papers.opened.wait()
        await pattern.before_first()
        on_screen: dict[int, list[str]] = {}
        for n in range(answers):
            position = positions[n % len(positions)]
            selected = [random.choice(choices[position])]
            on_screen[position] = selected
            seq = n + 1
            response = await _request(
                client, stats, "autosave", "POST", f"/exams/attempts/{attempt_id}/save/",
                json_body={"position": position, "seq": seq, "selected": selected},
            )  # fmt: skip
            if response is not None and response.status_code == 200 and response.json()["ok"]:
                acknowledged[(attempt_id, position)] = selected
            await asyncio.sleep(think * random.uniform(0.5, 1.5))
        if handing_in is not None:
            handing_in.set()
        await hand_in(client, stats, attempt_id, token, on_screen, acknowledged)
    finally:
        await client.close()


@dataclass
class AnswerPattern:
    """How each learner answers: ``answers`` autosaves, ``think`` seconds apart (each wait
    drawn from 0.5–1.5 × think). The first one comes the instant every paper is on screen, all
    learners in one burst, the load the exam's targets are stated for; or, ``first_after_think``,
    a think time later, as a person reads the first question before answering it."""

    think: float
    answers: int
    first_after_think: bool = False

    async def before_first(self) -> None:
        if self.first_after_think:
            await asyncio.sleep(self.think * random.uniform(0.5, 1.5))


class _PhaseMeter:
    """Where the server's and PostgreSQL's CPU went in one run, read from /proc at its
    moments: the start (from the press of 开始 until every paper is on screen: each
    learner's start and paper page), the answering (from then until the first hand-in:
    autosaves only) and, for the floor, the whole run. Per request, these are what each
    extra web host or database core would add (docs/benchmarks.md)."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid
        self.moments: dict[str, tuple[float, measure.CpuReading]] = {}

    def mark(self, moment: str) -> None:
        if self.server_pid is None or moment in self.moments:
            return
        pids = [self.server_pid, *servers.worker_pids(self.server_pid)]
        self.moments[moment] = (time.perf_counter(), measure.CpuReading.take(pids))

    async def mark_on(self, event: asyncio.Event, moment: str) -> None:
        await event.wait()
        self.mark(moment)

    def _spent(self, first: str, last: str) -> tuple[float, float, measure.CpuSpent] | None:
        if first not in self.moments or last not in self.moments:
            return None
        (began, before), (ended, after) = self.moments[first], self.moments[last]
        return began, ended, before.spent_until(after)

    def record(self, stats: Stats, floor: bool) -> None:
        if floor:
            if window := self._spent("go", "end"):
                stats.cpu_spent("floor", window[2], len(stats.latencies.get("floor", [])))
            return
        if window := self._spent("go", "papers"):
            stats.cpu_spent("start_with_page", window[2], len(stats.latencies.get("page", [])))
        if window := self._spent("papers", "hand_in"):
            began, ended, spent = window
            saved = sum(began <= t <= ended for t in stats.finished.get("autosave", []))
            stats.cpu_spent("autosave", spent, saved)


async def _drive(port, sessions, pattern, floor, fault_action, server_pid=None):
    think, answers = pattern.think, pattern.answers
    stats = Stats()
    acknowledged: dict[tuple[int, int], list[str]] = {}
    barrier, handing_in = asyncio.Event(), asyncio.Event()
    arrived, papers = _Gate(len(sessions)), _Gate(len(sessions))
    meter = _PhaseMeter(server_pid)
    tasks = [
        asyncio.create_task(
            _learner(
                port,
                key,
                pattern,
                barrier,
                arrived,
                papers,
                stats,
                acknowledged,
                floor,
                handing_in=handing_in,
            )
        )  # fmt: skip
        for _aux, key in sessions
    ]
    if not floor:
        await arrived.opened.wait()
    await asyncio.sleep(0.5)
    started, cpu = time.perf_counter(), time.process_time()
    barrier.set()
    meter.mark("go")
    watchers = [
        asyncio.create_task(meter.mark_on(papers.opened, "papers")),
        asyncio.create_task(meter.mark_on(handing_in, "hand_in")),
    ]
    if fault_action:
        # Halfway through the expected duration.
        await asyncio.sleep(max(1.0, answers * think / 2))
        await asyncio.get_running_loop().run_in_executor(None, fault_action)
    await asyncio.gather(*tasks)
    meter.mark("end")
    for watcher in watchers:
        watcher.cancel()
    stats.client_cpu_seconds = time.process_time() - cpu
    meter.record(stats, floor)
    return stats, acknowledged, time.perf_counter() - started


def _clear_attempts() -> None:
    """Between rounds: the learners start again from a fresh paper."""
    Attempt.objects.filter(auxiliary__agency__code=BENCH_AGENCY).delete()


# What a round writes: the attempts and their questions (the exam run), the profiles (the
# floor's UPDATE).
_CHURNED = (Attempt, AttemptQuestion, UserProfile)


def _vacuum() -> None:
    """Before each run on PostgreSQL: what the last one deleted and updated is vacuumed
    and the planner's statistics renewed, as autovacuum would have done by then. A database
    run with autovacuum off otherwise carries every earlier round's dead rows
    into the next, and the exam's tables churn far more than the floor's one row per learner:
    the later runs would measure the bloat."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in _CHURNED)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}")


def _lost_answers(acknowledged) -> int:
    lost = 0
    attempt_ids = {attempt for attempt, _position in acknowledged}
    stored = {
        (row.attempt_id, row.position): sorted(row.selected or [])
        for row in AttemptQuestion.objects.filter(attempt_id__in=attempt_ids).only(
            "attempt_id", "position", "selected"
        )
    }
    for key, selected in acknowledged.items():
        if stored.get(key) != sorted(selected):
            lost += 1
    return lost


def _restart_postgres() -> None:
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if not versions:
        raise RuntimeError("restart-db needs a local PostgreSQL cluster (pg_ctlcluster)")
    subprocess.run(
        [
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            versions[-1],
            "main",
            "restart",
            "-m",
            "fast",
        ],
        check=True,
    )


def run(options, stdout) -> dict:
    if options.get("session"):
        return exam_session.run(options, stdout)
    learners, think, answers = options["learners"], options["think"], options["answers"]
    pattern = AnswerPattern(
        think, answers, first_after_think=options.get("first_answer_after_think", False)
    )
    rounds = max(1, options["rounds"])
    if options["fault"] == "restart-db" and connection.vendor != "postgresql":
        raise SystemExit("restart-db needs DATABASE_URL pointing at PostgreSQL")
    if options["fault"] != "none" and rounds > 1:
        raise SystemExit("a fault is injected in one round: leave --rounds at 1")
    stdout.write(f"seeding {learners} learners …")
    sessions = _seed_learners(learners)
    connection.close()
    port = options["port"] or servers.free_port()
    server = _start_gunicorn(port, options["workers"])
    fault_action = None
    fault_result: dict = {}
    if options["fault"] == "kill-worker":

        def fault_action():
            pids = servers.worker_pids(server.pid)
            os.kill(pids[0], signal.SIGKILL)
            fault_result["killed_worker"] = pids[0]

    elif options["fault"] == "restart-db":

        def fault_action():
            _restart_postgres()
            fault_result["database_restarted"] = True

    stats, floor_stats = Stats(), None if options["skip_floor"] else Stats()
    seconds, lost, checked, ratios, steady_rates = 0.0, 0, 0, [], []
    # The autosaves sent before the round's first hand-in, and after it: the hand-ins (each
    # grades a paper) come while the slower learners still answer, and the floor has none.
    before_hand_ins, while_hand_ins, ratios_before_hand_ins = [], [], []
    traces = []
    try:
        for number in range(1, rounds + 1):
            if number > 1:
                _clear_attempts()
            _vacuum()
            connection.close()
            label = f"round {number}/{rounds}: " if rounds > 1 else ""
            stdout.write(
                f"{label}exam load: {learners} learners × {answers} autosaves, think {think}s …"
            )
            exam_round, acknowledged, round_seconds = loadgen.run(
                _drive(port, sessions, pattern, False, fault_action, server.pid)
            )
            # Checked before the next round clears the attempts.
            lost += _lost_answers(acknowledged)
            checked += len(acknowledged)
            connection.close()
            stats.add(exam_round)
            seconds += round_seconds
            steady_rates.append(exam_round.steady_rate("autosave"))
            before, after = exam_round.split_at_first("autosave", "submit")
            if options.get("trace"):
                traces.append(exam_round.trace(("autosave", "submit"), since="autosave"))
            before_hand_ins += before
            while_hand_ins += after
            if floor_stats is not None:
                stdout.write(f"{label}floor: same pattern against one authenticated UPDATE …")
                _vacuum()
                connection.close()
                floor_round, _ack, _floor_seconds = loadgen.run(
                    _drive(port, sessions, pattern, True, None, server.pid)
                )
                floor_stats.add(floor_round)
                if options.get("trace"):
                    traces[-1].update(floor_round.trace(("floor",), since="floor"))
                floor_p95 = _percentile(floor_round.latencies.get("floor", []), 95)
                autosave_p95 = _percentile(exam_round.latencies.get("autosave", []), 95)
                ratios.append(autosave_p95 / floor_p95 if floor_p95 else 0.0)
                before_p95 = _percentile(before, 95)
                ratios_before_hand_ins.append(before_p95 / floor_p95 if floor_p95 else 0.0)
        alive = server.poll() is None
    finally:
        servers.stop(server, seconds=20)
    if options.get("trace"):
        Path(options.get("trace")).write_text(json.dumps({"rounds": traces}))
    figures: dict = {
        "database": connection.vendor,
        "learners": learners,
        "think_seconds": think,
        "autosaves_per_learner": answers,
        "first_answer_after_think": pattern.first_after_think,
        "gunicorn_workers": options["workers"],
        "fault": options["fault"],
        "seconds": round(seconds, 2),
        "requests": stats.requests,
        "requests_per_second": round(stats.requests / seconds, 1),
        # CPU the load generator itself used (it shares the cores with the server).
        "load_generator_cpu_ms_per_request": round(
            stats.client_cpu_seconds * 1000 / max(1, stats.requests), 2
        ),
    }
    for kind in ("overview", "start", "page", "autosave", "submit"):
        values = stats.latencies.get(kind, [])
        for pct in (50, 95, 99):
            figures[f"{kind}_p{pct}_ms"] = round(_percentile(values, pct), 1)
    for label, values in (("before", before_hand_ins), ("while", while_hand_ins)):
        for pct in (50, 95, 99):
            figures[f"autosave_{label}_hand_ins_p{pct}_ms"] = round(_percentile(values, pct), 1)
    figures["autosaves_while_hand_ins"] = len(while_hand_ins)
    autosave_rps = len(stats.latencies.get("autosave", [])) / seconds
    figures["autosave_per_second"] = round(autosave_rps, 1)
    # CPU per request of the server's processes and of PostgreSQL's on this machine, by phase
    # (_PhaseMeter): what the start, the autosave and the floor's UPDATE each cost the box.
    for phase_stats in (stats, floor_stats or Stats()):
        for kind, (server_s, database_s, served) in phase_stats.cpu.items():
            figures[f"server_cpu_ms_per_{kind}"] = round(server_s * 1000 / max(1, served), 2)
            figures[f"database_cpu_ms_per_{kind}"] = round(database_s * 1000 / max(1, served), 2)
    figures["errors"] = sum(stats.errors.values())
    figures["errors_by_kind"] = dict(sorted(stats.errors.items()))
    figures["acknowledged_autosaves_checked"] = checked
    figures["acknowledged_autosaves_lost"] = lost
    if floor_stats is not None:
        floor_p95 = _percentile(floor_stats.latencies.get("floor", []), 95)
        figures["floor_p50_ms"] = round(_percentile(floor_stats.latencies.get("floor", []), 50), 1)
        figures["floor_p95_ms"] = round(floor_p95, 1)
        # Each round's exam p95 over that round's floor p95; the median is the headline.
        figures["autosave_p95_over_floor_p95"] = round(statistics.median(ratios), 2)
        if rounds > 1:
            figures["autosave_p95_over_floor_p95_by_round"] = [round(r, 2) for r in ratios]
        # The same ratio over the autosaves sent before the first hand-in: what the floor's
        # run, which hands nothing in, is compared with like for like.
        figures["autosave_before_hand_ins_p95_over_floor_p95"] = round(
            statistics.median(ratios_before_hand_ins), 2
        )
        if rounds > 1:
            figures["autosave_before_hand_ins_p95_over_floor_p95_by_round"] = [
                round(r, 2) for r in ratios_before_hand_ins
            ]
    steady = statistics.median(steady_rates)
    figures["autosave_per_second_steady"] = round(steady, 1)
    # Learners one box holds at a 30 s think time, from the throughput this run sustained
    # while everyone was answering. Only a capacity when the run saturated the server (a
    # small --think); otherwise it is the offered load that was served.
    figures["learners_at_30s_think_from_throughput"] = int(steady * 30)
    figures["server_alive_after_run"] = alive
    figures.update(fault_result)
    figures["verdict"] = (
        "PASS"
        if lost == 0 and alive and not _unexpected_errors(stats, options["fault"])
        else "FAIL"
    )
    return figures


def _unexpected_errors(stats: Stats, fault: str) -> int:
    """Errors that a user would see as a failure, beyond what the fault itself causes (a
    reset connection or a 503 during a restart is retried by the page, as here)."""
    if fault == "none":
        return sum(stats.errors.values())
    return sum(n for kind, n in stats.errors.items() if kind.endswith(":500"))


HELP = "exam load: N learners start at once, autosave and hand in; floor comparison; faults"
