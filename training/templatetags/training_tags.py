"""Hours as people write them (12, 1.5) and a category's hours from a year's totals."""

from decimal import Decimal

from django import template

from training.hours import fmt_hours

register = template.Library()


@register.filter
def hours(value):
    return "" if value is None else fmt_hours(value)


@register.filter
def category_hours(totals, category):
    return fmt_hours(totals.of(category.pk))


@register.filter
def missing_in(standing, category):
    return fmt_hours(standing.missing_by_category.get(category.pk, Decimal("0")))
