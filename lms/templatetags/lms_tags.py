from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from lms import hooks, punctuation
from lms.idcard import mask_id_number

register = template.Library()


@register.filter
def person_name(user, default="—"):
    """A login's display name, falling back to its username."""
    if user is None:
        return default
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.get_username()


@register.filter
def masked_id(value):
    return mask_id_number(value)


@register.filter
def clock(seconds) -> str:
    """3599 → 59:59, 3600 → 1:00:00: the exam page's script format, shown before it runs."""
    try:
        seconds = max(0, int(seconds))
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


@register.simple_tag
def colon() -> str:
    """：in Chinese, ": " in English, between a label and its value."""
    return punctuation.colon()


@register.filter(is_safe=True)
def parens(value) -> str:
    """（权重 20） in Chinese, (weight 20) in English."""
    return punctuation.parenthesized(value)


@register.filter
def enumeration(values) -> str:
    """甲、乙 in Chinese, a, b in English."""
    return punctuation.enumeration(values)


@register.simple_tag
def list_separator() -> str:
    """、 in Chinese, ", " in English, between the items of a list written inline."""
    return punctuation.enumeration(["", ""])


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """?…&page=N for a pagination link, keeping the list's filters. A view that must not echo a
    filter back as typed (the roster masks a searched ID number) passes its own ``query``."""
    query = context.get("query")
    if query is None:
        params = context["request"].GET.copy()
        params.pop("page", None)
        query = params.urlencode()
    return f"?{query}&page={number}" if query else f"?page={number}"


@register.simple_tag(takes_context=True)
def course_sections(context, course) -> str:
    """The cards other apps add to a course page (``lms_course_sections``): the course app
    sits below exams and training, so it asks the hook instead of importing them."""
    request = context.get("request")
    if request is None:
        return ""
    parts = [
        render_to_string(panel.template, {"panel": panel.context}, request=request)
        for panel in hooks.course_sections(request, course)
    ]
    return mark_safe("".join(parts))
