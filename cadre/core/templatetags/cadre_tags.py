from django import template
from django.utils.translation import gettext as _

from cadre.people.dates import format_cn, months_between

register = template.Library()


@register.simple_tag
def partial_date(value, month_only=False):
    return format_cn(value, month_only) if value else "—"


def years_months(months: int) -> str:
    years, rest = divmod(months, 12)
    if years and rest:
        return _("%(y)s years %(m)s months") % {"y": years, "m": rest}
    if years:
        return _("%(y)s years") % {"y": years}
    return _("%(m)s months") % {"m": rest}


@register.simple_tag
def span_length(start, end, today):
    return years_months(months_between(start, end or today))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
