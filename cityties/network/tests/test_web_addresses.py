"""Only http(s) websites are accepted, and only they become links."""

from __future__ import annotations

import json

import pytest

from cityties.network import services
from cityties.network.models import Organisation
from cityties.network.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

EVIL = "javascript:alert(document.cookie)"


def post_json(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_the_api_refuses_a_javascript_website_on_create(client_for, staff):
    response = post_json(
        client_for(staff),
        "post",
        "/api/network/organisations",
        {"name": "Evil City", "kind": "foreign_city", "country": "US", "website": EVIL},
    )
    assert response.status_code in (400, 422)
    assert not Organisation.objects.filter(name="Evil City").exists()


def test_the_api_refuses_a_javascript_website_on_change(client_for, staff, caen):
    response = post_json(
        client_for(staff), "patch", f"/api/network/organisations/{caen.pk}", {"website": EVIL}
    )
    assert response.status_code in (400, 422)
    caen.refresh_from_db()
    assert caen.website == ""


def test_the_service_refuses_a_non_web_scheme(staff):
    with pytest.raises(services.DirectoryError) as refused:
        services.check_create_organisation(
            actor=staff, name="Data City", kind="foreign_city", country="US", website="data:,x"
        )
    assert refused.value.code == "invalid_url"


def test_the_form_refuses_a_javascript_website(client_for, staff, caen):
    response = client_for(staff).post(
        f"/network/organisations/{caen.pk}/edit/",
        {"name": caen.name, "kind": caen.kind, "country": "FR", "website": EVIL},
    )
    assert response.status_code == 200
    caen.refresh_from_db()
    assert caen.website == ""


def test_a_stored_javascript_website_is_shown_as_text_not_a_link(client_for, staff):
    # Written before the rule existed: the page must not turn it into a link.
    organisation = OrganisationFactory(name="Legacy")
    Organisation.objects.filter(pk=organisation.pk).update(website=EVIL)
    content = client_for(staff).get(f"/network/organisations/{organisation.pk}/").content.decode()
    assert EVIL in content
    assert f'href="{EVIL}"' not in content


def test_an_https_website_is_a_link(client_for, staff):
    organisation = OrganisationFactory(name="Good", website="https://www.caen.fr/")
    content = client_for(staff).get(f"/network/organisations/{organisation.pk}/").content.decode()
    assert 'href="https://www.caen.fr/"' in content
