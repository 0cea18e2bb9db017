"""Attendee lists as event platforms export them: Eventbrite, Cvent, Swapcard (CSV and
API JSON), Brella, b2match."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from typing import Any

from .people import (
    Expected,
    Sample,
    _csv,
    _de_person,
    _es_person,
    _fr_person,
    _us_person,
    _xlsx,
    expect,
    people,
)
from .pool import (
    STATE_NAMES,
)


def eventbrite() -> Sample:
    """Eventbrite's attendee report: one line per ticket, orders of several tickets bought
    by one person whose e-mail is on every ticket, home and work addresses."""
    crowd = people(1, 110)
    rng = random.Random(1)
    header = [
        "Order #",
        "Order Date",
        "First Name",
        "Last Name",
        "Email",
        "Quantity",
        "Ticket Type",
        "Attendee #",
        "Group",
        "Order Type",
        "Currency",
        "Total Paid",
        "Fees Paid",
        "Eventbrite Fees",
        "Eventbrite Payment Processing",
        "Attendee Status",
        "Home Address 1",
        "Home Address 2",
        "Home City",
        "Home State",
        "Home Zip",
        "Home Country",
        "Job Title",
        "Company",
        "Work Phone",
    ]
    rows: list[list[Any]] = [header]
    expected = []
    order = 512_000_000
    index = 0
    while index < len(crowd):
        order += rng.randint(1, 90)
        size = 1 if rng.random() < 0.85 else min(3, len(crowd) - index)
        buyer = crowd[index]
        for ticket in range(size):
            person = crowd[index + ticket]
            # The buyer's e-mail stands on each ticket of the order.
            email = buyer.email
            rows.append(
                [
                    order,
                    f"2016-0{rng.randint(7, 9)}-{rng.randint(10, 28)} 10:{rng.randint(10, 59)}",
                    person.first,
                    person.last,
                    email,
                    1,
                    rng.choice(("Member Rate", "Non-Member Rate", "Early Bird", "Speaker")),
                    order * 10 + ticket,
                    "",
                    rng.choice(("Eventbrite Completed", "Invitation", "Free Order")),
                    "USD",
                    f"{rng.choice((495, 625, 0))}.00",
                    "0.00",
                    "12.38",
                    "15.11",
                    rng.choice(("Attending", "Attending", "Checked In")),
                    f"{rng.randint(1, 999)} Main St",
                    "",
                    person.city,
                    person.state,
                    f"{rng.randint(10000, 99999)}",
                    "US",
                    person.function,
                    person.organisation,
                    f"({rng.randint(200, 999)}) 555-{rng.randint(1000, 9999)}",
                ]
            )
            expected.append(
                Expected(person.first, person.last, "", person.organisation, "US")
                if ticket
                else expect(person)
            )
        index += size
    return Sample(
        "eventbrite_attendees.csv",
        "Eventbrite attendee report (UTF-8, comma; tickets of one order share the buyer's e-mail)",
        _csv(rows).encode(),
        expected,
        len(rows) - 1,
    )


def cvent() -> Sample:
    """Cvent's registration report in Excel: report title lines, prefix/middle/suffix
    columns, dates as date cells, a total line at the foot."""
    crowd = people(2, 85)
    rng = random.Random(2)
    rows: list[list[Any]] = [
        ["Registration Summary Report"],
        ["NLC City Summit 2016 - Pittsburgh, PA"],
        ["Report run on: 11/02/2016 09:14 AM EDT"],
        [],
        [
            "Confirmation Number",
            "Registration Status",
            "Registration Type",
            "Prefix",
            "First Name",
            "Middle Name",
            "Last Name",
            "Suffix",
            "Email Address",
            "Company Name",
            "Title",
            "Work City",
            "Work State/Prov.",
            "Work Postal Code",
            "Work Country",
            "Registration Date",
            "Mobile Phone",
        ],
    ]
    for person in crowd:
        rows.append(
            [
                f"{rng.choice('ABCDEFGHJK')}{rng.randint(1000000, 9999999)}",
                "Accepted",
                rng.choice(("Elected Official", "City Staff", "Corporate Partner", "Guest")),
                person.honorific,
                person.first,
                rng.choice(("", "", "A.", "J.")),
                person.last,
                person.degree,
                person.email.upper() if rng.random() < 0.1 else person.email,
                person.organisation,
                person.function,
                person.city,
                STATE_NAMES[person.state],
                f"{rng.randint(10000, 99999)}",
                "United States",
                datetime(2016, 9, 1) + timedelta(days=rng.randint(0, 60)),
                float(f"412555{rng.randint(1000, 9999)}"),
            ]
        )
    rows.append([])
    rows.append(["Total Count: 85"])
    return Sample(
        "cvent_registration_report.xlsx",
        "Cvent registration report (XLSX; 4 title lines, prefix/middle/suffix, date cells, "
        "a total line)",
        _xlsx([("Registration Report", rows)]),
        [expect(p) for p in crowd],
        len(crowd),
    )


def swapcard_csv() -> Sample:
    """Swapcard's people export: UTF-8 with BOM, biographies over several lines, interests
    separated by commas."""
    crowd = people(3, 150, (_us_person, _us_person, _fr_person, _de_person))
    rng = random.Random(3)
    rows: list[list[Any]] = [
        [
            "First name",
            "Last name",
            "Email",
            "Job title",
            "Organization",
            "Country",
            "City",
            "Phone number",
            "Biography",
            "Interests",
            "Groups",
            "Created at",
            "",
            "",
        ]
    ]
    country_names = {"US": "United States", "FR": "France", "DE": "Germany", "AT": "Austria"}
    for person in crowd:
        rows.append(
            [
                person.first,
                person.last,
                person.email,
                person.function,
                person.organisation,
                country_names.get(person.country, "Switzerland"),
                person.city,
                f"+1 412 555 {rng.randint(1000, 9999)}",
                f"{person.first} leads {person.organisation}.\n\nPreviously: consultant.\n"
                if rng.random() < 0.4
                else "",
                ", ".join(person.sectors),
                "Attendees",
                "2016-10-03T14:22:10.000Z",
                "",
                "",
            ]
        )
    rows += [["", "", "", ""], [""] * 14]
    return Sample(
        "swapcard_people.csv",
        "Swapcard people export (UTF-8 with BOM, multi-line biographies, trailing empty "
        "columns and rows, country names)",
        b"\xef\xbb\xbf" + _csv(rows).encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def swapcard_json() -> Sample:
    """An event app's API export: the records under a key beside paging data, camelCase
    keys, a nested address, lists of objects."""
    crowd = people(4, 60, (_us_person, _fr_person))
    nodes = []
    for i, person in enumerate(crowd):
        nodes.append(
            {
                "id": f"UGVvcGxlXzE{i:05d}",
                "firstName": person.first,
                "lastName": person.last,
                "email": person.email,
                "jobTitle": person.function or None,
                "organization": person.organisation,
                "address": {
                    "city": person.city,
                    "country": {"US": "US", "FR": "FR"}[person.country],
                },
                "socialNetworks": [{"type": "LINKEDIN", "profile": "https://linkedin.com/in/x"}],
                "tags": [{"id": str(k), "name": s} for k, s in enumerate(person.sectors)],
                "photoUrl": None,
            }
        )
    data = {"totalCount": len(nodes), "pageInfo": {"hasNextPage": False}, "nodes": nodes}
    return Sample(
        "swapcard_people_api.json",
        "Event app API export (JSON: records under a key beside paging data, camelCase, "
        "nested address, lists of objects)",
        json.dumps(data, ensure_ascii=False, indent=2).encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def brella_json() -> Sample:
    """Nested objects: {"user": {...}, "company": {...}}, interests with an intent."""
    crowd = people(5, 80, (_us_person, _de_person, _es_person))
    records = []
    for i, person in enumerate(crowd):
        records.append(
            {
                "id": 9000 + i,
                "user": {
                    "first_name": person.first,
                    "last_name": person.last,
                    "email": person.email,
                },
                "company": {"name": person.organisation, "country": person.country},
                "job_title": person.function,
                "interests": [{"name": s, "intent": "looking_for"} for s in person.sectors],
                "created_at": "2016-10-01T09:00:00+02:00",
            }
        )
    return Sample(
        "brella_attendees.json",
        "Networking app export (JSON list; nested user and company objects, lists of objects)",
        json.dumps(records, ensure_ascii=False).encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def b2match_xlsx() -> Sample:
    """A matchmaking platform's workbook: an information sheet first, the participants in
    the second, a longer sheet of meetings in the third."""
    crowd = people(6, 70, (_us_person, _fr_person, _de_person, _es_person))
    rng = random.Random(6)
    names = {"US": "USA", "FR": "France", "DE": "Germany", "AT": "Austria", "CH": "Switzerland"}
    names |= {"ES": "Spain", "MX": "Mexico", "CO": "Colombia"}
    info = [
        ["Smart Cities B2B Meetings 2016"],
        ["Exported", "2016-11-05"],
        ["Participants", len(crowd)],
        ["Meetings", 180],
    ]
    participants: list[list[Any]] = [
        [
            "#",
            "First Name",
            "Last Name",
            "Organisation",
            "Type",
            "Position",
            "Country",
            "City",
            "Email",
            "Areas of Activities",
            "Marketplace items",
        ]
    ]
    for i, person in enumerate(crowd, 1):
        participants.append(
            [
                i,
                person.first,
                person.last,
                person.organisation,
                rng.choice(
                    ("Company", "University", "R&D Institution", "Association/Agency", "Other")
                ),
                person.function,
                names[person.country],
                person.city,
                person.email,
                "; ".join(person.sectors),
                rng.randint(0, 3),
            ]
        )
    meetings: list[list[Any]] = [["Time", "Table", "Requester", "Responder", "Status"]]
    for k in range(180):
        a, b = rng.sample(crowd, 2)
        meetings.append([f"10:{k % 60:02d}", k % 30 + 1, a.full, b.full, "accepted"])
    return Sample(
        "b2match_participants.xlsx",
        "B2B matchmaking workbook (XLSX; info sheet first, participants second, a longer "
        "meetings sheet third)",
        _xlsx([("Info", info), ("Participants", participants), ("Meetings", meetings)]),
        [expect(p) for p in crowd],
        len(crowd),
    )
