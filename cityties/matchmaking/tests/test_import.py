"""Attendee lists as event platforms and organisers publish them, imported through the
shared import engine: any delimiter, XLSX, JSON records, title lines, names in one column
or two, HTML entities, optional columns, duplicates merged, all or nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook

from cityties.imports.models import ImportJob
from cityties.imports.undo import check_undo_job
from cityties.matchmaking import services as svc
from cityties.matchmaking.imports.cleaning import split_name
from cityties.matchmaking.imports.run import import_attendees
from cityties.matchmaking.models import Attendee, Profile
from cityties.matchmaking.tests.factories import import_on_command_line

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _import(summit, staff, text: str | bytes, name: str = "list.csv"):
    data = text.encode() if isinstance(text, str) else text
    return import_attendees(data, name, event=summit, actor=staff)


def _people(summit) -> dict[str, Attendee]:
    return {a.email or a.full_name: a for a in Attendee.objects.filter(event=summit)}


def test_a_semicolon_list_with_title_lines_and_one_name_column(summit, staff):
    imported = _import(
        summit,
        staff,
        "Liste des participants\nSommet 2016\n\nNom complet;Courriel;Organisme;Fonction\n"
        "DUPONT Jean;jean.dupont@caen.fr;Ville de Caen;Adjoint au maire\n"
        "Doe, Jane;jane@pittsburghpa.gov;City of Pittsburgh;Mayor's Office\n",
    )
    assert imported.outcome is not None
    people = _people(summit)
    assert (people["jean.dupont@caen.fr"].first_name, people["jean.dupont@caen.fr"].last_name) == (
        "Jean",
        "DUPONT",
    )
    assert people["jane@pittsburghpa.gov"].last_name == "Doe"
    assert people["jane@pittsburghpa.gov"].profile.kind == "city"


def test_a_tab_separated_list_with_two_name_columns_and_nothing_else(summit, staff):
    imported = _import(summit, staff, "First Name\tLast Name\nAda\tLovelace\nAlan\tTuring\n")
    assert imported.outcome is not None
    assert sorted(a.last_name for a in Attendee.objects.all()) == ["Lovelace", "Turing"]


def test_an_excel_list(summit, staff):
    book = Workbook()
    sheet = book.active
    sheet.append(["NLC City Summit — registrants"])
    sheet.append([])
    sheet.append(["Attendee First Name", "Attendee Last Name", "Email Address", "Company"])
    sheet.append(["Marcus", "Lee", "MLee@AlleghenyCounty.us", "Allegheny County"])
    out = io.BytesIO()
    book.save(out)
    imported = _import(summit, staff, out.getvalue(), "registrants.xlsx")
    assert imported.outcome is not None
    marcus = Attendee.objects.get()
    assert (marcus.email, marcus.profile.kind) == ("mlee@alleghenycounty.us", "county")


def test_a_json_list_of_records_with_a_nested_profile(summit, staff):
    records = [
        {
            "id": 1,
            "profile": {"first_name": "Rosa", "last_name": "Parks", "company": "Montgomery"},
            "email": "rosa@example.org",
        }
    ]
    imported = _import(summit, staff, json.dumps(records), "export.json")
    assert imported.outcome is not None
    rosa = Attendee.objects.get()
    assert (rosa.first_name, rosa.last_name, rosa.organisation) == ("Rosa", "Parks", "Montgomery")


def test_html_entities_are_decoded(summit, staff):
    _import(
        summit,
        staff,
        "Name,Organization\nPat O&#39;Brien,AT&amp;T Smart Cities\nJos&eacute; Garc&iacute;a,X\n",
    )
    names = {a.full_name: a.organisation for a in Attendee.objects.all()}
    assert names == {"Pat O'Brien": "AT&T Smart Cities", "José García": "X"}


def test_city_and_state_written_together_give_the_state_and_the_country(summit, staff):
    _import(summit, staff, 'Name,City\nJane Doe,"Pittsburgh, PA"\n')
    jane = Attendee.objects.get()
    assert (jane.city, jane.state, jane.country) == ("Pittsburgh", "Pennsylvania", "US")


def test_sectors_in_either_language_and_outside_the_taxonomy(summit, staff, world):
    Attendee.objects.all().delete()
    _import(summit, staff, 'Name,Interests\nJane Doe,"Ville intelligente; Health, Space"\n')
    profile = Profile.objects.get(attendee__last_name="Doe")
    assert sorted(profile.sectors.values_list("code", flat=True)) == ["health", "smart_city"]
    assert profile.interests == "Space"


def test_duplicates_in_the_file_are_merged_by_email_or_by_name_and_organisation(summit, staff):
    imported = _import(
        summit,
        staff,
        "Name,Email,Organization,Title\n"
        "Jane Doe,JANE@x.org,City of X,\n"
        "Jane Doe,jane@x.org,,Mayor\n"
        "John Roe,,Acme Inc,\n"
        "john roe,,ACME inc,CEO\n",
    )
    assert imported.outcome is not None and imported.outcome.skipped == 2
    people = _people(summit)
    assert len(people) == 2
    assert people["jane@x.org"].function == "Mayor"
    assert people["John Roe"].function == "CEO"


def test_a_second_import_updates_the_people_already_listed(summit, staff):
    _import(summit, staff, "Name,Email,Organization\nJane Doe,jane@x.org,City of X\n")
    again = _import(summit, staff, "Name,Email,Title\nJane Doe,jane@x.org,Mayor\n")
    assert again.outcome is not None and again.outcome.matched == 1
    jane = Attendee.objects.get()
    assert (jane.organisation, jane.function) == ("City of X", "Mayor")


def test_an_import_is_all_or_nothing_with_the_row_in_the_report(summit, staff):
    # An address alone, and broken: nothing left to import on that row.
    imported = _import(summit, staff, "Name,Email\nJane Doe,jane@x.org\n,john.roe@\n")
    assert imported.outcome is None
    assert [(e.row, e.code) for e in imported.result.errors] == [
        (3, "invalid_email"),
        (3, "name_required"),
    ]
    assert not Attendee.objects.exists()


def test_a_person_named_with_a_broken_address_is_kept_without_it(summit, staff):
    imported = _import(summit, staff, "Name,Email\nJane Doe,jane@x.org\nJohn Roe,john.roe@\n")
    assert imported.outcome is not None and not imported.result.errors
    assert [(n.row, n.code) for n in imported.result.notes] == [(3, "invalid_email_left_out")]
    john = Attendee.objects.get(last_name="Roe")
    assert (john.first_name, john.email) == ("John", "")


def test_a_contact_that_is_no_email_address_is_left_out_with_a_remark(summit, staff):
    imported = _import(summit, staff, "Name,Email\nJane Doe,see website\n")
    assert imported.outcome is not None
    assert [n.code for n in imported.result.notes] == ["not_an_email"]
    assert Attendee.objects.get().email == ""


def test_names_and_emails_are_found_under_headers_never_seen(summit, staff):
    imported = _import(
        summit,
        staff,
        "Nom et prénom du participant;Adresse électronique (mail);Structure\n"
        "Claire Vautier;claire@caen.fr;Ville de Caen\n",
    )
    assert imported.outcome is not None
    claire = Attendee.objects.get()
    assert (claire.first_name, claire.last_name, claire.email) == (
        "Claire",
        "Vautier",
        "claire@caen.fr",
    )


def test_a_row_needs_a_name_an_email_or_an_organisation(summit, staff):
    imported = _import(summit, staff, "Name,Email,Title\nJane Doe,,\n,,Mayor\n")
    assert [(e.row, e.code) for e in imported.result.errors] == [(3, "name_required")]


def test_an_unknown_country_is_a_remark_not_an_error(summit, staff):
    imported = _import(summit, staff, "Name,Country\nJane Doe,Atlantis\n")
    assert imported.outcome is not None
    assert [n.code for n in imported.result.notes] == ["unknown_country"]


def test_an_officer_not_leading_the_event_may_not_import_its_attendees(summit, tours_officer):
    imported = _import(summit, tours_officer, "Name\nJane Doe\n")
    assert imported.outcome is None
    assert {e.code for e in imported.result.errors} == {"event_not_allowed"}


def test_the_command_line_with_the_event_as_default(summit, staff, tmp_path: Path):
    path = tmp_path / "attendees.csv"
    path.write_text("Full Name|E-mail\nJane Doe|jane@x.org\nJohn Roe|john@x.org\n")
    report = import_on_command_line(path, summit, staff)
    assert (report["rows"], report["created"], report["written"]) == (2, {"attendees": 2}, True)


def test_the_command_line_exits_with_1_and_writes_nothing_on_a_row_error(
    summit, staff, tmp_path: Path
):
    path = tmp_path / "attendees.csv"
    path.write_text("Name,Email\nJane Doe,jane@x.org\n,jane@\n")
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "import",
            "attendees",
            str(path),
            "--default",
            f"event={summit.pk}",
            stdout=io.StringIO(),
        )
    assert exit_.value.code == 1
    assert not Attendee.objects.exists()


def test_an_import_can_be_undone_after_the_recommendations_were_computed(world, summit, staff):
    job = ImportJob.objects.filter(kind="attendees").get()
    svc.compute_recommendations(summit)
    # The requests made in the world refer to imported people: withdraw them first.
    from cityties.matchmaking.models import MeetingRequest

    MeetingRequest.objects.all().delete()
    check_undo_job(job, actor=staff)
    assert not Attendee.objects.exists()
    assert not Profile.objects.filter(attendee__isnull=False).exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe", ("Jane", "Doe")),
        ("Doe, Jane", ("Jane", "Doe")),
        ("Dr. Jane Doe, PhD", ("Jane", "Doe")),
        ("DUPONT Jean-Marie", ("Jean-Marie", "DUPONT")),
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
        ("Hon. Bill Peduto Jr.", ("Bill", "Peduto")),
        ("JOHN SMITH", ("John", "Smith")),
        ("Cher", ("", "Cher")),
        ("Mary Ann de la Cruz", ("Mary Ann", "de la Cruz")),
        ("Dr. Yuki Sanchez, P.E.", ("Yuki", "Sanchez")),
        ("Doe, Jane A., Ph.D.", ("Jane A.", "Doe")),
        ("Ana Ruiz, Ph.D., AICP", ("Ana", "Ruiz")),
        ("Mr. & Mrs. Robert Brown", ("Robert", "Brown")),
        ("SMITH, JOHN", ("John", "Smith")),
    ],
)
def test_names_written_in_one_column(text, expected):
    assert split_name(text) == expected


LAYOUTS = {
    "ticketing.csv": (
        "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,"
        "Job Title,Company,Home City,Home State,Home Country\n"
        "101,2016-10-01,Ana,Ruiz,ana@tucsonaz.gov,1,Full,1,Deputy Mayor,City of Tucson,"
        "Tucson,AZ,United States\n"
    ),
    "registrations.csv": (
        "Last Name,First Name,Company Name,Title,City,State/Province,Country,Email Address,"
        "Registration Type\n"
        "Okafor,Chidi,Greater Akron Chamber,President & CEO,Akron,Ohio,USA,chidi@akron.org,"
        "Exhibitor\n"
    ),
    "speakers.tsv": 'Name\tAffiliation\tPosition\n"Kowalski, Anna"\tUniversity of Michigan\tDean\n',
    "export.json": json.dumps(
        [{"firstName": "Mei", "lastName": "Chen", "jobTitle": "CIO", "organization": "King County"}]
    ),
    "liste.csv": "NOM;Prénom;Collectivité;Fonction;Courriel;Téléphone\n"
    "MARTIN;Louise;Ville de Lyon;Élue;l.martin@lyon.fr;04 72 10 30 30\n",
    "crm.csv": "Contact ID,First Name,Last Name,Email,Company Name,Job Title,State/Region,"
    "Country/Region\n7,Sam,Lee,sam@boise.gov,City of Boise,Planner,Idaho,United States\n",
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layouts_of_other_platforms_are_read_whole(summit, staff, name):
    imported = _import(summit, staff, LAYOUTS[name], name)
    assert imported.outcome is not None, [e.message for e in imported.result.errors]
    person = Attendee.objects.get()
    assert person.first_name and person.last_name and person.organisation


def test_lines_of_totals_and_page_numbers_are_no_people(summit, staff):
    imported = _import(
        summit,
        staff,
        "Name,Organization,Amount\nJane Doe,City of X,495.00\nPage 1 of 2,,\n"
        'Name,Organization,Amount\nJohn Roe,Acme Inc,625.00\nTotal,,"1,120.00"\n'
        "Total participants: 2,,\n",
    )
    assert imported.outcome is not None
    assert sorted(a.full_name for a in Attendee.objects.all()) == ["Jane Doe", "John Roe"]
    assert [n.row for n in imported.result.notes if n.code == "not_a_person"] == [3, 6, 7]


def test_people_sharing_one_email_are_kept_apart(summit, staff):
    """Tickets of one order carry the buyer's address; the same person twice merges."""
    imported = _import(
        summit,
        staff,
        "First Name,Last Name,Email\nJane,Doe,jane@x.org\nJohn,Roe,jane@x.org\nJ.,Doe,JANE@x.org\n",
    )
    assert imported.outcome is not None
    people = {a.full_name: a.email for a in Attendee.objects.all()}
    assert people == {"Jane Doe": "jane@x.org", "John Roe": ""}
    assert [n.code for n in imported.result.notes] == ["shared_email", "merged"]


