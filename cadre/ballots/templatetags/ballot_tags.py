from django import template

register = template.Library()


@register.filter
def mark_for(marks, key):
    """The option a voter marked for a candidate, when the ballot comes back for a change."""
    if isinstance(marks, dict):
        return marks.get(key, "")
    return ""
