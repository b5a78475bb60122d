"""seed_demo's training step: real data on every training page, and a second run adds nothing."""

import pytest

from courses.seed import course_seed
from lms.demo import seed_organisation
from training.demo import seed_training
from training.models import ClassroomSession, LedgerEntry, OutsideTraining, TrainingPlan

pytestmark = pytest.mark.django_db


def test_the_demo_has_courses_a_plan_a_session_and_partly_complete_ledgers():
    seed_organisation()
    course_seed()
    seed_training()
    counts = (
        TrainingPlan.objects.count(), ClassroomSession.objects.count(),
        OutsideTraining.objects.count(), LedgerEntry.objects.count(),
    )  # fmt: skip
    seed_training()
    assert counts == (
        TrainingPlan.objects.count(), ClassroomSession.objects.count(),
        OutsideTraining.objects.count(), LedgerEntry.objects.count(),
    )  # fmt: skip
    plan = TrainingPlan.objects.get()
    assert plan.agency.code == "DHCG" and plan.courses.count() == 2
    assert LedgerEntry.objects.filter(source="online").exists()
    assert LedgerEntry.objects.filter(source="classroom").count() > 1
