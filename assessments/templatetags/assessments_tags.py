"""Template helpers for assessment pages."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``labels|get_item:v.item`` — a dict lookup by a variable key."""
    try:
        return mapping.get(key, "") if key is not None else ""
    except AttributeError:
        return ""
