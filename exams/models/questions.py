"""The question bank: categories (a tree by path), questions, their choices and citations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from exams.answers import spec_problem
from exams.forms import QuestionAdminForm
from lms.measures import citation_exists, citation_label


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUEFALSE = "truefalse", _("True / false")
    SHORTANSWER = "shortanswer", _("Fill in the blanks")
    MATCHING = "matching", _("Matching")
    ESSAY = "essay", _("Essay / case analysis")


# Types whose answer is a pick among the question's choices; the others keep their answer in
# Question.answer_spec (blanks, pairs) or are marked by a person (essay).
CHOICE_TYPES = frozenset({QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUEFALSE})


class QuestionCategory(models.Model):
    """A node of the category tree. ``path`` ("岗前培训/第十三条") is the identity used by
    imports, exports and blueprints; the tree is implied by the path's prefixes."""

    path = models.CharField(_("path"), max_length=255, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.path

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @classmethod
    def for_path(cls, path: str) -> QuestionCategory:
        """The category for ``path``, creating it and its missing ancestors."""
        parts = [p.strip() for p in path.split("/") if p.strip()]
        if not parts:
            raise ValueError("empty category path")
        parent = None
        for depth in range(1, len(parts) + 1):
            node, _created = cls.objects.get_or_create(
                path="/".join(parts[:depth]), defaults={"parent": parent}
            )
            parent = node
        return parent


class Question(ClusterableModel):
    """A bank question. Attempts keep a snapshot, so editing never changes a taken attempt."""

    name = models.CharField(
        _("name"), max_length=100, help_text=_("Stable key; imports match on name and category.")
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    qtype = models.CharField(_("type"), max_length=12, choices=QuestionType.choices)
    text = models.TextField(_("question text"))
    text_format = models.CharField(
        _("text format"),
        max_length=10,
        default="plain",
        choices=[("plain", "plain"), ("html", "html"), ("markdown", "markdown")],
    )
    explanation = models.TextField(
        _("explanation"), help_text=_("Shown after submission; cites the article item.")
    )
    # 填空题: {"blanks": [["accepted", "alternative"], ...], "case_insensitive": false};
    # 配对题: {"pairs": [["left", "right"], ...], "extra": ["unpaired right item", ...]}.
    # Validated by exams.answers.spec_problem (the admin, the importers and the loader).
    answer_spec = models.JSONField(
        _("answers of blanks or pairs"),
        default=dict,
        blank=True,
        help_text=_(
            'Fill in the blanks: {"blanks": [["answer", "alternative"]], '
            '"case_insensitive": false}. Matching: {"pairs": [["left", "right"]]}.'
        ),
    )
    rubric = models.TextField(
        _("grading rubric"),
        blank=True,
        help_text=_("Essay questions: what a full answer contains, shown to the grader."),
    )
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"),
        default=2,
        choices=[(1, _("Easy")), (2, _("Medium")), (3, _("Hard"))],
    )
    scenario = models.BooleanField(_("scenario question"), default=False)
    active = models.BooleanField(pgettext_lazy("in use", "active"), default=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = QuestionAdminForm

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("category"), FieldPanel("qtype")],
            heading=_("Question"),
        ),
        FieldPanel("text"),
        InlinePanel("choices", label=_("Choices"), classname="question-editor__choices"),
        # The answers of the other types, as rows (exams.forms); stored in answer_spec and
        # rubric. js/question_editor.js shows the part for the chosen type.
        MultiFieldPanel(
            [FieldPanel("blanks"), FieldPanel("case_insensitive")],
            heading=_("Fill in the blanks: answers"),
            classname="question-editor question-editor--shortanswer",
        ),
        MultiFieldPanel(
            [FieldPanel("pairs"), FieldPanel("extra")],
            heading=_("Matching: pairs"),
            classname="question-editor question-editor--matching",
        ),
        MultiFieldPanel(
            [FieldPanel("reference_answer"), FieldPanel("scoring_points")],
            heading=_("Essay: what the grader looks for"),
            classname="question-editor question-editor--essay",
        ),
        FieldPanel("explanation"),
        InlinePanel("citations", label=_("Citations of the measures"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("difficulty"), FieldPanel("scenario"), FieldPanel("active")],
            heading=_("Use"),
        ),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["category", "name"], name="uniq_question_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        problem = spec_problem(self.qtype, self.answer_spec)
        if problem:
            raise ValidationError({"answer_spec": problem})

    def citation_labels(self) -> str:
        return "、".join(citation_label(c.article, c.item) for c in self.citations.all())

    citation_labels.short_description = _("Citations")


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.TextField(_("text"))
    # Moodle's "fraction": 1.0 is the full mark; multiple-choice weights of the right choices
    # add up to 1.0 and wrong ones may be negative.
    weight = models.FloatField(_("weight"), default=0.0)
    feedback = models.TextField(_("feedback"), blank=True)

    panels = [FieldPanel("text"), FieldPanel("weight"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if not -1.0 <= self.weight <= 1.0:
            raise ValidationError({"weight": _("The weight must be between -1 and 1.")})


class QuestionCitation(Orderable):
    """A citation of the measures as data: (article, item); the first is what the question
    is about and decides its row in the per-article breakdown."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="citations")
    article = models.PositiveSmallIntegerField(_("article"), db_index=True)
    item = models.PositiveSmallIntegerField(_("item"), null=True, blank=True)

    panels = [FieldPanel("article"), FieldPanel("item")]

    class Meta(Orderable.Meta):
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["article", "item"])]

    def __str__(self) -> str:
        return citation_label(self.article, self.item)

    def clean(self) -> None:
        if not citation_exists(self.article, self.item):
            raise ValidationError(_("The measures have no such article or item."))
