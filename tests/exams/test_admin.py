"""The bank in the Wagtail admin: listing with filters, editing a question and an exam."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.exams import factories as f


@pytest.fixture
def editor(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "b@example.com", "pw-123456")
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_question_list_filters_by_article_type_and_category(editor, django_assert_max_num_queries):
    f.make_question(name="about-13", article=13, qtype="single")
    f.make_question(name="about-19", category="岗前培训/第19条", article=19, qtype="truefalse")
    url = reverse("wagtailsnippets_exams_question:list")
    with django_assert_max_num_queries(40):
        html = editor.get(url).content.decode()
    assert "about-13" in html and "about-19" in html
    html = editor.get(url, {"article": 19}).content.decode()
    assert "about-19" in html and "about-13" not in html
    html = editor.get(url, {"qtype": "single"}).content.decode()
    assert "about-13" in html and "about-19" not in html
    from exams.models import QuestionCategory

    parent = QuestionCategory.objects.get(path="岗前培训")
    html = editor.get(url, {"category": parent.pk}).content.decode()
    assert "about-13" in html and "about-19" in html


@pytest.mark.django_db
def test_question_and_exam_edit_forms_open(editor):
    question = f.make_question()
    course = f.make_course()
    exam = f.make_exam(course)
    edit = editor.get(reverse("wagtailsnippets_exams_question:edit", args=[question.pk]))
    assert edit.status_code == 200 and question.text in edit.content.decode()
    edit = editor.get(reverse("wagtailsnippets_exams_exam:edit", args=[exam.pk]))
    assert edit.status_code == 200
    assert editor.get(reverse("exams_analysis_index")).status_code == 200
