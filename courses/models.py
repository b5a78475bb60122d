"""Course pages (index → course → lesson) and each learner's reading progress."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonBodyBlock, Ref
from lms.permissions import can_follow_people, can_learn


class SeededPage(Page):
    """Abstract: remembers a hash of what ``seed_course`` last wrote, so that a re-run can tell
    an editor's change (live content no longer matches the hash) and leave it alone."""

    seed_hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        # Course pages are for members whatever view restrictions an editor sets or removes:
        # the seeded login restriction is the visible rule, this is the guarantee.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class CourseIndexPage(SeededPage):
    """The list of courses. Seeded with a login view restriction: lessons are for members."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        # cycle: courses.selectors and courses.services import these models
        from courses import selectors  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = selectors.course_list_for(user=request.user, index=self)
        return context


class TrainingCategory(models.Model):
    """A category of in-service training hours (法律法规, 业务技能 …). The province edits the
    list (a snippet in the content admin); courses, classroom sessions and ledger entries name
    one, and an agency's annual requirement may set a minimum per category."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("training category")
        verbose_name_plural = _("training categories")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class CoursePage(SeededPage):
    """A course: its lessons are its children, in page-tree order. A course other than the
    pre-job one may give in-service hours (学时) in a category once completed (Art. 15(3))."""

    summary = models.TextField(_("summary"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=0)
    required_for_credential = models.BooleanField(
        _("required for the credential"),
        default=False,
        help_text=_("Completing every lesson of this course unlocks the credential exam."),
    )
    training_hours = models.DecimalField(
        _("in-service hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_(
            "Hours written to the learner's training ledger once the course is completed. "
            "Leave empty for the pre-job course, which gives no in-service hours."
        ),
    )
    training_category = models.ForeignKey(
        TrainingCategory,
        verbose_name=_("training category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    training_year = models.PositiveSmallIntegerField(
        _("counts for year"),
        null=True,
        blank=True,
        help_text=_("The year whose hours it counts for; empty: the year it is completed."),
    )

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("estimated_minutes"),
        FieldPanel("required_for_credential"),
        FieldPanel("training_hours"),
        FieldPanel("training_category"),
        FieldPanel("training_year"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")

    @property
    def gives_training_hours(self) -> bool:
        """An in-service course: the pre-job course keeps gating the credential (Art. 20)."""
        return bool(
            not self.required_for_credential and self.training_hours and self.training_category_id
        )

    def get_context(self, request, *args, **kwargs):
        # cycle: courses.selectors and courses.services import these models
        from courses import selectors  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = selectors.course_outline(user=request.user, course=self)
        # Staff (supervisors up) follow learners' reading; learners see only their own.
        context["may_see_reading"] = can_follow_people(request.user)
        return context


class LessonPage(SeededPage):
    """A lesson. Citations of the law live inside the body blocks as (article, item) data."""

    summary = models.TextField(_("summary"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=0)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)
    # Plain text of the body, kept for Chinese substring search (the database search backend
    # does not segment Chinese words).
    search_text = models.TextField(blank=True, default="", editable=False)

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("search_text"),
    ]
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")

    def quoted_citations(self) -> set[Ref]:
        """The citations whose words this lesson quotes in an article block."""
        return self.body.stream_block.get_quoted_citations(self.body)

    def citations(self) -> list[Ref]:
        """Every (article, item) the body cites, in order, without repeats."""
        return self.body.stream_block.get_citations(self.body)

    def body_text(self) -> str:
        parts = [self.summary, *self.body.stream_block.get_searchable_content(self.body)]
        return "\n".join(part for part in parts if part)

    def full_clean(self, *args, **kwargs):
        self.search_text = self.body_text()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.search_text = self.body_text()
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        # cycle: courses.selectors and courses.services import these models
        from courses import selectors, services  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        reading = None
        if can_learn(request.user):
            # The server's clock starts at the first open (the count without JavaScript).
            reading = services.lesson_reading_open(user=request.user, lesson=self)
        context.update(selectors.lesson_context(user=request.user, lesson=self, reading=reading))
        reading = context.get("reading")
        # Set by the confirm view when it refused a press that came too early.
        context["reading_refused"] = bool(
            reading and not reading.may_complete and request.GET.get("reading") == "not-yet"
        )
        return context


class LessonProgress(models.Model):
    """A learner confirmed, at the end of the lesson, that they have read it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    completed_at = models.DateTimeField(_("completed at"))

    class Meta:
        verbose_name = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="uniq_lesson_progress")
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson_id}"


class CourseCompletion(models.Model):
    """Every lesson of the course confirmed: the date that unlocks the exam."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("completed at"))

    class Meta:
        verbose_name = _("course completion")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="uniq_course_completion")
        ]

    def __str__(self):
        return f"{self.user} · {self.course_id}"


class LessonReading(models.Model):
    """How long a learner has had a lesson on screen, counted on the server's clock (the rule
    is in ``courses.reading``). One row per learner and lesson, from the first open."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_readings"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="readings")
    opened_at = models.DateTimeField(_("first opened at"))
    seconds_read = models.PositiveIntegerField(_("seconds read"), default=0)
    # Start of the current visible stretch (the last heartbeat); empty while the page is hidden.
    last_beat_at = models.DateTimeField(null=True, blank=True)
    # The page sent heartbeats (JavaScript ran): its credited time counts, not the wall clock.
    tracked_by_page = models.BooleanField(default=False)
    end_seen_at = models.DateTimeField(_("end reached at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson reading")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="uniq_lesson_reading")
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson_id} · {self.seconds_read}s"


class VideoWatching(models.Model):
    """How long a learner has played one uploaded video of a lesson, counted on the server's
    clock (the rule is in ``courses.video``). One row per learner, lesson and video block."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="video_watchings"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="watchings")
    # The video block's id in the lesson body: a video moved within the body keeps its time.
    video = models.CharField(_("video"), max_length=64)
    seconds_watched = models.PositiveIntegerField(_("seconds watched"), default=0)
    # Seconds credited since the current play-through began: capped at the video's length.
    play_seconds = models.PositiveIntegerField(default=0)
    # Start of the current playing stretch (the last heartbeat); empty while paused or hidden.
    last_beat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("video watching")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson", "video"], name="uniq_video_watching")
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson_id} · {self.video} · {self.seconds_watched}s"
