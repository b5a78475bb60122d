"""Demo exam history (seed step 45): five trainees of the demo organisation sit the exam
through the real services (course completion, start, answers, hand-in, the Art. 20 credential
on a pass), at dates spread over the past months, so that the dashboard's pass rate and
training funnel show what a running agency sees. The demo learner logins are left alone, so
whoever tries the demo sits the exam for the first time. Seed step 46 adds an exam session a
week ahead for two of 东湖区's trainees; seed step 49 gives the in-service law course a short
quiz whose pass releases its hours. Idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import CourseCompletion, CoursePage, LessonProgress
from courses.selectors import course_lessons
from courses.services import course_completion_record
from exams import services
from exams.grading import correct_keys
from exams.models import Attempt, BlueprintRule, Exam, ExamPurpose, QuestionCategory
from exams.seeding import seed_exam
from exams.selectors import credential_exam
from exams.sessions import services as session_services
from exams.sessions.models import ExamSession
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


# A sitting a week ahead for 东湖区's trainees who may sit it: the one who failed in the
# history above retakes, and the one still reading finishes the course first (as enrolment
# requires). Proctored by the agency's supervisor; the papers are drawn by the job pipeline.
SESSION_CANDIDATES = (14, 20)


def seed_exam_session(stdout=None) -> None:
    exam = credential_exam()
    admin = get_user_model().objects.filter(username="dhadmin").first()
    proctor = get_user_model().objects.filter(username="sup_dh").first()
    people = [demo_auxiliary(index) for index in SESSION_CANDIDATES]
    if exam is None or admin is None or None in people:
        return
    agency = people[0].agency
    if ExamSession.objects.filter(agency=agency).exists():
        return
    with transaction.atomic():
        for auxiliary in people:
            user = auxiliary.user or learner_login_create(auxiliary=auxiliary).auxiliary.user
            if not CourseCompletion.objects.filter(user=user, course=exam.course).exists():
                _complete_course(user, exam.course, at=timezone.now() - datetime.timedelta(days=1))
        day = timezone.localdate() + datetime.timedelta(days=7)
        starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
        session = session_services.session_create(
            actor=admin,
            exam=exam,
            agency=agency,
            title=f"{day.year}年{day.month}月岗前培训考试",
            starts_at=starts_at,
            venue="东湖区城市管理综合行政执法局三楼会议室",
            what_to_bring="身份证原件；手机充满电",
            proctors=[proctor] if proctor else [],
        )
        session_services.session_enrol(session=session, actor=admin, auxiliaries=people)
        session_services.session_confirm(session=session, actor=admin)
    if stdout:
        stdout.write(f"  考试场次：{session.title}，{len(people)} 名考生")


# The in-service course of training's demo step (training/demo.py) that gets a quiz: five
# questions from the bank on what an auxiliary may not do alone (Arts. 13, 14, 18).
QUIZ_COURSE_SLUG = "in-service-law-2026"
QUIZ_TITLE = "法律法规更新课程测验"
QUIZ_BLUEPRINT = [("岗前培训/第十四条", 2), ("岗前培训/第十八条", 2), ("岗前培训/第十三条", 1)]


@transaction.atomic
def seed_course_quiz(stdout=None) -> None:
    course = CoursePage.objects.filter(slug=QUIZ_COURSE_SLUG).first()
    if course is None:
        return
    if Exam.objects.filter(course=course, purpose=ExamPurpose.COURSE_QUIZ).exists():
        return
    quiz = Exam.objects.create(
        course=course,
        purpose=ExamPurpose.COURSE_QUIZ,
        title=QUIZ_TITLE,
        hours_need_pass=True,
        pass_mark=80,
        time_limit_minutes=15,
        max_attempts=3,
        retake_wait_hours=0,
    )
    for order, (path, count) in enumerate(QUIZ_BLUEPRINT):
        BlueprintRule.objects.create(
            exam=quiz, count=count, category=QuestionCategory.for_path(path), sort_order=order
        )
    if stdout:
        stdout.write(f"  课程测验：{course.title}（{quiz.question_count} 题，通过后计入学时）")
