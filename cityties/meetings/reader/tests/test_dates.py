from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cityties.meetings.reader.dates import find_dates
from cityties.meetings.reader.header import find_time, number_from_words, word_date

MEETING = dt.date(2016, 3, 30)
MONTH_NAMES = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
MONTHS = MONTH_NAMES.split()
D = dt.date


def spans(text: str, reference: dt.date | None = MEETING) -> list[tuple[dt.date, dt.date, str]]:
    return [(m.start, m.end, m.precision) for m in find_dates(text, reference)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("du 16 au 19 novembre 2016", (D(2016, 11, 16), D(2016, 11, 19), "day")),
        ("les 4 et 5 juillet", (D(2016, 7, 4), D(2016, 7, 5), "day")),
        ("des 4 et 5 Juillet 2016", (D(2016, 7, 4), D(2016, 7, 5), "day")),
        ("le 7 juin", (D(2016, 6, 7), D(2016, 6, 7), "day")),
        ("du 14 au 20 octobre", (D(2016, 10, 14), D(2016, 10, 20), "day")),
        ("du 28 novembre au 2 décembre 2016", (D(2016, 11, 28), D(2016, 12, 2), "day")),
        ("le 1er mars 2017", (D(2017, 3, 1), D(2017, 3, 1), "day")),
        ("le vendredi 12 mai", (D(2016, 5, 12), D(2016, 5, 12), "day")),
        ("fin avril", (D(2016, 4, 1), D(2016, 4, 30), "month")),
        ("début mai", (D(2016, 5, 1), D(2016, 5, 31), "month")),
        ("mi-juin", (D(2016, 6, 1), D(2016, 6, 30), "month")),
        ("au printemps 2022", (D(2022, 3, 1), D(2022, 5, 31), "season")),
        ("pendant l'été", (D(2016, 6, 1), D(2016, 8, 31), "season")),
        ("en octobre 2021", (D(2021, 10, 1), D(2021, 10, 31), "month")),
        ("janvier et février prochain", (D(2017, 1, 1), D(2017, 2, 28), "month")),
        ("entre janvier et mars 2024", (D(2024, 1, 1), D(2024, 3, 31), "month")),
        ("d'ici à la fin 2016", (D(2016, 1, 1), D(2016, 12, 31), "year")),
        ("dès 2017", (D(2017, 1, 1), D(2017, 12, 31), "year")),
        ("l'année prochaine", (D(2017, 1, 1), D(2017, 12, 31), "year")),
        ("12/01/2023", (D(2023, 1, 12), D(2023, 1, 12), "day")),
        ("07.03.2024", (D(2024, 3, 7), D(2024, 3, 7), "day")),
        ("avant le 15/10", (D(2016, 10, 15), D(2016, 10, 15), "day")),
        ("2022-05-03", (D(2022, 5, 3), D(2022, 5, 3), "day")),
        ("2016/03/30", (D(2016, 3, 30), D(2016, 3, 30), "day")),
        ("le 30-mars-2016", (D(2016, 3, 30), D(2016, 3, 30), "day")),
        ("30 Mar. 2016", (D(2016, 3, 30), D(2016, 3, 30), "day")),
        ("on Saturday 9 July 2022", (D(2022, 7, 9), D(2022, 7, 9), "day")),
        ("June 7-9, 2022", (D(2022, 6, 7), D(2022, 6, 9), "day")),
        ("from 16 to 18 November", (D(2016, 11, 16), D(2016, 11, 18), "day")),
        ("by end of October", (D(2016, 10, 1), D(2016, 10, 31), "month")),
        ("in spring 2023", (D(2023, 3, 1), D(2023, 5, 31), "season")),
        ("au premier trimestre 2017", (D(2017, 1, 1), D(2017, 3, 31), "month")),
        ("au second semestre", (D(2016, 7, 1), D(2016, 12, 31), "month")),
        ("Q2 2017", (D(2017, 4, 1), D(2017, 6, 30), "month")),
        ("à la rentrée", (D(2016, 9, 1), D(2016, 9, 30), "month")),
        ("d'ici la fin de l'année", (D(2016, 12, 1), D(2016, 12, 31), "month")),
    ],
)
def test_phrases(text: str, found: tuple[dt.date, dt.date, str]):
    assert spans(text) == [found]


