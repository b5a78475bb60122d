"""Two submissions of the same form at once (a double tap on a bad connection): one wins."""

import threading

import pytest
from django.db import connection

from assessments import services
from assessments.models import AssessmentRevision, CriterionScore
from tests.assessments import factories as f


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_lock_once(org):
    f.credentialed(org.aux_a)
    assessment = f.assessment_of(f.open_cycle(org), org.aux_a)
    data = f.form_data(assessment, "8")
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            services.assessment_submit(assessment=assessment, actor=org.supervisor_a, data=data)
            outcomes.append("ok")
        except services.AssessmentError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert AssessmentRevision.objects.filter(assessment=assessment).count() == 1
    assert CriterionScore.objects.filter(assessment=assessment).count() == 2
