"""Target fields of the attendee import, and the header spellings of the lists event
platforms and organisers publish ("Attendee First Name", "E-mail Address", "Company",
"Job Title", "Organization Type"…), in English and French."""

from __future__ import annotations

from itertools import product

from django.utils.translation import gettext_lazy

from cityties.core.countries import country_choices, resolve_country
from cityties.imports.fields import TargetField, header_key, text_choices

from ..models import ProfileKind

# Words platforms put before a field's name: "Attendee First Name", "Contact Email".
PREFIXES = (
    "",
    "attendee",
    "participant",
    "registrant",
    "contact",
    "delegate",
    "member",
    "guest",
    "person",
    "your",
    "primary",
    "profile",
    "billing",
    "home",
    "work",
    "business",
    "office",
    "mailing",
    "participantprincipal",
)
SUFFIXES = ("", "required", "obligatoire", "1", "text", "field", "s")


def _aliases(*bases: str) -> tuple[str, ...]:
    keys = [header_key(base) for base in bases]
    return tuple(
        dict.fromkeys(
            f"{prefix}{key}{suffix}" for key, prefix, suffix in product(keys, PREFIXES, SUFFIXES)
        )
    )


def _events() -> list[tuple[str, str]]:
    from cityties.events.models import Event

    events = Event.objects.filter(delegations__isnull=False).distinct().order_by("-starts_at")
    return [(str(e.pk), f"{e.title} ({e.starts_at:%Y})") for e in events[:200]]


def resolve_event(text: str) -> str | None:
    """An event from its number or its title (French or English)."""
    from django.db.models import Q

    from cityties.events.models import Event

    text = text.strip().lstrip("#")
    if text.isdigit():
        return text if Event.objects.filter(pk=int(text)).exists() else None
    found = list(
        Event.objects.filter(Q(title_fr__iexact=text) | Q(title_en__iexact=text)).values_list(
            "pk", flat=True
        )[:2]
    )
    return str(found[0]) if len(found) == 1 else None


