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
