"""`bench exam --session`: a session's synchronized start.

N candidates of one session whose start is a few seconds ahead, each doing what
js/session_room.js does: load the waiting room (spread over the lead time, as people arrive),
read the server's "starts in", fetch the sealed paper; at the start instant plus the page's
jitter fetch the key and decrypt; then, within the page's open spread, open the attempt.
time_to_paper is measured from the start instant to the decrypted paper in the client's hands
(with --unsealed: to the exam page fetched after opening, the page's fallback). Then the
autosave pattern and the hand-in, and every acknowledged answer is checked against the
database. The server's CPU is read from /proc for gunicorn's processes: from just before the
start until every client has its paper, and until every attempt is open.
"""

from __future__ import annotations

import asyncio
import datetime
import random
import secrets
import time

from django.db import connection
from django.utils import timezone

from bench import exam as exam_bench
from bench import loadgen, measure, servers
from exams.models import Attempt, Exam
from exams.sessions import sealing, services
from exams.sessions.models import ExamSession, PaperDraw, SessionCandidate, SessionStatus
from exams.sessions.views import (
    JITTER_MS_MAX,
    JITTER_MS_PER_CANDIDATE,
    OPEN_AFTER_MS_MAX,
    OPEN_AFTER_MS_PER_CANDIDATE,
    OPEN_SPREAD_MS_MAX,
    OPEN_SPREAD_MS_PER_CANDIDATE,
)
from lms.models import Agency

TITLE = "压测考试场次"


def _seed_session(learners: int, lead_seconds: float) -> tuple[ExamSession, list[str]]:
    """The learners, one confirmed session starting ``lead_seconds`` from now with all of
    them enrolled, and every paper drawn (the background job's service, run here)."""
    sessions = exam_bench._seed_learners(learners)
    agency = Agency.objects.get(code=exam_bench.BENCH_AGENCY)
    exam = Exam.objects.filter(active=True).order_by("pk").first()
    ExamSession.objects.filter(agency=agency, title=TITLE).delete()
    start = timezone.now() + datetime.timedelta(seconds=lead_seconds)
    session = ExamSession.objects.create(
        exam=exam, agency=agency, title=TITLE, online=True, starts_at=start,
        check_in_at=start - datetime.timedelta(minutes=30),
        late_cutoff_at=start + datetime.timedelta(minutes=15), ends_at=start + exam.time_limit,
        status=SessionStatus.CONFIRMED, confirmed_at=timezone.now(),
    )  # fmt: skip
    # The people were made eligible above; enrolment's per-person checks are the admin's
    # page, not the start, and are left out of the seeding time.
    SessionCandidate.objects.bulk_create(
        SessionCandidate(session=session, auxiliary_id=aux_id) for aux_id, _key in sessions
    )
    draw = PaperDraw.objects.create(session=session)
    services.session_draw_papers(draw_id=draw.pk)
    return session, [key for _aux, key in sessions]


def _cpu_seconds(master_pid: int) -> float:
    """User + system CPU of gunicorn's master and workers, from /proc."""
    return measure.cpu_seconds([master_pid, *servers.worker_pids(master_pid)])


def _box_cpu(master_pid: int) -> measure.CpuReading:
    return measure.CpuReading.take([master_pid, *servers.worker_pids(master_pid)])


