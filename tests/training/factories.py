"""An in-service course next to the shipped pre-job course, and ledger helpers."""

from __future__ import annotations

import datetime
from decimal import Decimal

from courses.models import CourseIndexPage, CoursePage, LessonPage, TrainingCategory
from courses.seed import course_seed
from training import services
from training.models import Source


def category(name: str = "法律法规") -> TrainingCategory:
    # get_or_create: a transactional test elsewhere flushes the rows the migration seeded.
    return TrainingCategory.objects.get_or_create(name=name)[0]


def in_service_course(
    *, slug="in-service-law", hours="4", cat="法律法规", lessons=1, minutes=2, year=None
) -> CoursePage:
    if not CourseIndexPage.objects.exists():
        course_seed()
    index = CourseIndexPage.objects.get()
    course = index.add_child(
        instance=CoursePage(
            title=f"在岗课程 {slug}", slug=slug, training_hours=Decimal(hours),
            training_category=category(cat), training_year=year,
        )
    )  # fmt: skip
    course.save_revision().publish()
    for number in range(lessons):
        lesson = course.add_child(
            instance=LessonPage(
                title=f"第{number + 1}课", slug=f"{slug}-{number}", estimated_minutes=minutes
            )
        )
        lesson.save_revision().publish()
    return course


def give_hours(aux, hours, cat="法律法规", day=datetime.date(2026, 3, 1), **kwargs):
    return services.entry_add(
        auxiliary=aux, day=day, title="测试培训", category=category(cat),
        hours=Decimal(str(hours)), source=kwargs.pop("source", Source.CLASSROOM), **kwargs,
    )  # fmt: skip