def test_a_name_column_beside_first_names_is_the_family_name(summit, staff):
    _import(summit, staff, "Vorname;Name;Firma\nJürgen;Müller;Stadt Köln\n")
    _import(summit, staff, "First name,Name\nAda,Ada Lovelace\n")
    assert sorted((a.first_name, a.last_name) for a in Attendee.objects.all()) == [
        ("Ada", "Lovelace"),
        ("Jürgen", "Müller"),
    ]


def test_an_address_in_angle_brackets_is_kept(summit, staff):
    _import(summit, staff, "Name,Email\nJane Doe,Jane Doe <JANE@X.ORG>\n")
    assert Attendee.objects.get().email == "jane@x.org"


def test_a_row_with_only_an_organisation_is_listed_with_a_remark(summit, staff):
    imported = _import(
        summit, staff, "Exhibitor,Contact email\nAcme Inc,\nCivic LLC,info@civic.us\n"
    )
    assert imported.outcome is not None
    assert sorted(a.organisation for a in Attendee.objects.all()) == ["Acme Inc", "Civic LLC"]
    assert [n.code for n in imported.result.notes] == ["no_name", "no_name"]


def test_the_attendee_sheet_of_a_workbook_is_found(summit, staff):
    book = Workbook()
    book.active.append(["Exported", "2016-11-05"])
    participants = book.create_sheet("Participants")
    participants.append(["First Name", "Last Name", "Organisation"])
    participants.append(["Ada", "Lovelace", "Analytical Engines"])
    meetings = book.create_sheet("Meetings")
    meetings.append(["Time", "Table", "Requester", "Responder"])
    for k in range(5):
        meetings.append([f"10:0{k}", k, "Ada Lovelace", "Alan Turing"])
    out = io.BytesIO()
    book.save(out)
    imported = _import(summit, staff, out.getvalue(), "b2b.xlsx")
    assert imported.outcome is not None
    assert Attendee.objects.get().organisation == "Analytical Engines"


