"""大字模式: the switch on every page turns large text on and off and remembers it, on the
profile for a logged-in person and in a cookie for a visitor; the 无障碍说明 page is public."""

import pytest
from django.urls import reverse

LARGE = 'class="text-large"'


@pytest.mark.django_db
def test_a_visitor_turns_large_text_on_and_it_stays_on_for_the_next_page(client):
    page = client.get("/verify/")
    assert LARGE not in page.content.decode()
    assert 'aria-pressed="false"' in page.content.decode()
    response = client.post(reverse("text_size"), {"large_text": "1", "next": "/verify/"})
    assert response.status_code == 302 and response["Location"] == "/verify/"
    page = client.get(reverse("login"))
    assert LARGE in page.content.decode()
    assert 'aria-pressed="true"' in page.content.decode()
    client.post(reverse("text_size"), {"large_text": "0", "next": "/verify/"})
    assert LARGE not in client.get("/verify/").content.decode()


@pytest.mark.django_db
def test_a_learner_s_choice_follows_them_to_another_device(client, org):
    client.force_login(org.learner_a)
    client.post(reverse("text_size"), {"large_text": "1", "next": "/"})
    org.learner_a.profile.refresh_from_db()
    assert org.learner_a.profile.large_text is True
    # A fresh browser (no cookie) shows large text as soon as they log in.
    from django.test import Client

    other = Client()
    other.force_login(org.learner_a)
    assert LARGE in other.get("/").content.decode()


@pytest.mark.django_db
def test_the_switch_never_sends_anyone_to_another_site(client):
    response = client.post(
        reverse("text_size"), {"large_text": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_accessibility_page_is_linked_from_every_page_and_open_to_all(client):
    assert 'href="/accessibility/"' in client.get(reverse("login")).content.decode()
    page = client.get("/accessibility/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "GB/T 37668-2019" in text and "大字" in text and "管理员" in text


@pytest.mark.django_db
def test_the_switch_returns_to_the_page_with_its_filters_and_never_to_another_site(client):
    response = client.post(
        reverse("text_size"),
        {"large_text": "1", "next": "/people/"},
        HTTP_REFERER="http://testserver/people/?status=active&page=2",
    )
    assert response["Location"] == "http://testserver/people/?status=active&page=2"
    response = client.post(
        reverse("text_size"),
        {"large_text": "1", "next": "/people/"},
        HTTP_REFERER="https://evil.example/people/",
    )
    assert response["Location"] == "/people/"


@pytest.mark.django_db
def test_the_switch_never_writes_the_page_query_into_the_page(client):
    # A search for an ID number must not come back in full inside the switch's form.
    page = client.get(reverse("login") + "?q=110101199003078515").content.decode()
    assert "110101199003078515" not in page
