"""Papers drawn ahead of the start.

A start that draws reads the bank and builds every question's snapshot while the person waits,
and when a cohort presses 开始 together those draws are the rush. So a paper is drawn before
the start wherever the start is known to come:
- a session's papers when the session is confirmed (exams.sessions.services);
- an on-demand paper when the person's exam card offers 开始 (``paper_prepare``), kept as a
  ReadyPaper until the start takes it (``paper_take``).

A paper is ``[[question id, snapshot], …]`` in paper order, with the seed it was drawn from.

An on-demand paper is also rendered when it is drawn: its questions and question list as the
exam page shows them with nothing answered (``RenderedPaper``). The start keeps that rendering
in the cache for the new attempt, and the attempt's page uses it while nothing is answered, so
the page that a cohort opens together renders almost nothing (docs/benchmarks.md). A rendering
is used only in the language and with the templates and display code it was made with
(``render_version``).
A ready paper is the bank as it was when it was drawn, so any edit of the bank or of an exam
discards every ready paper (the receivers below), and one older than READY_PAPER_MAX_AGE is not
used: the start draws afresh. Editing through ``QuerySet.update()`` sends no signal; the age
bounds what such an edit can miss.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import random
import secrets

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_delete, post_save
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from exams import paper_display, selectors
from exams.blueprint import draw_question_ids, paper_snapshots
from exams.exceptions import BlueprintError
from exams.models import (
    AttemptQuestion,
    BlueprintRule,
    Choice,
    Exam,
    Question,
    QuestionCitation,
    ReadyPaper,
)

READY_PAPER_MAX_AGE = datetime.timedelta(hours=1)

Paper = list[list]


def draw_paper(exam: Exam) -> tuple[int, Paper]:
    """A fresh paper of ``exam``: (seed, paper). Raises BlueprintError when the bank cannot
    fill the blueprint."""
    seed = secrets.randbits(48)
    question_ids = draw_question_ids(exam, seed=seed)
    snapshots = paper_snapshots(question_ids, rng=random.Random(seed), shuffle=exam.shuffle_choices)
    return seed, [[pk, snapshot] for pk, snapshot in zip(question_ids, snapshots, strict=True)]


def paper_json(paper: Paper) -> str:
    """``paper`` as the JSON text that ``paper_questions_insert`` takes."""
    return json.dumps(paper, ensure_ascii=False)


def paper_questions_insert(attempt_id: int, paper_text: str) -> None:
    """Insert the attempt's question rows for a paper given as its JSON text, numbered from 1,
    in one statement that the database unpacks. Building a model instance and binding eight
    values for each of 50 questions was a third of a start's CPU; one statement of fixed text
    with two values is also planned once per connection on PostgreSQL (docs/benchmarks.md)."""
    meta = AttemptQuestion._meta
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(meta.get_field(name).column)
        for name in ("attempt", "position", "question", "snapshot", "selected", "client_seq")
    )
    if connection.vendor == "postgresql":
        rows = (
            "SELECT %s, item.position, (item.entry->>0)::bigint, item.entry->1, '[]'::jsonb, 0 "
            "FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS item(entry, position)"
        )
    else:
        rows = (
            "SELECT %s, item.key + 1, json_extract(item.value, '$[0]'), "
            "json_extract(item.value, '$[1]'), '[]', 0 FROM json_each(%s) AS item"
        )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) {rows}", [attempt_id, paper_text]
        )


# What the exam page renders of the paper itself (site/templates/exams/_paper.html includes them).
RENDERED_TEMPLATES = ("exams/_questions.html", "exams/_question_nav.html")
FIRST_PAGE_CACHE_KEY = "exams:first-page:{attempt_id}"
# Kept past the deadline by this much: a page loaded in the grace period still finds it.
FIRST_PAGE_EXTRA_SECONDS = 600


@dataclasses.dataclass(frozen=True)
class RenderedPaper:
    """A paper's questions and question list as the exam page shows them, nothing answered."""

    questions: SafeString
    nav: SafeString
    total: int
    version: str


@functools.cache
def _display_fingerprint() -> str:
    """The templates and the display code a rendering comes from, as they are in this process:
    after a release that changes them, renderings made before it are not used."""
    digest = hashlib.sha256()
    for name in RENDERED_TEMPLATES:
        digest.update(get_template(name).template.source.encode())
    with open(paper_display.__file__, "rb") as source:
        digest.update(source.read())
    return digest.hexdigest()[:16]


def render_version() -> str:
    """What a rendering made now depends on: the active language and the display code."""
    return f"{get_language()}:{_display_fingerprint()}"


def paper_render(paper: Paper) -> RenderedPaper:
    """``paper`` as a fresh attempt's page shows it, in the active language."""
    shown = paper_display.sealed_paper(paper)
    return RenderedPaper(
        questions=mark_safe(render_to_string(RENDERED_TEMPLATES[0], {"paper": shown})),
        nav=mark_safe(render_to_string(RENDERED_TEMPLATES[1], {"paper": shown})),
        total=len(paper),
        version=render_version(),
    )


