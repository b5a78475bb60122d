"""The Wagtail admin screens an editor (a provincial admin, in Wagtail's "Editors" group) works
in speak Chinese where Wagtail's own zh_Hans catalogue leaves its English: the strings below are
translated in lms/locale/zh_Hans (entries without a ``#:`` reference, kept by ``manage.py
messages``). Each screen's visible text (tags, scripts and styles stripped; title, aria-label and
placeholder attributes kept) shows the Chinese and none of the English."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


class _VisibleText(HTMLParser):
    ATTRIBUTES = ("title", "aria-label", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [value for name, value in attrs if name in self.ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


# (screen, Chinese that must show, English msgid (or the part of it without placeholders) that
# must not)
EXPECTED = [
    # every screen: the <noscript> notice and the keyboard shortcuts dialog
    ("dashboard", "使用 Wagtail 需要 JavaScript", "JavaScript is required to use Wagtail"),
    ("dashboard", "键盘快捷键当前已启用", "Keyboard shortcuts are currently enabled"),
    # the account's preferences
    ("account", "后台主题", "Admin theme"),
    ("account", "对比度", "Contrast"),
    ("account", "高对比度", "More contrast"),
    ("account", "显示密度", "Density"),
    ("account", "紧凑", "Snug"),
    ("account", "启用 Wagtail 专用的键盘快捷键", "Enable custom keyboard shortcuts specific"),
    # a lesson's edit view: status side panel, scheduling dialog, checks panel, preview
    ("lesson edit", "锁定状态：", "Locking:"),
    ("lesson edit", "任何人都可以编辑此页面", "Anyone can edit this"),
    ("lesson edit", "有编辑权限的人都可以设定发布时间", "Anyone with editing permissions"),
    ("lesson edit", "但只有拥有发布权限的人才能使其生效。", "But only those with publishing"),
    ("lesson edit", "统计的计算方法", "How we calculate our metrics"),
    ("lesson edit", "阅读时间根据字数计算", "We calculate reading time"),
    ("lesson edit", "请改正错误后继续预览", "Correct the validation errors to resume preview"),
    ("lesson edit", "请先检查与网站的连接再继续", "Troubleshoot your connection"),
    # a new lesson under the course
    ("lesson add", "将由 prov 创建", "To be created by"),
    # a lesson another user has locked
    ("locked lesson", "已被其他用户锁定", "Locked by another user"),
    ("locked lesson", "页面锁定期间，只有 cityadmin 可以修改", "can make changes while the"),
    # a lesson in the moderation workflow
    ("lesson in moderation", "已被工作流锁定", "Locked by workflow"),
    ("lesson in moderation", "此页面正在等待审核。", "is currently awaiting moderation"),
    (
        "lesson in moderation",
        "只有审核人可以编辑和批准此页面",
        "Only reviewers can edit and approve",
    ),
    # (after the time, humanize's: "1 秒前", or "刚刚" within the second)
    ("lesson in moderation", "提交给Moderators approval", "Sent to Moderators approval"),
    # a lesson scheduled to go live
    ("scheduled lesson", "已因定时发布锁定", "Locked by schedule"),
    ("scheduled lesson", "当前已锁定，将在设定的时间上线", "Currently locked and will go live"),
    # the page history's filters, the workflow reports, the multiple image upload
    ("lesson history", "是否为评论操作", "Is commenting action"),
    ("workflow report", "按任务", "By task"),
    ("workflow tasks report", "按工作流", "By workflow"),
    ("image upload", "上传成功。但新图片似乎与下面这张已有图片重复", "Upload successful. However"),
]


@pytest.fixture
def screens(client, org):
    """Visible text of each screen, for a provincial admin signed in to the Wagtail admin."""
    from courses.models import CoursePage, LessonPage
    from courses.seed import course_seed

    course_seed()
    course = CoursePage.objects.get(slug="pre-job")
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    editor = org.provincial_admin  # as lms.services.staff_account_create makes one
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    other = org.city_admin
    other.is_staff = other.is_superuser = True
    other.save()

    locked = lessons[1]
    locked.locked, locked.locked_by, locked.locked_at = True, other, timezone.now()
    locked.save()
    in_moderation = lessons[2]
    in_moderation.save_revision(user=other)
    in_moderation.get_workflow().start(in_moderation, other)
    scheduled = lessons[3]
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
    scheduled.save_revision(user=editor, approved_go_live_at=scheduled.go_live_at)

    client.force_login(editor)
    urls = {
        "dashboard": "/admin/",
        "account": "/admin/account/",
        "lesson edit": f"/admin/pages/{lessons[0].pk}/edit/",
        "lesson add": f"/admin/pages/add/courses/lessonpage/{course.pk}/",
        "locked lesson": f"/admin/pages/{locked.pk}/edit/",
        "lesson in moderation": f"/admin/pages/{in_moderation.pk}/edit/",
        "scheduled lesson": f"/admin/pages/{scheduled.pk}/edit/",
        "lesson history": f"/admin/pages/{lessons[0].pk}/history/",
        "workflow report": "/admin/reports/workflow/",
        "workflow tasks report": "/admin/reports/workflow_tasks/",
        "image upload": "/admin/images/multiple/add/",
    }
    texts = {}
    for screen, url in urls.items():
        response = client.get(url, **ZH)
        assert response.status_code == 200, url
        texts[screen] = visible_text(response.content.decode())
    return texts


def test_wagtail_admin_screens_show_the_projects_chinese_for_wagtails_missing_strings(screens):
    missing = [
        (screen, chinese) for screen, chinese, _ in EXPECTED if chinese not in screens[screen]
    ]
    english = [(screen, text) for screen, _, text in EXPECTED if text in screens[screen]]
    assert (missing, english) == ([], [])
