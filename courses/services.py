"""Writes for courses: confirming a lesson read and recording course completion."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses import selectors
from courses.models import CourseCompletion, LessonPage, LessonProgress
from courses.signals import course_completed


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage) -> LessonProgress:
    """The learner confirmed, at the end of the lesson, that they read it. Confirming the last
    unread lesson of a course records the course completion date (which unlocks the exam).
    Confirming twice keeps the first date."""
    if not selectors.may_take_courses(user) or not lesson.live:
        raise PermissionDenied
    course = selectors.lesson_course(lesson)
    if course is None:
        raise PermissionDenied
    # One learner's confirmations are serialised: two devices confirming the last two lessons
    # at once must still see each other's progress and record the completion.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    now = timezone.now()
    try:
        with transaction.atomic():
            progress, _created = LessonProgress.objects.get_or_create(
                user=user, lesson=lesson, defaults={"completed_at": now}
            )
    except IntegrityError:
        # A double tap on two devices: the other request recorded it first.
        progress = LessonProgress.objects.get(user=user, lesson=lesson)
    course_completion_record(user=user, course=course, at=now)
    return progress


@transaction.atomic
def course_completion_record(*, user, course, at=None) -> CourseCompletion | None:
    """Record the completion once every live lesson of the course is confirmed."""
    lessons = selectors.course_lessons(course)
    total = lessons.count()
    if total == 0:
        return None
    done = LessonProgress.objects.filter(user=user, lesson__in=lessons).count()
    if done < total:
        return None
    try:
        with transaction.atomic():
            completion, created = CourseCompletion.objects.get_or_create(
                user=user, course=course, defaults={"completed_at": at or timezone.now()}
            )
    except IntegrityError:
        return CourseCompletion.objects.get(user=user, course=course)
    if created:
        transaction.on_commit(
            lambda: course_completed.send(
                sender=CourseCompletion, user=user, course=course, completion=completion
            )
        )
    return completion
