"""Partnership services: validation codes, audit trail, documents and yearly indicators."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation

from cityties.network import services as svc
from cityties.network.models import Partnership, PartnershipDocument, Theme
from cityties.network.tests.factories import (
    OrganisationFactory,
    add_activity,
    make_partnership,
)


def pdf_upload(name: str = "agreement.pdf", size: int = 100) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf")


def office_upload(name: str, marker: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(marker, "<xml/>")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def error_code(excinfo: pytest.ExceptionInfo[svc.PartnershipError]) -> str:
    return excinfo.value.code


# --- Creating and updating -----------------------------------------------------------


def test_officer_creates_a_partnership_including_their_city(caen_officer, caen, nashville):
    partnership = make_partnership(caen_officer, caen, nashville, signed_on=date(1991, 6, 1))
    assert set(partnership.members.all()) == {caen, nashville}
    assert partnership.created_by == caen_officer


def test_title_defaults_to_the_partners_names(staff, caen, nashville):
    svc.check_update_organisation(caen, actor=staff, short_name="Caen")
    partnership = make_partnership(staff, caen, nashville)
    assert partnership.title == f"Caen{svc.PARTNER_SEPARATOR}Nashville"


def test_a_partnership_needs_two_different_governments(staff, caen):
    with pytest.raises(svc.PartnershipError) as excinfo:
        make_partnership(staff, caen, caen)
    assert error_code(excinfo) == "too_few_members"
    assert not Partnership.objects.exists()


def test_a_company_cannot_be_a_partner(staff, caen, company):
    with pytest.raises(svc.PartnershipError) as excinfo:
        make_partnership(staff, caen, company)
    assert error_code(excinfo) == "member_not_government"


def test_officer_cannot_create_a_partnership_without_their_city(tours_officer, caen, nashville):
    with pytest.raises(svc.PartnershipError) as excinfo:
        make_partnership(tours_officer, caen, nashville)
    assert error_code(excinfo) == "own_organisation_required"


def test_staff_may_create_a_partnership_between_any_governments(staff, caen, nashville):
    assert make_partnership(staff, caen, nashville).pk


def test_renewal_cannot_precede_signature(staff, caen, nashville):
    with pytest.raises(svc.PartnershipError) as excinfo:
        make_partnership(
            staff, caen, nashville, signed_on=date(2000, 1, 1), renewed_on=date(1999, 1, 1)
        )
    assert error_code(excinfo) == "renewed_before_signed"


def test_three_governments_form_one_partnership(staff, nashville):
    toulouse: Any = OrganisationFactory(name="Toulouse")
    tel_aviv: Any = OrganisationFactory(name="Tel Aviv", kind="foreign_city", country="IL")
    partnership = make_partnership(
        staff, toulouse, nashville, tel_aviv, cost_sharing="visitor_travel_host_hospitality"
    )
    assert partnership.memberships.count() == 3
    with translation.override("en"):
        assert "host pays hospitality" in str(partnership.get_cost_sharing_display())


def test_update_replaces_partners_and_themes(staff, caen, tours, nashville):
    culture = Theme.objects.create(code="culture", label_fr="culture", label_en="culture")
    partnership = make_partnership(staff, caen, nashville)
    values = svc.partnership_values(partnership) | {"members": [tours, nashville]}
    values["themes"] = [culture]
    svc.check_update_partnership(partnership, actor=staff, **values)
    assert set(partnership.members.all()) == {tours, nashville}
    assert list(partnership.themes.all()) == [culture]


def test_officer_cannot_remove_their_own_city(caen_officer, caen, tours, nashville):
    partnership = make_partnership(caen_officer, caen, nashville)
    values = svc.partnership_values(partnership) | {"members": [tours, nashville]}
    with pytest.raises(svc.PartnershipError) as excinfo:
        svc.check_update_partnership(partnership, actor=caen_officer, **values)
    assert error_code(excinfo) == "own_organisation_required"
    assert caen in partnership.members.all()


def test_changes_are_audited_with_their_actor(caen_officer, caen, nashville):
    partnership = make_partnership(caen_officer, caen, nashville, title="Caen and Nashville")
    values = svc.partnership_values(partnership) | {"status": "dormant"}
    svc.check_update_partnership(partnership, actor=caen_officer, **values)
    entries = LogEntry.objects.get_for_object(partnership)
    assert entries.count() >= 2
    assert {entry.actor for entry in entries} == {caen_officer}
    assert any("status" in (entry.changes or {}) for entry in entries)


def test_archived_partnership_cannot_be_changed(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    svc.check_archive_partnership(partnership, actor=staff)
    with pytest.raises(svc.PartnershipError) as excinfo:
        add_activity(staff, partnership)
    assert error_code(excinfo) == "partnership_archived"


def test_archiving_twice_is_refused(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    svc.check_archive_partnership(partnership, actor=staff)
    with pytest.raises(svc.PartnershipError) as excinfo:
        svc.check_archive_partnership(partnership, actor=staff)
    assert error_code(excinfo) == "partnership_archived"


# --- Activities and indicators -------------------------------------------------------


def test_activity_cannot_end_before_it_starts(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    with pytest.raises(svc.PartnershipError) as excinfo:
        add_activity(staff, partnership, start_date=date(2016, 5, 2), end_date=date(2016, 5, 1))
    assert error_code(excinfo) == "end_before_start"


def test_activity_budget_cannot_be_negative(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    with pytest.raises(svc.PartnershipError) as excinfo:
        add_activity(staff, partnership, budget=Decimal("-1"))
    assert error_code(excinfo) == "negative_budget"


def test_activity_currency_must_be_an_iso_code(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    with pytest.raises(svc.PartnershipError) as excinfo:
        add_activity(staff, partnership, budget_currency="euro")
    assert error_code(excinfo) == "invalid_currency"


def test_indicators_are_summed_per_year(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    add_activity(staff, partnership, start_date=date(2015, 11, 18), companies=3, contracts=1)
    add_activity(
        staff, partnership, start_date=date(2016, 3, 1), students=12, budget=Decimal("1500.50")
    )
    add_activity(
        staff, partnership, start_date=date(2016, 6, 7), people_involved=40, budget=Decimal("10")
    )
    years = svc.yearly_indicators(partnership)
    assert [item.year for item in years] == [2016, 2015]
    assert years[0].students == 12
    assert years[0].people_involved == 40
    assert years[0].activities == 2
    assert years[0].budgets == {"EUR": Decimal("1510.50")}
    assert (years[1].companies, years[1].contracts) == (3, 1)


def test_budgets_in_different_currencies_are_kept_apart(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    add_activity(staff, partnership, budget=Decimal("6000"), budget_currency="USD")
    add_activity(staff, partnership, budget=Decimal("2500"), budget_currency="eur")
    totals = svc.total_indicators(svc.yearly_indicators(partnership))
    assert totals.budgets == {"EUR": Decimal("2500.00"), "USD": Decimal("6000.00")}


def test_updating_an_activity_changes_the_indicators(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    activity = add_activity(staff, partnership, students=10)
    svc.check_update_activity(activity, actor=staff, students=25)
    assert svc.yearly_indicators(partnership)[0].students == 25


def test_deleting_an_activity_removes_it_from_the_indicators(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    activity = add_activity(staff, partnership, students=10)
    svc.check_delete_activity(activity, actor=staff)
    assert svc.yearly_indicators(partnership) == []


# --- Documents -----------------------------------------------------------------------


def test_pdf_document_is_stored_under_the_partnership(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    document = svc.check_upload_document(
        partnership, actor=staff, title="Charter", upload=pdf_upload()
    )
    name = document.file.name or ""
    assert name.startswith(f"partnerships/{partnership.pk}/")
    assert document.content_type == "application/pdf"
    assert document.file.storage.exists(name)


@pytest.mark.parametrize(
    ("name", "marker"),
    [("budget.xlsx", "xl/workbook.xml"), ("minutes.docx", "word/document.xml")],
)
def test_office_documents_are_accepted(staff, caen, nashville, name, marker):
    partnership = make_partnership(staff, caen, nashville)
    upload = office_upload(name, marker)
    assert svc.check_upload_document(partnership, actor=staff, title="", upload=upload).pk


def test_oversized_document_is_refused(staff, caen, nashville, settings):
    settings.MAX_UPLOAD_BYTES = 50
    partnership = make_partnership(staff, caen, nashville)
    with pytest.raises(svc.PartnershipError) as excinfo:
        svc.check_upload_document(partnership, actor=staff, title="", upload=pdf_upload())
    assert error_code(excinfo) == "file_too_large"
    assert not PartnershipDocument.objects.exists()


def test_executable_document_is_refused(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    upload = SimpleUploadedFile("tool.exe", b"MZ\x90\x00")
    with pytest.raises(svc.PartnershipError) as excinfo:
        svc.check_upload_document(partnership, actor=staff, title="", upload=upload)
    assert error_code(excinfo) == "file_type_not_allowed"


def test_document_whose_content_lies_about_its_type_is_refused(staff, caen, nashville):
    partnership = make_partnership(staff, caen, nashville)
    upload = SimpleUploadedFile("photo.png", b"<html>not an image</html>")
    with pytest.raises(svc.PartnershipError) as excinfo:
        svc.check_upload_document(partnership, actor=staff, title="", upload=upload)
    assert error_code(excinfo) == "file_content_mismatch"


def test_deleting_a_document_removes_its_file(
    staff, caen, nashville, django_capture_on_commit_callbacks
):
    partnership = make_partnership(staff, caen, nashville)
    document = svc.check_upload_document(partnership, actor=staff, title="", upload=pdf_upload())
    name, storage = document.file.name or "", document.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        svc.check_delete_document(document, actor=staff)
    assert not storage.exists(name)
    assert not PartnershipDocument.objects.exists()


def test_a_second_partnership_of_one_kind_between_the_same_partners_is_a_duplicate(
    staff, caen, nashville
):
    existing = make_partnership(staff, caen, nashville)
    with pytest.raises(svc.PartnershipDuplicateError) as excinfo:
        make_partnership(staff, nashville, caen, title="Again")
    assert error_code(excinfo) == "duplicate"
    assert excinfo.value.existing == existing


def test_another_kind_between_the_same_partners_is_no_duplicate(staff, caen, nashville):
    make_partnership(staff, caen, nashville, kind="twinning")
    assert make_partnership(staff, caen, nashville, kind="cooperation").pk


def test_an_archived_partnership_does_not_block_a_new_one(staff, caen, nashville):
    svc.check_archive_partnership(make_partnership(staff, caen, nashville), actor=staff)
    assert make_partnership(staff, caen, nashville).pk


def test_the_database_refuses_a_second_active_partnership_of_one_member_set(staff, caen, nashville):
    values = svc.partnership_values(make_partnership(staff, caen, nashville)) | {"title": "B"}
    with pytest.raises(IntegrityError), transaction.atomic():
        svc.do_create_partnership(actor=staff, **values)
