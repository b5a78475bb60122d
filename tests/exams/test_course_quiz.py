"""The quiz of an in-service course: the exam engine without the credential. A quiz pass issues
nothing, its attempts are its own, the pre-job exam stays "the exam" everywhere, and the
learner sees the quiz on the course page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from api import selectors as api_selectors
from courses.models import TrainingCategory
from credentials.models import Credential
from exams import selectors, services
from exams.models import Attempt, Exam, ExamPurpose
from exams.signals import exam_passed
from tests.credentials.factories import pass_exam
from tests.exams import factories as f
from tests.exams.test_attempts import answer_all, right_answers


def make_in_service_course(title="在岗课程：法律法规更新", hours="4"):
    course = f.make_course(title)
    course.required_for_credential = False
    course.training_hours = Decimal(hours)
    course.training_category = TrainingCategory.objects.get_or_create(name="法律法规")[0]
    course.save()
    return course


def make_quiz(course, *, hours_need_pass=True, **kwargs) -> Exam:
    quiz = f.make_exam(
        course,
        rules=((13, 1), (19, 1)),
        purpose=ExamPurpose.COURSE_QUIZ,
        hours_need_pass=hours_need_pass,
        retake_wait_hours=0,
        **kwargs,
    )
    quiz.title = "法律法规更新测验"
    quiz.save()
    return quiz


def sit(aux, quiz, *, right: bool) -> Attempt:
    attempt = services.attempt_start(auxiliary=aux, exam=quiz)
    answers = right_answers(attempt)
    if not right:
        answers = {position: [] for position in answers}
    answer_all(attempt, answers)
    return services.attempt_submit(attempt=attempt)


@pytest.fixture
def quiz_setup(exam_setup):
    """exam_setup (the pre-job course and exam, learner A through the course) plus an
    in-service course with a quiz that learner A has read."""
    course = make_in_service_course()
    quiz = make_quiz(course)
    f.complete_course(exam_setup.org.learner_a, course)
    exam_setup.quiz_course, exam_setup.quiz = course, quiz
    return exam_setup


def test_a_quiz_pass_issues_no_credential(quiz_setup):
    """Learner A passed the pre-job exam, but no credential was issued then; passing a quiz
    must not be what issues it (nor announce an exam pass to the webhooks)."""
    aux = quiz_setup.org.aux_a
    pass_exam(aux, quiz_setup.exam)
    announced = []

    def listener(sender, attempt, **kwargs):
        announced.append(attempt.pk)

    exam_passed.connect(listener)
    try:
        attempt = sit(aux, quiz_setup.quiz, right=True)
    finally:
        exam_passed.disconnect(listener)
    assert attempt.passed
    assert announced == []
    assert not Credential.objects.filter(auxiliary=aux).exists()


def test_the_quiz_result_page_speaks_of_the_course_not_the_credential(client, quiz_setup):
    attempt = sit(quiz_setup.org.aux_a, quiz_setup.quiz, right=True)
    client.force_login(quiz_setup.org.learner_a)
    page = client.get(reverse("exams:result", args=[attempt.pk])).content.decode()
    assert "测验结果" in page
    card = page[page.index('<section class="card result') :]
    card = card[: card.index("</section>")]
    assert "工作证" not in card
    assert "返回课程" in page
    # Hours waited on this pass: the page says they have landed.
    assert "4 学时已于" in page


def test_quiz_attempts_do_not_use_up_the_pre_job_exam(client, quiz_setup):
    org = quiz_setup.org
    quiz_setup.exam.max_attempts = 1
    quiz_setup.exam.save()
    client.force_login(org.learner_a)
    started = client.post(reverse("exams:quiz_start", args=[quiz_setup.quiz_course.pk]))
    attempt = Attempt.objects.get(exam=quiz_setup.quiz)
    assert started["Location"] == reverse("exams:attempt", args=[attempt.pk])
    services.attempt_submit(attempt=attempt)
    sit(org.aux_a, quiz_setup.quiz, right=False)
    status = selectors.exam_status(user=org.learner_a)
    assert status["exam"] == quiz_setup.exam
    assert (status["state"], status["attempts_left"]) == ("available", 1)
    overview = client.get(reverse("exams:overview")).content.decode()
    assert "开始考试" in overview and quiz_setup.quiz.title not in overview
    started = client.post(reverse("exams:start"))
    pre_job = Attempt.objects.get(exam=quiz_setup.exam)
    assert (pre_job.number, started["Location"]) == (1, reverse("exams:attempt", args=[pre_job.pk]))


def test_the_quiz_is_locked_until_the_lessons_are_read(client, quiz_setup):
    org = quiz_setup.org
    client.force_login(org.learner_b)
    response = client.post(
        reverse("exams:quiz_start", args=[quiz_setup.quiz_course.pk]), follow=True
    )
    assert not Attempt.objects.filter(exam=quiz_setup.quiz).exists()
    assert "读完课程的全部课时后即可参加测验" in response.content.decode()


def test_the_course_page_shows_the_quiz_its_pass_mark_attempts_and_hours_gate(client, quiz_setup):
    org = quiz_setup.org
    client.force_login(org.learner_a)
    url = quiz_setup.quiz_course.url
    page = client.get(url).content.decode()
    assert "课程测验" in page and quiz_setup.quiz.title in page
    assert "80 分（满分 100）" in page
    assert "已用 0 / 3 次" in page
    assert "通过测验后计入学时" in page
    assert reverse("exams:quiz_start", args=[quiz_setup.quiz_course.pk]) in page
    sit(org.aux_a, quiz_setup.quiz, right=True)
    page = client.get(url).content.decode()
    assert "已用 1 / 3 次" in page
    assert "通过测验后计入学时" not in page
    assert "4 学时已于" in page and "计入培训档案" in page
    # The pre-job course page has no quiz card.
    assert "课程测验" not in client.get(quiz_setup.course.url).content.decode()


def test_an_optional_quiz_says_the_hours_count_at_completion(client, quiz_setup):
    quiz_setup.quiz.hours_need_pass = False
    quiz_setup.quiz.save()
    client.force_login(quiz_setup.org.learner_a)
    page = client.get(quiz_setup.quiz_course.url).content.decode()
    assert "通过测验后计入学时" not in page
    assert "选做练习" in page


def test_a_read_course_waiting_on_its_quiz_is_in_the_learners_todos(client, quiz_setup):
    client.force_login(quiz_setup.org.learner_a)
    home = client.get(reverse("home")).content.decode()
    assert f"参加测验：{quiz_setup.quiz.title}" in home
    sit(quiz_setup.org.aux_a, quiz_setup.quiz, right=True)
    assert f"参加测验：{quiz_setup.quiz.title}" not in client.get(reverse("home")).content.decode()


def test_the_learners_home_asks_the_same_queries_for_one_quiz_or_many(client, quiz_setup):
    """Passed quizzes and courses not yet read cost no query of their own on the home page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    aux, learner = quiz_setup.org.aux_a, quiz_setup.org.learner_a
    sit(aux, quiz_setup.quiz, right=True)
    client.force_login(learner)

    def home_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        return len(queries)

    home_queries()  # warm: the session's first read
    one = home_queries()
    for n in range(3):
        read = make_in_service_course(title=f"在岗课程 {n}")
        f.complete_course(learner, read)
        sit(aux, make_quiz(read), right=True)
        make_quiz(make_in_service_course(title=f"未读课程 {n}"))
    assert home_queries() == one


