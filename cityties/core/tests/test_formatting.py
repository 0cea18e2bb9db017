"""Numbers and amounts read the same on every page, in the reader's language."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from cityties.core.templatetags.cityties import money, number


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "3\u202f455"), ("en", "3,455")],
)
def test_a_count_is_grouped_the_way_the_reader_writes_it(language, expected):
    with translation.override(language):
        assert number(3455) == expected


def test_a_decimal_amount_keeps_its_decimals_in_french():
    with translation.override("fr"):
        assert number(Decimal("12500.50")) == "12\u202f500,5"
        assert money(Decimal("12500.50"), "EUR") == "12\u202f500,50\xa0€"


def test_what_is_not_a_number_is_shown_as_it_is():
    assert number(None) == ""
    assert number("n/a") == "n/a"


def test_a_plural_caption_shows_the_grouped_number():
    template = Template(
        "{% load i18n cityties %}{% blocktranslate count n=total with shown=total|number %}"
        "{{ shown }} organisation{% plural %}{{ shown }} organisations{% endblocktranslate %}"
    )
    with translation.override("fr"):
        assert template.render(Context({"total": 4769})) == "4\u202f769 organisations"
    with translation.override("en"):
        assert template.render(Context({"total": 1})) == "1 organisation"


@pytest.mark.django_db
def test_the_history_of_a_partnership_names_actions_in_french(staff, caen):
    from cityties.network.services import partnerships as svc
    from cityties.network.services.history import partnership_history
    from cityties.network.tests.factories import OrganisationFactory

    partner = OrganisationFactory(name="Nashville", kind="foreign_city", country="US")
    partnership = svc.check_create_partnership(
        actor=staff, members=[caen, partner], kind="twinning"
    )
    with translation.override("fr"):
        entry = partnership_history(partnership)[-1]
        assert entry.action == "création"
        assert entry.subject.startswith("partenariat « ")
