"""Personas shared by every test: the staff, two member cities' officers, a company
representative sponsored by Caen, and a partner viewer; the organisations and people
they act on."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from cityties.accounts.models import Role, User
from cityties.accounts.tests.factories import MembershipFactory, UserFactory
from cityties.network.models import Organisation, Person
from cityties.network.tests.factories import OrganisationFactory, PersonFactory, foreign_city


@pytest.fixture
def federation(db) -> Organisation:
    return OrganisationFactory(name="Cités Unies France", kind="association", is_member=False)


@pytest.fixture
def caen(db) -> Organisation:
    return OrganisationFactory(name="Ville de Caen", city="Caen", latitude=49.18, longitude=-0.37)


@pytest.fixture
def tours(db) -> Organisation:
    return OrganisationFactory(name="Ville de Tours", city="Tours", latitude=47.39, longitude=0.68)


@pytest.fixture
def company(caen) -> Organisation:
    return OrganisationFactory(name="Soyhuce", kind="company", is_member=False, sponsor=caen)


@pytest.fixture
def ministry(db) -> Organisation:
    return OrganisationFactory(name="MAEDI — DAECT", kind="ministry", is_member=False)


@pytest.fixture
def nashville(db) -> Organisation:
    """Caen's partner city in the United States."""
    return foreign_city("Nashville")


@pytest.fixture
def joel(caen) -> Person:
    """A person of Caen: Caen's officer and staff read his details, Tours' do not."""
    return PersonFactory(
        first_name="Joël",
        last_name="Bruneau",
        organisation=caen,
        email="joel@caen.example",
        phone="+33 2 31 30 41 00",
    )


def _user(org: Organisation, role: str, email: str) -> User:
    user = UserFactory(email=email, full_name=email.split("@")[0].title())
    MembershipFactory(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def staff(federation) -> User:
    return _user(federation, Role.NETWORK_STAFF, "staff@example.org")


@pytest.fixture
def caen_officer(caen) -> User:
    return _user(caen, Role.MEMBER_OFFICER, "caen@example.org")


@pytest.fixture
def tours_officer(tours) -> User:
    return _user(tours, Role.MEMBER_OFFICER, "tours@example.org")


@pytest.fixture
def company_rep(company) -> User:
    return _user(company, Role.COMPANY_REP, "rep@example.org")


@pytest.fixture
def viewer(ministry) -> User:
    return _user(ministry, Role.PARTNER_VIEWER, "viewer@example.org")


@pytest.fixture
def client_for(db) -> Callable[[User | None], Client]:
    """A test client logged in as the given user (anonymous for None)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


class _Inbox:
    """Messages received by the test SMTP server, as (envelope recipients, parsed message)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Any]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def bodies_to(self, address: str) -> list[str]:
        return [
            message.get_body(preferencelist=("plain",)).get_content()
            for rcpts, message in self.messages
            if address in rcpts
        ]


@pytest.fixture
def smtp_inbox(settings) -> Iterator[_Inbox]:
    """A real SMTP server (aiosmtpd) on a free loopback port; Django's mail goes to it."""
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    try:
        yield inbox
    finally:
        controller.stop()


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The media folder of the demo a module loaded once (`demo_data`), while it is loaded.
_demo_media: list[Any] = []


@pytest.fixture(autouse=True)
def _private_media_root(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Uploads made by tests land in a temporary directory, never in the real var/media;
    # under a module's demo, in the demo's own, where its files are.
    settings.MEDIA_ROOT = _demo_media[-1] if _demo_media else tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The default hasher costs about a second per user; tests need many users.
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="module")
def demo_data(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """The demo scenario loaded once for a module's tests (it takes seconds): in a
    transaction rolled back after the module's last test, each test in a savepoint of
    it, so every test still sees the demo as loaded and nothing else."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        call_command("demo", "--quiet")
        _demo_media.append(media)
        try:
            yield
        finally:
            _demo_media.pop()
            transaction.set_rollback(True)
