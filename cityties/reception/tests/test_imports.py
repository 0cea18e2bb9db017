"""Guests imported with the shared import engine (kind `guests`), checked like the pages."""

from __future__ import annotations

import pytest

from cityties.imports.jobs import run_job, validate_job
from cityties.imports.models import ImportStatus
from cityties.imports.undo import check_undo_job

from ..models import Invitation, Quota

pytestmark = pytest.mark.django_db

CSV = (
    "Nom;Organisation;Fonction;Courriel;Langue\n"
    "Mary Smith;City of Pittsburgh;Mayor's office;mary@pittsburgh.example;anglais\n"
    "Hélène Dubois;Consulat de France;Consule;helene@consulat.example;français\n"
)


def _job(client, quota, content: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/reception/quotas/{quota.pk}/import/",
        {"file": SimpleUploadedFile("guests.csv", content.encode())},
    )
    assert response.status_code == 302, response.content
    from cityties.imports.models import ImportJob

    job = ImportJob.objects.latest("pk")
    job.status = ImportStatus.MAPPED
    job.save()
    return job


def test_a_file_of_guests_lands_on_the_quota(quota, caen_officer, client_for):
    job = _job(client_for(caen_officer), quota, CSV)
    assert job.options["defaults"] == {"reception": str(quota.reception_id), "exhibitor": "Soyhuce"}
    assert run_job(job.pk)["status"] == "done"
    guests = Invitation.objects.filter(quota=quota).order_by("name_key")
    assert [(g.name, g.language) for g in guests] == [
        ("Hélène Dubois", "fr"),
        ("Mary Smith", "en"),
    ]
    assert Quota.objects.get(pk=quota.pk).named == 2


def test_rows_beyond_the_quota_are_refused_with_nothing_written(quota, caen_officer, client_for):
    rows = "".join(f"Guest {n};;;g{n}@example.org;en\n" for n in range(6))
    job = _job(
        client_for(caen_officer), quota, "Nom;Organisation;Fonction;Courriel;Langue\n" + rows
    )
    result = run_job(job.pk)
    assert result["status"] == "failed"
    job.refresh_from_db()
    assert {e["code"] for e in job.report} == {"quota_full"}
    assert not Invitation.objects.exists()


def test_an_officer_cannot_import_on_another_city_quota(
    reception, tours_city, staff, tours_officer, caen_officer, client_for
):
    from .. import services as svc

    quota = svc.check_set_quota(reception, actor=staff, participant=tours_city, size=5)
    job = _job(client_for(tours_officer), quota, CSV)
    job.options["defaults"]["exhibitor"] = "Soyhuce"
    job.save()
    from cityties.imports.jobs import load_job_table

    result = validate_job(job, load_job_table(job), user=tours_officer)
    assert {e.code for e in result.errors} == {"unknown_quota"}


def test_undoing_the_import_frees_the_places(quota, caen_officer, client_for):
    job = _job(client_for(caen_officer), quota, CSV)
    run_job(job.pk)
    job.refresh_from_db()
    check_undo_job(job, actor=caen_officer)
    assert Quota.objects.get(pk=quota.pk).named == 0 and not Invitation.objects.exists()


def test_the_engine_pages_carry_the_reception_and_exhibitor_through(
    quota, caen_officer, client_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cityties.imports.models import ImportJob

    client = client_for(caen_officer)
    client.post(
        f"/reception/quotas/{quota.pk}/import/",
        {"file": SimpleUploadedFile("guests.csv", CSV.encode())},
    )
    job = ImportJob.objects.latest("pk")
    mapping = client.get(f"/imports/{job.pk}/mapping/").content.decode()
    assert 'value="Soyhuce"' in mapping
    client.post(
        f"/imports/{job.pk}/mapping/",
        {
            "name": "Nom",
            "organisation": "Organisation",
            "email": "Courriel",
            "language": "Langue",
            "default__reception": str(quota.reception_id),
            "default__exhibitor": "Soyhuce",
        },
    )
    preview = client.get(f"/imports/{job.pk}/preview/")
    assert preview.status_code == 200 and preview.context["error_count"] == 0
    client.post(f"/imports/{job.pk}/preview/", {"action": "start"})
    assert Quota.objects.get(pk=quota.pk).named == 2