def test_json_records_beside_paging_data_with_nested_objects(summit, staff):
    data = {
        "total": 1,
        "meta": {"page": 1},
        "data": [
            {
                "user": {"firstName": "Rosa", "lastName": "Parks", "email": "Rosa@X.org"},
                "company": {"name": "Montgomery Improvement Association", "country": "US"},
                "tags": [{"id": 1, "name": "Mobility"}],
            }
        ],
    }
    imported = _import(summit, staff, json.dumps(data), "export.json")
    assert imported.outcome is not None
    rosa = Attendee.objects.get()
    assert (rosa.first_name, rosa.email, rosa.organisation) == (
        "Rosa",
        "rosa@x.org",
        "Montgomery Improvement Association",
    )


def test_headers_written_as_questions(summit, staff):
    _import(
        summit,
        staff,
        '"Timestamp","Email Address","Your full name","Your organization",'
        '"What is your role?","Which city are you from?"\n'
        '"2016/10/01 9:14:22 AM GMT-4","mlee@alleghenycounty.us","Marcus Lee",'
        '"Allegheny County","County Executive","Pittsburgh"\n',
    )
    marcus = Attendee.objects.get()
    assert (marcus.last_name, marcus.function, marcus.city) == (
        "Lee",
        "County Executive",
        "Pittsburgh",
    )


