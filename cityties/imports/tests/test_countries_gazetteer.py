"""Countries as people write them, and places found offline."""

from __future__ import annotations

import pytest

from cityties.core import gazetteer
from cityties.core.countries import country_codes, is_country_code, resolve_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("England", "GB"),
        ("Wales", "GB"),
        ("Scotland", "GB"),
        ("Northern Ireland", "GB"),
        ("England, United Kingdom", "GB"),
        ("Republic of Ireland", "IE"),
        ("Czech Republic", "CZ"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Turkey", "TR"),
        ("Palestine", "PS"),
        ("USA", "US"),
        ("United States of America", "US"),
        ("états-unis", "US"),
        ("Russia", "RU"),
        ("South Korea", "KR"),
        ("Holland", "NL"),
        ("Macedonia", "MK"),
        ("Swaziland", "SZ"),
        ("Burma", "MM"),
        ("Allemagne", "DE"),
        ("DEU", "DE"),
        ("jp", "JP"),
    ],
)
def test_country_names_codes_and_usual_variants_are_recognised(text, code):
    assert resolve_country(text) == code


def test_unknown_countries_are_none():
    assert resolve_country("Atlantide") is None
    assert resolve_country("") is None


def test_only_real_countries_are_country_codes():
    for code in ("ZZ", "EU", "QO", "001", "EZ", "UN", "XA", "fr"):
        assert not is_country_code(code)
    assert is_country_code("FR") and is_country_code("US")
    assert 240 <= len(country_codes()) <= 252


@pytest.fixture(scope="module")
def places():
    return gazetteer.load()


def test_a_name_is_looked_up_within_its_country_only(places):
    assert places.lookup("Brest", "FR").place.timezone == "Europe/Paris"
    assert places.lookup("Brest", "BY").place.timezone == "Europe/Minsk"
    assert (
        places.lookup("Mâcon", "US") is None or places.lookup("Mâcon", "US").place.country == "US"
    )


def test_spellings_of_saint_and_accents_meet(places):
    a = places.lookup("St-Etienne", "FR").place
    b = places.lookup("Saint-Étienne", "FR").place
    assert a == b and a.region == "Auvergne-Rhône-Alpes"


def test_the_most_populous_wins_and_the_region_narrows(places):
    any_springfield = places.lookup("Springfield", "US")
    assert any_springfield.candidates > 1
    illinois = places.lookup("Springfield", "US", "Illinois").place
    assert illinois.region == "Illinois"
    assert places.lookup("Springfield", "US", "IL").place == illinois
