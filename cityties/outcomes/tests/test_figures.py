"""The return on investment: the dashboards' figures are the sums of the records and of the
pavilion's net costs, for what each reader may see, and stay so when the pavilion changes;
their queries do not grow with the rows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from cityties.delegations import services as delegation_services
from cityties.events.tests.factories import make_event
from cityties.outcomes import services as svc
from cityties.outcomes.models import DelegationCost, OutcomeRecord, ParticipantCost
from cityties.outcomes.services import meetings
from cityties.pavilion import services as pavilion

from .factories import record

pytestmark = pytest.mark.django_db
D = Decimal
STAFF = svc.Reader(True, frozenset(), frozenset(), frozenset())


def _pavilion_public(delegation) -> Decimal:
    """Public money, restated from the pavilion: everything but the companies' own net."""
    figures = pavilion.compute(pavilion.load(delegation), "actual")
    companies = sum(
        (line.net for line in figures.participants if line.participant.kind == "company"),
        D("0"),
    )
    return figures.total - companies


def test_the_delegation_figures_are_the_sums_of_records_and_net_costs(outcomes, client_for, staff):
    delegation = outcomes.village.delegation
    roi = client_for(staff).get(f"/api/outcomes/delegations/{delegation.pk}/roi").json()
    records = OutcomeRecord.objects.filter(delegation=delegation)
    contracts = records.filter(kind="contract")
    assert D(roi["public"]) == _pavilion_public(delegation) == D("2502.18")
    assert D(roi["contract_value"]) == sum(c.value_eur for c in contracts) == D("63000.00")
    assert roi["contracts"] == contracts.count() == 2
    assert roi["tenders"] == 1 and D(roi["tender_value"]) == D("90130.00")
    assert roi["leads"] == 1 and roi["hidden"] == 0
    assert D(roi["cost_per_contract"]) == D("1251.09")


def test_the_page_shows_the_same_public_cost(outcomes, client_for, staff):
    delegation = outcomes.village.delegation
    page = client_for(staff).get(f"/outcomes/delegations/{delegation.pk}/").content.decode()
    assert "2\u202f502,18\xa0€" in page and "63\u202f000,00\xa0€" in page


def test_the_participants_public_costs_add_up_to_the_delegations(outcomes):
    delegation = outcomes.village.delegation
    svc.refresh([delegation.pk])
    kept = DelegationCost.objects.get(delegation=delegation)
    parts = ParticipantCost.objects.filter(delegation=delegation)
    assert sum(p.public for p in parts) == kept.public == _pavilion_public(delegation)
    assert kept.public + kept.companies_net == kept.total


def test_a_changed_rate_changes_the_public_cost_at_once(outcomes, client_for, staff):
    delegation = outcomes.village.delegation
    url = f"/api/outcomes/delegations/{delegation.pk}/roi"
    before = D(client_for(staff).get(url).json()["public"])
    pavilion.check_set_rate(
        delegation,
        actor=staff,
        currency="USD",
        rate=D("0.95"),
        source="BCE",
        on_date=date(2016, 11, 1),
    )
    after = D(client_for(staff).get(url).json()["public"])
    assert after != before and after == _pavilion_public(delegation)


def test_a_removed_share_changes_the_participants_cost(outcomes, staff):
    soyhuce = outcomes.village.companies["soyhuce"]
    condition = Q(participant_id=soyhuce.pk)
    assert svc.total(STAFF, records=condition, participants=condition).gross > 0
    share = outcomes.village.stands[0].shares.get(participant=soyhuce)
    pavilion.do_remove_share(share, actor=staff)
    assert svc.total(STAFF, records=condition, participants=condition).gross == 0


def test_the_funder_is_told_of_the_private_value_it_does_not_see(outcomes, client_for, viewer):
    delegation = outcomes.village.delegation
    roi = client_for(viewer).get(f"/api/outcomes/delegations/{delegation.pk}/roi").json()
    assert roi["contracts"] == 2 and roi["hidden"] == 1
    assert D(roi["contract_value"]) == outcomes.capteurs_contract.value_eur
    page = client_for(viewer).get(f"/outcomes/delegations/{delegation.pk}/").content.decode()
    assert "48\u202f000" not in page and "compté mais pas additionné" in page


def test_the_company_sees_only_its_own_figures_for_the_year(outcomes, client_for, company_rep):
    years = client_for(company_rep).get("/api/outcomes/years").json()
    assert [y["contracts"] for y in years] == [1]
    assert D(years[0]["contract_value"]) == D("48000.00")
    soyhuce = outcomes.village.companies["soyhuce"]
    kept = ParticipantCost.objects.get(participant=soyhuce)
    assert D(years[0]["public"]) == kept.public


@pytest.fixture
def nashville_2015(caen, staff, company):
    central = ZoneInfo("America/Chicago")
    event = make_event(
        caen,
        starts_at=datetime(2015, 11, 4, 8, 0, tzinfo=central),
        ends_at=datetime(2015, 11, 7, 17, 0, tzinfo=central),
        time_zone="America/Chicago",
        city="Nashville",
    )
    delegation = delegation_services.check_create_delegation(
        actor=staff, title="Caen à Nashville", event=event, lead=caen
    )
    soyhuce = delegation_services.check_add_company(
        delegation, actor=staff, company=company, sponsor=caen
    )
    stand = pavilion.check_create_item(
        delegation,
        actor=staff,
        fields={"kind": "stand", "label": "Stand 1", "planned_amount": D("1800.00")},
    )
    pavilion.check_set_share(stand, actor=staff, participant=soyhuce)
    pavilion.check_set_cover(
        stand,
        actor=staff,
        participant=delegation.participants.get(kind="government"),
        amount=D("1800.00"),
    )
    record(
        soyhuce,
        staff,
        kind="contract",
        counterpart="Ville américaine",
        value=D("45000.00"),
        occurred_on=date(2016, 2, 15),
    )
    return delegation


