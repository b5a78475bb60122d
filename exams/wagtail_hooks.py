"""Wagtail admin for the bank and the exams: snippets with filters, import/export, analysis."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from exams import admin_views
from exams.models import Exam, Question, QuestionCategory, QuestionType

ARTICLE_CHOICES = [(n, f"第{n}条") for n in range(1, 33)]


class QuestionFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=QuestionCategory.objects.all(), method="in_category"
    )
    article = django_filters.TypedChoiceFilter(
        label=_("Cited article"),
        choices=ARTICLE_CHOICES,
        coerce=int,
        field_name="citations__article",
        distinct=True,
    )
    qtype = django_filters.ChoiceFilter(label=_("Type"), choices=QuestionType.choices)
    active = django_filters.BooleanFilter(label=_("Active"))

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
    list_display = ["name", "category", "qtype", "citation_labels", BooleanColumn("active")]
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
    list_display = ["title", "course", "pass_mark", "time_limit_minutes", BooleanColumn("active")]


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


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return _PermissionMenuItem(
        _("Import questions"),
        reverse("exams_import"),
        icon_name="upload",
        order=251,
        permission="exams.add_question",
    )


@hooks.register("register_admin_menu_item")
def analysis_menu_item():
    return _PermissionMenuItem(
        _("Item analysis"),
        reverse("exams_analysis_index"),
        icon_name="table",
        order=252,
        permission="exams.view_exam",
    )