def test_a_month_without_year_is_its_next_occurrence():
    assert spans("une autre rencontre est prévue en février")[0][0] == D(2017, 2, 1)
    assert spans("une rencontre est prévue en mars")[0][0] == D(2016, 3, 1)


def test_something_that_took_place_is_the_previous_occurrence():
    assert spans("une mission exploratoire a eu lieu en février")[0][0] == D(2016, 2, 1)
    assert spans("en novembre dernier")[0][0] == D(2015, 11, 1)


def test_a_recent_day_told_in_the_past_is_the_previous_one():
    september = D(2023, 9, 19)
    assert spans("La fête du 1er juillet a dégagé un bénéfice.", september)[0][0] == D(2023, 7, 1)
    assert spans("Le loto du 1er décembre a été préparé.", september)[0][0] == D(2023, 12, 1)


def test_a_yearless_month_takes_the_year_of_its_sentence():
    found = spans("La foire de Tours du mois de mai aura une thématique Etats-Unis en 2017")
    assert found == [(D(2017, 5, 1), D(2017, 5, 31), "month")]


def test_a_year_that_dates_nothing_else_stays():
    found = spans("une mission a eu lieu en février, avec un accord d'ici à la fin 2016.")
    assert (D(2016, 1, 1), D(2016, 12, 31), "year") in found


@pytest.mark.parametrize(
    "text",
    [
        "les stands coûtaient 2000 dollars chacun",
        "Pour Marseille, au delà des scolaires",
        "the United States Conference of Mayors",
        "it may rain",
        "ils ont été très bons",
        "Adopté par 12 voix pour et 1 abstention",
        "version 2.3.10 du logiciel",
    ],
)
def test_no_date_in(text: str):
    assert spans(text) == []


def test_without_a_meeting_date_only_full_dates_are_read():
    assert spans("le 7 juin, puis le 8 juin 2016", None) == [(D(2016, 6, 8), D(2016, 6, 8), "day")]


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("à 14h30", dt.time(14, 30)),
        ("14 h 30", dt.time(14, 30)),
        ("à 20 h,", dt.time(20, 0)),
        ("18 heures", dt.time(18, 0)),
        ("at 6.30 pm", dt.time(18, 30)),
        ("14:00", dt.time(14, 0)),
        ("midi", dt.time(12, 0)),
    ],
)
def test_times(text: str, time: dt.time):
    assert find_time(text) == time


def test_dates_in_words():
    assert word_date("L'an deux mille vingt-trois, le cinq octobre à vingt heures") == D(
        2023, 10, 5
    )
    assert word_date("le trente et un mars deux mille seize") == D(2016, 3, 31)
    assert number_from_words("mil neuf cent quatre-vingt-dix-neuf") == 1999


days = st.dates(min_value=D(1951, 1, 1), max_value=D(2099, 12, 31))


@given(days)
def test_any_full_french_date_reads_back(day: dt.date):
    text = f"La réunion aura lieu le {day.day} {MONTHS[day.month - 1]} {day.year} en mairie."
    assert spans(text, None) == [(day, day, "day")]


@given(days, days)
def test_a_yearless_day_is_the_first_occurrence_from_the_meeting(day: dt.date, meeting: dt.date):
    if (day.month, day.day) == (2, 29):
        return
    found = spans(f"La fête aura lieu le {day.day} {MONTHS[day.month - 1]}.", meeting)
    assert len(found) == 1
    start = found[0][0]
    assert (start.month, start.day) == (day.month, day.day)
    assert meeting <= start < meeting + dt.timedelta(days=366)


@given(days, st.integers(min_value=0, max_value=40))
def test_ranges_start_before_they_end(day: dt.date, length: int):
    end = day + dt.timedelta(days=length)
    text = f"du {day.day} {MONTHS[day.month - 1]} au {end.day} {MONTHS[end.month - 1]} {end.year}"
    found = spans(text, None)
    assert found == [(day, end, "day")]
