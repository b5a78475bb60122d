"""seed_demo's training step: two in-service courses, the province's requirement (24 学时 a
year, 8 in 法律法规), a plan assigned to 东湖区, a classroom session, an outside certificate
awaiting approval, and ledgers partly complete. Idempotent."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from courses.models import (
    CourseCompletion,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    TrainingCategory,
)
from lms.models import IN_SERVICE_STATUSES, Agency, Auxiliary
from training import services
from training.models import ClassroomSession, Cohort, OutsideTraining, Requirement, TrainingPlan

COURSES = [
    # slug, title, hours, category, lessons (title, text)
    ("in-service-law-2026", "2026年度法律法规更新", "4", "法律法规", [
        ("行政处罚法修订要点", "新修订的行政处罚法对执法辅助人员的协助工作提出了更明确的要求：辅助人员不得独立作出处罚决定，只能在执法人员指挥下从事辅助性事务。"),
        ("证据收集中的辅助工作", "协助收集证据时，辅助人员应当如实记录现场情况，不得诱导当事人，不得伪造、隐匿证据。"),
    ]),
    ("in-service-safety-2026", "现场安全与应急处置", "2", "安全与应急", [
        ("冲突现场的自我保护", "遇到当事人情绪激动时，先保持距离、稳定情绪，及时报告带班执法人员，不单独处置。"),
    ]),
]  # fmt: skip


CATEGORIES = ["法律法规", "业务技能", "职业道德与纪律", "安全与应急"]


def _categories() -> dict[str, TrainingCategory]:
    """The four categories the migration seeds, made again if a flushed database lost them."""
    for order, name in enumerate(CATEGORIES):
        TrainingCategory.objects.get_or_create(name=name, defaults={"order": order})
    return {c.name: c for c in TrainingCategory.objects.all()}


def _rich(text: str):
    return [{"type": "rich_text", "value": f"<p>{text}</p>"}]


def _courses(categories) -> list[CoursePage]:
    index = CourseIndexPage.objects.first()
    if index is None:
        return []
    made = []
    for slug, title, hours, category, lessons in COURSES:
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None:
            course = index.add_child(
                instance=CoursePage(
                    title=title, slug=slug, summary=f"在岗培训课程，完成后计 {hours} 学时。",
                    estimated_minutes=10 * len(lessons), training_hours=Decimal(hours),
                    training_category=categories[category],
                )
            )  # fmt: skip
            course.save_revision().publish()
            for number, (lesson_title, text) in enumerate(lessons, start=1):
                lesson = course.add_child(
                    instance=LessonPage(
                        title=lesson_title, slug=f"{slug}-{number}", estimated_minutes=5,
                        body=_rich(text),
                    )
                )  # fmt: skip
                lesson.save_revision().publish()
        made.append(course)
    return made


@transaction.atomic
def seed_training(stdout=None) -> None:
    categories = _categories()
    courses = _courses(categories)
    province = Agency.objects.filter(parent__isnull=True).order_by("path").first()
    county = Agency.objects.filter(code="DHCG").first()
    if not courses or province is None or county is None:
        return
    law = categories["法律法规"]
    if not Requirement.objects.filter(agency=province).exists():
        rule = Requirement.objects.create(agency=province, total_hours=Decimal("24"))
        rule.minimums.create(category=law, hours=Decimal("8"))
    year = timezone.localdate().year
    if not TrainingPlan.objects.filter(title="东湖区2026年度在岗培训").exists():
        plan = TrainingPlan.objects.create(
            title="东湖区2026年度在岗培训", agency=county, cohort=Cohort.IN_SERVICE,
            due_date=datetime.date(year, 12, 25),
        )  # fmt: skip
        plan.courses.set(courses)
    people = list(
        Auxiliary.objects.filter(agency=county, status__in=IN_SERVICE_STATUSES).order_by("pk")
    )
    if people and not ClassroomSession.objects.filter(topic="执法文明用语与礼仪").exists():
        session = ClassroomSession.objects.create(
            agency=county, date=datetime.date(year, 3, 18), topic="执法文明用语与礼仪",
            category=categories["职业道德与纪律"], hours=Decimal("6"), trainer="市局培训中心 李老师",
        )  # fmt: skip
        session.attendees.set(people)
        for person in people:
            services.entry_add(
                auxiliary=person, day=session.date, title=session.topic,
                category=session.category, hours=session.hours, source="classroom",
                origin=f"session:{session.pk}",
            )  # fmt: skip
    # About half of them finished the law course online: their ledgers are partly complete.
    for person in [p for p in people if p.user_id][::2]:
        completion, _created = CourseCompletion.objects.get_or_create(
            user_id=person.user_id, course=courses[0],
            defaults={"completed_at": timezone.now()},
        )  # fmt: skip
        for lesson in LessonPage.objects.child_of(courses[0]):
            lesson.progress.get_or_create(
                user_id=person.user_id, defaults={"completed_at": timezone.now()}
            )
        services.course_hours_record(
            user=person.user, course=courses[0], completed_at=completion.completed_at
        )
    if people and not OutsideTraining.objects.exists():
        record = OutsideTraining(
            auxiliary=people[-1], date=datetime.date(year, 6, 9), title="急救员培训",
            issuer="市红十字会", category=categories["安全与应急"], hours=Decimal("8"),
        )  # fmt: skip
        record.scan.save("certificate.pdf", ContentFile(b"%PDF-1.4\n%demo\n"), save=False)
        record.save()
    if stdout:
        stdout.write(
            f"  在岗课程 {len(courses)} 门，培训计划 {TrainingPlan.objects.count()} 个，"
            f"面授培训 {ClassroomSession.objects.count()} 次"
        )
