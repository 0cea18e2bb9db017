"""The OpenAPI schema is true: schemathesis fuzzes every operation through the WSGI app,
as network staff and as a member city's officer, and checks that no response is a server
error, every status code is documented, and every body matches its declared schema.

Select with `pytest -m openapi`; `OPENAPI_MAX_EXAMPLES` raises the examples per operation
(small by default so the suite stays within a few minutes on two cores).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as fuzzing
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cityties.accounts.models import Role, User
from cityties.accounts.tests.factories import MembershipFactory, UserFactory
from cityties.delegations.models import Delegation
from cityties.delegations.tests.factories import make_delegation
from cityties.events.tests.factories import make_event
from cityties.matchmaking.tests.factories import make_matchmaking
from cityties.meetings.tests.factories import make_full_meeting
from cityties.network.models import Organisation
from cityties.network.tests.factories import (
    CountryGroupFactory,
    OrganisationFactory,
    PersonFactory,
)
from cityties.outcomes.tests.factories import make_outcome_rows
from cityties.pavilion.tests.factories import make_pavilion
from cityties.reception.tests.factories import make_reception_world
from cityties.solidarity.tests.factories import openapi_ids as solidarity_ids

pytestmark = pytest.mark.openapi

MAX_EXAMPLES = int(os.environ.get("OPENAPI_MAX_EXAMPLES", "15"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
API = "/api/network"


def _post(client: Client, url: str, data: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"{API}{url}", json.dumps(data), content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def _seed(client: Client) -> dict[str, list[int]]:
    """A small network made through the API itself, so generated ids can hit real rows."""
    caen = OrganisationFactory(name="Ville de Caen", city="Caen")
    cities = [caen.pk]
    for name, country in [("Würzburg", "DE"), ("Alexandria", "US"), ("Thiès", "SN")]:
        cities.append(
            _post(client, "/organisations", {"name": name, "kind": "commune", "country": country})[
                "id"
            ]
        )
    company = _post(
        client,
        "/organisations",
        {"name": "Soyhuce", "kind": "company", "country": "FR", "sponsor_id": caen.pk},
    )
    person = _post(
        client,
        "/people",
        {
            "first_name": "Joël",
            "last_name": "Bruneau",
            "organisation_id": caen.pk,
            "email": "joel@caen.example",
        },
    )
    partnership = _post(
        client,
        "/partnerships",
        {"partner_ids": cities[:2], "kind": "twinning", "title": "Caen – Würzburg"},
    )
    activity = _post(
        client,
        f"/partnerships/{partnership['id']}/activities",
        {
            "kind": "youth_exchange",
            "title": "Youth exchange",
            "start_date": "2024-05-02",
            "people_involved": 12,
        },
    )
    group = CountryGroupFactory(country="DE")
    group.members.add(caen)
    event = make_event(caen, visibility="network")
    funder = OrganisationFactory(name="Business France", kind="agency", is_member=False)
    delegation = make_delegation(
        event,
        lead=caen,
        company=Organisation.objects.get(pk=company["id"]),
        rep=None,
        funder=funder,
    )
    meeting = make_full_meeting(group, chair=PersonFactory(organisation=caen), approve=False)
    pavilion = make_pavilion(Delegation.objects.get(pk=delegation["delegation"]), funder=funder)
    reception = make_reception_world(Delegation.objects.get(pk=delegation["delegation"]))
    summit = make_event(caen, visibility="network", title_en="City Summit", title_fr="Sommet")
    matchmaking = make_matchmaking(
        summit,
        actor=User.objects.get(email="staff@example.org"),
        lead=caen,
        company=Organisation.objects.get(pk=company["id"]),
    )
    outcomes = make_outcome_rows(delegation["participant"], partnership["id"], caen)
    return {
        "meeting_id": [meeting["meeting"], matchmaking["mm_meeting"]],
        "attendance_id": [meeting["attendance"]],
        "decision_id": [meeting["decision"]],
        "action_id": [meeting["action"]],
        "event_id": [event.pk, matchmaking["mm_event"]],
        "profile_id": [matchmaking["mm_seller"], matchmaking["mm_officer"]],
        "request_id": [matchmaking["mm_pending"], matchmaking["mm_accepted"]],
        "delegation_id": [delegation["delegation"]],
        "participant_id": [delegation["participant"]],
        "item_id": [pavilion["item"]],
        "milestone_id": [delegation["milestone"]],
        "organisation_id": [*cities, company["id"]],
        "person_id": [person["id"]],
        "partnership_id": [partnership["id"]],
        "activity_id": [activity["id"]],
        "group_id": [group.pk],
        **solidarity_ids(caen),
        "reception_id": [reception["reception"]],
        "quota_id": [reception["quota"]],
        "invitation_id": [reception["invitation"]],
        "record_id": [outcomes["record"], outcomes["partnership_record"]],
    }


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """The WSGI app, keeping the test's database connection across requests (as Django's
    test client does): closing it would end the test's transaction on PostgreSQL."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(params=[Role.NETWORK_STAFF, Role.MEMBER_OFFICER])
