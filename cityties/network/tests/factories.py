"""Factories of the network's records; partnerships and activities go through services."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

import factory

from cityties.accounts.models import User
from cityties.network import services
from cityties.network.models import Activity, CountryGroup, Organisation, Partnership, Person


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Ville {n}")
    kind = "commune"
    country = "FR"
    city = factory.LazyAttribute(lambda o: o.name)
    latitude = 45.0
    longitude = 2.0
    is_member = True


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = factory.Sequence(lambda n: f"Nom{n}")
    function = "Chargé de mission"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.LazyAttribute(lambda p: f"{p.first_name}.{p.last_name}@example.org".lower())
    phone = "+33 2 31 00 00 00"


class CountryGroupFactory(factory.django.DjangoModelFactory[CountryGroup]):
    class Meta:
        model = CountryGroup

    name = factory.Sequence(lambda n: f"Groupe-pays {n}")
    country = factory.Sequence(lambda n: ["US", "CA", "JP", "BR", "SN", "ML", "DE"][n % 7])
    federation = factory.SubFactory(OrganisationFactory, kind="association", is_member=False)


def foreign_city(name: str, country: str = "US", **fields: Any) -> Organisation:
    """A foreign partner government, the usual other side of a partnership."""
    fields = {"kind": "foreign_city", "is_member": False} | fields
    return cast(Organisation, OrganisationFactory(name=name, country=country, **fields))


def make_partnership(actor: User | None, *members: Organisation, **values: Any) -> Partnership:
    """The one way tests create a partnership: through the service, as `actor` (None: the
    platform itself)."""
    values.setdefault("kind", "twinning")
    return services.check_create_partnership(actor=actor, members=list(members), **values)


def add_activity(actor: User, partnership: Partnership, **values: Any) -> Activity:
    values.setdefault("kind", "visit")
    values.setdefault("title", "Visit")
    values.setdefault("start_date", date(2016, 5, 1))
    return services.check_add_activity(partnership, actor=actor, **values)
