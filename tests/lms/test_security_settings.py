import os
import subprocess
import sys
from pathlib import Path

from lms.middleware import ContentSecurityPolicyMiddleware

ROOT = Path(__file__).resolve().parents[2]


def directives(policy: str) -> dict[str, set[str]]:
    """A policy header as {directive: sources}: django-csp writes them in no fixed order."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = set(sources)
    return parsed


def test_learner_pages_have_a_strict_csp_without_inline_script(client, org):
    client.force_login(org.admin_a)
    response = client.get("/people/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    html = response.content.decode()
    # Every <script> has a src: nothing inline that the policy would block.
    assert html.count("<script") == html.count("<script src=")


def test_the_wagtail_admin_gets_its_looser_policy(client, admin_user):
    client.force_login(admin_user)
    policy = client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy


def test_the_policy_built_once_is_the_one_django_csp_builds_for_each_kind_of_path(rf):
    """The middleware keeps the two policies it builds: they must be django-csp's own."""
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    ours = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("ok"))
    theirs = CSPMiddleware(lambda request: HttpResponse("ok"))
    for path in ("/exams/", "/admin/pages/", "/exams/", "/django-admin/"):
        expected = theirs.process_response(rf.get(path), HttpResponse("ok"))
        # Twice each: the second answer comes from what the first built.
        for _ in range(2):
            got = ours.process_response(rf.get(path), HttpResponse("ok"))
            policy = directives(got["Content-Security-Policy"])
            if path.startswith(("/admin/", "/django-admin/")):
                assert "'unsafe-inline'" in policy["script-src"]
            else:
                assert policy == directives(expected["Content-Security-Policy"])


def test_a_changed_policy_setting_is_what_the_next_response_carries(client, db, settings):
    before = directives(client.get("/accounts/login/")["Content-Security-Policy"])
    assert before["img-src"] == {"'self'", "data:"}
    changed = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    settings.CONTENT_SECURITY_POLICY = {**settings.CONTENT_SECURITY_POLICY, "DIRECTIVES": changed}
    after = directives(client.get("/accounts/login/")["Content-Security-Policy"])
    assert after["img-src"] == {"'self'"}


def test_a_view_with_its_own_policy_still_gets_it(rf):
    from csp.decorators import csp_update
    from django.http import HttpResponse

    @csp_update({"img-src": ["https://tiles.example.cn"]})
    def view(request):
        return HttpResponse("ok")

    middleware = ContentSecurityPolicyMiddleware(view)
    plain = middleware.process_response(rf.get("/x/"), HttpResponse("ok"))
    assert "tiles.example.cn" not in plain["Content-Security-Policy"]
    updated = middleware.process_response(rf.get("/x/"), view(rf.get("/x/")))
    assert directives(updated["Content-Security-Policy"])["img-src"] == {
        "'self'",
        "data:",
        "https://tiles.example.cn",
    }
    # And the next plain response does not carry the last one's update.
    again = middleware.process_response(rf.get("/x/"), HttpResponse("ok"))
    assert "tiles.example.cn" not in again["Content-Security-Policy"]


def test_check_deploy_is_clean_with_production_values():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.base",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "lms.example.gov.cn",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.base", "DEBUG": "0"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_staff_sessions_expire_after_inactivity(client, org, settings):
    import time

    settings.STAFF_SESSION_IDLE_SECONDS = 60
    client.force_login(org.admin_a)
    assert client.get("/people/").status_code == 200
    session = client.session
    session["last_activity"] = int(time.time()) - 3600
    session.save()
    response = client.get("/people/")
    assert response.status_code == 302 and "expired=1" in response["Location"]


def test_pages_are_chinese_whatever_the_browser_says_until_english_is_chosen(client, db):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "登录" in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Log in" in client.get("/accounts/login/").content.decode()
