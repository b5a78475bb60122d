"""Demo exam history (seed step 45): five trainees of the demo organisation sit the exam
through the real services (course completion, start, answers, hand-in, the Art. 20 credential
on a pass), at dates spread over the past months, so that the dashboard's pass rate and
training funnel show what a running agency sees. The demo learner logins are left alone, so
whoever tries the demo sits the exam for the first time. Idempotent."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from courses.models import LessonProgress
from courses.selectors import course_lessons
from courses.services import course_completion_record
from exams import services
from exams.grading import correct_keys
from exams.models import Attempt, Exam
from exams.seeding import seed_exam
from lms.demo import STATUS_PLAN, demo_auxiliary
from lms.models import AuxiliaryStatus
from lms.services import learner_login_create

# (position in the demo organisation's STATUS_PLAN, each attempt's outcome in order, how many
# days ago the first attempt was). Position 15 is the demo login learner2 (in training).
HISTORY = [
    (16, ["pass"], 120),
    (17, ["fail", "pass"], 95),
    (18, ["pass"], 60),
    (19, ["fail", "pass"], 40),
    (20, ["fail"], 12),
]
# Questions answered right: a pass clears any pass mark up to 90 %, a fail stays under 50 %.
RIGHT_SHARE = {"pass": 0.92, "fail": 0.45}


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
    # A login as enrolment gives one; its generated password is not kept (not a demo login).
    user = auxiliary.user or learner_login_create(auxiliary=auxiliary).auxiliary.user
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


def _complete_course(user, course, *, at: datetime.datetime) -> None:
    """Every lesson read (dated ``at``), then the completion recorded as a reader's would be."""
    for lesson in course_lessons(course):
        LessonProgress.objects.get_or_create(
            user=user, lesson=lesson, defaults={"completed_at": at}
        )
    course_completion_record(user=user, course=course, at=at)
