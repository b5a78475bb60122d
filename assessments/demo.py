"""Demo data: the provincial template and a cycle for the demo county (DHCG) with a few
submitted assessments — various grades, a dismissal, one acknowledged, one objected, and the
demo login ``learner``'s waiting for their response (acknowledge or object). Idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assessments import services
from assessments.defaults import default_template
from assessments.models import Assessment, Cycle
from lms.demo import DEMO_PASSWORD
from lms.models import Agency, AuxiliaryStatus, Role, UserProfile
from lms.seeding import DemoLogin

User = get_user_model()
DEMO_CYCLE_NAME = "2026年度考核（演示）"
PERIOD = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
DUE = datetime.date(2026, 12, 20)
# (score for every criterion, days absent, late arrivals, violations, response)
PLANS = [
    ("9.5", 0, 0, [], "acknowledged"),  # 优秀
    ("8", 1, 2, [], None),  # 合格
    (
        "6.5",
        3,
        5,
        [(4, "2026-06-12", "巡查中擅自对占道商户作出“罚款200元”的口头处理。")],
        "objected",
    ),
    ("8.5", 0, 1, [(9, "2026-08-03", "收受商户购物卡一张（价值500元），经查属实。")], None),
]

# The plan the demo login ``learner`` gets: submitted, not yet answered.
LEARNER_PLAN = 1
RESPONSE_NOTES = {
    "acknowledged": "东湖区辅助人员：已确认考核",
    "objected": "东湖区辅助人员：已对考核提出异议",
}


def demo_logins() -> list[DemoLogin]:
    """The assessed auxiliaries who acknowledged or objected, so both can be looked at."""
    return [
        DemoLogin(f"aux_dh{index + 1}", RESPONSE_NOTES[plan[4]], 30)
        for index, plan in enumerate(PLANS)
        if plan[4]
    ]


def _learner_login(aux, username: str):
    """Demo logins for the assessed auxiliaries, so acknowledgement can be tried out."""
    if aux.user_id:
        return aux.user
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=aux.name)
        user.set_password(DEMO_PASSWORD)
        user.save()
    UserProfile.objects.get_or_create(
        user=user, defaults={"role": Role.LEARNER, "agency": aux.agency, "display_name": aux.name}
    )
    aux.user = user
    aux.save(update_fields=["user"])
    return user


def _form_data(assessment, score: str, absent: int, late: int, violations) -> dict[str, str]:
    data = {"days_absent": str(absent), "late_arrivals": str(late), "general_comment": ""}
    for criterion in assessment.cycle.template.criteria.all():
        data[f"score_{criterion.pk}"] = score
        data[f"comment_{criterion.pk}"] = "表现突出，多次受到群众表扬。" if score == "10" else ""
    for index, (item, when, text) in enumerate(violations):
        data[f"violation_item_{index}"] = str(item)
        data[f"violation_date_{index}"] = when
        data[f"violation_description_{index}"] = text
    return data


@transaction.atomic
def seed_assessments(stdout=None) -> None:
    template = default_template()
    agency = Agency.objects.filter(code="DHCG").first()
    admin = User.objects.filter(username="dhadmin").first()
    if (
        agency is None
        or admin is None
        or Cycle.objects.filter(agency=agency, name=DEMO_CYCLE_NAME).exists()
    ):
        return
    opened = services.cycle_open(
        agency=agency,
        name=DEMO_CYCLE_NAME,
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        due_date=DUE,
        template=template,
        actor=admin,
    )
    assessments = list(
        opened.cycle.assessments.filter(
            auxiliary__status=AuxiliaryStatus.CREDENTIALED, auxiliary__supervisor__isnull=False
        ).select_related("auxiliary__supervisor", "auxiliary__user", "cycle__template")
    )
    # The demo login ``learner`` gets the plan left unanswered, so their home shows it waiting.
    mine = next(
        (a for a in assessments if a.auxiliary.user_id and a.auxiliary.user.username == "learner"),
        None,
    )
    if mine is not None:
        assessments.remove(mine)
        assessments.insert(min(LEARNER_PLAN, len(assessments)), mine)
    for index, (plan, assessment) in enumerate(zip(PLANS, assessments, strict=False)):
        score, absent, late, violations, response = plan
        services.assessment_submit(
            assessment=assessment,
            actor=assessment.auxiliary.supervisor,
            data=_form_data(assessment, score, absent, late, violations),
        )
        if index == 3:
            # The dismissal's response window has passed, so the final decision can be tried.
            Assessment.objects.filter(pk=assessment.pk).update(
                submitted_at=timezone.now() - datetime.timedelta(days=10)
            )
        if response:
            learner = _learner_login(assessment.auxiliary, f"aux_dh{index + 1}")
            services.assessment_respond(
                assessment=assessment,
                actor=learner,
                objection=response == "objected",
                statement="当时是商户主动询问处理结果，我只是转述执法人员的意见，并未自行处理。"
                if response == "objected"
                else "",
            )
    if len(assessments) > len(PLANS):
        draft = assessments[len(PLANS)]
        services.assessment_save_draft(
            assessment=draft,
            actor=draft.auxiliary.supervisor,
            data={"days_absent": "0", "late_arrivals": "1"},
        )
    if stdout:
        stdout.write(
            f"  考核周期“{DEMO_CYCLE_NAME}”：{opened.created} 份考核，"
            "learner 有一份待确认，aux_dh1 已确认，aux_dh3 已提出异议"
        )