def persona(request: pytest.FixtureRequest, db: None, settings: Any) -> dict[str, Any]:
    """The session cookie and CSRF token of a staff member or of Caen's officer, and the
    ids of a small network both can read."""
    # A view's exception reaches the test with its traceback instead of a bare 500.
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    staff = UserFactory(email="staff@example.org")
    MembershipFactory(
        user=staff,
        organisation=OrganisationFactory(
            name="Cités Unies France", kind="association", is_member=False
        ),
        role=Role.NETWORK_STAFF,
    )
    seeder = Client()
    seeder.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    ids = _seed(seeder)
    if request.param == Role.NETWORK_STAFF:
        user = staff
    else:
        user = UserFactory(email="caen@example.org")
        MembershipFactory(
            user=user, organisation_id=ids["organisation_id"][0], role=Role.MEMBER_OFFICER
        )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    token = get_random_string(32)
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
        "ids": ids,
    }


def _fold_ids(case: Any, ids: dict[str, list[int]]) -> None:
    """Fold half the generated ids onto seeded rows, so the successful paths are fuzzed
    too and not only the 404s."""
    for name, value in list((case.path_parameters or {}).items()):
        known = ids.get(name)
        if known and isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = known[(value // 2) % len(known)]


def _fuzz(
    operation: Any,
    mode: GenerationMode,
    persona: dict[str, Any],
    found: dict[str, str],
    statuses: set[int],
) -> None:
    """Send the operation's generated cases; record each distinct failure (by operation,
    kind of failure and status) in `found` and go on, so one run lists them all."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @fuzzing(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=[Phase.explicit, Phase.generate],
        derandomize=True,
    )
    def run(case: Any) -> None:
        _fold_ids(case, persona["ids"])
        response = None
        try:
            response = case.call(headers=persona["headers"], cookies=persona["cookies"])
            statuses.add(response.status_code)
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as group:
            for failure in group.exceptions:
                key = f"{operation.label} {failure.code} {response.status_code}"
                found.setdefault(key, f"{key} [{mode}] {failure}")
        except Failure as failure:
            key = f"{operation.label} {failure.code} {response.status_code if response else ''}"
            found.setdefault(key, f"{key} [{mode}] {failure}")
        except Exception as exc:  # the view raised: a 500 in production
            key = f"{operation.label} 500 {type(exc).__name__}"
            found.setdefault(key, f"{key} [{mode}] {exc!r} from {case.as_curl_command()}")

    run()


def test_api_conforms_to_its_schema(persona: dict[str, Any], wsgi_app: WSGIHandler) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    found: dict[str, str] = {}
    unreached = []
    for result in schema.get_all_operations():
        operation = result.ok()
        statuses: set[int] = set()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, persona, found, statuses)
        if operation.method.upper() == "GET" and not any(200 <= s < 300 for s in statuses):
            unreached.append(operation.label)
    assert not found, f"{len(found)} failures:\n\n" + "\n\n".join(sorted(found.values()))
    # The fuzzing reached the API as an authenticated user, and the seeded rows.
    assert not unreached, f"No successful response from {unreached}"
