"""Twinning lists as people keep them: partners in several columns, matched by name, city
and country, missing ones created on the map, permissions row by row, undo."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation

from cityties.imports.jobs import run_job
from cityties.imports.models import ImportStatus
from cityties.imports.undo import UndoError, check_undo_job, undo_blockers
from cityties.network import services as partnership_services
from cityties.network.models import Organisation, Partnership
from cityties.network.tests.factories import OrganisationFactory

from .importing import csv_bytes, make_job, row_counts

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "france-us-twinnings.csv"
HEADER = ["city1", "country1", "city2", "country2"]
MAPPING = {
    "partner_1": "city1",
    "partner_1_country": "country1",
    "partner_2": "city2",
    "partner_2_country": "country2",
}
TWINNING = {"defaults": {"kind": "twinning"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def codes(job) -> list[tuple[int, str]]:
    return [(entry["row"], entry["code"]) for entry in job.report]


def run(user, rows, *, options=None, mapping=MAPPING, decisions=None, name="twinnings.csv"):
    job = make_job(
        user,
        "partnerships",
        csv_bytes([HEADER, *rows]),
        name,
        mapping=mapping,
        options={**TWINNING, **(options or {})},
        decisions=decisions,
    )
    run_job(job.pk)
    job.refresh_from_db()
    return job


def test_two_partner_columns_and_a_default_kind_import_a_twinning(staff, caen):
    nashville = OrganisationFactory(
        name="Metro Nashville", city="Nashville", country="US", kind="foreign_city", is_member=False
    )
    job = run(staff, [["Caen", "France", "Nashville", "United States"]])
    assert job.status == ImportStatus.DONE, job.report
    partnership = Partnership.objects.get()
    assert partnership.kind == "twinning"
    assert set(partnership.members.all()) == {caen, nashville}


def test_an_imported_twinning_is_refused_when_created_again_by_hand(staff, caen):
    nashville = OrganisationFactory(
        name="Metro Nashville", city="Nashville", country="US", kind="foreign_city", is_member=False
    )
    job = run(staff, [["Caen", "France", "Nashville", "United States"]])
    assert job.status == ImportStatus.DONE, job.report
    with pytest.raises(partnership_services.DuplicateError):
        partnership_services.check_create_partnership(
            actor=staff, members=[caen, nashville], kind="twinning"
        )
    assert Partnership.objects.count() == 1


def test_a_name_never_matches_across_countries(staff):
    OrganisationFactory(name="Macon", country="US", kind="foreign_city", is_member=False)
    macon_fr = OrganisationFactory(name="Mâcon", country="FR")
    OrganisationFactory(name="Brest", country="BY", kind="foreign_city", is_member=False)
    brest = OrganisationFactory(name="Ville de Brest", country="FR")
    job = run(staff, [["Brest", "France", "Macon", "France"]])
    assert job.status == ImportStatus.DONE, job.report
    assert set(Partnership.objects.get().members.all()) == {brest, macon_fr}


def test_an_ambiguous_match_is_a_row_error_naming_the_candidates(staff, caen):
    OrganisationFactory(
        name="Springfield", country="US", region="Illinois", kind="foreign_city", is_member=False
    )
    OrganisationFactory(
        name="Springfield", country="US", region="Missouri", kind="foreign_city", is_member=False
    )
    job = run(staff, [["Caen", "France", "Springfield", "USA"]])
    assert codes(job) == [(2, "ambiguous_organisation")]
    assert "Illinois" in job.report[0]["message"] and "Missouri" in job.report[0]["message"]


def test_the_region_column_tells_homonyms_apart(staff, caen):
    OrganisationFactory(
        name="Springfield", country="US", region="Missouri", kind="foreign_city", is_member=False
    )
    illinois = OrganisationFactory(
        name="Springfield", country="US", region="IL", kind="foreign_city", is_member=False
    )
    mapping = {**MAPPING, "partner_2_region": "state2"}
    job = make_job(
        staff,
        "partnerships",
        csv_bytes([[*HEADER, "state2"], ["Caen", "France", "Springfield", "USA", "Illinois"]]),
        "t.csv",
        mapping=mapping,
        options=TWINNING,
    )
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.report
    assert illinois in Partnership.objects.get().members.all()


def test_missing_partners_are_created_on_the_map_from_the_gazetteer(staff, caen):
    job = run(
        staff,
        [
            ["Caen", "France", "Nashville", "United States"],
            ["St-Etienne", "France", "Des Moines", "USA"],
        ],
        options={"create_missing": True},
    )
    assert job.status == ImportStatus.DONE, job.report
    nashville = Organisation.objects.get(name="Nashville")
    assert (nashville.kind, nashville.region, nashville.time_zone) == (
        "foreign_city",
        "Tennessee",
        "America/Chicago",
    )
    assert nashville.latitude == pytest.approx(36.17, abs=0.1)
    etienne = Organisation.objects.get(name="St-Etienne")
    assert etienne.kind == "commune" and etienne.city == "Saint-Étienne"
    assert job.outcome["created"] == {"partnerships": 2, "organisations": 3}


def test_a_second_run_of_the_same_file_creates_nothing(staff, caen):
    data = FIXTURE.read_bytes()
    first = make_job(
        staff, "partnerships", data, "twinnings.csv", options={**TWINNING, "create_missing": True}
    )
    run_job(first.pk)
    first.refresh_from_db()
    assert first.status == ImportStatus.DONE, first.report
    before = row_counts()
    second = make_job(
        staff, "partnerships", data, "twinnings.csv", options={**TWINNING, "create_missing": True}
    )
    run_job(second.pk)
    second.refresh_from_db()
    assert second.status == ImportStatus.DONE, second.report
    assert row_counts() == before
    assert second.outcome["created"] == {"partnerships": 0, "organisations": 0}


def test_an_existing_twinning_is_recognised_not_doubled(staff, caen):
    nashville = OrganisationFactory(
        name="Nashville", country="US", kind="foreign_city", is_member=False
    )
    partnership_services.check_create_partnership(
        actor=staff, members=[caen, nashville], kind="twinning"
    )
    job = run(staff, [["Caen", "France", "Nashville", "USA"]])
    assert job.status == ImportStatus.DONE
    assert Partnership.objects.count() == 1


def test_an_unknown_country_goes_to_the_remapping_table_and_is_remapped_once(staff, caen):
    rows = [
        ["Caen", "France", "Cardiff", "Galles du Sud"],
        ["Caen", "France", "Swansea", "Galles du Sud"],
    ]
    refused = run(staff, rows, options={"create_missing": True})
    assert codes(refused) == [(2, "unknown_country"), (3, "unknown_country")]
    job = run(
        staff, rows, options={"create_missing": True, "remap": {"country": {"Galles du Sud": "GB"}}}
    )
    assert job.status == ImportStatus.DONE, job.report
    assert Organisation.objects.get(name="Cardiff").region == "Wales"


def test_only_the_valid_rows_are_imported_when_chosen(staff, caen):
    rows = [["Caen", "France", "Nashville", "USA"], ["Caen", "France", "Atlantis", "Atlantide"]]
    job = run(staff, rows, options={"create_missing": True, "skip_invalid": True})
    assert job.status == ImportStatus.DONE
    assert Partnership.objects.count() == 1
    assert codes(job) == [(3, "unknown_country")]


def test_a_tours_officer_may_not_create_a_french_commune(tours_officer, tours):
    job = run(
        tours_officer, [["Tours", "France", "Blois", "France"]], options={"create_missing": True}
    )
    assert codes(job) == [(2, "forbidden")]
    assert not Organisation.objects.filter(name="Blois").exists()


def test_a_tours_officer_may_create_a_foreign_partner_of_tours(tours_officer, tours):
    job = run(
        tours_officer, [["Tours", "France", "Mobile", "USA"]], options={"create_missing": True}
    )
    assert job.status == ImportStatus.DONE, job.report
    assert Organisation.objects.get(name="Mobile").sponsor is None


def test_an_officers_import_may_not_create_unsponsored_companies(tours_officer):
    data = csv_bytes([["Nom", "Pays", "Type"], ["Acme", "FR", "entreprise"]])
    job = make_job(tours_officer, "organisations", data, "orgs.csv")
    run_job(job.pk)
    job.refresh_from_db()
    assert codes(job) == [(2, "forbidden")]


def test_a_merge_row_may_not_turn_a_company_into_a_member_commune(caen_officer, company):
    data = csv_bytes([["Nom", "Pays", "Type", "Membre"], ["Soyhuce", "FR", "commune", "oui"]])
    job = make_job(caen_officer, "organisations", data, "orgs.csv", decisions={"2": "merge"})
    run_job(job.pk)
    job.refresh_from_db()
    assert codes(job) == [(2, "forbidden")]
    company.refresh_from_db()
    assert (company.kind, company.is_member) == ("company", False)


def test_an_accented_email_the_directory_stores_is_accepted(staff, caen):
    data = csv_bytes(
        [
            ["Prénom", "Nom", "Organisation", "Courriel"],
            ["Hervé", "Lemarchand", "Ville de Caen", "hervé.lemarchand@caen.fr"],
        ]
    )
    job = make_job(staff, "people", data, "people.csv")
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.report


def test_every_imported_record_has_a_history_entry_naming_the_import(staff, caen):
    job = run(staff, [["Caen", "France", "Nashville", "USA"]], options={"create_missing": True})
    nashville = Organisation.objects.get(name="Nashville")
    entry = LogEntry.objects.get_for_object(nashville).get()
    assert entry.actor == staff
    assert entry.additional_data == {"import_job": job.pk, "import_file": "twinnings.csv"}


def test_an_import_is_undone_while_nothing_changed(staff, caen):
    before = row_counts()
    job = run(staff, [["Caen", "France", "Nashville", "USA"]], options={"create_missing": True})
    assert row_counts() != before
    check_undo_job(job, actor=staff)
    assert row_counts() == before
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDONE


def test_undo_says_what_changed_since(staff, caen):
    job = run(staff, [["Caen", "France", "Nashville", "USA"]], options={"create_missing": True})
    partnership = Partnership.objects.get()
    partnership_services.check_add_activity(
        partnership,
        actor=staff,
        kind="visit",
        title="Visite à Nashville",
        start_date="2016-05-01",
    )
    blockers = undo_blockers(job)
    assert any("Visite à Nashville" in reason for reason in blockers)
    with pytest.raises(UndoError):
        check_undo_job(job, actor=staff)
    assert Partnership.objects.exists()


def test_the_report_neutralises_formulas(client_for, staff):
    staff.language = "en"
    staff.save(update_fields=["language"])
    header = '=HYPERLINK("http://evil")'
    data = csv_bytes([[header, "country1"], ["x", "y"]])
    job = make_job(staff, "partnerships", data, "evil.csv", mapping={"partner_1": header})
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    body = client_for(staff).get(reverse("imports:report", args=[job.pk, "csv"])).content
    cells = [c for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for c in row]
    assert cells and not any(c.startswith("=") for c in cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells)


def test_command_line_import_prints_json_and_exits_by_outcome(tmp_path, settings):
    env = {**os.environ, "CITYTIES_VAR_DIR": str(tmp_path), "TASKS_BACKEND": "immediate"}
    env.pop("DATABASE_URL", None)
    cache = Path(settings.VAR_DIR) / "cache"
    if cache.exists():  # the gazetteer's built index, to spare a rebuild
        (tmp_path / "cache").symlink_to(cache)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cityties", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert cli("migrate", "-v0").returncode == 0
    assert cli("demo", "--if-empty").returncode == 0
    args = ["import", "partnerships", str(FIXTURE), "--create-missing", "--json"]
    refused = cli(*args)
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["written"] is False
    done = cli(*args, "--default", "kind=twinning")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["errors"] == [] and report["written"] is True
    assert report["rows"] == 31 and report["created"]["partnerships"] >= 25
    again = json.loads(cli(*args, "--default", "kind=twinning").stdout)
    assert again["created"] == {"partnerships": 0, "organisations": 0}
    assert cli(*args, "--map", "nope=partner_1").returncode == 2


def test_the_dashboard_shows_an_import_as_one_line(client_for, staff, caen):
    staff.language = "en"
    staff.save(update_fields=["language"])
    rows = [["Caen", "France", "Nashville", "USA"], ["Caen", "France", "Mobile", "USA"]]
    run(staff, rows, options={"create_missing": True})
    html = client_for(staff).get(reverse("core:dashboard")).content.decode()
    assert "imported 2 partnerships, 2 organisations from twinnings.csv" in html
    assert "Mobile" not in html  # the records it wrote are not listed one by one


def test_the_atlas_counts_what_it_cannot_draw_and_locate_places_it(client_for, staff, caen):
    staff.language = "en"
    staff.save(update_fields=["language"])
    nowhere = OrganisationFactory(
        name="City of Nashville",
        city="Nashville",
        country="US",
        kind="foreign_city",
        is_member=False,
        latitude=None,
        longitude=None,
    )
    partnership_services.check_create_partnership(
        actor=staff, members=[caen, nowhere], kind="twinning"
    )
    client = client_for(staff)
    html = client.get(reverse("network:atlas")).content.decode()
    assert "1 partnership cannot be drawn" in html
    response = client.post(reverse("network:atlas_locate"))
    assert response.status_code == 302
    nowhere.refresh_from_db()
    assert nowhere.latitude == pytest.approx(36.17, abs=0.1)
    assert nowhere.time_zone == "America/Chicago"
    assert "cannot be drawn" not in client.get(reverse("network:atlas")).content.decode()
