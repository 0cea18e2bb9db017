from decimal import Decimal

import pytest

from cityties.network.demo_data import DEMO_PASSWORD
from cityties.network.models import Activity, Partnership

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e


def test_an_officer_finds_caen_nashville_adds_an_activity_and_sees_the_indicators(
    page, live_server, demo
):
    log_in(page, live_server.url, "caen@cityties.example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/network/partnerships/?q=Nashville")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Caen – Nashville").first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    partnership = Partnership.objects.get(title="Caen – Nashville")
    before = partnership.activities.count()

    page.get_by_role("button", name="Ajouter une activité").click()
    page.select_option("#id_kind", "youth_exchange")
    page.fill("#id_title", "Échange de jeunes 2026")
    page.fill("#id_start_date", "2026-07-06")
    page.fill("#id_students", "24")
    page.fill("#id_people_involved", "30")
    page.fill("#id_budget", "12500.50")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/network/partnerships/{partnership.pk}/**")

    assert partnership.activities.count() == before + 1
    activity = Activity.objects.get(title="Échange de jeunes 2026")
    assert activity.budget == Decimal("12500.50")
    row = page.locator("table tbody tr", has=page.locator("th", has_text="2026")).first
    assert "24" in row.inner_text()
    assert "12 500,50" in row.inner_text().replace("\u202f", " ").replace("\xa0", " ")
    assert axe_violations(page) == []


def test_a_tours_officer_is_refused_caen_private_partnership(page, live_server, demo):
    private = Partnership.objects.filter(is_shared=False).first()
    assert private is not None
    log_in(page, live_server.url, "tours@cityties.example.org", DEMO_PASSWORD)
    response = page.goto(f"{live_server.url}/network/partnerships/{private.pk}/")
    assert response.status == 403
