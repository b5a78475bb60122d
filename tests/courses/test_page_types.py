"""Editors can only build index → course → lesson."""

from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, LessonPage


def test_course_index_takes_only_courses_and_sits_at_the_top(course):
    index = CourseIndexPage.objects.get()
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CourseIndexPage.allowed_parent_page_models() == [Page]
    # Only one index: a second cannot be created anywhere.
    assert not CourseIndexPage.can_create_at(index.get_parent())
    index.delete()
    assert CourseIndexPage.can_create_at(Page.get_first_root_node())


def test_courses_go_only_under_the_index(course):
    index = CourseIndexPage.objects.get()
    root = Page.get_first_root_node()
    assert CoursePage.can_create_at(index)
    assert not CoursePage.can_create_at(root)
    assert not CoursePage.can_create_at(course)
    assert CoursePage.allowed_subpage_models() == [LessonPage]


def test_lessons_go_only_under_a_course_and_have_no_children(course, lessons):
    index = CourseIndexPage.objects.get()
    assert LessonPage.can_create_at(course)
    assert not LessonPage.can_create_at(index)
    assert not LessonPage.can_create_at(lessons[0])
    assert LessonPage.allowed_subpage_models() == []
    assert not CoursePage.can_create_at(lessons[0])


def test_editors_get_the_wagtail_editor_and_revisions(course, lessons, org):
    from django.test import Client

    org.provincial_admin.is_superuser = True
    org.provincial_admin.save()
    client = Client()
    client.force_login(org.provincial_admin)
    lesson = next(lesson for lesson in lessons if lesson.slug == "art-19")
    response = client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert response.status_code == 200
    assert "第十九条" in response.content.decode()
    assert lesson.revisions.exists()
    assert client.get(f"/admin/pages/{lesson.pk}/history/").status_code == 200


def test_lessons_go_through_the_default_moderation_workflow(course, lessons):
    workflow = lessons[0].get_workflow()
    assert workflow is not None and workflow.active
