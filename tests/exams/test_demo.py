"""The demo's exam history: trainees sat the exam through the real services."""

from __future__ import annotations

import datetime

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from credentials.models import Credential
from exams.demo import HISTORY, SESSION_CANDIDATES, seed_exam_history, seed_exam_session
from exams.models import Attempt
from exams.sessions.models import ExamSession, SessionStatus
from exams.sessions.services import candidate_reasons
from lms.demo import LEARNER_USERNAMES, demo_auxiliary
from lms.models import AuxiliaryStatus
from reports.dashboard import pass_rate_by_month, training_funnel


def test_demo_trainees_sat_the_exam_and_the_demo_logins_did_not(db, django_user_model):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    for index in LEARNER_USERNAMES:
        assert not Attempt.objects.filter(auxiliary=demo_auxiliary(index)).exists()
    for index, outcomes, _days_ago in HISTORY:
        auxiliary = demo_auxiliary(index)
        attempts = list(Attempt.objects.filter(auxiliary=auxiliary).order_by("number"))
        assert [a.passed for a in attempts] == [outcome == "pass" for outcome in outcomes]
        passed = outcomes[-1] == "pass"
        # Art. 20: a pass issues the credential; a fail leaves the person not cleared.
        assert Credential.objects.filter(auxiliary=auxiliary).exists() == passed
        expected = AuxiliaryStatus.CREDENTIALED if passed else AuxiliaryStatus.IN_TRAINING
        assert auxiliary.status == expected
    admin = django_user_model.objects.get(username="admin")
    funnel = training_funnel(user=admin)
    assert funnel.enrolled >= funnel.completed >= funnel.passed >= funnel.credentialed > 0
    months = [m for m in pass_rate_by_month(user=admin) if m.attempts]
    assert len(months) >= 4  # spread over the past months, not all today
    before = Attempt.objects.count()
    seed_exam_history()
    assert Attempt.objects.count() == before


def test_demo_has_a_confirmed_session_a_week_ahead_for_eligible_trainees(db, django_user_model):
    """An agency admin opening 考试场次 in the demo sees a real sitting, not an empty list."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    admin = django_user_model.objects.get(username="dhadmin")
    session = ExamSession.objects.get()
    assert session.status == SessionStatus.CONFIRMED
    assert session.starts_at > timezone.now() + datetime.timedelta(days=6)
    people = [c.auxiliary for c in session.candidates.select_related("auxiliary")]
    assert sorted(a.pk for a in people) == sorted(demo_auxiliary(i).pk for i in SESSION_CANDIDATES)
    for auxiliary in people:
        assert candidate_reasons(auxiliary=auxiliary, session=session) == []
    client = Client()
    client.force_login(admin)
    page = client.get("/exams/sessions/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert session.title in page
    seed_exam_session()
    assert ExamSession.objects.count() == 1
