"""A submitted assessment shows each criterion's score as it was given: 9.5, 8 — not 9.50 or
8.00 beside the 9.5 the anchor filled in."""

from __future__ import annotations

import re

import pytest

from tests.reports.factories import make_assessment, make_cycle

pytestmark = pytest.mark.django_db


def test_criterion_scores_read_without_trailing_zeros(client, org):
    cycle = make_cycle(org.city)
    assessment = make_assessment(cycle, org.aux_a, scores=("9.5", "8", "7.25"))
    client.force_login(org.admin_a)
    html = client.get(f"/assessments/{assessment.pk}/").content.decode()
    scores = re.findall(r'data-label="[^"]+"><strong>([^<]+)</strong> /', html)
    assert scores == ["9.5", "8", "7.25"]
