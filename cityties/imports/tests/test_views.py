"""The import pages: upload, mapping, preview, start, progress and report."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cityties.imports.models import ColumnMapping, ImportJob, ImportStatus
from cityties.network.models import Organisation

from .importing import csv_bytes, row_counts, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def staff_client(client_for, staff):
    staff.language = "en"
    staff.save(update_fields=["language"])
    return client_for(staff)


def upload(client, data: bytes, name: str, kind: str = "organisations", source: str = "survey"):
    return client.post(
        reverse("imports:upload"),
        {"kind": kind, "source_name": source, "file": SimpleUploadedFile(name, data)},
    )


def test_viewers_and_company_reps_may_not_import(client_for, viewer, company_rep):
    for user in (viewer, company_rep):
        assert client_for(user).get(reverse("imports:upload")).status_code == 403


def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse("imports:upload")).status_code == 302


def test_full_flow_imports_a_valid_file(staff_client):
    data = xlsx_bytes([["Name", "Country", "City"], ["Nashville", "United States", "Nashville"]])
    response = upload(staff_client, data, "orgs.xlsx")
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:mapping", args=[job.pk])
    page = staff_client.get(response.url)
    assert page.status_code == 200
    assert '<option value="Name" selected>' in page.content.decode()
    response = staff_client.post(
        response.url, {"name": "Name", "country": "Country", "city": "City"}
    )
    assert response.url == reverse("imports:preview", args=[job.pk])
    preview = staff_client.get(response.url)
    assert "Nashville" in preview.content.decode()
    assert "Start the import" in preview.content.decode()
    response = staff_client.post(reverse("imports:preview", args=[job.pk]))
    assert response.url == reverse("imports:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.report
    assert Organisation.objects.get(name="Nashville").country == "US"
    detail = staff_client.get(response.url).content.decode()
    assert "Created: 1 organisation." in detail


def test_preview_lists_errors_and_offers_no_start(staff_client):
    data = csv_bytes([["Nom", "Pays"], ["Nashville", "Atlantis"]])
    upload(staff_client, data, "orgs.csv")
    job = ImportJob.objects.get()
    staff_client.post(reverse("imports:mapping", args=[job.pk]), {"name": "Nom", "country": "Pays"})
    html = staff_client.get(reverse("imports:preview", args=[job.pk])).content.decode()
    assert "Unknown country “Atlantis”." in html
    assert "Start the import" not in html


def test_preview_offers_merge_or_skip_for_duplicates(staff_client, caen):
    before = row_counts()
    data = csv_bytes([["Nom", "Pays", "Site web"], ["VILLE DE CAEN", "FR", "caen.example"]])
    upload(staff_client, data, "orgs.csv")
    job = ImportJob.objects.get()
    staff_client.post(
        reverse("imports:mapping", args=[job.pk]),
        {"name": "Nom", "country": "Pays", "website": "Site web"},
    )
    html = staff_client.get(reverse("imports:preview", args=[job.pk])).content.decode()
    assert 'name="decision_2" value="merge"' in html
    staff_client.post(reverse("imports:preview", args=[job.pk]), {"decision_2": "merge"})
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.report
    caen.refresh_from_db()
    assert caen.website == "https://caen.example"
    assert row_counts() == before


def test_failed_job_shows_report_by_row_and_writes_nothing(staff_client, caen):
    data = csv_bytes(
        [["Prénom", "Nom", "Organisation", "Courriel"], ["A", "B", "Ville de Caen", "nope"]]
    )
    upload(staff_client, data, "people.csv", kind="people")
    job = ImportJob.objects.get()
    staff_client.post(
        reverse("imports:mapping", args=[job.pk]),
        {
            "first_name": "Prénom",
            "last_name": "Nom",
            "organisation": "Organisation",
            "email": "Courriel",
        },
    )
    before = row_counts()
    staff_client.post(reverse("imports:preview", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert row_counts() == before
    html = staff_client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "Refused: nothing was imported." in html
    assert "“nope” is not a valid e-mail address." in html
    report = staff_client.get(reverse("imports:report", args=[job.pk, "csv"]))
    assert "nope" in report.content.decode("utf-8-sig")


def test_mapping_is_saved_and_prefilled_for_the_next_file_of_the_source(staff_client):
    data = csv_bytes([["Collectivité X", "Code"], ["Nashville", "US"]])
    upload(staff_client, data, "a.csv", source="survey")
    job = ImportJob.objects.get()
    staff_client.post(
        reverse("imports:mapping", args=[job.pk]),
        {"name": "Collectivité X", "country": "Code"},
    )
    assert ColumnMapping.objects.get().mapping == {"name": "Collectivité X", "country": "Code"}
    upload(staff_client, data, "b.csv", source="survey")
    second = ImportJob.objects.latest("pk")
    assert second.mapping == {"name": "Collectivité X", "country": "Code"}
    html = staff_client.get(reverse("imports:mapping", args=[second.pk])).content.decode()
    assert '<option value="Collectivité X" selected>' in html


def test_progress_partial_polls_until_finished(staff_client, staff):
    data = csv_bytes([["Nom", "Pays"], ["Nashville", "US"]])
    upload(staff_client, data, "orgs.csv")
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, total_rows=10, processed_rows=4
    )
    html = staff_client.get(reverse("imports:progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<progress id="import-progress-bar" value="40" max="100">' in html
    assert 'aria-live="polite"' in html
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, processed_rows=10)
    response = staff_client.get(reverse("imports:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in response.content.decode()
    assert response["HX-Refresh"] == "true"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("orgs.xls", b"whatever", "Only CSV (.csv), Excel (.xlsx) and JSON (.json) files"),
        ("orgs.xlsx", b"not a zip", "The Excel file is damaged or incomplete"),
        ("orgs.csv", b"Nom,Pays\n", "The file has no data row."),
    ],
)
def test_bad_files_get_a_clear_message(staff_client, name, data, message):
    response = upload(staff_client, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_oversized_upload_gets_a_clear_message(staff_client, settings):
    settings.MAX_UPLOAD_BYTES = 100
    response = upload(staff_client, csv_bytes([["Nom", "Pays"]] + [["x" * 50, "FR"]] * 5), "o.csv")
    assert "The file is too large" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_job_is_private_to_its_author(client_for, staff_client, caen_officer, tours_officer):
    data = csv_bytes([["Nom", "Pays"], ["Nashville", "US"]])
    upload(client_for(caen_officer), data, "orgs.csv")
    job = ImportJob.objects.get()
    assert (
        client_for(tours_officer).get(reverse("imports:detail", args=[job.pk])).status_code == 404
    )
    assert staff_client.get(reverse("imports:detail", args=[job.pk])).status_code == 302


def test_tours_officer_cannot_import_people_into_caen_through_the_pages(
    client_for, tours_officer, caen
):
    client = client_for(tours_officer)
    data = csv_bytes([["Prénom", "Nom", "Organisation"], ["Joël", "Bruneau", "Ville de Caen"]])
    upload(client, data, "people.csv", kind="people")
    job = ImportJob.objects.get()
    client.post(
        reverse("imports:mapping", args=[job.pk]),
        {"first_name": "Prénom", "last_name": "Nom", "organisation": "Organisation"},
    )
    before = row_counts()
    client.post(reverse("imports:preview", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert [e["code"] for e in job.report] == ["forbidden"]
    assert row_counts() == before


def test_the_preview_report_holds_every_error_beyond_the_500_shown(staff_client):
    rows = [["Nom", "Pays"]] + [[f"Ville {i}", "Atlantis"] for i in range(620)]
    upload(staff_client, csv_bytes(rows), "orgs.csv")
    job = ImportJob.objects.get()
    staff_client.post(reverse("imports:mapping", args=[job.pk]), {"name": "Nom", "country": "Pays"})
    body = staff_client.get(reverse("imports:report", args=[job.pk, "xlsx"])).content
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    assert sheet.max_row == 621  # the header and one line per error
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2" and sheet.auto_filter.ref
