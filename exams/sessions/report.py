"""The session report, on screen and as xlsx: candidates, attendance, scores, pass/fail,
per-article results, integrity events, proctor actions, and the item analysis of the sitting
(exams.analysis over this session's handed-in attempts, with the one-cohort thresholds). User
text is written as text (lms.spreadsheets), never as a formula."""

from __future__ import annotations

import io
from collections import defaultdict

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from exams.analysis import SITTING_THRESHOLDS, item_statistics, write_item_analysis_sheet
from exams.models import AttemptQuestion
from exams.sessions import selectors
from exams.sessions.models import ExamSession, IntegrityEvent
from lms.measures import citation_label
from lms.spreadsheets import write_text, write_text_row


def session_report(*, session: ExamSession) -> dict:
    rows = selectors.live_rows(session=session)
    attempt_ids = selectors.session_attempt_ids(session)
    # {attempt: {article: [points, questions]}}
    per_article: dict[int, dict[int, list[float]]] = defaultdict(dict)
    articles: set[int] = set()
    for attempt_id, snapshot, score in AttemptQuestion.objects.filter(
        attempt_id__in=attempt_ids
    ).values_list("attempt_id", "snapshot", "score"):
        citations = snapshot.get("citations") or []
        article = citations[0][0] if citations else 0
        articles.add(article)
        cell = per_article[attempt_id].setdefault(article, [0.0, 0])
        cell[0] += score or 0
        cell[1] += 1
    ordered = sorted(articles)
    lines = []
    for row in rows:
        attempt = row.candidate.attempt
        results = per_article.get(row.candidate.attempt_id or 0, {})
        lines.append(
            {
                "row": row,
                "attempt": attempt,
                "score": attempt.score if attempt is not None else None,
                "result": attempt.result_label if attempt is not None else "",
                "articles": [
                    f"{results[a][0]:g}/{results[a][1]}" if a in results else "" for a in ordered
                ],
            }
        )
    return {
        "items": item_statistics(
            session.exam, attempt_ids=attempt_ids, thresholds=SITTING_THRESHOLDS
        ),
        "lines": lines,
        "articles": [(a, citation_label(a) if a else "—") for a in ordered],
        "counts": selectors.state_counts(rows),
        "actions": list(session.actions.select_related("actor", "candidate__auxiliary")),
        "events": list(
            IntegrityEvent.objects.filter(candidate__session=session).select_related(
                "candidate__auxiliary"
            )
        ),
    }


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def session_report_xlsx(*, session: ExamSession) -> bytes:
    data = session_report(session=session)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(_("Candidates"))
    head = [
        pgettext("person", "Name"), _("Agency"), _("Attendance"), _("Score"), _("Result"),
        _("Extra time (minutes)"), _("Times away"), _("Seconds away"), _("Pastes"),
        _("Second device"),
    ] + [label for _a, label in data["articles"]]  # fmt: skip
    write_text_row(sheet, 0, 0, head, bold)
    for r, line in enumerate(data["lines"], start=1):
        c = line["row"].candidate
        extra = int(c.extra_time(session.exam.time_limit).total_seconds() // 60)
        write_text_row(sheet, r, 0, [c.auxiliary.name, c.auxiliary.agency.name,
                                     line["row"].state_label])  # fmt: skip
        if line["score"] is not None:
            sheet.write_number(r, 3, float(line["score"]))
        write_text(sheet, r, 4, line["result"])
        for col, value in enumerate(
            [extra, c.away_count, c.away_seconds, c.paste_count, c.second_device_count], start=5
        ):
            sheet.write_number(r, col, value)
        write_text_row(sheet, r, 10, line["articles"])
    sheet.set_column(0, 2, 14)
    actions = book.add_worksheet(_("Proctor actions"))
    write_text_row(actions, 0, 0, [_("Time"), _("Proctor"), _("Action"), pgettext("exam session", "Candidate"),
                                   _("Minutes"), _("Reason")], bold)  # fmt: skip
    for r, action in enumerate(data["actions"], start=1):
        write_text_row(actions, r, 0, [
            _when(action.created_at), action.actor.get_username() if action.actor else "",
            action.get_kind_display(), action.candidate.auxiliary.name if action.candidate else "",
            action.minutes if action.minutes is not None else "", action.reason,
        ])  # fmt: skip
    events = book.add_worksheet(_("Integrity events"))
    write_text_row(
        events,
        0,
        0,
        [_("Time"), pgettext("exam session", "Candidate"), _("Event"), _("Seconds")],
        bold,
    )
    for r, event in enumerate(data["events"], start=1):
        write_text_row(events, r, 0, [_when(event.created_at), event.candidate.auxiliary.name,
                                      event.get_kind_display(), event.seconds])  # fmt: skip
    write_item_analysis_sheet(book, session.exam, name=_("Item analysis"), stats=data["items"])
    book.close()
    return out.getvalue()
