"""Two devices confirming at the same moment: one progress per lesson, one completion."""

import threading

import pytest
from django.db import connection

from courses.content.lessons import LESSONS
from courses.models import CourseCompletion, LessonPage, LessonProgress
from courses.seed import course_seed
from courses.services import lesson_complete
from tests import factories


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("last_two", [False, True], ids=["same-lesson", "last-two-lessons"])
def test_simultaneous_confirmations_record_one_progress_and_one_completion(last_two, settings):
    settings.COURSES_READING_FRACTION = 0  # the reading rule is tested in test_reading.py
    course_seed()
    org = factories.build_org()
    lessons = list(LessonPage.objects.order_by("path"))
    already = lessons[:-2] if last_two else lessons[:-1]
    for lesson in already:
        lesson_complete(user=org.learner_a, lesson=lesson)
    targets = [lessons[-2], lessons[-1]] if last_two else [lessons[-1], lessons[-1]]

    barrier = threading.Barrier(2)
    errors = []

    def confirm(lesson):
        try:
            barrier.wait()
            lesson_complete(user=org.learner_a, lesson=lesson)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(lesson,)) for lesson in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert LessonProgress.objects.filter(user=org.learner_a).count() == len(LESSONS)
    assert CourseCompletion.objects.filter(user=org.learner_a).count() == 1
