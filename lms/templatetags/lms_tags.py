from django import template

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
