"""Error pages: the site's layout, the reader's language, a way back; never Django's own."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import include, path
from django.utils import translation

from cityties.core import errorpages

pytestmark = pytest.mark.django_db


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), path("", include("cityties.urls"))]
handler400 = errorpages.bad_request
handler403 = errorpages.permission_denied
handler404 = errorpages.page_not_found
handler500 = errorpages.server_error


def _client(language: str) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize(
    ("language", "text"), [("fr", "Page introuvable"), ("en", "Page not found")]
)
def test_404_is_in_the_layout_and_the_readers_language(settings, language, text):
    assert settings.DEBUG is False
    response = _client(language).get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert text in body
    assert f'<html lang="{language}"' in body
    assert 'class="site-header"' in body
    assert 'href="/"' in body


def test_404_offers_the_page_the_reader_came_from(client):
    response = client.get("/no-such-page/", HTTP_REFERER="http://testserver/dashboard/")
    assert 'href="http://testserver/dashboard/"' in response.content.decode()


def test_404_never_links_back_to_another_site(client):
    response = client.get("/no-such-page/", HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in response.content.decode()


@pytest.mark.parametrize(("language", "text"), [("fr", "Accès refusé"), ("en", "Access denied")])
def test_403_is_in_the_layout_and_the_readers_language(client_for, tours_officer, language, text):
    client = client_for(tours_officer)
    tours_officer.language = language
    tours_officer.save(update_fields=["language"])
    response = client.get("/accounts/users/")
    assert response.status_code == 403
    assert text in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize(("language", "text"), [("fr", "Requête invalide"), ("en", "Bad request")])
def test_400_is_in_the_layout_and_the_readers_language(language, text):
    response = _client(language).get("/accounts/login/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert text in response.content.decode()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("language", "text"), [("fr", "Erreur du serveur"), ("en", "Server error")]
)
def test_500_is_in_the_layout_and_the_readers_language(language, text):
    response = _client(language).get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert text in body
    assert f'<html lang="{language}"' in body
    assert "Traceback" not in body


def test_500_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with translation.override("fr"), django_assert_num_queries(0):
        response = errorpages.server_error(request)
    assert response.status_code == 500
    assert "Erreur du serveur" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"), [("fr", "Le formulaire a expiré"), ("en", "The form has expired")]
)
def test_csrf_failure_is_a_page_of_ours(language, text):
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = language
    response = client.post("/accounts/login/", {"username": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert text in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"), [("fr", "Trop de requêtes"), ("en", "Too many requests")]
)
def test_429_is_in_the_layout_and_the_readers_language(settings, language, text):
    settings.PASSWORD_RESET_LIMIT_PER_HOUR = 0
    response = _client(language).post("/accounts/password-reset/", {"email": "a@example.org"})
    assert response.status_code == 429
    assert text in response.content.decode()
    assert 'class="site-header"' in response.content.decode()
