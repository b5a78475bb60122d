"""Exams (a blueprint over the bank) and attempts (a fixed paper, answers, the grade)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from exams.models.questions import QuestionCategory, QuestionType


class ReviewMode(models.TextChoices):
    SCORE = "score", _("Score only")
    BREAKDOWN = "breakdown", _("Score and per-article breakdown")
    ANSWERS = "answers", _("Also the correct answers and explanations")


class ExamPurpose(models.TextChoices):
    # The exam of the pre-job course: passing it issues the work credential (Art. 20).
    PRE_JOB = "pre_job", _("Pre-job exam (gates the credential)")
    # A short quiz at the end of an in-service course: it gates no credential, and may hold
    # back the course's in-service hours until it is passed.
    COURSE_QUIZ = "course_quiz", _("Course quiz (in-service course)")


class Exam(ClusterableModel):
    """An exam over the bank: the pre-job exam of the required course (Art. 20), or the quiz
    of one in-service course. Both use the same blueprint, attempts and grading."""

    purpose = models.CharField(
        _("purpose"),
        max_length=12,
        choices=ExamPurpose.choices,
        default=ExamPurpose.PRE_JOB,
        db_index=True,
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="+"
    )
    hours_need_pass = models.BooleanField(
        _("hours count only after a pass"),
        default=False,
        help_text=_(
            "Course quizzes only: the course's in-service hours are written to the learner's "
            "training record when the quiz is passed, not when the lessons are finished."
        ),
    )
    title = models.CharField(_("title"), max_length=120)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark"), default=80, help_text=_("Out of 100.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit (minutes)"), default=60)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=3)
    retake_wait_hours = models.PositiveSmallIntegerField(
        _("wait between attempts (hours)"), default=24
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    partial_credit = models.BooleanField(
        _("partial credit for multiple choice"),
        default=False,
        help_text=_("Off: a multiple-choice question scores only when exactly right."),
    )
    review = models.CharField(
        _("after submitting the learner sees"),
        max_length=10,
        choices=ReviewMode.choices,
        default=ReviewMode.BREAKDOWN,
    )
    active = models.BooleanField(pgettext_lazy("in use", "active"), default=True)
    double_grading = models.BooleanField(
        _("two graders for essay questions"),
        default=False,
        help_text=_("Each essay answer is marked by two people independently."),
    )
    grading_tolerance = models.PositiveSmallIntegerField(
        _("largest difference between the two marks"),
        default=20,
        help_text=_(
            "Out of 100 per question. When the two marks differ by more, a third person "
            "reconciles them; otherwise the mark is their mean."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("purpose"),
        FieldPanel("course"),
        FieldPanel("hours_need_pass"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("max_attempts"),
                FieldPanel("retake_wait_hours"),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("partial_credit"),
                FieldPanel("review"),
                FieldPanel("active"),
            ],
            heading=_("Presentation and grading"),
        ),
        MultiFieldPanel(
            [FieldPanel("double_grading"), FieldPanel("grading_tolerance")],
            heading=_("Essay grading"),
        ),
        InlinePanel("rules", label=_("Blueprint"), min_num=1),
    ]

    class Meta:
        verbose_name = _("exam")
        verbose_name_plural = _("exams")
        constraints = [
            # A course page shows one quiz; two active ones would leave the learner guessing.
            models.UniqueConstraint(
                fields=["course"],
                condition=Q(purpose="course_quiz", active=True),
                name="one_active_quiz_per_course",
                violation_error_message=_("This course already has an active quiz."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_course_quiz(self) -> bool:
        return self.purpose == ExamPurpose.COURSE_QUIZ

    def clean(self) -> None:
        super().clean()
        course = self.course if self.course_id else None
        if self.is_course_quiz:
            if course is not None and course.required_for_credential:
                # The pre-job course keeps its role: its exam gates the credential (Art. 20).
                raise ValidationError(
                    {"course": _("A quiz belongs to an in-service course, not the pre-job one.")}
                )
        elif self.hours_need_pass:
            raise ValidationError(
                {"hours_need_pass": _("Only a course quiz can hold back a course's hours.")}
            )

    @property
    def time_limit(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.time_limit_minutes)

    @property
    def retake_wait(self) -> datetime.timedelta:
        return datetime.timedelta(hours=self.retake_wait_hours)

    @property
    def question_count(self) -> int:
        return sum(rule.count for rule in self.rules.all())


class BlueprintRule(Orderable):
    """Draw ``count`` active questions matching every filter given (category subtree,
    article, type)."""

    exam = ParentalKey(Exam, on_delete=models.CASCADE, related_name="rules")
    count = models.PositiveSmallIntegerField(_("questions to draw"), default=2)
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    article = models.PositiveSmallIntegerField(
        _("article"),
        null=True,
        blank=True,
        help_text=_("Questions whose first citation is this article."),
    )
    qtype = models.CharField(_("type"), max_length=12, choices=QuestionType.choices, blank=True)

    panels = [
        FieldPanel("count"),
        FieldPanel("category"),
        FieldPanel("article"),
        FieldPanel("qtype"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("blueprint rule")
        verbose_name_plural = _("blueprint rules")


class AttemptStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    SUBMITTED = "submitted", pgettext_lazy("exam attempt", "Submitted")
    EXPIRED = "expired", _("Time ran out")
    # Handed in (or timed out) with essay answers that staff have not finished marking; the
    # score, the result and the credential wait for the final marks.
    GRADING = "grading", _("Awaiting grading")


class Attempt(models.Model):
    """One sitting of an exam by one auxiliary. The paper is fixed at start."""

    exam = models.ForeignKey(Exam, on_delete=models.PROTECT, related_name="attempts")
    auxiliary = models.ForeignKey(
        "lms.Auxiliary", on_delete=models.CASCADE, related_name="exam_attempts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("attempt number"), default=1)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AttemptStatus.choices,
        default=AttemptStatus.OPEN,
        db_index=True,
    )
    seed = models.BigIntegerField(help_text="Seed of the draw, so the paper can be reproduced.")
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"), db_index=True)
    finished_at = models.DateTimeField(
        pgettext_lazy("exam attempt", "finished at"), null=True, blank=True
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = pgettext_lazy("exam", "attempts")
        ordering = ["-started_at", "-pk"]
        constraints = [
            # Second guard behind the row lock in attempt_start: one open attempt per person.
            models.UniqueConstraint(
                fields=["auxiliary"],
                condition=Q(status="open"),
                name="one_open_attempt_per_auxiliary",
            )
        ]

    def __str__(self) -> str:
        return f"{self.exam} #{self.number} ({self.auxiliary})"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.OPEN

    @property
    def awaiting_grading(self) -> bool:
        return self.status == AttemptStatus.GRADING

    @property
    def result_label(self) -> str:
        if self.passed is None:
            return ""
        return str(_("Passed") if self.passed else _("Failed"))


class AttemptQuestion(models.Model):
    """One question of an attempt's paper: a snapshot of the question as it was at start,
    the display order of its choices, and the learner's latest answer."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    # Kept for item analysis; the snapshot is what was shown and graded.
    question = models.ForeignKey(
        "exams.Question", null=True, on_delete=models.SET_NULL, related_name="attempt_questions"
    )
    # {"name", "qtype", "text", "text_format", "explanation", "citations": [[a, i]],
    #  "choices": [{"key", "text", "weight", "feedback"}]} — choices in display order.
    snapshot = models.JSONField()
    selected = models.JSONField(default=list, blank=True)
    # The client's sequence number of the saved answer: an older write never replaces a newer.
    client_seq = models.BigIntegerField(default=0)
    answered_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="uniq_attempt_position")
        ]

    @property
    def primary_citation(self) -> tuple[int, int | None] | None:
        citations = self.snapshot.get("citations") or []
        if not citations:
            return None
        article, item = citations[0]
        return article, item


