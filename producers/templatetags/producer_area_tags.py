from django import template

from producers.models import LineStatus
from producers.services import LINE_TRANSITIONS

register = template.Library()


@register.filter
def line_status_label(code) -> str:
    code = code or ""
    return LineStatus(code).label if code in LineStatus.values else code


@register.simple_tag
def next_statuses(line):
    return [(code, LineStatus(code).label) for code in LINE_TRANSITIONS.get(line.status or "", ())]


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with ``changes`` applied: a pager keeps the list's filters."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()
