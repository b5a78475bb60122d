"""Staff pages for marking essay answers: the queue and one attempt's essays. Thin: the rules
live in exams.essays."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from exams import essays
from exams.exceptions import GradingError
from exams.models import Attempt, AttemptQuestion, MarkRound
from exams.paper_display import display_text
from lms.measures import citation_label
from lms.permissions import get_scoped_or_404, grader_required, scope_queryset


@grader_required
def queue(request):
    page = Paginator(essays.queue_answers(user=request.user), 50).get_page(request.GET.get("page"))
    page.object_list = essays.queue_items(page.object_list)
    return render(request, "exams/grading_queue.html", {"page": page})


def _essay_rows(request, attempt: Attempt) -> list[dict]:
    rows = []
    for answer in attempt.questions.filter(snapshot__qtype="essay").prefetch_related("marks"):
        answer.attempt = attempt
        marks = list(answer.marks.all())
        round_ = essays.may_mark(request.user, answer, marks) if attempt.awaiting_grading else None
        snapshot = answer.snapshot
        rows.append(
            {
                "answer": answer,
                "text": display_text(snapshot["text"], snapshot.get("text_format", "")),
                "essay": answer.selected[0] if answer.selected else "",
                "rubric": snapshot.get("rubric", ""),
                "citations": [citation_label(a, i) for a, i in snapshot.get("citations", [])],
                "round": round_,
                "round_label": MarkRound(round_).label if round_ else "",
                # The second grader marks blind; the reconciler and the record see all marks.
                "marks": marks if round_ != MarkRound.SECOND else [],
                "final": answer.score,
            }
        )
    return rows


@grader_required
def attempt(request, pk: int):
    scoped = scope_queryset(
        request.user,
        Attempt.objects.select_related("exam", "auxiliary__agency"),
        auxiliary_path="auxiliary__",
    )
    attempt = get_scoped_or_404(scoped, pk=pk)
    if request.method == "POST":
        try:
            answer_pk = int(request.POST.get("answer", ""))
            mark = int(request.POST.get("mark", ""))
            essays.essay_mark_record(
                user=request.user,
                answer_pk=answer_pk,
                mark=mark,
                comment=request.POST.get("comment", "")[:2000],
            )
        except ValueError as error:
            message = str(error) if isinstance(error, GradingError) else ""
            messages.error(request, message or _("Enter a whole number from 0 to 100."))
        except AttemptQuestion.DoesNotExist:
            messages.error(request, _("This answer needs no mark from you now."))
        else:
            messages.success(request, _("Mark saved."))
        return redirect("exams:grade_attempt", pk=attempt.pk)
    context = {"attempt": attempt, "rows": _essay_rows(request, attempt)}
    return render(request, "exams/grade_attempt.html", context)