def test_a_quiz_belongs_to_an_in_service_course(quiz_setup):
    quiz = Exam(course=quiz_setup.course, title="岗前课程测验", purpose=ExamPurpose.COURSE_QUIZ)
    with pytest.raises(ValidationError) as error:
        quiz.full_clean()
    assert "course" in error.value.message_dict
    second = Exam(
        course=quiz_setup.quiz_course, title="第二个测验", purpose=ExamPurpose.COURSE_QUIZ
    )
    with pytest.raises(ValidationError):
        second.full_clean()


def test_the_exam_results_api_lists_only_the_pre_job_exam(quiz_setup):
    org = quiz_setup.org
    pre_job = pass_exam(org.aux_a, quiz_setup.exam)
    sit(org.aux_a, quiz_setup.quiz, right=True)
    rows = list(api_selectors.exam_results(org.admin_a))
    assert [row.pk for row in rows] == [pre_job.pk]


def test_sessions_offer_only_the_pre_job_exam(quiz_setup):
    from exams.sessions.forms import SessionForm

    form = SessionForm(user=quiz_setup.org.admin_a)
    assert list(form.fields["exam"].queryset) == [quiz_setup.exam]


def test_an_editor_creates_a_quiz_in_the_exam_admin(client, django_user_model, quiz_setup):
    admin = django_user_model.objects.create_superuser("boss", "b@example.com", "pw-123456")
    client.force_login(admin)
    course = make_in_service_course("在岗课程：现场安全")
    data = {
        "title": "现场安全测验",
        "purpose": ExamPurpose.COURSE_QUIZ,
        "course": course.pk,
        "hours_need_pass": "on",
        "pass_mark": 60,
        "time_limit_minutes": 10,
        "max_attempts": 2,
        "retake_wait_hours": 0,
        "review": "breakdown",
        "active": "on",
        "grading_tolerance": 20,
        "rules-TOTAL_FORMS": 1,
        "rules-INITIAL_FORMS": 0,
        "rules-MIN_NUM_FORMS": 1,
        "rules-MAX_NUM_FORMS": 1000,
        "rules-0-count": 2,
        "rules-0-article": 13,
        "rules-0-qtype": "",
        "rules-0-ORDER": 1,
        "rules-0-id": "",
    }
    response = client.post(reverse("wagtailsnippets_exams_exam:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = Exam.objects.get(title="现场安全测验")
    assert (quiz.is_course_quiz, quiz.hours_need_pass, quiz.course_id) == (True, True, course.pk)
    listing = client.get(reverse("wagtailsnippets_exams_exam:list")).content.decode()
    assert "课程测验" in listing
    assert selectors.course_quiz(course) == quiz
