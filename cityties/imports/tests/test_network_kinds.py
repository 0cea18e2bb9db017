"""Imports are all-or-nothing: one bad row and nothing at all is written."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

import pytest
from django.utils import translation

from cityties.core.countries import resolve_country
from cityties.imports.fields import parse_date
from cityties.imports.jobs import run_job
from cityties.imports.mapping import guess_mapping, initial_mapping, save_mapping
from cityties.imports.models import ColumnMapping, ImportStatus
from cityties.imports.reading import ImportFileError, check_upload, read_table
from cityties.imports.registry import get_kind
from cityties.imports.validation import Options
from cityties.network.models import Organisation, Partnership, PartnershipMember, Person, Theme
from cityties.network.tests.factories import OrganisationFactory, PersonFactory

from .importing import csv_bytes, file_bytes, make_job, row_counts

pytestmark = pytest.mark.django_db

ORG_HEADER = ["Nom", "Pays", "Type", "Ville", "Courriel", "Latitude", "Longitude"]
PERSON_HEADER = ["Prénom", "Nom", "Organisation", "Courriel", "Fonction"]
PARTNERSHIP_HEADER = ["Partenaires", "Type", "Statut", "Date de signature", "Thèmes"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def codes(job) -> list[tuple[int, str]]:
    return [(entry["row"], entry["code"]) for entry in job.report]


# --- Reading and mapping --------------------------------------------------------------------


def test_csv_with_bom_and_semicolons_is_read():
    data = "\ufeffNom;Pays\nVille de Caen;France\n".encode()
    table = read_table(data, "orgs.csv")
    assert table.headers == ["Nom", "Pays"]
    assert table.rows == [(2, ["Ville de Caen", "France"])]


def test_cp1252_csv_with_commas_is_read():
    data = "Nom,Pays\nSaint-Étienne,France\n".encode("cp1252")
    table = read_table(data, "orgs.csv")
    assert table.rows[0][1] == ["Saint-Étienne", "France"]


def test_blank_rows_are_skipped_but_row_numbers_follow_the_sheet():
    table = read_table(csv_bytes([["Nom", "Pays"], ["A", "FR"], ["", ""], ["B", "US"]]), "x.csv")
    assert [number for number, _ in table.rows] == [2, 4]


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"Nom\n", "x.csv", "empty_file"),
        (b"PK\x03\x04garbage", "x.xlsx", "unreadable_file"),
        (b"PK\x03\x04garbage", "x.csv", "unreadable_file"),
        (b"Nom\nA\n", "x.xls", "bad_extension"),
    ],
)
def test_unreadable_files_are_refused_with_a_code(data, name, code):
    with pytest.raises(ImportFileError) as caught:
        read_table(data, name)
    assert caught.value.code == code


def test_oversized_upload_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ImportFileError) as caught:
        check_upload("orgs.csv", 1001)
    assert caught.value.code == "file_too_large"


def test_mapping_is_guessed_from_french_and_english_headers():
    assert guess_mapping("organisations", ["Nom", "Pays", "Courriel"]) == {
        "name": "Nom",
        "country": "Pays",
        "email": "Courriel",
    }
    assert guess_mapping("organisations", ["Name", "Country", "E-mail"]) == {
        "name": "Name",
        "country": "Country",
        "email": "E-mail",
    }
    people = guess_mapping("people", ["Prénom", "Nom", "Organisation"])
    assert people == {"first_name": "Prénom", "last_name": "Nom", "organisation": "Organisation"}


def test_saved_mapping_is_reused_for_the_same_source(caen):
    headers = ["Collectivité X", "Code ISO", "Autre"]
    assert "name" not in guess_mapping("organisations", headers)
    save_mapping(
        "organisations",
        "annuaire",
        caen,
        {"name": "Collectivité X", "country": "Code ISO"},
    )
    mapping = initial_mapping("organisations", headers, "annuaire", caen)
    assert mapping["name"] == "Collectivité X"
    assert mapping["country"] == "Code ISO"
    # Another source starts from guesses again.
    assert "name" not in initial_mapping("organisations", headers, "other", caen)
    # Saving again updates the one saved mapping rather than adding another.
    save_mapping("organisations", "annuaire", caen, {"name": "Autre"})
    assert ColumnMapping.objects.count() == 1


def test_country_and_date_parsing():
    assert resolve_country("États-Unis") == "US"
    assert resolve_country("united states") == "US"
    assert resolve_country("de") == "DE"
    assert resolve_country("Allemagne") == "DE"
    assert resolve_country("Atlantis") is None
    assert parse_date("30/03/2016") == date(2016, 3, 30)
    assert parse_date("2016-03-30") == date(2016, 3, 30)
    assert parse_date("31/02/2016") is None
    assert parse_date("March 2016") is None


# --- All or nothing ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_file_with_a_bad_date_an_unknown_country_and_a_duplicate_writes_nothing(staff, caen, fmt):
    rows = [
        ORG_HEADER,
        ["Nashville", "US", "foreign_city", "Nashville", "", "36.16", "-86.78"],
        ["Atlantis City", "Atlantis", "foreign_city", "", "", "", ""],
        ["Pittsburgh", "États-Unis", "Foreign city", "Pittsburgh", "bad@", "", ""],
        ["nashville", "us", "foreign_city", "", "", "", ""],
    ]
    data, name = file_bytes(rows, fmt)
    before = row_counts()
    job = make_job(staff, "organisations", data, name)
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert codes(job) == [(3, "unknown_country"), (4, "invalid_email"), (5, "duplicate_in_file")]
    assert job.report[0]["column"] == "Pays"
    assert "Atlantis" in job.report[0]["message"]
    assert row_counts() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_bad_date_fails_the_whole_partnership_file(staff, caen, tours, fmt):
    OrganisationFactory(name="Nashville", country="US", kind="foreign_city")
    rows = [
        PARTNERSHIP_HEADER,
        ["Ville de Caen / Nashville", "Jumelage", "actif", "30/03/2016", ""],
        ["Ville de Tours / Nashville", "twinning", "active", "2016-13-45", ""],
    ]
    data, name = file_bytes(rows, fmt)
    before = row_counts()
    job = make_job(staff, "partnerships", data, name)
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert codes(job) == [(3, "invalid_date")]
    assert job.report[0]["column"] == "Date de signature"
    assert row_counts() == before


def test_a_missing_required_column_is_reported_on_the_header_row(staff):
    data = csv_bytes([["Nom", "Ville"], ["Nashville", "Nashville"]])
    before = row_counts()
    job = make_job(staff, "organisations", data, "orgs.csv")
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert codes(job) == [(1, "missing_column")]
    assert job.report[0]["column"] == "Pays"  # the importer works in French
    assert row_counts() == before


def test_errors_are_reported_in_the_importers_language(staff):
    staff.language = "fr"
    staff.save()
    data = csv_bytes([["Nom", "Pays"], ["Nashville", "Atlantide"]])
    job = make_job(staff, "organisations", data, "orgs.csv")
    run_job(job.pk)
    job.refresh_from_db()
    assert job.report[0]["code"] == "unknown_country"
    assert "Atlantide" in job.report[0]["message"]


def test_unknown_organisation_of_a_person_is_an_error(staff, caen):
    data = csv_bytes([PERSON_HEADER, ["Joël", "Bruneau", "Ville de Nulle Part", "", "Maire"]])
    before = row_counts()
    job = make_job(staff, "people", data, "people.csv")
    run_job(job.pk)
    job.refresh_from_db()
    assert codes(job) == [(2, "unknown_organisation")]
    assert row_counts() == before


# --- Valid files ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_valid_organisation_file_imports_every_row(staff, fmt):
    rows: list[list[Any]] = [
        ORG_HEADER,
        ["Nashville", "États-Unis", "Ville étrangère", "Nashville", "", "36,16", "-86.78"],
        ["Pittsburgh", "US", "foreign_city", "Pittsburgh", "info@pittsburgh.example", 40.44, -80],
        ["Ville de Caen", "France", "commune", "Caen", "", "", ""],
    ]
    data, name = file_bytes(rows, fmt)
    job = make_job(staff, "organisations", data, name)
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.report
    assert (job.created_count, job.updated_count) == (3, 0)
    assert job.processed_rows == job.total_rows == 3
    nashville = Organisation.objects.get(name="Nashville")
    assert (nashville.country, nashville.latitude) == ("US", 36.16)
    assert Organisation.objects.get(name="Pittsburgh").email == "info@pittsburgh.example"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_valid_partnership_file_imports_partners_and_themes(staff, caen, tours, fmt):
    Theme.objects.create(code="economy", label_fr="Économie", label_en="Economy")
    Theme.objects.create(code="memory", label_fr="Mémoire", label_en="Memory")
    OrganisationFactory(name="Nashville", country="US", kind="foreign_city")
    OrganisationFactory(name="Atlanta", country="US", kind="foreign_city")
    rows = [
        PARTNERSHIP_HEADER,
        ["Ville de Caen / Nashville", "Jumelage", "actif", "30/03/2016", "economy; Mémoire"],
        ["Ville de Tours;Atlanta;Nashville", "Memorandum", "", "2015-06-01", ""],
    ]
    data, name = file_bytes(rows, fmt)
    job = make_job(staff, "partnerships", data, name)
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.report
    caen_nashville = Partnership.objects.get(memberships__organisation=caen)
    assert caen_nashville.kind == "twinning"
    assert caen_nashville.signed_on == date(2016, 3, 30)
    assert caen_nashville.title == "Ville de Caen \u2013 Nashville"
    assert sorted(caen_nashville.themes.values_list("code", flat=True)) == ["economy", "memory"]
    trio = Partnership.objects.get(memberships__organisation=tours)
    assert trio.memberships.count() == 3
    assert trio.status == "active"


def test_a_valid_people_file_imports_people_with_consent(staff, caen):
    rows = [
        [*PERSON_HEADER, "Consentement", "Date du consentement"],
        ["Joël", "Bruneau", "ville de caen", "JOEL@caen.example", "Maire", "oui", "01/03/2016"],
        ["Anne", "Martin", "Ville de Caen", "", "", "non", ""],
    ]
    job = make_job(staff, "people", csv_bytes(rows), "people.csv")
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.report
    joel = Person.objects.get(last_name="Bruneau")
    assert (joel.organisation, joel.email, joel.consent_given) == (caen, "joel@caen.example", True)
    assert joel.consent_date is not None and joel.consent_date.date() == date(2016, 3, 1)


# --- Duplicates of the database ------------------------------------------------------------


def test_preview_lists_database_duplicates_for_a_decision(staff, caen):
    data = csv_bytes(
        [["Nom", "Pays", "Ville"], ["VILLE DE CAEN", "FR", "Caen"], ["Rouen", "FR", ""]]
    )
    table = read_table(data, "x.csv")
    result = get_kind("organisations").validate(
        table, guess_mapping("organisations", table.headers), user=staff, options=Options()
    )
    assert result.ok
    assert [(d.row, d.existing_id) for d in result.duplicates] == [(2, caen.pk)]


def test_an_undecided_duplicate_is_skipped_never_doubled(staff, caen):
    data = csv_bytes([["Nom", "Pays"], ["Ville de Caen", "FR"], ["Rouen", "FR"]])
    job = make_job(staff, "organisations", data, "x.csv")
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.report
    assert Organisation.objects.filter(country="FR", name__icontains="caen").count() == 1
    assert Organisation.objects.filter(name="Rouen").exists()


def test_merge_updates_the_existing_record_and_skip_leaves_it(staff, caen, tours):
    data = csv_bytes(
        [
            ["Nom", "Pays", "Site web"],
            ["Ville de Caen", "FR", "https://caen.example"],
            ["Ville de Tours", "FR", "https://tours.example"],
            ["Rouen", "FR", ""],
        ]
    )
    job = make_job(staff, "organisations", data, "x.csv", decisions={"2": "merge", "3": "skip"})
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.report
    assert (job.created_count, job.updated_count) == (1, 1)
    caen.refresh_from_db()
    tours.refresh_from_db()
    assert caen.website == "https://caen.example"
    assert tours.website == ""
    assert Organisation.objects.filter(name__iexact="ville de caen").count() == 1


def test_people_are_matched_by_email(staff, caen):
    person = cast(Person, PersonFactory(organisation=caen, email="joel@caen.example", function=""))
    data = csv_bytes(
        [PERSON_HEADER, ["Joël", "Bruneau", "Ville de Caen", "Joel@Caen.example", "Maire"]]
    )
    job = make_job(staff, "people", data, "p.csv", decisions={"2": "merge"})
    run_job(job.pk)
    person.refresh_from_db()
    assert person.function == "Maire"
    assert Person.objects.count() == 1


def test_partnerships_are_matched_by_partner_set_and_kind(staff, caen):
    nashville = cast(
        Organisation, OrganisationFactory(name="Nashville", country="US", kind="foreign_city")
    )
    existing = Partnership.objects.create(title="Caen - Nashville", kind="twinning")
    existing.memberships.create(organisation=caen)
    existing.memberships.create(organisation=nashville)
    data = csv_bytes(
        [PARTNERSHIP_HEADER, ["Nashville / Ville de Caen", "twinning", "dormant", "", ""]]
    )
    job = make_job(staff, "partnerships", data, "p.csv", decisions={"2": "merge"})
    run_job(job.pk)
    job.refresh_from_db()
    assert (job.created_count, job.updated_count) == (0, 1)
    existing.refresh_from_db()
    assert existing.status == "dormant"
    assert Partnership.objects.count() == 1


# --- Rights -------------------------------------------------------------------------------


def test_a_tours_officer_cannot_import_people_into_caen(tours_officer, caen, tours):
    data = csv_bytes(
        [
            PERSON_HEADER,
            ["Anne", "Martin", "Ville de Tours", "anne@tours.example", ""],
            ["Joël", "Bruneau", "Ville de Caen", "joel@caen.example", ""],
        ]
    )
    before = row_counts()
    job = make_job(tours_officer, "people", data, "p.csv")
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert codes(job) == [(3, "forbidden")]
    assert row_counts() == before


def test_an_officer_imports_only_partnerships_of_their_organisation(caen_officer, caen, tours):
    OrganisationFactory(name="Nashville", country="US", kind="foreign_city")
    data = csv_bytes(
        [
            PARTNERSHIP_HEADER,
            ["Ville de Caen / Nashville", "twinning", "", "", ""],
            ["Ville de Tours / Nashville", "twinning", "", "", ""],
        ]
    )
    job = make_job(caen_officer, "partnerships", data, "p.csv")
    run_job(job.pk)
    job.refresh_from_db()
    assert codes(job) == [(3, "own_organisation_required")]
    assert Partnership.objects.count() == 0


def test_a_failing_write_leaves_nothing_behind(staff, caen, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(PartnershipMember.objects, "bulk_create", boom)
    OrganisationFactory(name="Nashville", country="US", kind="foreign_city")
    data = csv_bytes([PARTNERSHIP_HEADER, ["Ville de Caen / Nashville", "twinning", "", "", ""]])
    before = row_counts()
    job = make_job(staff, "partnerships", data, "p.csv")
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert codes(job) == [(0, "write_failed")]
    assert row_counts() == before