def first_page_keep(attempt, rendered: RenderedPaper) -> None:
    """Keep ``rendered`` for the attempt's page once the attempt is committed."""
    key = FIRST_PAGE_CACHE_KEY.format(attempt_id=attempt.pk)
    timeout = int((attempt.deadline - attempt.started_at).total_seconds())
    value = dataclasses.asdict(rendered)
    transaction.on_commit(lambda: cache.set(key, value, timeout=timeout + FIRST_PAGE_EXTRA_SECONDS))


def first_page(attempt_id: int) -> RenderedPaper | None:
    """The attempt's paper rendered ahead, when it was and still matches ``render_version``.
    It shows nothing answered: the caller uses it only while that is true."""
    value = cache.get(FIRST_PAGE_CACHE_KEY.format(attempt_id=attempt_id))
    if not value or value.get("version") != render_version():
        return None
    return RenderedPaper(
        questions=mark_safe(value["questions"]),
        nav=mark_safe(value["nav"]),
        total=value["total"],
        version=value["version"],
    )


def paper_prepare(*, auxiliary_id: int, exam: Exam, now: datetime.datetime | None = None) -> None:
    """Draw the person's next paper of ``exam`` now, unless a usable one is ready. Called where
    the page offers 开始; a bank that cannot fill the blueprint draws nothing here (the start
    then says why)."""
    now = now or timezone.now()
    ready = ReadyPaper.objects.filter(
        auxiliary_id=auxiliary_id, exam=exam, drawn_at__gt=now - READY_PAPER_MAX_AGE
    )
    if ready.exists():
        return
    try:
        seed, paper = draw_paper(exam)
    except BlueprintError:
        return
    rendered = paper_render(paper)
    try:
        with transaction.atomic():
            ReadyPaper.objects.update_or_create(
                auxiliary_id=auxiliary_id,
                exam=exam,
                defaults={
                    "seed": seed,
                    "paper": paper,
                    "drawn_at": now,
                    "page_questions": rendered.questions,
                    "page_nav": rendered.nav,
                    "page_version": rendered.version,
                },
            )
    except IntegrityError:
        # Two pages of the same person drew at once: the other one's paper is ready.
        pass


def exam_status_with_paper(*, user) -> dict:
    """The learner's exam card (selectors.exam_status), with their paper drawn ahead when the
    card offers 开始: pressing it then only opens the paper."""
    status = selectors.exam_status(user=user)
    if selectors.offers_start(status):
        paper_prepare(auxiliary_id=status["auxiliary"].pk, exam=status["exam"])
    return status


def paper_take(
    *, auxiliary_id: int, exam: Exam, now: datetime.datetime
) -> tuple[int, str, RenderedPaper] | None:
    """Remove the person's ready paper of ``exam`` and return it (seed, the paper as JSON text
    for ``paper_questions_insert``, rendering), or None when there is none or it is too old.
    One statement; the caller holds the person's row lock."""
    table = connection.ops.quote_name(ReadyPaper._meta.db_table)
    if connection.vendor == "postgresql":
        paper, length = "paper::text", "jsonb_array_length(paper)"
    else:
        paper, length = "paper", "json_array_length(paper)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE auxiliary_id = %s AND exam_id = %s "
            f"RETURNING seed, {paper}, {length}, drawn_at, page_questions, page_nav, page_version",
            [auxiliary_id, exam.pk],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    seed, paper_text, total, drawn_at, questions, nav, version = row
    if isinstance(drawn_at, str):  # SQLite answers RETURNING with the stored text
        drawn_at = datetime.datetime.fromisoformat(drawn_at)
    if timezone.is_naive(drawn_at):
        drawn_at = timezone.make_aware(drawn_at, datetime.UTC)
    if drawn_at <= now - READY_PAPER_MAX_AGE:
        return None
    rendered = RenderedPaper(
        questions=mark_safe(questions), nav=mark_safe(nav), total=total, version=version
    )
    return seed, paper_text, rendered


def _discard_ready_papers(sender, instance, **kwargs) -> None:
    """A ready paper holds the bank and its exam's blueprint as they were drawn: after an edit
    it could hold a wrong key. The bank is shared, so a question's edit discards them all; an
    exam's edit (its rules included) only that exam's."""
    ready = ReadyPaper.objects.all()
    if sender is Exam:
        ready = ready.filter(exam_id=instance.pk)
    elif sender is BlueprintRule:
        ready = ready.filter(exam_id=instance.exam_id)
    ready.delete()


def connect_receivers() -> None:
    """Discard ready papers on any edit of the bank or of an exam (ExamsConfig.ready)."""
    for model in (Question, Choice, QuestionCitation, BlueprintRule, Exam):
        name = model.__name__
        post_save.connect(_discard_ready_papers, sender=model, dispatch_uid=f"ready-{name}-save")
        post_delete.connect(
            _discard_ready_papers, sender=model, dispatch_uid=f"ready-{name}-delete"
        )