async def _candidate(port, key, session, start_at, spread, answers, think, stats, ack,
                     got_paper, opened_all, lead, sealed):  # fmt: skip
    jitter_ms, open_after_ms, open_spread_ms = spread
    token = secrets.token_hex(16)
    headers = {
        "Cookie": f"sessionid={key}; csrftoken={token}",
        "X-CSRFToken": token,
        "Referer": f"http://127.0.0.1:{port}/",
    }
    client = loadgen.Client("127.0.0.1", port, headers=headers)
    base = f"/exams/sessions/{session.pk}/room/"
    arrived = attached = False

    def arrive(seconds):
        nonlocal arrived
        if not arrived:
            arrived = True
            got_paper.append(seconds)

    def attach():
        nonlocal attached
        if not attached:
            attached = True
            opened_all.append(time.perf_counter())

    try:
        # People arrive over the lead time, not all in the last second.
        await asyncio.sleep(random.uniform(0, max(0.0, lead * 0.6)))
        await exam_bench._request(client, stats, "room", "GET", base)
        status = await exam_bench._request(client, stats, "status", "GET", base + "status/")
        if status is None or status.status_code != 200:
            stats.error("status:unanswered")
            return
        # The client's own clock from the server's "starts in" (as the page does).
        local_start = time.perf_counter() + status.json()["starts_in_ms"] / 1000
        copy = None
        if sealed:
            reply = await exam_bench._request(client, stats, "sealed", "GET", base + "sealed/")
            if reply is not None and reply.status_code == 200:
                copy = reply.json()
            else:
                stats.error("sealed:refused")
        await asyncio.sleep(max(0.0, local_start - time.perf_counter()))
        await asyncio.sleep(random.random() * jitter_ms / 1000)
        page_text = None
        if copy is not None:
            for _try in range(30):
                reply = await exam_bench._request(client, stats, "key", "GET", base + "key/")
                if reply is not None and reply.status_code == 200:
                    key_bytes = sealing.base64.b64decode(reply.json()["key"])
                    page_text = sealing.unseal(copy, key_bytes)
                    break
                await asyncio.sleep(0.5)
            if page_text is None:
                stats.error("key:refused")
                return
            arrive(time.perf_counter() - start_at)
            await asyncio.sleep((open_after_ms + random.random() * open_spread_ms) / 1000)
        opened = None
        for _try in range(30):
            opened = await exam_bench._request(
                client, stats, "open", "POST", base + "open/", data={"device": token[:12]}
            )
            if opened is not None and opened.status_code == 200:
                break
            await asyncio.sleep(0.5)
        if opened is None or opened.status_code != 200:
            stats.error("open:refused")
            return
        url = opened.json()["attempt_url"]
        if page_text is None:
            page = await exam_bench._request(client, stats, "paper", "GET", url)
            arrive(time.perf_counter() - start_at if page is not None else None)
            page_text = page.text if page else ""
        attach()
        choices: dict[int, list[str]] = {}
        for position, value in exam_bench._CHOICE_RE.findall(page_text):
            choices.setdefault(int(position), []).append(value)
        if not choices:
            stats.error("paper:no_questions")
            return
        attempt_id = int(exam_bench._ATTEMPT_RE.search(url).group(1))
        positions = sorted(choices)
        on_screen: dict[int, list[str]] = {}
        for n in range(answers):
            position = positions[n % len(positions)]
            selected = [random.choice(choices[position])]
            on_screen[position] = selected
            response = await exam_bench._request(
                client, stats, "autosave", "POST", f"/exams/attempts/{attempt_id}/save/",
                json_body={"position": position, "seq": n + 1, "selected": selected},
            )  # fmt: skip
            if response is not None and response.status_code == 200 and response.json()["ok"]:
                ack[(attempt_id, position)] = selected
            await asyncio.sleep(think * random.uniform(0.5, 1.5))
        await exam_bench.hand_in(client, stats, attempt_id, token, on_screen, ack)
    finally:
        arrive(None)  # a client that failed before its paper counts as arrived, without one
        attach()
        await client.close()


async def _drive(port, keys, session, server_pid, answers, think, lead, sealed):
    stats = exam_bench.Stats()
    ack: dict = {}
    got_paper: list = []
    opened_all: list = []
    jitter_ms = min(JITTER_MS_MAX, JITTER_MS_PER_CANDIDATE * len(keys))
    open_after_ms = min(OPEN_AFTER_MS_MAX, OPEN_AFTER_MS_PER_CANDIDATE * len(keys))
    open_spread_ms = min(OPEN_SPREAD_MS_MAX, OPEN_SPREAD_MS_PER_CANDIDATE * len(keys))
    seconds_to_start = (session.starts_at - timezone.now()).total_seconds()
    start_at = time.perf_counter() + seconds_to_start
    tasks = [
        asyncio.create_task(
            _candidate(
                port,
                key,
                session,
                start_at,
                (jitter_ms, open_after_ms, open_spread_ms),
                answers,
                think,
                stats,
                ack,
                got_paper,
                opened_all,
                lead,
                sealed,
            )  # fmt: skip
        )
        for key in keys
    ]
    # CPU from just before the start instant until every client has its paper.
    await asyncio.sleep(max(0.0, start_at - time.perf_counter() - 0.2))
    box_before = _box_cpu(server_pid)
    cpu_before = box_before.server
    window = time.perf_counter()
    while len(got_paper) < len(keys):
        await asyncio.sleep(0.05)
    # Where the two cores went until the last paper: server, database, load generator.
    spent = box_before.spent_until(_box_cpu(server_pid))
    box = [spent.server, spent.database, spent.load_generator, time.perf_counter() - window]
    cpu_start = spent.server
    times = [t for t in got_paper if t is not None]
    print(
        f"papers: {len(times)}; time_to_paper p95 {exam_bench._percentile(times, 95):.0f} ms; "
        f"server CPU {cpu_start:.2f} s; opening the attempts …",
        flush=True,
    )
    # Autosaves begin as soon as a client's attempt is open, so this window holds some.
    while len(opened_all) < len(keys):
        await asyncio.sleep(0.05)
    cpu_opened = _cpu_seconds(server_pid) - cpu_before
    opened_s = max(opened_all, default=start_at) - start_at
    print(f"attempts open after {opened_s:.1f} s; autosaves and hand-ins follow …", flush=True)
    await asyncio.gather(*tasks)
    times = [t for t in got_paper if t is not None]
    spread = (jitter_ms, open_after_ms, open_spread_ms)
    return stats, ack, times, (cpu_start, cpu_opened, opened_s, box), spread


