"""Assessment templates, cycles, assessments, their revisions and decisions (Arts. 17, 24, 27).

The rules that turn scores into a grade and a recommendation live in ``assessments.rules``;
these models only store inputs and results. Nothing here is ever deleted: amendments add
revisions, decisions are recorded once, and every foreign key to an assessment protects it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from assessments import rules
from lms.jobs.models import Job
from lms.models import Agency, Auxiliary


class Section(models.TextChoices):
    """The usual public-sector sections: 德、能、勤、绩、廉."""

    DE = "de", _("Morality (德)")
    NENG = "neng", _("Ability (能)")
    QIN = "qin", _("Diligence (勤)")
    JI = "ji", _("Performance (绩)")
    LIAN = "lian", _("Integrity (廉)")


SECTION_ORDER = [code for code, _label in Section.choices]

MEASURE_LABELS = {
    "conduct": _("Conduct and discipline"),
    "skill": _("Professional skill"),
    "attendance": _("Attendance"),
    "task": _("Task completion"),
    "integrity": _("Integrity"),
    "manner": _("Public manner"),
    "other": _("Other"),
    "training_hours": _("Training hours (filled in from the ledger)"),
}
# The forbidden measures are offered too, so that an editor who picks one is told why it is
# refused (Art. 18(3)(4)) instead of wondering why it is missing.
FORBIDDEN_MEASURE_CHOICES = [
    (code, format_lazy(_("{label} (forbidden by Art. 18)"), label=label))
    for code, label in rules.FORBIDDEN_MEASURE_LABELS.items()
]
MEASURE_CHOICES = [(code, MEASURE_LABELS[code]) for code in rules.CRITERION_MEASURES]


class AssessmentTemplate(ClusterableModel):
    """Sections, criteria and grade bands. Provincial templates have no agency; an agency's
    adapted copy points at the template it is ``based_on``. Once a cycle uses a template it is
    frozen: changes go into a new version (``services.template_new_version``)."""

    name = models.CharField(_("name"), max_length=120)
    version = models.PositiveIntegerField(_("version"), default=1)
    frozen = models.BooleanField(
        _("frozen"),
        default=False,
        help_text=_("Set once a cycle uses the template; edit a new version instead."),
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessment_templates",
        help_text=_("Empty for a provincial template."),
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adaptations",
    )
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment template")
        verbose_name_plural = _("assessment templates")
        ordering = ["name", "-version"]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def grade_bands(self) -> list[rules.GradeBand]:
        bands = [rules.GradeBand(band.code, band.label, band.minimum) for band in self.bands.all()]
        return bands or list(rules.DEFAULT_BANDS)


class TemplateSection(models.Model):
    template = ParentalKey(AssessmentTemplate, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("section"), max_length=10, choices=Section.choices)
    title = models.CharField(_("title"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    sort_order_field = "sort_order"  # lets the admin's InlinePanel reorder rows

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="section_once_per_template")
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    """One scored line. ``anchors`` describe each level: [{"min": 9, "max": 10, "text": …}]."""

    template = ParentalKey(AssessmentTemplate, on_delete=models.CASCADE, related_name="criteria")
    section = models.CharField(_("section"), max_length=10, choices=Section.choices)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    measure = models.CharField(
        _("what it measures"),
        max_length=20,
        choices=MEASURE_CHOICES + FORBIDDEN_MEASURE_CHOICES,
        default="conduct",
    )
    weight = models.DecimalField(
        pgettext_lazy("criterion", "weight"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    max_score = models.DecimalField(
        _("maximum score"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(10),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    anchors = models.JSONField(
        _("rating anchors"),
        default=list,
        blank=True,
        help_text=_('A list of levels, e.g. [{"min": 9, "max": 10, "text": "Exemplary"}].'),
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)
    sort_order_field = "sort_order"

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class GradeBandRow(models.Model):
    """A grade band of a template: the lowest total that earns the grade."""

    template = ParentalKey(AssessmentTemplate, on_delete=models.CASCADE, related_name="bands")
    code = models.CharField(
        _("grade"),
        max_length=10,
        choices=[(code, label) for code, label, _m in rules.DEFAULT_GRADE_BANDS],
    )
    label = models.CharField(pgettext_lazy("grade band", "label"), max_length=20)
    minimum = models.DecimalField(_("minimum total"), max_digits=5, decimal_places=2)
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        ordering = ["-minimum"]

    def __str__(self) -> str:
        return f"{self.label} ≥ {self.minimum}"


class Cycle(models.Model):
    """One periodic assessment round of an agency (optionally with the agencies under it)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="cycles"
    )
    name = models.CharField(_("name"), max_length=120)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_date = models.DateField(_("due date"))
    template = models.ForeignKey(
        AssessmentTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="cycles",
    )
    include_subordinates = models.BooleanField(_("include subordinate agencies"), default=False)
    next_cycle_start = models.DateField(
        _("next cycle starts"),
        null=True,
        blank=True,
        help_text=_(
            "Contracts ending before this date are flagged. Default: the day after the period ends."
        ),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assessment cycle")
        verbose_name_plural = _("assessment cycles")
        ordering = ["-period_end", "-pk"]

    def __str__(self) -> str:
        return self.name


class AssessmentStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("assessment status", "Not started")
    DRAFT = "draft", pgettext_lazy("assessment status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("assessment status", "Submitted")


class Response(models.TextChoices):
    NONE = "", _("Awaiting response")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    OBJECTED = "objected", _("Objected")


class ObjectionResolution(models.TextChoices):
    NONE = "", pgettext_lazy("objection", "Open")
    UPHELD = "upheld", _("Assessment upheld")
    AMENDED = "amended", _("Assessment amended")


class Assessment(models.Model):
    """One auxiliary's assessment in one cycle.

    ``draft`` holds the supervisor's unvalidated work in progress. Submission validates it,
    writes scores and violations, computes the result and adds revision 1; afterwards the
    current result only changes through amendments, each adding a revision.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="assessments")
    auxiliary = models.ForeignKey(Auxiliary, on_delete=models.PROTECT, related_name="assessments")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments_to_score",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.PENDING,
        db_index=True,
    )
    draft = models.JSONField(default=dict, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)

    days_absent = models.PositiveIntegerField(_("days absent"), null=True, blank=True)
    late_arrivals = models.PositiveIntegerField(_("late arrivals"), null=True, blank=True)
    general_comment = models.TextField(_("overall comment"), blank=True)
    total = models.DecimalField(
        pgettext_lazy("assessment score", "total"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    grade_code = models.CharField(_("grade"), max_length=10, blank=True)
    grade_label = models.CharField(_("grade"), max_length=20, blank=True)
    outcome = models.CharField(
        _("recommendation"),
        max_length=20,
        blank=True,
        choices=[(o.value, label) for o, label in rules.OUTCOME_LABELS.items()],
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    commend = models.BooleanField(_("marked for commendation"), default=False)
    contract_decision_due = models.BooleanField(_("renewal decision due"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    response = models.CharField(
        _("response"), max_length=15, choices=Response.choices, default="", blank=True
    )
    response_statement = models.TextField(_("statement"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(
        _("objection outcome"),
        max_length=10,
        choices=ObjectionResolution.choices,
        default="",
        blank=True,
    )
    resolution_note = models.TextField(_("objection reply"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["cycle", "auxiliary__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "auxiliary"], name="one_assessment_per_cycle")
        ]
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.auxiliary}"

    @property
    def is_locked(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED

    @property
    def outcome_label(self) -> str:
        return rules.OUTCOME_LABELS.get(rules.Outcome(self.outcome), "") if self.outcome else ""


class CriterionScore(models.Model):
    """A submitted score. Changed only by an amendment, which also adds a revision."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(max_digits=5, decimal_places=2)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["criterion__sort_order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_score_each")
        ]


class Violation(models.Model):
    """An Art. 19 violation recorded in the assessment period."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="violations")
    item = models.PositiveSmallIntegerField(_("Art. 19 item"))
    date = models.DateField(_("date"))
    description = models.TextField(_("what happened"))
    # An amendment that finds a violation was recorded in error withdraws it; the row stays.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "item", "pk"]


class RevisionKind(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("assessment status", "Submitted")
    AMENDED = "amended", _("Amended")


class AssessmentRevision(models.Model):
    """A full snapshot of a submitted assessment's result. Append-only (compare Art. 19(6))."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=RevisionKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="revision_number_once")
        ]


