"""Learner actions outside the Wagtail page tree: reading and watching heartbeats, a lesson's
video files (with range requests), confirming a lesson read, search; and the staff's view of
each person's reading."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from courses import progress, selectors, services
from courses.models import CourseIndexPage, LessonPage
from courses.reading import reading_fraction
from courses.video import served_type
from lms.downloads import ranged_file_response
from lms.permissions import (
    can_follow_people,
    follower_required,
    get_scoped_or_404,
    learner_required,
    visible_auxiliaries,
)


def _redirect_to_page(page, request):
    # A page outside every Wagtail site has no URL; send the reader home rather than fail.
    url = page.get_url(request=request) if page is not None else None
    return redirect(url or reverse("home"))


@require_POST
@learner_required  # staff read lessons without a reading record
def lesson_reading(request, lesson_id: int):
    """Heartbeats from the visible lesson page; answers what the reading rule leaves to do."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    event = request.POST.get("event", "")
    if event not in services.READING_EVENTS:
        return JsonResponse({"error": "unknown event"}, status=400)
    status = services.lesson_reading_beat(user=request.user, lesson=lesson, event=event)
    return JsonResponse(status.as_json())


@require_POST
@learner_required
def lesson_watching(request, lesson_id: int):
    """Heartbeats from a playing lesson video; answers what the lesson's rules leave to do."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        status = services.lesson_video_beat(
            user=request.user,
            lesson=lesson,
            video=request.POST.get("video", ""),
            event=request.POST.get("event", ""),
        )
    except ValueError:
        return JsonResponse({"error": "unknown event or video"}, status=400)
    return JsonResponse(status.as_json())


@require_safe
@login_required  # whoever may read the lesson: staff read lessons too
def lesson_video(request, lesson_id: int, document_id: int):
    """A lesson's uploaded video (or its captions), with range requests so a phone can seek."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    document = selectors.lesson_file(request=request, lesson=lesson, document_id=document_id)
    if document is None or served_type(document.filename) is None:
        raise Http404
    return ranged_file_response(request, document.file, content_type=served_type(document.filename))


@require_POST
@learner_required
def lesson_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        services.lesson_complete(
            user=request.user, lesson=lesson, at_end=request.POST.get("at_end") == "1"
        )
    except services.ReadingIncomplete:
        # Back to the end of the lesson, where the page says what is left (not an error page).
        url = lesson.get_url(request=request)
        if not url:
            return redirect(reverse("home"))
        return redirect(f"{url}?reading=not-yet#end")
    context = selectors.lesson_context(user=request.user, lesson=lesson)
    outline = context["outline"]
    if outline and outline.completed_at and outline.next_entry is None:
        messages.success(request, _("Well done: you have finished the course."))
        # The next step (the exam, Art. 20) is on the home page's 待办; the course page had
        # only the congratulations and the list of lessons read.
        return redirect(reverse("home"))
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


# Reading progress is for staff: learners see their own on the course pages.
@follower_required
def person_reading(request, pk: int):
    """One person's reading, lesson by lesson: minutes read / required, end reached, confirmed."""
    auxiliary = get_scoped_or_404(visible_auxiliaries(request.user).select_related("agency"), pk=pk)
    return render(
        request,
        "courses/person_reading.html",
        {
            "aux": auxiliary,
            "courses": progress.person_reading(auxiliary=auxiliary),
            "may_see_record": can_follow_people(request.user),
            "fraction_percent": round(100 * reading_fraction()),
        },
    )


@follower_required
def reading_table(request):
    """The required course, one row per person in the user's scope, one column per lesson."""
    course = selectors.required_course()
    if course is None:
        raise Http404
    people = (
        visible_auxiliaries(request.user)
        .filter(user__isnull=False)
        .select_related("agency")
        .order_by("agency__path", "name", "pk")
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    lessons, rows = progress.course_reading_table(course=course, auxiliaries=page.object_list)
    return render(
        request,
        "courses/reading_table.html",
        {
            "course": course,
            "lessons": lessons,
            "rows": rows,
            "page": page,
            "total": page.paginator.count,
            "fraction_percent": round(100 * reading_fraction()),
        },
    )
