"""Language choice: French unless the person chose otherwise.

Django's LocaleMiddleware would follow the browser's Accept-Language; a French public
service shows French first and remembers an explicit switch (account or cookie).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def request_language(request: HttpRequest) -> str:
    """The person's language: their account's, else the cookie's, else French."""
    available = dict(settings.LANGUAGES)
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        language = user.language
    if language not in available:
        language = settings.LANGUAGE_CODE
    return language


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
