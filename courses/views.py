"""Learner actions outside the Wagtail page tree: confirming a lesson read, and search."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import selectors, services
from courses.models import CourseIndexPage, LessonPage


def _redirect_to_page(page, request):
    # A page outside every Wagtail site has no URL; send the reader home rather than fail.
    url = page.get_url(request=request) if page is not None else None
    return redirect(url or reverse("home"))


@require_POST
@login_required
def lesson_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    services.lesson_complete(user=request.user, lesson=lesson)
    context = selectors.lesson_context(user=request.user, lesson=lesson)
    outline = context["outline"]
    if outline and outline.completed_at and outline.next_entry is None:
        messages.success(request, _("Well done: you have finished the course."))
        return _redirect_to_page(outline.course, request)
    messages.success(request, _("Lesson marked as read."))
    following = context.get("next_entry") or (outline.next_entry if outline else None)
    return _redirect_to_page(following.lesson if following else lesson, request)


@login_required
def start(request):
    """The navigation's "Course" link: the required course, or the list of courses."""
    page = selectors.required_course() or CourseIndexPage.objects.live().first()
    if page is None:
        raise Http404
    return _redirect_to_page(page, request)


@login_required
def search(request):
    query = request.GET.get("q", "").strip()[:100]
    hits = selectors.lesson_search(query=query) if query else []
    return render(
        request,
        "courses/search.html",
        {"query": query, "hits": hits, "course": selectors.required_course()},
    )
