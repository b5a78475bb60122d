"""Builders for exam tests: a course, a small bank, an exam over it, a finished course."""

from __future__ import annotations

import itertools

from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from courses.models import CourseCompletion, CourseIndexPage, CoursePage
from exams.models import BlueprintRule, Choice, Exam, Question, QuestionCategory, QuestionCitation

_n = itertools.count(1)


def make_course(title: str = "岗前培训") -> CoursePage:
    # Transactional tests flush the tree that Wagtail's migrations create: rebuild it.
    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant("zh-hans"))
    index = CourseIndexPage.objects.first()
    if index is None:
        index = _site_root().add_child(
            instance=CourseIndexPage(title="课程", slug=f"courses-{next(_n)}")
        )
    return index.add_child(
        instance=CoursePage(title=title, slug=f"course-{next(_n)}", required_for_credential=True)
    )


def _site_root() -> Page:
    """The default site's root page, so that pages built here have URLs as in production."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="首页", slug=f"home-{next(_n)}"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def complete_course(user, course: CoursePage) -> CourseCompletion:
    return CourseCompletion.objects.create(user=user, course=course, completed_at=timezone.now())


def make_question(
    *,
    category: str = "岗前培训/第十三条",
    article: int = 13,
    item: int | None = 1,
    qtype: str = "single",
    weights: tuple[float, ...] | None = None,
    name: str | None = None,
    explanation: str = "解析：依据第十三条第（一）项。",
    active: bool = True,
) -> Question:
    if weights is None:
        weights = {"single": (1.0, 0.0, 0.0, 0.0), "truefalse": (1.0, 0.0)}.get(
            qtype, (0.5, 0.5, -0.5, -0.5)
        )
    n = next(_n)
    question = Question.objects.create(
        category=QuestionCategory.for_path(category),
        name=name or f"q{n}",
        qtype=qtype,
        text=f"题干{n}",
        explanation=explanation,
        active=active,
    )
    labels = ["正确", "错误"] if qtype == "truefalse" else [f"选项{n}-{i}" for i in range(4)]
    for i, weight in enumerate(weights):
        Choice.objects.create(
            question=question, text=labels[i], weight=weight, feedback=f"反馈{n}-{i}", sort_order=i
        )
    QuestionCitation.objects.create(question=question, article=article, item=item, sort_order=0)
    return question


def make_bank(per_article: int = 3, articles=(13, 19)) -> list[Question]:
    questions = []
    for article in articles:
        for i in range(per_article):
            qtype = ("single", "multiple", "truefalse")[i % 3]
            questions.append(
                make_question(
                    category=f"岗前培训/第{article}条", article=article, item=1, qtype=qtype
                )
            )
    return questions


def make_exam(course: CoursePage, *, rules=((13, 2), (19, 2)), **kwargs) -> Exam:
    exam = Exam.objects.create(course=course, title="岗前考试", **kwargs)
    for order, (article, count) in enumerate(rules):
        BlueprintRule.objects.create(exam=exam, article=article, count=count, sort_order=order)
    return exam


def make_typed_question(
    qtype: str,
    *,
    spec: dict | None = None,
    rubric: str = "",
    category: str = "岗前培训/第十五条",
    article: int = 15,
    item: int | None = 1,
    name: str | None = None,
) -> Question:
    """A 填空题 (shortanswer), 配对题 (matching) or 简答题 (essay) citing Art. 15 (1), which
    the article rules of make_exam never draw."""
    defaults = {
        "shortanswer": {"blanks": [["聘用单位", "用人单位"], ["书面通知"]]},
        "matching": {
            "pairs": [["第十三条", "可以从事的辅助事务"], ["第十九条", "不得从事的事项"]],
            "extra": ["考核"],
        },
        "essay": {},
    }
    n = next(_n)
    question = Question.objects.create(
        category=QuestionCategory.for_path(category),
        name=name or f"{qtype}{n}",
        qtype=qtype,
        text=f"{qtype}题干{n}",
        explanation="解析：依据第十五条第（一）项。",
        answer_spec=defaults[qtype] if spec is None else spec,
        rubric=rubric or ("要点：不得独立执法；应在执法人员指挥下。" if qtype == "essay" else ""),
    )
    QuestionCitation.objects.create(question=question, article=article, item=item, sort_order=0)
    return question