ATTENDEE_FIELDS = (
    TargetField(
        "event",
        gettext_lazy("Event"),
        True,
        _aliases("event", "evenement", "congress", "conference"),
        choices=_events,
        resolver=resolve_event,
        help_text=gettext_lazy("Usually given once for the whole file, as the default."),
    ),
    TargetField(
        "first_name",
        gettext_lazy("First name"),
        False,
        _aliases(
            "first name",
            "firstname",
            "first",
            "given name",
            "given names",
            "forename",
            "fname",
            "prenom",
            "prenoms",
            "vorname",
            "nombre",
            "nombres",
            "nome",
            "primeiro nome",
        ),
    ),
    TargetField(
        "last_name",
        gettext_lazy("Last name"),
        False,
        _aliases(
            "last name",
            "lastname",
            "last",
            "surname",
            "family name",
            "lname",
            "nom de famille",
            "nom",
            "nachname",
            "familienname",
            "zuname",
            "apellido",
            "apellidos",
            "cognome",
            "sobrenome",
            "achternaam",
        ),
    ),
    TargetField(
        "full_name",
        gettext_lazy("Name (first and last in one column)"),
        False,
        _aliases(
            "name",
            "full name",
            "fullname",
            "display name",
            "user name",
            "user name original name",
            "name original name",
            "participant name",
            "attendee name",
            "registrant name",
            "name and surname",
            "nom complet",
            "prenom nom",
            "nom prenom",
            "nom et prenom",
            "prenom et nom",
            "nom du participant",
            "teilnehmer",
            "teilnehmername",
            "nombre completo",
            "nombre y apellidos",
            "nome e cognome",
            "nome completo",
        ),
        help_text=gettext_lazy("“Jane Doe”, “Doe, Jane” or “DOE Jane”."),
    ),
    TargetField(
        "email",
        gettext_lazy("E-mail"),
        False,
        _aliases(
            "email",
            "e-mail",
            "email address",
            "emails",
            "mail",
            "mail address",
            "courriel",
            "adresse e-mail",
            "adresse mail",
            "adresse electronique",
            "adresse courriel",
            "mel",
            "e mail adresse",
            "emailadresse",
            "correo",
            "correo electronico",
            "correo e",
            "posta elettronica",
        ),
    ),
    TargetField(
        "organisation",
        gettext_lazy("Organisation"),
        False,
        _aliases(
            "organisation",
            "organization",
            "organization name",
            "organization company",
            "organisation company",
            "company organization",
            "employer organization",
            "company agency",
            "organization agency",
            "agency organization",
            "city county",
            "government",
            "company",
            "company name",
            "employer",
            "affiliation",
            "institution",
            "agency",
            "city organization",
            "municipality",
            "jurisdiction",
            "organisme",
            "structure",
            "entreprise",
            "societe",
            "collectivite",
            "etablissement",
            "firma",
            "unternehmen",
            "institution",
            "organisation name",
            "organizacion",
            "organizacion empresa",
            "empresa",
            "entidad",
            "institucion",
            "azienda",
            "ente",
            "firm",
            "exhibitor",
            "sponsor",
            "exposant",
            "partner",
            "represented organization",
        ),
    ),
    TargetField(
        "function",
        gettext_lazy("Function"),
        False,
        _aliases(
            "function",
            "job title",
            "jobtitle",
            "title",
            "job",
            "job function",
            "professional title",
            "title position",
            "position title",
            "position",
            "role",
            "occupation",
            "designation",
            "fonction",
            "poste",
            "titre",
            "qualite",
            "funktion",
            "berufsbezeichnung",
            "stellung",
            "cargo",
            "puesto",
            "ruolo",
            "headline",
        ),
    ),
    TargetField(
        "kind",
        gettext_lazy("Kind"),
        False,
        _aliases(
            "kind",
            "type",
            "organization type",
            "organisation type",
            "type of organization",
            "category",
            "sector type",
            "member type",
            "attendee type",
            "registration type",
            "type d organisation",
            "categorie",
        ),
        choices=text_choices(ProfileKind),
        help_text=gettext_lazy("Guessed from the organisation's name when not given."),
    ),
    TargetField(
        "country",
        gettext_lazy("Country"),
        False,
        _aliases(
            "country",
            "pays",
            "country region",
            "country region name",
            "nation",
            "land",
            "pais",
            "paese",
            "country code",
        ),
        choices=lambda: country_choices(),
        resolver=resolve_country,
        vocabulary="country",
    ),
    TargetField(
        "state",
        gettext_lazy("State or region"),
        False,
        _aliases(
            "state",
            "province",
            "region",
            "state province",
            "state prov",
            "etat",
            "state region",
            "bundesland",
            "provincia",
            "estado",
        ),
    ),
    TargetField(
        "city",
        gettext_lazy("City"),
        False,
        _aliases(
            "city",
            "ville",
            "town",
            "locality",
            "city state",
            "location",
            "commune",
            "ort",
            "stadt",
            "wohnort",
            "ciudad",
            "localidad",
            "municipio",
            "citta",
            "cidade",
        ),
        help_text=gettext_lazy("“Pittsburgh, PA” gives the state too."),
    ),
    TargetField(
        "sectors",
        gettext_lazy("Sectors"),
        False,
        _aliases(
            "sectors",
            "sector",
            "industry",
            "industries",
            "interests",
            "areas of interest",
            "topics",
            "themes",
            "secteur",
            "secteurs",
            "thematiques",
            "centres d interet",
        ),
        help_text=gettext_lazy("Separated by commas or semicolons, in French or English."),
    ),
    TargetField(
        "needs",
        gettext_lazy("Needs"),
        False,
        _aliases("needs", "looking for", "seeking", "wants to meet", "besoins", "recherche"),
    ),
    TargetField(
        "offers",
        gettext_lazy("Offers"),
        False,
        _aliases("offers", "offer", "offering", "expertise", "services", "offre", "propose"),
    ),
    TargetField(
        "language",
        gettext_lazy("Language"),
        False,
        _aliases("language", "preferred language", "langue"),
        help_text=gettext_lazy("French or English: the language of the mail they receive."),
    ),
)
