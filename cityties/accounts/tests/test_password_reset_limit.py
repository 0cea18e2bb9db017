"""Password reset requests are limited per e-mail address and per client address."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _ask(client, email: str, ip: str = "192.0.2.1"):
    return client.post("/accounts/password-reset/", {"email": email}, REMOTE_ADDR=ip)


def test_five_requests_an_hour_for_one_address_then_429(client, caen_officer):
    statuses = [_ask(client, caen_officer.email, ip=f"192.0.2.{i}").status_code for i in range(6)]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def test_the_limit_counts_the_address_whatever_its_case(client, caen_officer):
    for i in range(5):
        _ask(client, caen_officer.email.upper(), ip=f"192.0.2.{i}")
    assert _ask(client, caen_officer.email, ip="192.0.2.99").status_code == 429


def test_one_client_cannot_probe_many_addresses(client):
    statuses = [_ask(client, f"someone{i}@example.org").status_code for i in range(6)]
    assert statuses == [302] * 5 + [429]


def test_another_client_and_address_are_not_held_up(client, caen_officer):
    for i in range(6):
        _ask(client, f"someone{i}@example.org")
    assert _ask(client, caen_officer.email, ip="198.51.100.7").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(5):
        client.post(
            "/accounts/password-reset/",
            {"email": f"x{i}@example.org"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        )
    response = client.post(
        "/accounts/password-reset/",
        {"email": "y@example.org"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )
    assert response.status_code == 302