class ReadyPaper(models.Model):
    """A paper drawn for one person ahead of an on-demand start, when their exam card offers
    开始 (exams.papers): pressing it then only opens the paper, as a session's paper is drawn
    ahead of the session's start. The start takes it; an edit of the bank or of the exam
    discards every ready paper, and one older than exams.papers.READY_PAPER_MAX_AGE is
    drawn again."""

    auxiliary = models.ForeignKey("lms.Auxiliary", on_delete=models.CASCADE, related_name="+")
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="+")
    seed = models.BigIntegerField()
    # [[question id, snapshot], …] in paper order: SessionCandidate.paper's shape.
    paper = models.JSONField()
    drawn_at = models.DateTimeField()
    # The paper as its first page shows it (exams.papers.RenderedPaper), and what that
    # rendering depends on (papers.render_version).
    page_questions = models.TextField(default="", blank=True)
    page_nav = models.TextField(default="", blank=True)
    page_version = models.CharField(max_length=64, default="", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["auxiliary", "exam"], name="one_ready_paper_per_exam")
        ]


class MarkRound(models.IntegerChoices):
    FIRST = 1, _("First marking")
    SECOND = 2, _("Second marking")
    RECONCILED = 3, _("Reconciliation")


class EssayMark(models.Model):
    """One grader's mark of one essay answer. With double grading the first two rounds are
    independent; a third, reconciling round is needed when they differ by more than the
    exam's tolerance (exams.essays decides)."""

    answer = models.ForeignKey(AttemptQuestion, on_delete=models.CASCADE, related_name="marks")
    round = models.PositiveSmallIntegerField(_("round"), choices=MarkRound.choices)
    grader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("grader"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mark = models.PositiveSmallIntegerField(_("mark (of 100)"))
    comment = models.TextField(_("comment for the learner"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("essay mark")
        verbose_name_plural = _("essay marks")
        ordering = ["answer", "round"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "round"], name="uniq_essay_mark_round"),
            models.CheckConstraint(condition=Q(mark__lte=100), name="essay_mark_at_most_100"),
        ]