class Decision(models.Model):
    """The agency's final decision on the auxiliary after the assessment (Art. 24)."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(
        _("decision"),
        max_length=20,
        choices=[(o.value, label) for o, label in rules.OUTCOME_LABELS.items()],
    )
    follows_recommendation = models.BooleanField(default=True)
    reason = models.TextField(_("reason for overriding"), blank=True)
    contract_end = models.DateField(_("new contract end"), null=True, blank=True)
    valid_until = models.DateField(_("credential valid until"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    @property
    def outcome_label(self) -> str:
        return rules.OUTCOME_LABELS[rules.Outcome(self.outcome)]


class Notice(models.Model):
    """An in-app notice (reminders); shown on the home page until read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_notices"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]


class ReminderSent(models.Model):
    """Which reminder went out for which cycle, so a rerun of the daily task sends nothing twice."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="reminders_sent")
    kind = models.CharField(max_length=20)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kind", "sent_on"], name="reminder_once")
        ]


class CyclePrint(Job):
    """One PDF of every submitted 个人考核登记表 of a cycle within an agency (and the agencies
    under it), built in the background by the one job pipeline."""

    job_task = "assessments.tasks.cycle_print_build_task"

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("assessment cycle"), on_delete=models.CASCADE, related_name="prints"
    )
    # Only people whose scope covers this agency see or download the file.
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to="assessments/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("assessment forms print run")
        verbose_name_plural = _("assessment forms print runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.agency} #{self.pk}"
