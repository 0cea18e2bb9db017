"""Small helpers shared by list pages: query parameters and pagination links."""

from django.http import HttpRequest


def int_or_none(raw: str | None) -> int | None:
    """An id from the query string, or None when absent or malformed."""
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def querystring_without_page(request: HttpRequest) -> str:
    """The current filters, without the page number, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