def test_a_last_name_first_name_header_beside_an_email(summit, staff):
    _import(summit, staff, '"Last Name, First Name",Email\n"SMITH, JOHN",jsmith@erie.gov\n')
    assert (Attendee.objects.get().first_name, Attendee.objects.get().last_name) == (
        "John",
        "Smith",
    )


def test_a_whole_name_typed_in_the_first_name_field(summit, staff):
    _import(summit, staff, "First Name,Last Name\nJane Doe,\nJohn,Roe\n")
    assert sorted((a.first_name, a.last_name) for a in Attendee.objects.all()) == [
        ("Jane", "Doe"),
        ("John", "Roe"),
    ]


def test_a_header_below_a_long_preamble(summit, staff):
    preamble = "".join(f"Line {i} of the introduction\n" for i in range(20))
    imported = _import(summit, staff, f"{preamble}First Name,Last Name,Email\nJane,Doe,j@x.org\n")
    assert imported.outcome is not None
    assert Attendee.objects.get().email == "j@x.org"


def test_utf8_read_once_as_windows_1252_is_repaired(summit, staff):
    _import(summit, staff, "Name,Organisation\nJosÃ© GarcÃ­a,Ayuntamiento de MÃ¡laga\n")
    jose = Attendee.objects.get()
    assert (jose.first_name, jose.last_name, jose.organisation) == (
        "José",
        "García",
        "Ayuntamiento de Málaga",
    )


