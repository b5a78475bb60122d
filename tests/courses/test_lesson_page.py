"""What a learner sees in a lesson: the law's own words, scenario verdicts, knowledge checks."""

import re

from django.utils.html import escape

from lms.measures import clause_text


def page_html(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    return response.content.decode()


def test_article_blocks_quote_the_law_with_its_citation(course, learner_client):
    html = page_html(learner_client, "/courses/pre-job/art-19/")
    quote = re.search(
        r"<blockquote>([^<]*)</blockquote>\s*<figcaption><cite>[^<]*第十九条第（三）项</cite>", html
    )
    assert quote, "no quotation labelled 第十九条第（三）项"
    assert quote.group(1).strip() == escape(clause_text(19, 3))


def test_whole_articles_are_quoted_when_no_item_is_given(course, learner_client):
    html = page_html(learner_client, "/courses/pre-job/status-and-accountability/")
    first_line = clause_text(3).splitlines()[0]
    assert escape(first_line) in html
    assert "第三条</cite>" in html


def test_scenarios_show_the_verdict_in_words_and_colour(course, learner_client):
    html = page_html(learner_client, "/courses/pre-job/art-19/")
    assert re.search(r'class="verdict verdict--forbidden">.*?禁止</p>', html)
    html13 = page_html(learner_client, "/courses/pre-job/art-13/")
    assert re.search(r'class="verdict verdict--allowed">.*?允许</p>', html13)
    all_pages = "".join(
        page_html(learner_client, f"/courses/pre-job/{slug}/")
        for slug in ("art-14", "art-15", "art-16", "art-17")
    )
    assert re.search(r'class="verdict verdict--call_officer">.*?请执法人员处理</p>', all_pages)


def test_knowledge_checks_work_with_the_external_script_only(course, learner_client):
    html = page_html(learner_client, "/courses/pre-job/art-19/")
    assert 'data-correct="true"' in html and "data-kc-right" in html
    assert re.search(r'<script src="[^"]*js/courses\.js" defer></script>', html)
    # No inline scripts (the CSP forbids them) and no inline styles.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert ' style="' not in html


def test_the_lesson_shows_its_position_in_the_course(course, learner_client):
    html = page_html(learner_client, "/courses/pre-job/art-19/")
    assert "第 9 课（共 11 课）" in html
    assert (
        "/courses/pre-job/art-18/" in html and "/courses/pre-job/credential-and-assessment/" in html
    )
