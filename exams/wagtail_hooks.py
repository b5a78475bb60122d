"""Wagtail admin for the bank and the exams: snippets with filters, import/export, analysis."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets.boolean_radio_select import BooleanRadioSelect
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from exams import admin_views, demo, home, seeding
from exams.models import Exam, Question, QuestionCategory, QuestionType
from exams.selectors import question_coverage, quiz_hours_hold
from exams.sessions import home as session_home
from lms.admin_menu import PermissionMenuItem
from lms.measures import citation_label_lazy
from lms.schedules import ScheduleSpec
from lms.seeding import SeedStep

ARTICLE_CHOICES = [(n, citation_label_lazy(n)) for n in range(1, 33)]


class QuestionFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=QuestionCategory.objects.all(),
        method="in_category",
        empty_label=_("All"),
    )
    article = django_filters.ChoiceFilter(
        label=_("Cited article"),
        choices=ARTICLE_CHOICES,
        field_name="citations__article",
        distinct=True,
        empty_label=_("All"),
    )
    qtype = django_filters.ChoiceFilter(
        label=pgettext_lazy("question", "Type"), choices=QuestionType.choices, empty_label=_("All")
    )
    # Wagtail's own 全部/是/否 radios (the default select says 未知 for "either").
    active = django_filters.BooleanFilter(
        label=pgettext_lazy("in use", "Active"), widget=BooleanRadioSelect
    )

    class Meta:
        model = Question
        fields = ["category", "article", "qtype", "active"]

    def in_category(self, queryset, name, value):
        """A category includes its subcategories."""
        return queryset.filter(
            Q(category__path=value.path) | Q(category__path__startswith=value.path + "/")
        )


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = [
        "name",
        "category",
        "qtype",
        "citation_labels",
        BooleanColumn("active", label=pgettext_lazy("in use", "Active")),
    ]
    list_per_page = 50
    filterset_class = QuestionFilterSet
    search_fields = ["name", "text"]
    search_backend_name = None

    def get_queryset(self, request):
        return Question.objects.select_related("category").prefetch_related("citations")


class CategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["path"]
    search_fields = ["path"]
    search_backend_name = None


class ExamViewSet(SnippetViewSet):
    model = Exam
    icon = "form"
    menu_label = _("Exams")
    list_display = [
        "title",
        "purpose",
        "course",
        "pass_mark",
        "time_limit_minutes",
        BooleanColumn("active", label=pgettext_lazy("in use", "Active")),
    ]
    list_filter = ["purpose", "active"]


class ExamsGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, CategoryViewSet, ExamViewSet)
    menu_icon = "help"
    menu_label = _("Question bank")
    menu_name = "question-bank"
    menu_order = 250


register_snippet(ExamsGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("exams/import/", admin_views.import_questions, name="exams_import"),
        path(
            "exams/export/<str:fmt>/",
            admin_views.export_questions,
            name="exams_export",
        ),
        path("exams/analysis/", admin_views.exam_list, name="exams_analysis_index"),
        path("exams/analysis/<int:pk>/", admin_views.item_analysis, name="exams_analysis"),
        path(
            "exams/analysis/<int:pk>/xlsx/",
            admin_views.item_analysis_xlsx,
            name="exams_analysis_xlsx",
        ),
    ]


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return PermissionMenuItem(
        _("Import questions"),
        reverse("exams_import"),
        icon_name="upload",
        order=251,
        permission="exams.add_question",
    )


@hooks.register("register_admin_menu_item")
def analysis_menu_item():
    return PermissionMenuItem(
        _("Item analysis"),
        reverse("exams_analysis_index"),
        icon_name="table",
        order=252,
        permission="exams.view_exam",
    )


# What exams adds to the other apps (lms/hooks.py lists the hooks).

# Attempts whose time ran out are handed in by the system (the learner may have closed the page).
SWEEP = ScheduleSpec(
    name="exams: finalise expired attempts", func="exams.tasks.sweep_expired_attempts", minutes=5
)

# Exam sessions' notices to the candidates: enrolled, moved, 24 hours before, cancelled.
SESSION_NOTICES = ScheduleSpec(
    name="exams: session notices", func="exams.sessions.tasks.send_session_notices", minutes=5
)


hooks.register("lms_home_panels", home.exam_panel)
hooks.register("lms_todos", home.exam_todos)
hooks.register("lms_todos", home.grading_todos)
hooks.register("lms_home_panels", session_home.session_panel)
hooks.register("lms_todos", session_home.session_todos)
hooks.register("lms_nav_items", home.exam_nav)
hooks.register("lms_nav_items", session_home.session_nav)
hooks.register("lms_todos", home.quiz_todos)
hooks.register("lms_course_sections", home.quiz_section)
hooks.register("course_hours_holds", quiz_hours_hold)


@hooks.register("lms_seed_steps")
def seed_steps():
    return [
        SeedStep(30, "question bank and exam", "题库和考试", seeding.seed_step),
        SeedStep(45, "exam history", "学员考试记录", demo.seed_exam_history),
        SeedStep(46, "exam session", "考试场次", demo.seed_exam_session),
        # After training's step (48), which makes the in-service courses.
        SeedStep(49, "course quiz", "在岗课程测验", demo.seed_course_quiz),
    ]


@hooks.register("lms_schedules")
def schedules():
    return [SWEEP, SESSION_NOTICES]


@hooks.register("lms_editor_permissions")
def editor_permissions():
    """Provincial admins manage the bank and the exams."""
    return {
        "exams": [
            f"{action}_{model}"
            for model in ("question", "questioncategory", "exam")
            for action in ("add", "change", "delete", "view")
        ]
    }


@hooks.register("courses_coverage_sources")
def coverage_sources():
    return {"questions": question_coverage}
