"""Uploaded files: no public URL, served by a view that checks access."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cityties.network import services as partnership_services
from cityties.network.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def private_document(staff, caen):
    alexandria = OrganisationFactory(name="Alexandria", kind="foreign_city", country="US")
    partnership = partnership_services.check_create_partnership(
        actor=staff, members=[caen, alexandria], kind="cooperation", is_shared=False
    )
    return partnership_services.check_upload_document(
        partnership,
        actor=staff,
        title="Accord",
        upload=SimpleUploadedFile("accord-secret.pdf", PDF),
    )


def _url(document) -> str:
    return reverse("network:partnership_document_download", args=[document.pk])


def test_media_url_serves_nothing_even_in_debug(client, private_document, settings):
    assert Path(private_document.file.path).exists()
    settings.DEBUG = True
    response = client.get(settings.MEDIA_URL + private_document.file.name)
    assert response.status_code == 404


def test_download_is_refused_to_an_officer_outside_the_partnership(
    client_for, tours_officer, private_document
):
    response = client_for(tours_officer).get(_url(private_document))
    assert response.status_code in {403, 404}
    assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_download_sends_the_file_privately_to_a_partner(client_for, caen_officer, private_document):
    response = client_for(caen_officer).get(_url(private_document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "accord-secret.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")


def test_a_document_whose_file_is_missing_is_a_404_page(client_for, caen_officer, private_document):
    Path(private_document.file.path).unlink()
    response = client_for(caen_officer).get(_url(private_document))
    assert response.status_code == 404
    assert "CityTies" in response.content.decode()


def test_behind_nginx_the_view_hands_the_file_to_nginx(
    client_for, caen_officer, private_document, settings
):
    settings.FILES_ACCEL_REDIRECT_PREFIX = "/protected/"
    response = client_for(caen_officer).get(_url(private_document))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected/" + private_document.file.name
    assert response.content == b""
    assert response["X-Content-Type-Options"] == "nosniff"


def test_with_sendfile_the_view_names_the_file_on_disk(
    client_for, caen_officer, private_document, settings
):
    settings.FILES_SENDFILE = True
    response = client_for(caen_officer).get(_url(private_document))
    assert response["X-Sendfile"] == private_document.file.path
    assert response.content == b""


def test_tests_never_write_into_the_real_media_directory(settings, private_document):
    real = Path(settings.VAR_DIR).resolve()
    assert real not in Path(private_document.file.path).resolve().parents
