import factory

from cityties.network.models import CountryGroup, Organisation, Person


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
