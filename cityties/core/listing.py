"""Small helpers shared by list pages: query parameters and pagination links.

Every integer read from a query string goes through here: it is parsed strictly (ASCII
digits only, no sign, no underscores) and bounded, so `?member=99999999999999999999` is an
ignored filter and `?page=10**30` the first page, never an overflow in the database.
"""

from django.http import HttpRequest

from cityties.core.fields import MAX_ID, bounded_int

MAX_PAGE = 1_000_000


def int_or_none(raw: str | None) -> int | None:
    """An id from the query string, or None when absent, malformed or out of range."""
    return bounded_int(raw, low=1, high=MAX_ID)


def page_number(raw: str | None) -> int:
    """A page number from the query string: 1 when absent or malformed; the paginator
    turns a number past the last page into the last page."""
    return bounded_int(raw, low=1, high=MAX_PAGE) or 1


def querystring_without_page(request: HttpRequest) -> str:
    """The current filters, without the page number, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
