"""``seed_course``: the shipped pre-job course as Wagtail pages, published with revisions.

Idempotent, and it never overwrites an editor's work: each page keeps ``seed_hash``, a hash of
what the seed last wrote. If the page's latest revision no longer matches that hash, an editor
changed it and the seed leaves it alone; otherwise the seed brings it up to date."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, PageViewRestriction, Site

from courses.blocks import LessonBodyBlock
from courses.content import lessons as shipped
from courses.models import CourseIndexPage, CoursePage, LessonPage

INDEX_SLUG = "courses"
INDEX_TITLE = "培训课程"
HOME_TITLE = "首页"
ROOT_TITLE = "根目录"
# What Wagtail's own migrations call the tree's root and the first site's home page; seen by
# editors in the page explorer, search results and breadcrumbs. Renamed only while unchanged.
WAGTAIL_DEFAULT_TITLES = {"Root": ROOT_TITLE, "Welcome to your new Wagtail site!": HOME_TITLE}


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed by an editor: left alone
    unchanged: list[str] = field(default_factory=list)


def _strip_ids(data):
    """Block ids are random, and a list item may be stored as ``{"type": "item", ...}`` or
    plainly: neither is content."""
    if isinstance(data, dict):
        if data.get("type") == "item" and "value" in data:
            return _strip_ids(data["value"])
        return {k: _strip_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_strip_ids(v) for v in data]
    return data


def _content(page: Page) -> dict:
    """The fields the seed writes, in a comparable form."""
    data: dict = {"title": page.title, "slug": page.slug}
    for name in ("summary", "estimated_minutes", "required_for_credential", "intro"):
        if hasattr(page, name):
            data[name] = getattr(page, name)
    if isinstance(page, LessonPage):
        data["body"] = _strip_ids(page.body.get_prep_value())
    return data


def content_hash(page: Page) -> str:
    raw = json.dumps(_content(page), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _raw_block(kind: str, value):
    if kind in ("scenario", "knowledge_check"):
        value = {**value, "citations": [dict(c) for c in value["citations"]]}
    return {"type": kind, "value": value}


def lesson_body(blocks: list[tuple[str, object]]):
    return LessonBodyBlock().to_python([_raw_block(kind, value) for kind, value in blocks])


def _apply(page: Page, values: dict) -> None:
    for name, value in values.items():
        setattr(page, name, value)


def _sync(
    parent: Page, model, slug: str, values: dict, report: SeedReport, *, existing=None
) -> Page:
    """Create the page under ``parent`` or bring it up to date unless an editor changed it."""
    page = existing or model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **values)
        page.seed_hash = content_hash(page)
        parent.add_child(instance=page)
        page.save_revision().publish()
        report.created.append(slug)
        return page
    latest = page.get_latest_revision_as_object()
    if content_hash(latest) != page.seed_hash:
        report.kept.append(slug)
        return page
    _apply(latest, values)
    new_hash = content_hash(latest)
    if new_hash == page.seed_hash:
        report.unchanged.append(slug)
        return page
    latest.seed_hash = new_hash
    latest.save_revision().publish()
    report.updated.append(slug)
    return model.objects.get(pk=page.pk)


def _site_root() -> Page:
    """The default site's home page. Wagtail's migrations create it; a database emptied since
    (e.g. a flushed test database) gets a fresh root, home page and default site, and the
    root collection that uploaded documents and images go into."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        _rename_wagtail_defaults(site.root_page)
        return site.root_page
    if not Locale.objects.exists():
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        Locale.objects.create(language_code=language)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.get_children().first() or root.add_child(instance=Page(title="首页", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def _rename_wagtail_defaults(home: Page) -> None:
    for page in (home, Page.get_first_root_node()):
        title = WAGTAIL_DEFAULT_TITLES.get(page.title) if page is not None else None
        if title:
            # No revision: these pages have none, and their slugs and URLs stay as they are.
            Page.objects.filter(pk=page.pk).update(title=title, draft_title=title)
            page.title = page.draft_title = title


@transaction.atomic
def course_seed(*, course: dict | None = None, lessons: list[dict] | None = None) -> SeedReport:
    course = shipped.COURSE if course is None else course
    lessons = shipped.LESSONS if lessons is None else lessons
    report = SeedReport()
    index = CourseIndexPage.objects.first()
    index = _sync(
        _site_root(),
        CourseIndexPage,
        INDEX_SLUG,
        {"title": INDEX_TITLE},
        report,
        existing=index,
    )
    # Lessons are for members only: a login restriction on the index covers every page below.
    if not PageViewRestriction.objects.filter(page=index).exists():
        PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    course_page = _sync(
        index,
        CoursePage,
        course["slug"],
        {
            "title": course["title"],
            "summary": course["summary"],
            "estimated_minutes": course["minutes"],
            "required_for_credential": True,
        },
        report,
    )
    previous = None
    for lesson in lessons:
        created_before = len(report.created)
        page = _sync(
            course_page,
            LessonPage,
            lesson["slug"],
            {
                "title": lesson["title"],
                "summary": lesson["summary"],
                "estimated_minutes": lesson["minutes"],
                "body": lesson_body(lesson["body"]),
            },
            report,
        )
        if len(report.created) > created_before:
            _place(page, after=previous, parent=course_page)
        previous = page
    return report


def _place(page: Page, *, after: Page | None, parent: Page) -> None:
    """Put a lesson added to a course seeded before at its place in the reading order (it was
    added as the last child); lessons already there are never moved."""
    if after is None:
        first = parent.get_first_child()
        if first is not None and first.pk != page.pk:
            page.move(first, pos="left")
    elif after.get_next_sibling() is None or after.get_next_sibling().pk != page.pk:
        page.move(Page.objects.get(pk=after.pk), pos="right")
