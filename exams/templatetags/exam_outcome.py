"""``{% exam_pass_outcome attempt %}``: what happened after a pass, told by the app that acts on
it. The exam app sits below credentials, so it asks the ``exam_pass_outcome`` Wagtail hook
instead of importing it; each hook returns HTML (or None when it has nothing to say)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def exam_pass_outcome(context, attempt):
    parts = [
        html
        for fn in hooks.get_hooks("exam_pass_outcome")
        if (html := fn(context.get("request"), attempt))
    ]
    if not parts:
        return format_html(
            '<p class="ok">{}</p>', _("Your agency will issue your work credential.")
        )
    return mark_safe("".join(parts))