def test_json_lines(summit, staff):
    lines = (
        '{"first_name": "Jane", "last_name": "Doe"}\n{"first_name": "John", "last_name": "Roe"}\n'
    )
    imported = _import(summit, staff, lines, "export.json")
    assert imported.outcome is not None and Attendee.objects.count() == 2


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("jane @ x.org", "jane@x.org"),
        ("jane@x,org", "jane@x.org"),
        ("jane@@x.org", "jane@x.org"),
        ("Jane [at] x [dot] org", "jane@x.org"),
        ("jane＠x.org", "jane@x.org"),
    ],
)
def test_addresses_typed_with_the_usual_slips(summit, staff, typed, address):
    imported = _import(summit, staff, f'Name,Email\nJane Doe,"{typed}"\n')
    assert imported.outcome is not None
    assert Attendee.objects.get().email == address


def test_an_address_written_beside_the_name(summit, staff):
    _import(summit, staff, "Name,Organization\nJane Doe (Jane@X.org),City of X\n")
    jane = Attendee.objects.get()
    assert (jane.first_name, jane.last_name, jane.email) == ("Jane", "Doe", "jane@x.org")


def test_a_list_grouped_under_organisation_and_country_headings(summit, staff):
    imported = _import(
        summit,
        staff,
        "Name,Title,Email\nFRANCE,,\nVILLE DE CAEN,,\nClaire Vautier,Adjointe,c@caen.fr\n"
        "UNITED STATES,,\nCity of Pittsburgh,,\nJane Doe,Mayor,j@pgh.gov\nDr. Ann Roe,,\n",
    )
    assert imported.outcome is not None
    people = {a.full_name: (a.organisation, a.country) for a in Attendee.objects.all()}
    assert people == {
        "Claire Vautier": ("VILLE DE CAEN", "FR"),
        "Jane Doe": ("City of Pittsburgh", "US"),
        "Ann Roe": ("City of Pittsburgh", "US"),
    }
    assert [n.code for n in imported.result.notes].count("heading") == 4


# A webinar report as Zoom writes it: a preamble, then hosts, panelists and attendees,
# each section with its own header row.
WEBINAR_REPORT = Path(__file__).parent / "fixtures" / "webinar_report.csv"


def test_a_webinar_report_in_sections_gives_its_panelists_and_its_attendees(summit, staff):
    """A report in sections (hosts, panelists, attendees), each with its own header row:
    every section's people, their columns read by name; the pronouns and a renamed
    participant's own name as Zoom writes them; the host, an organisation, as such."""
    imported = _import(summit, staff, WEBINAR_REPORT.read_bytes(), WEBINAR_REPORT.name)
    assert imported.outcome is not None, [e.message for e in imported.result.errors]
    people = _people(summit)
    assert len(people) == 6
    found = {
        email: (a.first_name, a.last_name, a.organisation, a.country) for email, a in people.items()
    }
    assert found["mgonzalez@pittsburghpa.gov"] == ("Maria", "Gonzalez", "", "US")
    assert found["jp.dupont@caen.fr"] == ("Jean-Pierre", "Dupont", "", "FR")
    assert found["webinars@nlc.org"] == ("", "", "National League of Cities", "US")
    assert found["jsmith@alleghenycounty.us"] == ("John", "Smith", "Allegheny County", "US")
    assert found["claire.martin@toulouse.fr"][2:] == ("Toulouse Métropole", "FR")
    assert found["dchen@smartcityco.com"][:2] == ("David", "Chen")
    assert people["jsmith@alleghenycounty.us"].function == "Chief Innovation Officer"
    codes = {remark.code for remark in imported.result.notes}
    assert "organisation_in_name" in codes


def test_a_hand_written_csv_with_unquoted_commas(summit, staff):
    imported = _import(
        summit,
        staff,
        "Name,Title,Organization,Email\n"
        "Jane Doe,Director, Office of Innovation,City of Pittsburgh,jane@pittsburghpa.gov\n",
    )
    assert imported.outcome is not None, [e.message for e in imported.result.errors]
    jane = _people(summit)["jane@pittsburghpa.gov"]
    assert (jane.function, jane.organisation) == (
        "Director, Office of Innovation",
        "City of Pittsburgh",
    )
    assert [n.code for n in imported.result.notes] == ["unquoted_comma"]
