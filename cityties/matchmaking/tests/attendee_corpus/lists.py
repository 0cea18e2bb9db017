"""Attendee lists as organisers publish or keep them: printed and published lists, French,
German and Spanish spreadsheets, sign-in sheets, rosters, odd encodings and messy files."""

from __future__ import annotations

import csv
import random
from dataclasses import replace
from typing import Any

from .people import (
    Expected,
    Person,
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


def _last_first(person: Person, rng: random.Random) -> str:
    first = person.first
    if person.honorific and rng.random() < 0.5:
        first = f"{person.honorific} {first}"
    text = f"{person.last}, {first}"
    if person.degree and rng.random() < 0.6:
        text += f", {person.degree}"
    return text


def published_list_xlsx() -> Sample:
    """A participant list published as a spreadsheet: a title and a date above the
    header, merged-looking empty columns, "Last, First" names, a state code, a total."""
    crowd = people(7, 143)
    rng = random.Random(7)
    rows: list[list[Any]] = [
        ["2016 City Summit — List of Participants", None, None, None, None, None, None],
        ["As of November 10, 2016"],
        [],
        ["No.", "Name", None, "Title", None, "Organization", "City", "State"],
    ]
    for i, person in enumerate(crowd, 1):
        rows.append(
            [
                i,
                _last_first(person, rng),
                None,
                person.function,
                None,
                person.organisation,
                person.city,
                person.state,
            ]
        )
    rows.append([None, None, None, None, None, None, None, None])
    rows.append(["Total participants: 143"])
    expected = [Expected(p.first, p.last, "", p.organisation, "US") for p in crowd]
    return Sample(
        "summit_participants_published.xlsx",
        "Published participant list (XLSX; title and date lines, empty merged-looking "
        "columns, 'Last, First[, PhD]' names, 2-letter states, a total line)",
        _xlsx([("Participants", rows)]),
        expected,
        len(crowd),
    )


def pdf_to_csv() -> Sample:
    """A printed list converted to CSV: the header repeated on every page, page numbers,
    names with honorifics and degrees in one column, full state names, country names."""
    crowd = people(8, 160, (_us_person, _us_person, _us_person, _fr_person))
    header = ["Name", "Position", "Affiliation", "State", "Country", "Email"]
    rows: list[list[Any]] = [["Conference of Mayors - Annual Meeting"], ["Attendee Roster"], header]
    country = {"US": "United States of America", "FR": "France"}
    for i, person in enumerate(crowd):
        if i and i % 40 == 0:
            rows.append([f"Page {i // 40} of 4"])
            rows.append(header)
        name = person.full
        if person.honorific and person.country == "US":
            name = f"{person.honorific} {name}"
        if person.degree:
            name = f"{name}, {person.degree}"
        rows.append(
            [
                name,
                person.function,
                person.organisation,
                STATE_NAMES.get(person.state, ""),
                country[person.country],
                person.email,
            ]
        )
    rows.append(["Page 4 of 4"])
    return Sample(
        "roster_from_pdf.csv",
        "Roster converted from a PDF (CSV; header repeated on each page, 'Page n of 4' "
        "lines, 'Dr. Jane A. Doe, PhD' names, full state names)",
        _csv(rows).encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def french_excel_csv() -> Sample:
    """A French Excel "CSV (séparateur : point-virgule)": Windows-1252, a title line,
    civility, NOM in capitals, French country names, empty lines of separators."""
    crowd = people(9, 70, (_fr_person, _fr_person, _us_person, _de_person))
    pays = {"FR": "France", "US": "États-Unis", "DE": "Allemagne", "AT": "Autriche"}
    pays["CH"] = "Suisse"
    rows: list[list[Any]] = [
        ["Liste des inscrits – Rencontres franco-américaines 2016", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", ""],
        [
            "Civilité",
            "Nom",
            "Prénom",
            "Organisme",
            "Fonction",
            "Adresse électronique",
            "Ville",
            "Pays",
        ],
    ]
    for person in crowd:
        rows.append(
            [
                person.honorific or "M.",
                person.last.upper() if person.country == "FR" else person.last,
                person.first,
                person.organisation,
                person.function,
                person.email,
                person.city,
                pays[person.country],
            ]
        )
    rows += [[""] * 8, [""] * 8]
    expected = [
        replace(expect(p), last=p.last.upper() if p.country == "FR" else p.last) for p in crowd
    ]
    return Sample(
        "inscrits_excel_fr.csv",
        "French Excel CSV (Windows-1252, semicolons; title line, Civilité/Nom/Prénom/"
        "Organisme/Fonction/Pays, NOM in capitals, French country names)",
        _csv(rows, ";").encode("cp1252"),
        expected,
        len(crowd),
    )


def french_one_column() -> Sample:
    """ "NOM Prénom" in one column, as French organisers write it."""
    crowd = people(10, 50, (_fr_person,))
    rows: list[list[Any]] = [["Nom Prénom", "Structure", "Fonction", "Courriel", "Pays"]]
    for person in crowd:
        rows.append(
            [
                f"{person.last.upper()} {person.first}",
                person.organisation,
                person.function,
                person.email,
                "France",
            ]
        )
    expected = [replace(expect(p), last=p.last.upper()) for p in crowd]
    return Sample(
        "participants_nom_prenom.csv",
        "French list with 'NOM Prénom' in one column (UTF-8, comma)",
        _csv(rows).encode(),
        expected,
        len(crowd),
    )


def german_csv() -> Sample:
    """German headers (Anrede, Titel, Vorname, Nachname, Firma, E-Mail, Ort, Land)."""
    crowd = people(11, 60, (_de_person, _de_person, _us_person))
    land = {"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz", "US": "USA"}
    rows: list[list[Any]] = [
        [
            "Anrede",
            "Titel",
            "Vorname",
            "Nachname",
            "Firma / Organisation",
            "Position",
            "E-Mail",
            "PLZ",
            "Ort",
            "Land",
        ]
    ]
    for person in crowd:
        rows.append(
            [
                person.honorific or "Herr",
                person.degree if person.degree == "Dr." else "",
                person.first,
                person.last,
                person.organisation,
                person.function,
                person.email,
                "80331",
                person.city,
                land[person.country],
            ]
        )
    return Sample(
        "teilnehmerliste.csv",
        "German list (UTF-8 with BOM, semicolons; Anrede/Titel/Vorname/Nachname/Firma/Ort/Land)",
        b"\xef\xbb\xbf" + _csv(rows, ";").encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def spanish_xlsx() -> Sample:
    """Spanish headers; two family names in "Apellidos"."""
    crowd = people(12, 50, (_es_person,))
    pais = {"ES": "España", "MX": "México", "CO": "Colombia"}
    rows: list[list[Any]] = [
        ["Listado de inscritos"],
        ["Nombre", "Apellidos", "Correo electrónico", "Organización", "Cargo", "Ciudad", "País"],
    ]
    for person in crowd:
        rows.append(
            [
                person.first,
                person.last,
                person.email,
                person.organisation,
                person.function,
                person.city,
                pais[person.country],
            ]
        )
    return Sample(
        "inscritos.xlsx",
        "Spanish list (XLSX; title line, Nombre/Apellidos/Correo electrónico/Organización/"
        "Cargo/País)",
        _xlsx([("Hoja1", rows)]),
        [expect(p) for p in crowd],
        len(crowd),
    )


def unicode_text() -> Sample:
    """Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated."""
    crowd = people(13, 90, (_us_person, _fr_person, _de_person, _es_person))
    rows: list[list[Any]] = [
        [
            "First Name",
            "Last Name",
            "E-mail Address",
            "Organization",
            "Job Title",
            "City",
            "State",
            "Country",
        ]
    ]
    for person in crowd:
        rows.append(
            [
                person.first,
                person.last,
                person.email,
                person.organisation,
                person.function,
                person.city,
                person.state,
                person.country,
            ]
        )
    return Sample(
        "excel_unicode_text.txt",
        "Excel 'Unicode text' (UTF-16 LE with BOM, tab-separated, .txt)",
        _csv(rows, "\t").encode("utf-16"),
        [expect(p) for p in crowd],
        len(crowd),
    )


def messy_csv() -> Sample:
    """An export from a registration form: HTML entities, "Name <address>" and mailto:
    e-mails in capitals, no-break spaces, notes over several lines, an empty column, a
    totals line at the foot, trailing separators."""
    crowd = people(14, 112)
    rng = random.Random(14)
    rows: list[list[Any]] = [
        [
            "Registrant First Name",
            "Registrant Last Name",
            "Email Address",
            "Organization Name",
            "Job Title",
            "",
            "Notes",
            "Amount",
        ]
    ]
    for person in crowd:
        organisation = person.organisation.replace("&", "&amp;")
        last = person.last.replace("'", "&#39;")
        email = person.email
        roll = rng.random()
        if roll < 0.1:
            email = f"{person.full} <{email.upper()}>"
        elif roll < 0.2:
            email = f"mailto:{email}"
        elif roll < 0.3:
            email = email.capitalize()
        rows.append(
            [
                f"\u00a0{person.first}",
                f"{last} ",
                email,
                organisation,
                person.function.replace("&", "&amp;"),
                "",
                "Dietary: vegetarian\nArrives Tuesday" if rng.random() < 0.2 else "",
                f"{rng.choice((495, 625))}.00",
            ]
        )
    rows += [["", "", "", "", "", "", "", ""], ["Total", "", "", "", "", "", "", "61,250.00"]]
    return Sample(
        "registration_form_export.csv",
        "Registration form export (HTML entities, 'Name <ADDRESS>' and mailto: e-mails, "
        "no-break spaces, multi-line notes, an empty column, a totals line)",
        _csv(rows, quoting=csv.QUOTE_ALL).encode(),
        [expect(p, country=False) for p in crowd],
        len(crowd),
    )


def sign_in_sheet() -> Sample:
    """A sign-in sheet typed up: a number, "Name", an e-mail only for some, an empty
    signature column, tables booked by an organisation without a name yet, and people
    known only by their e-mail."""
    crowd = people(15, 36)
    rng = random.Random(15)
    rows: list[list[Any]] = [
        ["Workshop: Smart Cities Partnerships — Sign-in sheet"],
        ["#", "Name", "Title", "Organization/Agency", "Phone", "Email", "Signature"],
    ]
    expected = []
    for i, person in enumerate(crowd, 1):
        roll = rng.random()
        if roll < 0.1:
            rows.append([i, "", "", "", "", person.email, ""])
            expected.append(Expected("", "", person.email, "", ""))
        elif roll < 0.18:
            rows.append([i, "", "", person.organisation, "", "", ""])
            expected.append(Expected("", "", "", person.organisation, ""))
        else:
            email = person.email if rng.random() < 0.7 else ""
            rows.append([i, person.full, person.function, person.organisation, "", email, ""])
            expected.append(Expected(person.first, person.last, email, person.organisation, ""))
    return Sample(
        "sign_in_sheet.csv",
        "Sign-in sheet (numbered, 'Organization/Agency', empty signature column, rows with "
        "only an e-mail, rows with only an organisation)",
        _csv(rows).encode(),
        expected,
        len(crowd),
    )


def with_duplicates() -> Sample:
    """People registered twice: the same e-mail in other capitals, the same name and
    organisation without e-mail."""
    crowd = people(16, 85)
    rng = random.Random(16)
    rows: list[list[Any]] = [["First Name", "Last Name", "Email", "Company", "Title", "Country"]]
    expected = []
    for person in crowd:
        has_email = rng.random() < 0.85
        email = person.email if has_email else ""
        line = [person.first, person.last, email, person.organisation, person.function, "USA"]
        rows.append(line)
        expected.append(expect(person, email=has_email))
        if rng.random() < 0.2:
            again = list(line)
            if email:
                again[2] = email.upper()
            else:
                again[0], again[1] = again[0].upper(), again[1].upper()
                again[3] = again[3].lower()
            again[4] = ""
            rows.insert(rng.randint(1, len(rows)), again)
    return Sample(
        "registrations_with_duplicates.csv",
        "Registrations with repeats (same e-mail in capitals; same name and organisation "
        "without e-mail)",
        _csv(rows).encode(),
        expected,
        len(rows) - 1,
    )


def grip_csv() -> Sample:
    """An event networking platform's CSV: "Location" as "City, Country", what they look
    for and offer."""
    crowd = people(17, 70, (_us_person, _de_person, _fr_person, _es_person))
    country = {"US": "United States", "DE": "Germany", "AT": "Austria", "CH": "Switzerland"}
    country |= {"FR": "France", "ES": "Spain", "MX": "Mexico", "CO": "Colombia"}
    rows: list[list[Any]] = [
        [
            "First Name",
            "Last Name",
            "Job Title",
            "Company Name",
            "Email",
            "Location",
            "Headline",
            "Interests",
            "Looking For",
            "Offering",
            "Registration Type",
        ]
    ]
    for person in crowd:
        rows.append(
            [
                person.first,
                person.last,
                person.function,
                person.organisation,
                person.email,
                f"{person.city}, {country[person.country]}",
                f"{person.function} at {person.organisation}",
                ", ".join(person.sectors),
                "Partners; Investors",
                "Consulting",
                "Delegate",
            ]
        )
    return Sample(
        "grip_export.csv",
        "Networking platform CSV ('Location' as 'City, Country', Looking For / Offering)",
        _csv(rows).encode(),
        [expect(p, country=False) for p in crowd],
        len(crowd),
    )


def name_variants() -> Sample:
    """One "Full Name" column in every way people write names."""
    crowd = people(18, 60, (_us_person, _us_person, _fr_person, _de_person))
    rng = random.Random(18)
    rows: list[list[Any]] = [["Full Name", "Organization", "E-mail"]]
    for person in crowd:
        style = rng.randrange(5)
        if style == 0:
            name = _last_first(person, rng)
        elif style == 1:
            honorific = person.honorific if person.country == "US" else ""
            name = f"{honorific} {person.full}".strip()
            if person.degree and person.degree != "Dr.":
                name += f", {person.degree}"
        elif style == 2:
            name = f"{person.last}, {person.first}"
        elif style == 3 and person.country != "DE":
            name = f"{person.first}   {person.last}"
        else:
            name = person.full
        rows.append([name, person.organisation, person.email])
    return Sample(
        "full_name_variants.csv",
        "One 'Full Name' column: 'Last, First', 'Dr. First Last, PhD', particles (de La, "
        "van der, von), hyphens, apostrophes, double first names",
        _csv(rows).encode(),
        [expect(p, country=False) for p in crowd],
        len(crowd),
    )


def agency_roster() -> Sample:
    """A government roster: "Agency", "Position", state codes and names mixed, countries
    as USA / U.S. / United States, interests separated by semicolons."""
    crowd = people(19, 55)
    rng = random.Random(19)
    rows: list[list[Any]] = [["Agency", "Position", "Last Name", "First Name", "State", "Country"]]
    rows[0] += ["Areas of Interest", "Email"]
    for person in crowd:
        state = person.state if rng.random() < 0.5 else STATE_NAMES[person.state]
        rows.append(
            [
                person.organisation,
                person.function,
                person.last,
                person.first,
                state,
                rng.choice(("USA", "U.S.", "United States", "United States of America")),
                "; ".join(person.sectors),
                person.email,
            ]
        )
    return Sample(
        "agency_roster.csv",
        "Government roster (Agency/Position, Last Name before First Name, states as codes "
        "or names, USA / U.S. / United States)",
        _csv(rows).encode(),
        [expect(p) for p in crowd],
        len(crowd),
    )


def organisations_only() -> Sample:
    """Exhibitors and sponsors registered as organisations, with a contact e-mail for
    some but no person named."""
    crowd = people(20, 30)
    rng = random.Random(20)
    rows: list[list[Any]] = [["Exhibitor", "Booth", "Type", "Contact email", "Country"]]
    expected = []
    seen = set()
    for person in crowd:
        if person.organisation in seen:
            continue
        seen.add(person.organisation)
        email = f"info@{person.email.split('@')[1]}" if rng.random() < 0.5 else ""
        rows.append([person.organisation, f"B{rng.randint(100, 400)}", "Exhibitor", email, "US"])
        expected.append(Expected("", "", email, person.organisation, "US"))
    return Sample(
        "exhibitors.csv",
        "Exhibitors registered as organisations (no person named, a contact e-mail for some)",
        _csv(rows).encode(),
        expected,
        len(rows) - 1,
    )


def latin1_tsv() -> Sample:
    """An old system's tab-separated export in ISO-8859-1, with no header decoration."""
    crowd = people(21, 45, (_fr_person, _es_person))
    rows: list[list[Any]] = [["PRENOM", "NOM", "EMAIL", "SOCIETE", "PAYS"]]
    for person in crowd:
        rows.append([person.first, person.last, person.email, person.organisation, person.country])
    # ISO-8859-1 has no "œ": such systems wrote "oe".
    safe = _csv(rows, "\t").replace("œ", "oe").encode("latin-1")
    expected = [replace(expect(p), last=p.last.replace("œ", "oe")) for p in crowd]
    return Sample(
        "export_latin1.tsv",
        "Legacy tab-separated export (ISO-8859-1, capital headers PRENOM/NOM/SOCIETE/PAYS)",
        safe,
        expected,
        len(crowd),
    )
