"""Course pages (index → course → lesson) and each learner's reading progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonBodyBlock


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
            from django.contrib.auth.views import redirect_to_login

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
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = selectors.course_list_for(user=request.user, index=self)
        return context


class CoursePage(SeededPage):
    """A course: its lessons are its children, in page-tree order."""

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

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("estimated_minutes"),
        FieldPanel("required_for_credential"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = selectors.course_outline(user=request.user, course=self)
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

    def quoted_citations(self) -> set[tuple[int, int | None]]:
        """The citations whose words this lesson quotes in an article block."""
        found: set[tuple[int, int | None]] = set()
        for block in self.body:
            if block.block_type == "article":
                article = block.value["article"]
                items = list(block.value.get("items") or [])
                found.update([(article, item) for item in items] or [(article, None)])
        return found

    def citations(self) -> list[tuple[int, int | None]]:
        """Every (article, item) the body cites, in order, without repeats."""
        found: list[tuple[int, int | None]] = []
        for block in self.body:
            value = block.value
            if block.block_type == "article":
                items = list(value.get("items") or [])
                refs = [(value["article"], item) for item in items] or [(value["article"], None)]
            elif block.block_type in ("scenario", "knowledge_check"):
                refs = [(c["article"], c.get("item")) for c in value.get("citations") or []]
            else:
                continue
            for ref in refs:
                if ref not in found:
                    found.append(ref)
        return found

    def body_text(self) -> str:
        parts: list[str] = [self.summary]
        for block in self.body:
            value = block.value
            if block.block_type == "rich_text":
                parts.append(strip_tags(value.source))
            elif block.block_type == "article":
                parts.append(value["note"])
            elif block.block_type == "scenario":
                parts += [value["title"], value["situation"], value["explanation"]]
            elif block.block_type == "key_points":
                parts += [value["heading"], *value["points"]]
            elif block.block_type == "knowledge_check":
                parts += [value["question"], *(c["text"] for c in value["choices"])]
            elif block.block_type == "video" and value.get("title"):
                parts.append(value["title"])
        return "\n".join(part for part in parts if part)

    def full_clean(self, *args, **kwargs):
        self.search_text = self.body_text()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.search_text = self.body_text()
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.lesson_context(user=request.user, lesson=self))
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
