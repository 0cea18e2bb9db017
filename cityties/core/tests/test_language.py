import pytest

pytestmark = pytest.mark.django_db


def test_french_is_shown_even_to_an_english_browser(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="fr"' in response.content.decode()


def test_switching_to_english_is_remembered_for_an_anonymous_visitor(client):
    client.post("/language/", {"language": "en", "next": "/accounts/login/"})
    response = client.get("/accounts/login/")
    content = response.content.decode()
    assert '<html lang="en"' in content
    assert "Log in" in content


def test_switching_language_is_stored_on_the_account(client_for, caen_officer):
    client = client_for(caen_officer)
    response = client.post("/language/", {"language": "en", "next": "/dashboard/"})
    assert response.status_code == 302
    caen_officer.refresh_from_db()
    assert caen_officer.language == "en"
    assert '<html lang="en"' in client.get("/dashboard/").content.decode()


def test_language_switch_never_redirects_off_site(client):
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_an_unknown_language_is_ignored(client):
    client.post("/language/", {"language": "xx", "next": "/accounts/login/"})
    assert '<html lang="fr"' in client.get("/accounts/login/").content.decode()
