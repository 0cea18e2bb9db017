"""Projects: budget by funder, planned against spent; interim then final reports, with
documents and photos checked on the way in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cityties.solidarity import services as svc
from cityties.solidarity.models import ProjectStatus

from .factories import pdf, png

pytestmark = pytest.mark.django_db
D = Decimal


def _report(project, actor, kind="interim", progress=50):
    return svc.check_add_report(
        project,
        actor=actor,
        kind=kind,
        reported_on=date(2017, 3, 1),
        progress=progress,
        summary_fr="Avancement.",
    )


def test_planned_against_spent_by_funder(world, staff, tours):
    svc.check_set_funding(
        world.project, actor=staff, funder=tours, planned=D("5000.00"), spent=D("6000.00")
    )
    spend = svc.spend_of(world.project)
    assert spend.planned == D("25000.00") and spend.spent == D("6000.00")
    assert spend.difference == D("-19000.00")


def test_setting_a_funder_again_changes_its_line(world, staff, caen):
    svc.check_set_funding(world.project, actor=staff, funder=caen, planned=D("1.00"))
    assert world.project.fundings.get().planned == D("1.00")


def test_the_final_report_completes_the_project_and_ends_reporting(world, staff):
    _report(world.project, staff, kind="final", progress=100)
    world.project.refresh_from_db()
    assert world.project.status == ProjectStatus.COMPLETED
    with pytest.raises(svc.SolidarityError) as error:
        _report(world.project, staff)
    assert error.value.code == "final_report_in"


def test_a_report_needs_a_summary(world, staff):
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_add_report(
            world.project, actor=staff, kind="interim", reported_on=date(2017, 1, 1), progress=1
        )
    assert error.value.code == "summary_missing"


def test_a_photo_must_be_an_image(world, staff):
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_add_attachment(world.report, actor=staff, kind="photo", caption="", upload=pdf())
    assert error.value.code == "file_type_not_allowed"


def test_a_file_named_pdf_must_be_a_pdf(world, staff):
    fake = SimpleUploadedFile("rapport.pdf", b"<script>alert(1)</script>")
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_add_attachment(
            world.report, actor=staff, kind="document", caption="", upload=fake
        )
    assert error.value.code == "file_content_mismatch"


def test_an_upload_above_the_limit_is_refused(world, staff, settings):
    settings.MAX_UPLOAD_BYTES = 16
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_add_attachment(world.report, actor=staff, kind="photo", caption="", upload=png())
    assert error.value.code == "file_too_large"
    assert world.report.attachments.count() == 2


def test_an_empty_upload_is_refused(world, staff):
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_add_attachment(
            world.report,
            actor=staff,
            kind="document",
            caption="",
            upload=SimpleUploadedFile("a.pdf", b""),
        )
    assert error.value.code == "file_empty"


def test_deleting_an_attachment_removes_its_file(world, staff, django_capture_on_commit_callbacks):
    name, storage = world.photo.file.name, world.photo.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        svc.do_delete_attachment(world.photo, actor=staff)
    assert not storage.exists(name)


def test_the_first_report_starts_the_project(world, staff, caen):
    project = svc.check_create_project(
        world.fund, actor=staff, fields={"partner": world.new_orleans, "title_en": "Schools"}
    )
    assert project.status == ProjectStatus.PLANNED
    _report(project, staff)
    project.refresh_from_db()
    assert project.status == ProjectStatus.UNDER_WAY


def test_a_project_partner_is_a_government(world, staff, company):
    with pytest.raises(svc.SolidarityError) as error:
        svc.check_create_project(
            world.fund, actor=staff, fields={"partner": company, "title_fr": "X"}
        )
    assert error.value.code == "partner_not_government"


def test_a_body_far_above_the_limit_is_refused_before_it_is_read(
    world, client_for, staff, settings
):
    settings.MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024))
    response = client_for(staff).post(
        f"/solidarity/reports/{world.report.pk}/attachments/",
        {"kind": "document", "caption": "Trop gros", "file": big},
        follow=True,
    )
    assert "trop volumineux" in response.content.decode()
    assert not world.report.attachments.filter(caption="Trop gros").exists()
