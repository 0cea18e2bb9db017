"""Target fields of the network's imports and the spellings real files use for their values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy

from cityties.core.countries import country_choices, resolve_country
from cityties.imports.fields import TargetField, text_choices

from ..models import (
    Civility,
    OrganisationKind,
    PartnershipKind,
    PartnershipStatus,
)

BATCH_SIZE = 500
MAX_PARTNER_COLUMNS = 4
SHOWN_CANDIDATES = 4

# --- Vocabularies ---------------------------------------------------------------------------

# Spellings met in real files, beyond the choices' own labels in both languages.
PARTNERSHIP_KIND_ALIASES = {
    "jumelage": "twinning",
    "jumelages": "twinning",
    "sister city": "twinning",
    "sister cities": "twinning",
    "twin town": "twinning",
    "twin city": "twinning",
    "ville jumelle": "twinning",
    "ville soeur": "twinning",
    "cooperation": "cooperation",
    "accord de cooperation": "cooperation",
    "convention de cooperation": "cooperation",
    "cooperation decentralisee": "cooperation",
    "amitie": "friendship",
    "pacte d amitie": "friendship",
    "friendship": "friendship",
    "friendship city": "friendship",
    "memorandum": "memorandum",
    "mou": "memorandum",
    "protocole d accord": "memorandum",
    "lettre d intention": "memorandum",
    "en negociation": "negotiation",
    "negociation": "negotiation",
    "contacts": "contact",
    "contacts a developper": "contact",
}
PARTNERSHIP_STATUS_ALIASES = {
    "actif": "active",
    "active": "active",
    "en sommeil": "dormant",
    "dormant": "dormant",
    "inactif": "dormant",
    "termine": "ended",
    "ended": "ended",
    "fini": "ended",
    "rompu": "ended",
}
ORGANISATION_KIND_ALIASES = {
    "ville": "commune",
    "mairie": "commune",
    "municipalite": "commune",
    "metropole": "intercommunality",
    "communaute d agglomeration": "intercommunality",
    "communaute de communes": "intercommunality",
    "communaute urbaine": "intercommunality",
    "conseil departemental": "departement",
    "department": "departement",
    "conseil regional": "region",
    "city": "foreign_city",
    "town": "foreign_city",
    "municipality": "foreign_city",
    "ville etrangere": "foreign_city",
    "comte": "foreign_county",
    "county": "foreign_county",
    "etat": "foreign_state",
    "province": "foreign_state",
    "state": "foreign_state",
    "etat ou province etrangere": "foreign_state",
    "entreprise": "company",
    "startup": "company",
    "agence": "agency",
    "ministere": "ministry",
    "reseau": "association",
    "cci": "chamber",
    "chambre de commerce": "chamber",
    "universite": "university",
    "autre": "other",
}
CIVILITY_ALIASES = {
    "m": "mr",
    "mr": "mr",
    "monsieur": "mr",
    "mme": "ms",
    "madame": "ms",
    "mrs": "ms",
    "ms": "ms",
    "miss": "ms",
}


def _country_choices() -> list[tuple[str, str]]:
    return country_choices()


def _country(name: str, label: Any, *, required: bool = False, aliases: Iterable[str] = ()) -> Any:
    return TargetField(
        name,
        label,
        required,
        tuple(aliases),
        choices=_country_choices,
        resolver=resolve_country,
        vocabulary="country",
    )


def _org_kind(name: str, label: Any, aliases: Iterable[str] = ()) -> TargetField:
    return TargetField(
        name,
        label,
        False,
        tuple(aliases),
        choices=text_choices(OrganisationKind),
        value_aliases=ORGANISATION_KIND_ALIASES,
        vocabulary="organisation_kind",
    )


# --- Target fields --------------------------------------------------------------------------

ORGANISATION_FIELDS = (
    TargetField(
        "name",
        gettext_lazy("Name"),
        True,
        ("nom", "name", "organisation", "organization", "raisonsociale", "denomination"),
    ),
    TargetField("short_name", gettext_lazy("Short name"), False, ("nomcourt", "sigle", "acronym")),
    _org_kind("kind", gettext_lazy("Kind"), ("type", "kind", "categorie", "category", "nature")),
    _country(
        "country",
        gettext_lazy("Country"),
        required=True,
        aliases=("pays", "country", "codepays", "countrycode"),
    ),
    TargetField(
        "region", gettext_lazy("Region or state"), False, ("region", "etat", "state", "province")
    ),
    TargetField("city", gettext_lazy("City"), False, ("ville", "city", "commune", "town")),
    TargetField("latitude", gettext_lazy("Latitude"), False, ("latitude", "lat")),
    TargetField("longitude", gettext_lazy("Longitude"), False, ("longitude", "lon", "lng")),
    TargetField(
        "website", gettext_lazy("Website"), False, ("siteweb", "siteinternet", "website", "url")
    ),
    TargetField(
        "email", gettext_lazy("E-mail"), False, ("courriel", "email", "mail", "adressemail")
    ),
    TargetField("is_member", gettext_lazy("Member"), False, ("membre", "member", "adherent")),
    TargetField("description", gettext_lazy("Description"), False, ("description",)),
)
PERSON_FIELDS = (
    TargetField(
        "civility",
        gettext_lazy("Civility"),
        False,
        ("civilite", "civility", "titre"),
        choices=text_choices(Civility),
        value_aliases=CIVILITY_ALIASES,
    ),
    TargetField(
        "first_name", gettext_lazy("First name"), True, ("prenom", "firstname", "givenname")
    ),
    TargetField(
        "last_name",
        gettext_lazy("Last name"),
        True,
        ("nom", "nomdefamille", "lastname", "surname", "familyname", "name"),
    ),
    TargetField(
        "function", gettext_lazy("Function"), False, ("fonction", "function", "poste", "jobtitle")
    ),
    TargetField(
        "organisation",
        gettext_lazy("Organisation"),
        True,
        ("organisation", "organization", "structure", "collectivite", "employeur", "entreprise"),
    ),
    TargetField(
        "email", gettext_lazy("E-mail"), False, ("courriel", "email", "mail", "adressemail")
    ),
    TargetField(
        "phone", gettext_lazy("Phone"), False, ("telephone", "tel", "phone", "mobile", "portable")
    ),
    TargetField("languages", gettext_lazy("Languages"), False, ("langues", "languages", "langue")),
    TargetField("consent", gettext_lazy("Consent"), False, ("consentement", "consent", "optin")),
    TargetField(
        "consent_date",
        gettext_lazy("Consent date"),
        False,
        ("dateduconsentement", "dateconsentement", "consentdate"),
    ),
)

_FIRST = ("collectivitefrancaise", "villefrancaise", "communefrancaise", "frenchcity")
_SECOND = ("villepartenaire", "collectivitepartenaire", "partnercity", "collectiviteetrangere")


def _partner_fields(n: int) -> tuple[TargetField, ...]:
    first, second = (_FIRST, ("paysfrancais",)) if n == 1 else (_SECOND, ("payspartenaire",))
    names = (
        f"partner{n}",
        f"partenaire{n}",
        f"city{n}",
        f"ville{n}",
        f"commune{n}",
        f"town{n}",
        f"member{n}",
        f"membre{n}",
        f"name{n}",
        f"nom{n}",
        f"collectivite{n}",
        *(first if n <= 2 else ()),
    )
    countries = (
        f"partner{n}country",
        f"country{n}",
        f"pays{n}",
        f"partenaire{n}pays",
        *(second if n <= 2 else ()),
        *(("partnercountry",) if n == 2 else ()),
    )
    regions = (
        f"partner{n}region",
        f"region{n}",
        f"state{n}",
        f"etat{n}",
        f"province{n}",
        f"departement{n}",
        f"partenaire{n}region",
    )
    return (
        TargetField(
            f"partner_{n}",
            gettext_lazy("Partner %(n)s") % {"n": n},
            False,
            names,
        ),
        _country(
            f"partner_{n}_country",
            gettext_lazy("Country of partner %(n)s") % {"n": n},
            aliases=countries,
        ),
        TargetField(
            f"partner_{n}_region",
            gettext_lazy("Region or state of partner %(n)s") % {"n": n},
            False,
            regions,
        ),
        _org_kind(
            f"partner_{n}_kind",
            gettext_lazy("Kind of partner %(n)s") % {"n": n},
            (f"partner{n}kind", f"type{n}", f"kind{n}"),
        ),
    )


PARTNERSHIP_FIELDS = (
    TargetField("title", gettext_lazy("Title"), False, ("titre", "title", "intitule", "libelle")),
    TargetField(
        "partners",
        gettext_lazy("Partners (“A / B” in one column)"),
        False,
        ("partenaires", "partners", "membres", "members", "collectivites"),
    ),
    *(f for n in range(1, MAX_PARTNER_COLUMNS + 1) for f in _partner_fields(n)),
    TargetField(
        "kind",
        gettext_lazy("Kind"),
        True,
        ("type", "kind", "nature", "typedepartenariat", "typedelien"),
        choices=text_choices(PartnershipKind),
        value_aliases=PARTNERSHIP_KIND_ALIASES,
    ),
    TargetField(
        "status",
        gettext_lazy("Status"),
        False,
        ("statut", "status"),
        choices=text_choices(PartnershipStatus),
        value_aliases=PARTNERSHIP_STATUS_ALIASES,
    ),
    TargetField(
        "signed_on",
        gettext_lazy("Signed on"),
        False,
        (
            "datedesignature",
            "signele",
            "signedon",
            "signed",
            "signature",
            "datesignature",
            "date",
            "annee",
            "year",
        ),
    ),
    TargetField(
        "renewed_on",
        gettext_lazy("Renewed on"),
        False,
        ("datederenouvellement", "renouvelele", "renewedon", "renewed", "renouvellement"),
    ),
    TargetField(
        "themes", gettext_lazy("Themes"), False, ("themes", "theme", "thematiques", "topics")
    ),
    TargetField("description", gettext_lazy("Description"), False, ("description",)),
    TargetField("is_public", gettext_lazy("Public"), False, ("public", "publie", "ispublic")),
)