def run(options, stdout) -> dict:
    learners, answers, think = options["learners"], options["answers"], options["think"]
    sealed = not options.get("unsealed")
    # Enough lead for every client to load the waiting room (and its sealed paper) first:
    # in a real sitting check-in opens 30 minutes before.
    lead = max(8.0, learners / (10 if sealed else 100))
    stdout.write(f"seeding a session of {learners} candidates …")
    session, keys = _seed_session(learners, lead + 60)  # the server starts first
    connection.close()
    port = options["port"] or servers.free_port()
    server = exam_bench._start_gunicorn(port, options["workers"])
    try:
        # The start moves to "lead" seconds from now, now that the server is up.
        start = timezone.now() + datetime.timedelta(seconds=lead)
        ExamSession.objects.filter(pk=session.pk).update(
            starts_at=start, check_in_at=start - datetime.timedelta(minutes=30),
            late_cutoff_at=start + datetime.timedelta(minutes=15),
            ends_at=start + session.exam.time_limit,
        )  # fmt: skip
        session.refresh_from_db()
        connection.close()
        stdout.write(f"session start in {lead:.0f} s; {learners} clients in the waiting room …")
        stats, ack, times, cpu, spread = loadgen.run(
            _drive(port, keys, session, server.pid, answers, think, lead, sealed)
        )
        lost = exam_bench._lost_answers(ack)
        alive = server.poll() is None
    finally:
        servers.stop(server, seconds=20)
    attempts = Attempt.objects.filter(auxiliary__agency__code=exam_bench.BENCH_AGENCY)
    figures: dict = {
        "database": connection.vendor,
        "mode": "session",
        "learners": learners,
        "gunicorn_workers": options["workers"],
        "paper": "sealed" if sealed else "fetched after opening",
        "jitter_ms": spread[0],
        "open_after_ms": spread[1],
        "open_spread_ms": spread[2],
        "papers_received": len(times),
    }
    for pct in (50, 95, 99):
        figures[f"time_to_paper_p{pct}_ms"] = round(exam_bench._percentile(times, pct), 1)
    figures["time_to_paper_max_ms"] = round(max(times, default=0) * 1000, 1)
    cpu_start, cpu_opened, opened_s, box = cpu
    figures["server_cpu_ms_per_start"] = round(cpu_start * 1000 / max(1, len(times)), 2)
    server_s, database_s, load_generator_s, window_s = box
    figures["start_window_s"] = round(window_s, 2)
    figures["start_window_cpu_s"] = {
        "server": round(server_s, 2),
        "database": round(database_s, 2),
        "load_generator": round(load_generator_s, 2),
    }
    figures["all_attempts_open_after_s"] = round(opened_s, 1)
    figures["server_cpu_ms_per_candidate_until_open"] = round(
        cpu_opened * 1000 / max(1, len(times)), 2
    )
    for kind in ("room", "status", "sealed", "key", "open", "paper", "autosave", "submit"):
        values = stats.latencies.get(kind, [])
        figures[f"{kind}_p95_ms"] = round(exam_bench._percentile(values, 95), 1)
    figures["errors"] = sum(stats.errors.values())
    figures["errors_by_kind"] = dict(sorted(stats.errors.items()))
    figures["attempts_created"] = attempts.count()
    figures["one_attempt_each"] = attempts.values("auxiliary").distinct().count() == len(times)
    figures["acknowledged_autosaves_checked"] = len(ack)
    figures["acknowledged_autosaves_lost"] = lost
    figures["server_alive_after_run"] = alive
    figures["verdict"] = "PASS" if lost == 0 and alive and not figures["errors"] else "FAIL"
    return figures
