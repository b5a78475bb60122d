"""Template helpers for assessment pages."""

from decimal import Decimal, InvalidOperation

from django import template

from assessments import scoring

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``labels|get_item:v.item`` — a dict lookup by a variable key."""
    try:
        return mapping.get(key, "") if key is not None else ""
    except AttributeError:
        return ""


@register.filter
def plain_number(value):
    """A score or total as scoring.plain_number writes it: 95, 85.5, never 95.00."""
    if value is None or value == "":
        return ""
    try:
        return scoring.plain_number(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return value
