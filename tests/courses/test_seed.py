"""seed_course: idempotent, published with revisions, and it keeps what editors changed."""

import copy

from django.core.management import call_command
from wagtail.models import PageViewRestriction, Revision

from courses.content.lessons import COURSE, LESSONS
from courses.models import CourseIndexPage, CoursePage, LessonPage
from courses.seed import course_seed
from lms import hooks


def test_seed_creates_the_course_with_its_published_lessons(db):
    call_command("seed_course", stdout=open("/dev/null", "w"))
    course = CoursePage.objects.get(slug="pre-job")
    assert course.title == "行政执法辅助人员岗前培训"
    assert course.required_for_credential and course.live
    lessons = LessonPage.objects.child_of(course).order_by("path")
    assert [lesson.slug for lesson in lessons] == [item["slug"] for item in LESSONS]
    assert all(lesson.live and lesson.latest_revision_id for lesson in lessons)
    index = CourseIndexPage.objects.get()
    assert PageViewRestriction.objects.filter(
        page=index, restriction_type=PageViewRestriction.LOGIN
    ).exists()


def test_seed_twice_changes_nothing(db):
    course_seed()
    pages, revisions = LessonPage.objects.count(), Revision.objects.count()
    report = course_seed()
    assert report.created == [] and report.updated == [] and report.kept == []
    assert LessonPage.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert PageViewRestriction.objects.count() == 1


def test_seed_keeps_a_lesson_an_editor_changed(db, org):
    course_seed()
    lesson = LessonPage.objects.get(slug="art-13")
    lesson.title = "第十三条　可以做的事（编辑修订）"
    lesson.save_revision(user=org.provincial_admin).publish()

    report = course_seed()
    assert "art-13" in report.kept
    assert LessonPage.objects.get(slug="art-13").title == "第十三条　可以做的事（编辑修订）"


def test_seed_keeps_an_editors_unpublished_draft(db, org):
    course_seed()
    lesson = LessonPage.objects.get(slug="art-14")
    lesson.summary = "编辑正在修改的草稿"
    lesson.save_revision(user=org.provincial_admin)

    changed = copy.deepcopy(LESSONS)
    next(item for item in changed if item["slug"] == "art-14")["summary"] = "新版本的摘要"
    report = course_seed(lessons=changed)
    assert "art-14" in report.kept
    latest = LessonPage.objects.get(slug="art-14").get_latest_revision_as_object()
    assert latest.summary == "编辑正在修改的草稿"


def test_seed_updates_a_lesson_nobody_edited(db):
    course_seed()
    changed = copy.deepcopy(LESSONS)
    next(item for item in changed if item["slug"] == "art-13")["summary"] = "新版本的摘要"
    report = course_seed(lessons=changed)
    assert report.updated == ["art-13"]
    lesson = LessonPage.objects.get(slug="art-13")
    assert lesson.summary == "新版本的摘要" and lesson.live
    assert not lesson.has_unpublished_changes


def test_seed_adds_a_new_lesson_and_keeps_the_course_metadata(db):
    course_seed(lessons=LESSONS[:3])
    course_seed()
    assert LessonPage.objects.count() == len(LESSONS)
    assert CoursePage.objects.get().estimated_minutes == COURSE["minutes"]


def test_seed_demo_runs_the_course_step(db):
    steps = {step.name: step for step in hooks.seed_steps()}
    assert "course" in steps
    steps["course"].run()
    assert LessonPage.objects.count() == len(LESSONS)


def test_seed_works_on_a_database_without_wagtails_welcome_page(db):
    from wagtail.models import Locale, Page, Site

    Site.objects.all().delete()
    Page.objects.all().delete()
    Locale.objects.all().delete()
    course_seed()
    assert LessonPage.objects.live().count() == len(LESSONS)
    assert CoursePage.objects.get().url == "/courses/pre-job/"


def test_seed_course_also_ships_the_question_bank_and_exam(db):
    from django.core.management import call_command

    from exams.models import Exam, Question

    call_command("seed_course", stdout=open("/dev/null", "w"))
    assert Question.objects.count() >= 90
    assert Exam.objects.count() == 1
    call_command("seed_course", stdout=open("/dev/null", "w"))
    assert Exam.objects.count() == 1


def test_a_lesson_added_to_a_course_seeded_before_takes_its_place_in_the_order(db):
    earlier_edition = [item for item in LESSONS if item["slug"] != "hiring-and-conditions"]
    course_seed(lessons=earlier_edition)
    report = course_seed()
    assert report.created == ["hiring-and-conditions"]
    course = CoursePage.objects.get(slug="pre-job")
    lessons = LessonPage.objects.child_of(course).order_by("path")
    assert [lesson.slug for lesson in lessons] == [item["slug"] for item in LESSONS]
