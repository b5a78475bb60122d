"""Learner actions outside the Wagtail page tree: confirming a lesson read, and search."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import selectors, services
from courses.models import CourseIndexPage, LessonPage


@require_POST
@login_required
def lesson_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    services.lesson_complete(user=request.user, lesson=lesson)
    context = selectors.lesson_context(user=request.user, lesson=lesson)
    outline = context["outline"]
    if outline and outline.completed_at and outline.next_entry is None:
        messages.success(request, _("Well done: you have finished the course."))
        return redirect(outline.course.url)
    messages.success(request, _("Lesson marked as read."))
    following = context.get("next_entry") or (outline.next_entry if outline else None)
    return redirect(following.lesson.url if following else lesson.url)


@login_required
def start(request):
    """The navigation's "Course" link: the required course, or the list of courses."""
    course = selectors.required_course()
    if course is not None:
        return redirect(course.url)
    index = CourseIndexPage.objects.live().first()
    if index is None:
        raise Http404
    return redirect(index.url)


@login_required
def search(request):
    query = request.GET.get("q", "").strip()[:100]
    hits = selectors.lesson_search(query=query) if query else []
    return render(
        request,
        "courses/search.html",
        {"query": query, "hits": hits, "course": selectors.required_course()},
    )
