"""Finishing the course leads the learner to their next step: confirming the last lesson lands
on the home page with the congratulations and the exam (Art. 20) in 待办, instead of a course
page that offered only the list of lessons read."""

from __future__ import annotations

from django.urls import reverse

from tests.exams.factories import make_exam


def test_the_last_lesson_leads_home_to_the_exam(course, lessons, learner_client, settings):
    settings.COURSES_READING_FRACTION = 0
    make_exam(course)
    for lesson in lessons[:-1]:
        learner_client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    response = learner_client.post(
        reverse("courses:lesson_complete", args=[lessons[-1].pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    html = response.content.decode()
    assert "恭喜，你已学完全部课程！" in html
    assert "参加考试：岗前考试" in html
