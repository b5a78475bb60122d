"""seed_demo's training step: two in-service courses (the second with a video lesson, the
project's own six-second title card in courses/content/video), the province's requirement
(24 学时 a year, 8 in 法律法规), a plan assigned to 东湖区, a classroom session, an outside
certificate awaiting approval, and ledgers partly complete. Idempotent."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

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

VIDEO_DIR = Path(__file__).resolve().parents[1] / "courses" / "content" / "video"
VIDEO_LESSON_SLUG = "in-service-safety-2026-video"
VIDEO_TITLE = "依法履职 · 辅助执法（演示视频）"


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


def _stored(model, title: str, filename: str):
    """The demo's document or image of that title, uploaded once from courses/content/video."""
    found = model.objects.filter(title=title).first()
    if found is not None:
        return found
    with (VIDEO_DIR / filename).open("rb") as source:
        item = model(title=title, file=File(source, name=filename))
        item.save()
    return item


def _video_lesson(course: CoursePage) -> None:
    """The safety course's video lesson, added once: a lesson an editor has since changed,
    moved or deleted is left as it is (no lesson of that slug anywhere, no second copy)."""
    if LessonPage.objects.filter(slug=VIDEO_LESSON_SLUG).exists():
        return
    if LessonPage.objects.child_of(course).filter(body__icontains='"video"').exists():
        return
    video = _stored(get_document_model(), VIDEO_TITLE, "demo-title-card.mp4")
    captions = _stored(get_document_model(), f"{VIDEO_TITLE} 字幕", "demo-title-card.vtt")
    poster = _stored(get_image_model(), f"{VIDEO_TITLE} 封面", "demo-title-card.jpg")
    body = [
        {"type": "rich_text", "id": str(uuid.uuid4()),
         "value": "<p>先看这段短片，再读下面的要点。冲突现场，辅助人员的第一步是报告带班执法人员。</p>"},
        {"type": "video", "id": str(uuid.uuid4()), "value": {
            "title": "依法履职 · 辅助执法", "document": video.pk, "seconds": 6,
            "captions": captions.pk, "poster": poster.pk, "embed": None,
        }},
        {"type": "key_points", "id": str(uuid.uuid4()), "value": {
            "heading": "记住", "points": ["遇到冲突，先报告带班执法人员", "辅助人员不单独处置"],
        }},
    ]  # fmt: skip
    lesson = course.add_child(
        instance=LessonPage(
            title="依法履职：冲突现场先报告（视频）", slug=VIDEO_LESSON_SLUG, estimated_minutes=2,
            summary="一段六秒的短片和两条要点。", body=body,
        )
    )  # fmt: skip
    lesson.save_revision().publish()


@transaction.atomic
def seed_training(stdout=None) -> None:
    categories = _categories()
    courses = _courses(categories)
    if len(courses) > 1:
        _video_lesson(courses[1])
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
