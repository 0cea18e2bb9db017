"""Each persona's dashboard: what they work on, and the figures that matter."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from cityties.accounts.models import User
from cityties.network import services
from cityties.network.services import partnerships as partnership_services
from cityties.network.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nashville(db):
    return OrganisationFactory(name="Nashville", kind="foreign_city", country="US", is_member=False)


def test_an_officer_sees_its_partnerships(client_for, staff, caen_officer, caen, nashville, tours):
    partnership_services.check_create_partnership(
        actor=caen_officer, members=[caen, nashville], kind="twinning", title="Caen – Nashville"
    )
    other = OrganisationFactory(name="Boston", kind="foreign_city", country="US", is_member=False)
    partnership_services.check_create_partnership(
        actor=staff, members=[tours, other], kind="twinning", title="Tours – Boston"
    )
    content = client_for(caen_officer).get("/dashboard/").content.decode()
    assert "Caen – Nashville" in content
    assert "Tours – Boston" not in content


def test_an_officer_sees_its_open_items(client_for, caen_officer, caen, nashville):
    partnership = partnership_services.check_create_partnership(
        actor=caen_officer,
        members=[caen, nashville],
        kind="twinning",
        title="Caen – Nashville",
        status="dormant",
    )
    content = client_for(caen_officer).get("/dashboard/").content.decode()
    todo = content[content.index('id="h-todo"') :]
    assert "Caen – Nashville" in todo
    assert f"/network/partnerships/{partnership.pk}/activities/new/" in todo


def test_an_officer_with_nothing_yet_sees_empty_sections(client_for, caen_officer):
    content = client_for(caen_officer).get("/dashboard/").content.decode()
    assert "Aucun partenariat enregistré" in content
    assert 'id="h-delegations"' in content
    assert "Rien ne vous attend." in content


def test_staff_see_partnerships_by_kind_and_status_and_this_months_imports(
    client_for, staff, caen, nashville
):
    partnership_services.check_create_partnership(
        actor=staff, members=[caen, nashville], kind="twinning"
    )
    response = client_for(staff).get("/dashboard/")
    assert response.context["figures"]["partnerships"] == 1
    assert response.context["figures"]["imports_this_month"] == 0
    assert response.context["partnerships_by_kind"] == [("Jumelage / ville jumelle", 1)]
    assert response.context["partnerships_by_status"] == [("Actif", 1)]


def test_a_login_is_not_a_recent_change(client_for, staff, caen):
    services.check_update_organisation(caen, actor=staff, city="Caen-la-Mer")
    # A login-only update of an account, as django-auditlog records it when the field
    # is not excluded.
    login = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(staff.pk),
        object_id=staff.pk,
        object_repr=str(staff),
        action=LogEntry.Action.UPDATE,
        changes={"last_login": ["None", "2026-01-05 09:00:00"]},
        actor=staff,
    )
    recent = client_for(staff).get("/dashboard/").context["recent_changes"]
    assert recent[0].object_repr == "Ville de Caen"
    assert login.pk not in [entry.pk for entry in recent]


def test_staff_reach_the_retention_review_from_the_dashboard(client_for, staff, caen_officer):
    page = client_for(staff).get("/dashboard/").content.decode()
    assert 'href="/retention/"' in page
    assert 'href="/retention/"' not in client_for(caen_officer).get("/dashboard/").content.decode()
