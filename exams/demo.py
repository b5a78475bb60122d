"""Demo exam history (seed step 45): five trainees of the demo organisation sit the exam
through the real services (course completion, start, answers, hand-in, the Art. 20 credential
on a pass), at dates spread over the past months, so that the dashboard's pass rate and
training funnel show what a running agency sees. The demo learner logins are left alone, so
whoever tries the demo sits the exam for the first time. Idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import CourseCompletion, LessonProgress
from courses.selectors import course_lessons
from exams import services
from exams.grading import correct_keys
from exams.models import Attempt, Exam
from exams.seeding import seed_exam
from lms.demo import STATUS_PLAN, demo_auxiliary
from lms.models import AuxiliaryStatus, Role, UserProfile
from lms.seeding import register_seed_step

# (position in the demo organisation's STATUS_PLAN, each attempt's outcome in order, how many
# days ago the first attempt was). Positions 14 and 15 are the demo learner logins.
HISTORY = [
    (16, ["pass"], 120),
    (17, ["fail", "pass"], 95),
    (18, ["pass"], 60),
    (19, ["fail", "pass"], 40),
    (20, ["fail"], 12),
]
# Questions answered right: a pass clears any pass mark up to 90 %, a fail stays under 50 %.
RIGHT_SHARE = {"pass": 0.92, "fail": 0.45}


@register_seed_step(45, "exam history")
def seed_exam_history(stdout=None) -> None:
    exam = seed_exam()
    if exam is None:
        return
    sat = 0
    for index, outcomes, days_ago in HISTORY:
        auxiliary = demo_auxiliary(index)
        if auxiliary is None or STATUS_PLAN[index] != AuxiliaryStatus.IN_TRAINING:
            continue
        if Attempt.objects.filter(auxiliary=auxiliary).exists():
            continue
        _sit(exam, auxiliary, outcomes, days_ago)
        sat += 1
    if stdout and sat:
        stdout.write(f"  考试记录：{sat} 名学员")


@transaction.atomic
def _sit(exam: Exam, auxiliary, outcomes: list[str], days_ago: int) -> None:
    started = timezone.now() - datetime.timedelta(days=days_ago)
    user = auxiliary.user or _trainee_login(auxiliary)
    _complete_course(user, exam.course, at=started - datetime.timedelta(days=3))
    for outcome in outcomes:
        attempt = services.attempt_start(auxiliary=auxiliary, exam=exam, now=started)
        rows = list(attempt.questions.all())
        right = round(len(rows) * RIGHT_SHARE[outcome])
        for n, row in enumerate(rows):
            keys = correct_keys(row.snapshot)
            if n >= right:
                keys = [c["key"] for c in row.snapshot["choices"] if c["key"] not in keys][:1]
            services.attempt_save_answer(
                attempt=attempt,
                position=row.position,
                selected=keys,
                seq=n + 1,
                now=started + datetime.timedelta(minutes=1 + n // 2),
            )
        services.attempt_submit(attempt=attempt, now=started + datetime.timedelta(minutes=40))
        # The next try waits out the retake period, as the exam page would make it.
        started += exam.retake_wait + datetime.timedelta(days=6)


def _trainee_login(auxiliary):
    """A learner account without a usable password: the trainee's history, not a demo login."""
    user = get_user_model().objects.create(
        username=f"trainee{auxiliary.pk}", first_name=auxiliary.name
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    UserProfile.objects.create(user=user, role=Role.LEARNER, agency=auxiliary.agency)
    auxiliary.user = user
    auxiliary.save(update_fields=["user"])
    return user


def _complete_course(user, course, *, at: datetime.datetime) -> None:
    for lesson in course_lessons(course):
        LessonProgress.objects.get_or_create(user=user, lesson=lesson, defaults={"completed_at": at})
    CourseCompletion.objects.get_or_create(user=user, course=course, defaults={"completed_at": at})