def test_year_over_year_sets_nashville_against_pittsburgh(outcomes, nashville_2015, staff):
    pittsburgh = outcomes.village.delegation
    pavilion.check_save_dossier(pittsburgh, actor=staff, previous=nashville_2015)
    years = svc.totals(STAFF, "year")
    assert sorted(k for k in years if k) == [2015, 2016]
    assert years[2015].public == D("1800.00")  # Caen covered the whole stand
    assert years[2015].contract_value == D("45000.00")
    assert years[2016].contract_value == D("63000.00")
    from cityties.outcomes.dashboards import delegation_report

    report = delegation_report(STAFF, pittsburgh)
    side = report.table("comparison")
    assert side is not None and side.headers[1:] == ["Nashville 2015", "Pittsburgh 2016"]
    assert [cell.value for cell in side.rows[0][1:]] == [D("1800.00"), D("2502.18")]


def test_the_year_page_adds_up_each_year_and_each_delegation(outcomes, nashville_2015):
    """The year page's two tables, read from one grouping by (year, delegation), give
    the figures of each year and of each delegation on their own."""
    from cityties.outcomes.dashboards import years_report

    report = years_report(STAFF)
    per_year, by_year = report.table("years"), svc.totals(STAFF, "year")
    assert per_year is not None
    assert [row[0].value for row in per_year.rows] == ["2015", "2016"]
    for row in per_year.rows:
        expected = by_year[int(row[0].value)]
        assert [row[1].value, row[2].value, row[4].value, row[6].value] == [
            expected.public,
            expected.meetings,
            expected.tenders,
            expected.contract_value,
        ]
    per_delegation = report.table("delegations")
    by_delegation = svc.totals(STAFF, "delegation")
    assert per_delegation is not None
    editions = {"Nashville 2015": nashville_2015, "Pittsburgh 2016": outcomes.village.delegation}
    assert [row[0].value for row in per_delegation.rows] == list(editions)
    for row in per_delegation.rows:
        expected = by_delegation[editions[row[0].value].pk]
        assert [row[1].value, row[6].value] == [expected.public, expected.contract_value]


def test_the_year_page_charts_each_year_beside_its_table(
    outcomes, nashville_2015, client_for, staff
):
    page = client_for(staff).get("/outcomes/").content.decode()
    assert page.count('<svg role="img"') >= 3
    assert "Nashville 2015" in page and "Pittsburgh 2016" in page


def test_the_dashboards_queries_do_not_grow_with_the_records(outcomes, client_for, staff):
    delegation = outcomes.village.delegation
    client = client_for(staff)
    urls = [
        "/outcomes/",
        f"/outcomes/delegations/{delegation.pk}/",
        f"/outcomes/participants/{outcomes.village.companies['capteurs'].pk}/",
    ]
    for url in urls:
        client.get(url)

    def counted() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    few = counted()
    capteurs = outcomes.village.companies["capteurs"]
    for number in range(30):
        record(capteurs, staff, kind="contact", title=f"Contact {number}")
    assert counted() == few


def test_the_matchmakings_requests_and_meetings_held_are_counted(staff, caen, company):
    """Counted from the matchmaking's real rows and kept with the costs: a meeting held,
    a no-show, a request sent, a delegate removed after a reading all show at the next."""
    from cityties.delegations import services as delegation_services
    from cityties.delegations.models import Delegate
    from cityties.matchmaking import services as matchmaking
    from cityties.matchmaking.models import Meeting, Profile
    from cityties.matchmaking.tests.factories import make_matchmaking
    from cityties.network.tests.factories import OrganisationFactory

    nlc = OrganisationFactory(name="National League of Cities", country="US", is_member=False)
    world = make_matchmaking(make_event(nlc), actor=staff, lead=caen, company=company)
    chosen = Q(delegation_id=world["mm_delegation"])

    def funnel() -> tuple[int, int]:
        figures = svc.total(STAFF, participants=chosen)
        return figures.requests, figures.meetings

    assert meetings.available()
    # Two requests sent by the delegates (to attendees, who are not delegates); one placed.
    assert funnel() == (2, 0)
    meeting = Meeting.objects.get(pk=world["mm_meeting"])
    matchmaking.check_record_onsite(meeting, actor=staff, status="held")
    assert funnel() == (2, 1)
    matchmaking.check_record_onsite(meeting, actor=staff, status="no_show")
    assert funnel() == (2, 0)
    matchmaking.check_record_onsite(meeting, actor=staff, status="held")
    seller = Profile.objects.get(pk=world["mm_seller"])
    marcus = Profile.objects.get(pk=world["mm_marcus"])
    matchmaking.check_send_request(seller, marcus, actor=staff, message="Hello again")
    assert funnel() == (3, 1)
    # The company's delegate leaves: its requests and its meeting go with its profile.
    delegate = Delegate.objects.get(pk=seller.delegate_id)
    delegation_services.do_remove_delegate(delegate, actor=staff)
    assert funnel() == (1, 0)
