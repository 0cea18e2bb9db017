"""Partnership pages: list, detail, forms, documents, activities and the organisation include."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from cityties.network.models import Activity, Partnership, PartnershipDocument, Theme

from .factories import add_activity, foreign_city, make_partnership
from .test_partnerships_services import pdf_upload


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def twinning(caen_officer, caen, nashville):
    return make_partnership(
        caen_officer, caen, nashville, title="Caen and Nashville", signed_on=date(1991, 6, 1)
    )


def detail_url(partnership: Partnership) -> str:
    return reverse("network:partnership_detail", args=[partnership.pk])


def test_list_shows_partners_kind_and_signed_year(client_for, viewer, twinning):
    response = client_for(viewer).get(reverse("network:partnership_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Caen and Nashville" in html
    assert "Nashville (US)" in html
    assert "1991" in html


def test_list_filters_by_theme(client_for, staff, caen, nashville, tours):
    memory = Theme.objects.create(code="memory", label_fr="mémoire", label_en="memory")
    make_partnership(staff, caen, nashville, title="Memory ties", themes=[memory])
    make_partnership(staff, tours, nashville, title="Other ties")
    response = client_for(staff).get(reverse("network:partnership_list"), {"theme": "memory"})
    html = response.content.decode()
    assert "Memory ties" in html
    assert "Other ties" not in html


def test_list_filters_by_member_and_country(client_for, staff, caen, nashville, tours):
    make_partnership(staff, caen, nashville, title="Caen ties")
    make_partnership(staff, tours, caen, title="French ties")
    url = reverse("network:partnership_list")
    by_member = client_for(staff).get(url, {"member": tours.pk}).content.decode()
    by_country = client_for(staff).get(url, {"country": "us"}).content.decode()
    assert "French ties" in by_member and "Caen ties" not in by_member
    assert "Caen ties" in by_country and "French ties" not in by_country


def test_list_search_finds_a_partner_name(client_for, staff, twinning):
    url = reverse("network:partnership_list")
    assert "Caen and Nashville" in client_for(staff).get(url, {"q": "nashv"}).content.decode()
    assert "Caen and Nashville" not in client_for(staff).get(url, {"q": "zzz"}).content.decode()


def test_list_is_paginated(client_for, staff, caen, nashville, tours):
    for n in range(30):
        partner = foreign_city(f"City {n}")
        make_partnership(staff, caen, partner, title=f"Tie {n:02d}")
    response = client_for(staff).get(reverse("network:partnership_list"), {"page": 2})
    html = response.content.decode()
    assert "Tie 29" in html
    assert "Tie 00" not in html


def test_detail_shows_partners_with_links(client_for, viewer, twinning, nashville):
    html = client_for(viewer).get(detail_url(twinning)).content.decode()
    assert reverse("network:organisation_detail", args=[nashville.pk]) in html


def test_detail_shows_edit_buttons_only_to_editors(client_for, viewer, caen_officer, twinning):
    edit_url = reverse("network:partnership_edit", args=[twinning.pk])
    assert edit_url in client_for(caen_officer).get(detail_url(twinning)).content.decode()
    assert edit_url not in client_for(viewer).get(detail_url(twinning)).content.decode()


def test_officer_creates_a_partnership_through_the_form(client_for, caen_officer, caen):
    alexandria = foreign_city("Alexandria")
    response = client_for(caen_officer).post(
        reverse("network:partnership_create"),
        {
            "partners": [caen.pk, alexandria.pk],
            "kind": "twinning",
            "status": "active",
            "is_shared": "on",
        },
    )
    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(partnership)
    assert set(partnership.members.all()) == {caen, alexandria}


def test_create_form_starts_with_the_officers_city_ticked(client_for, caen_officer, caen):
    response = client_for(caen_officer).get(reverse("network:partnership_create"))
    assert response.context["form"].initial["partners"] == [caen.pk]


def test_create_form_shows_the_error_when_own_city_is_missing(client_for, tours_officer, caen):
    alexandria = foreign_city("Alexandria")
    response = client_for(tours_officer).post(
        reverse("network:partnership_create"),
        {"partners": [caen.pk, alexandria.pk], "kind": "twinning", "status": "active"},
    )
    assert response.status_code == 200
    assert "Votre propre organisation doit" in response.content.decode()
    assert not Partnership.objects.exists()


def test_viewer_cannot_open_the_create_form(client_for, viewer):
    assert client_for(viewer).get(reverse("network:partnership_create")).status_code == 403


def test_edit_form_saves_the_status(client_for, caen_officer, twinning, caen, nashville):
    response = client_for(caen_officer).post(
        reverse("network:partnership_edit", args=[twinning.pk]),
        {
            "partners": [caen.pk, nashville.pk],
            "title": "Caen and Nashville",
            "kind": "twinning",
            "status": "dormant",
            "signed_on": "1991-06-01",
            "is_shared": "on",
        },
    )
    assert response.status_code == 302
    twinning.refresh_from_db()
    assert twinning.status == "dormant"


def test_archive_removes_the_partnership_from_the_list(client_for, caen_officer, twinning):
    client = client_for(caen_officer)
    response = client.post(reverse("network:partnership_archive", args=[twinning.pk]))
    assert response.status_code == 302
    assert (
        "Caen and Nashville" not in client.get(reverse("network:partnership_list")).content.decode()
    )


def test_adding_an_activity_updates_the_yearly_indicators(client_for, caen_officer, twinning):
    client = client_for(caen_officer)
    response = client.post(
        reverse("network:activity_create", args=[twinning.pk]),
        {
            "kind": "economic_mission",
            "title": "NLC City Summit",
            "start_date": "2015-11-04",
            "end_date": "2015-11-07",
            "people_involved": 8,
            "students": 0,
            "companies": 3,
            "contracts": 1,
            "budget": "6000.00",
            "budget_currency": "usd",
        },
    )
    assert response.status_code == 302
    page = client.get(detail_url(twinning))
    years = page.context["years"]
    assert [(y.year, y.companies, y.contracts) for y in years] == [(2015, 3, 1)]
    assert years[0].budgets == {"USD": Decimal("6000.00")}
    assert "NLC City Summit" in page.content.decode()


def test_activity_form_refuses_an_end_before_the_start(client_for, caen_officer, twinning):
    response = client_for(caen_officer).post(
        reverse("network:activity_create", args=[twinning.pk]),
        {
            "kind": "visit",
            "title": "Visit",
            "start_date": "2016-05-02",
            "end_date": "2016-05-01",
            "people_involved": 0,
            "students": 0,
            "companies": 0,
            "contracts": 0,
            "budget": "0",
            "budget_currency": "EUR",
        },
    )
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_activity_edit_form_changes_the_activity(client_for, caen_officer, twinning):
    activity = add_activity(caen_officer, twinning, title="Bar conference")
    response = client_for(caen_officer).post(
        reverse("network:activity_edit", args=[activity.pk]),
        {
            "kind": "conference",
            "title": "Bar associations' conference",
            "start_date": "2016-10-01",
            "people_involved": 60,
            "students": 0,
            "companies": 0,
            "contracts": 0,
            "budget": "0",
            "budget_currency": "EUR",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.kind, activity.people_involved) == ("conference", 60)


def test_activity_delete_asks_then_deletes(client_for, caen_officer, twinning):
    activity = add_activity(caen_officer, twinning)
    client = client_for(caen_officer)
    url = reverse("network:activity_delete", args=[activity.pk])
    assert client.get(url).status_code == 200
    assert Activity.objects.exists()
    assert client.post(url).status_code == 302
    assert not Activity.objects.exists()


def test_deleted_activity_stays_in_the_history(client_for, caen_officer, twinning):
    activity = add_activity(caen_officer, twinning, title="Photo exhibition")
    client = client_for(caen_officer)
    client.post(reverse("network:activity_delete", args=[activity.pk]))
    history = client.get(detail_url(twinning)).context["history"]
    photo_entries = [h for h in history if "Photo exhibition" in h.subject]
    assert len(photo_entries) == 2  # created, then deleted
    assert all(h.actor == str(caen_officer) for h in photo_entries)


def test_document_upload_and_download(client_for, caen_officer, viewer, twinning):
    response = client_for(caen_officer).post(
        reverse("network:partnership_document_upload", args=[twinning.pk]),
        {"title": "Twinning charter", "file": pdf_upload()},
    )
    assert response.status_code == 302
    document = PartnershipDocument.objects.get()
    download = client_for(viewer).get(
        reverse("network:partnership_document_download", args=[document.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_refused_upload_shows_the_reason(client_for, caen_officer, twinning, settings):
    settings.MAX_UPLOAD_BYTES = 10
    client = client_for(caen_officer)
    response = client.post(
        reverse("network:partnership_document_upload", args=[twinning.pk]),
        {"title": "", "file": pdf_upload()},
        follow=True,
    )
    assert "trop volumineux" in response.content.decode()
    assert not PartnershipDocument.objects.exists()


def test_viewer_cannot_upload_a_document(client_for, viewer, twinning):
    response = client_for(viewer).post(
        reverse("network:partnership_document_upload", args=[twinning.pk]),
        {"title": "", "file": pdf_upload()},
    )
    assert response.status_code == 403


def test_organisation_include_lists_its_visible_partnerships(rf, staff, viewer, caen, tours):
    nashville = foreign_city("Nashville")
    make_partnership(staff, caen, nashville, title="Caen and Nashville")
    make_partnership(staff, caen, tours, title="Private pact", is_shared=False)
    request = rf.get("/")
    request.user = viewer
    html = render_to_string(
        "network/_organisation_partnerships.html", {"organisation": caen}, request=request
    )
    assert "Caen and Nashville" in html
    assert "Private pact" not in html


def test_partnerships_is_reachable_from_the_navigation(client_for, viewer):
    html = client_for(viewer).get(reverse("core:dashboard")).content.decode()
    assert reverse("network:partnership_list") in html
