"""Chinese search over the lessons: substring matching, titles ranked above body text."""

import pytest

from courses.selectors import lesson_search


def slugs(query):
    return [hit.lesson.slug for hit in lesson_search(query=query)]


def test_fines_find_the_art_18_and_19_lessons(course):
    found = slugs("罚款")
    assert {"art-18", "art-19"} <= set(found)


def test_signing_finds_the_art_19_lesson_first(course):
    found = slugs("签字")
    assert found[0] == "art-19"


def test_a_title_match_ranks_above_body_matches(course):
    # Many lessons mention 第十九条 in their text; the lesson titled with it comes first.
    found = slugs("第十九条")
    assert len(found) > 1
    assert found[0] == "art-19"


def test_every_term_must_match(course):
    assert slugs("签字 罚款") and set(slugs("签字 罚款")) <= set(slugs("签字"))
    assert slugs("签字 不存在的词语") == []


def test_unpublished_lessons_are_not_found(course, lessons):
    art19 = next(lesson for lesson in lessons if lesson.slug == "art-19")
    art19.unpublish()
    assert "art-19" not in slugs("签字")


@pytest.mark.parametrize("query", ["签字", "罚款"])
def test_the_search_page_lists_the_hits_with_an_excerpt(course, learner_client, query):
    response = learner_client.get("/learn/search/", {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert "/courses/pre-job/art-19/" in html
    assert "search-hit__excerpt" in html and query in html


def test_the_course_page_has_a_search_box(course, learner_client):
    html = learner_client.get(course.url).content.decode()
    assert 'action="/learn/search/"' in html and 'name="q"' in html


def test_an_empty_search_shows_no_results(course, learner_client):
    html = learner_client.get("/learn/search/", {"q": "  "}).content.decode()
    assert "search-hit" not in html
