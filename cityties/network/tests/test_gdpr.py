"""GDPR: a person's data is exportable in full and erasable everywhere."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from cityties.accounts.models import Invitation, Membership
from cityties.accounts.tests.factories import UserFactory
from cityties.network import services
from cityties.network.access import visible_people
from cityties.network.models import Person
from cityties.network.tests.factories import CountryGroupFactory

EMAIL = "zebulon.quartermain@caen.example"
OLD_PHONE = "+33611223344"  # stored as typed: E.164
PHONE = "+33698765432"
ACCOUNT_EMAIL = "zq.account@caen.example"
FIRST, LAST = "Zébulon", "Quartermain"


@pytest.fixture
def account(caen):
    user = UserFactory(email=ACCOUNT_EMAIL, full_name=f"{FIRST} {LAST}")
    Membership.objects.create(user=user, organisation=caen, role="member_officer")
    Invitation.objects.create(
        email=ACCOUNT_EMAIL,
        full_name=user.full_name,
        organisation=caen,
        role="member_officer",
        accepted_user=user,
    )
    return user


@pytest.fixture
def person(staff, caen, account):
    person = services.check_create_person(
        actor=staff,
        organisation=caen,
        civility="mr",
        first_name=FIRST,
        last_name=LAST,
        function="Head of international relations",
        email=EMAIL,
        phone=OLD_PHONE,
        languages="fr,en",
        consent_given=True,
        user=account,
    )
    return services.check_update_person(person, actor=staff, phone=PHONE)


@pytest.fixture
def presided_group(staff, caen, person, federation):
    group = CountryGroupFactory(name="Groupe-pays États-Unis", country="US", federation=federation)
    services.check_add_group_member(group, caen, actor=staff)
    services.check_set_group_president(group, person, actor=staff)
    return group


def tables_containing(value: str) -> list[str]:
    """Every (table.column) of the database whose text contains `value`."""
    variants = {value.lower(), json.dumps(value)[1:-1].lower()}
    hits = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            # The columns from the cursor, not the backend's introspection: SQLite's
            # cannot parse a table whose CHECK holds a list ("step IN (0, 6, 12)").
            cursor.execute(f"SELECT * FROM {quote(table)} WHERE 1 = 0")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for column in columns:
                for variant in variants:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quote(table)} "  # noqa: S608
                        f"WHERE LOWER(CAST({quote(column)} AS TEXT)) LIKE %s",
                        [f"%{variant}%"],
                    )
                    if cursor.fetchone()[0]:
                        hits.append(f"{table}.{column}")
    return hits


# --- export ---------------------------------------------------------------------------


def test_export_contains_every_personal_value(person):
    data = services.export_person_data(person)["person"]
    assert (data["first_name"], data["last_name"]) == (FIRST, LAST)
    assert (data["email"], data["phone"], data["languages"]) == (EMAIL, PHONE, "fr,en")
    assert data["civility"] == "mr"
    assert data["function"] == "Head of international relations"
    assert data["consent_given"] is True
    assert data["consent_date"]


def test_export_names_the_organisation(person, caen):
    assert services.export_person_data(person)["organisation"]["name"] == caen.name


def test_export_contains_the_linked_account(person, account):
    data = services.export_person_data(person)["user_account"]
    assert data["email"] == ACCOUNT_EMAIL
    assert data["full_name"] == f"{FIRST} {LAST}"
    assert data["language"] == "fr"
    assert "last_login" in data
    assert data["memberships"][0]["role"] == "member_officer"
    assert data["invitations"][0]["email"] == ACCOUNT_EMAIL


def test_export_contains_every_audit_entry_about_the_person(person):
    data = services.export_person_data(person)
    assert len(data["audit_log"]) == 2
    assert data["audit_log"][1]["changes"]["phone"] == [OLD_PHONE, PHONE]


def test_export_contains_rows_referencing_the_person(person, presided_group):
    related = services.export_person_data(person)["related"]
    assert [row["id"] for row in related["network.CountryGroup.president"]] == [presided_group.pk]
    assert related["network.CountryGroup.staff_lead"] == []


def test_export_is_json_serialisable(person, presided_group):
    json.dumps(services.export_person_data(person))


def test_export_by_an_actor_is_recorded_as_an_access(person, staff):
    services.export_person_data(person, actor=staff)
    entry = LogEntry.objects.get_for_object(person).filter(action=LogEntry.Action.ACCESS).get()
    assert entry.actor == staff


# --- erasure --------------------------------------------------------------------------


@pytest.fixture
def traces(person, account, caen):
    """Records made elsewhere with the person's identity: login attempts, admin log, and
    changes the person made as an actor."""
    AccessLog.objects.create(username=ACCOUNT_EMAIL, ip_address="127.0.0.1", user_agent="x")
    AccessAttempt.objects.create(
        username=ACCOUNT_EMAIL,
        ip_address="127.0.0.1",
        user_agent="x",
        get_data="",
        post_data=f"username={ACCOUNT_EMAIL}",
        failures_since_start=1,
    )
    AdminLogEntry.objects.log_actions(
        user_id=account.pk, queryset=[person], action_flag=CHANGE, change_message="edited"
    )
    services.check_update_organisation(caen, actor=account, description="Updated by the person")


def test_erase_leaves_no_personal_value_anywhere_in_the_database(
    person, presided_group, traces, staff
):
    values = (EMAIL, ACCOUNT_EMAIL, FIRST, LAST, f"{FIRST} {LAST}", PHONE, OLD_PHONE)
    assert all(tables_containing(value) for value in values)  # the search does find them
    services.erase_person(person, staff)
    for value in values:
        assert tables_containing(value) == [], value


def test_erase_blanks_the_person_record(person, staff):
    services.erase_person(person, staff)
    person.refresh_from_db()
    assert person.full_name == "Personne effacée"
    assert (person.email, person.phone, person.languages, person.function) == ("", "", "", "")
    assert person.consent_given is False
    assert person.consent_date is None
    assert person.erased_at is not None


def test_erase_deactivates_and_anonymises_the_linked_account(person, account, staff):
    services.erase_person(person, staff)
    account.refresh_from_db()
    assert account.is_active is False
    assert account.email != ACCOUNT_EMAIL
    assert account.full_name == "Personne effacée"
    assert not account.has_usable_password()


def test_erase_keeps_the_audit_entries_about_the_person(person, staff):
    entries = LogEntry.objects.get_for_object(person)
    before = entries.count()
    services.erase_person(person, staff)
    # The erasure is itself an audited change, by the staff member.
    assert entries.count() == before + 1
    assert entries.latest("timestamp").actor == staff


def test_erase_clears_group_roles(person, presided_group, staff):
    services.erase_person(person, staff)
    presided_group.refresh_from_db()
    assert presided_group.president is None


def test_erased_person_is_no_longer_listed(person, staff):
    services.erase_person(person, staff)
    assert not visible_people(staff).filter(pk=person.pk).exists()
    assert Person.objects.filter(pk=person.pk).exists()


def test_erasing_twice_is_refused(person, staff):
    services.erase_person(person, staff)
    with pytest.raises(services.DirectoryError) as error:
        services.erase_person(person, staff)
    assert error.value.code == "erased"


def test_erase_does_not_touch_other_peoples_audit_entries(person, staff, caen):
    other = services.check_create_person(
        actor=staff,
        organisation=caen,
        first_name="Sonia",
        last_name="de la Provôté",
        email="sonia@caen.example",
    )
    services.erase_person(person, staff)
    entry = LogEntry.objects.get_for_object(other).get()
    assert entry.changes["email"] == ["None", "sonia@caen.example"]
    assert ContentType.objects.get_for_model(other) == entry.content_type
