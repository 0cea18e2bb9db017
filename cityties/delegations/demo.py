"""The delegations of the minutes: Caen's 2015 pilot in Nashville with three startups, and
the 2016 French delegation to Pittsburgh led by Caen with the Auvergne-Rhône-Alpes region,
Cités Unies France and the ministry. Real organisations and functions; the people's and
the 2016 companies' names are invented. Idempotent: a second run changes nothing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from cityties.accounts.models import User
from cityties.events import demo as events_demo
from cityties.network.models import Organisation, Person, Sector

from . import services as svc
from .models import (
    PIPELINE,
    Application,
    Call,
    CompanyProfile,
    Delegate,
    Delegation,
    Milestone,
    Participant,
    Session,
    Supporter,
)

PARIS = ZoneInfo("Europe/Paris")
EASTERN = ZoneInfo("America/New_York")

# (name, city, sponsor name, sector code, pitch fr, pitch en, person first, last, function)
COMPANIES: list[tuple[str, str, str, str, str, str, str, str, str]] = [
    (
        "Soyhuce",
        "Caen",
        "Ville de Caen",
        "smart_city",
        "Applications pour smartphone qui simplifient la relation entre une ville et ses "
        "habitants.",
        "Smartphone apps that simplify the relationship between a city and its residents.",
        "",
        "",
        "",
    ),
    (
        "Starnav",
        "Caen",
        "Ville de Caen",
        "health",
        "Startup médicale : navigation et suivi des patients pour les services publics.",
        "Medical startup: patient navigation and follow-up for public services.",
        "",
        "",
        "",
    ),
    (
        "Sans Contact Normandie",
        "Caen",
        "Ville de Caen",
        "contactless",
        "Cartes et bornes sans contact pour les services municipaux.",
        "Contactless cards and kiosks for municipal services.",
        "Hugo",
        "Lebrun",
        "Président",
    ),
    (
        "Garonne Données Urbaines",
        "Toulouse",
        "Toulouse Métropole",
        "mobility",
        "Données de mobilité ouvertes pour les métropoles.",
        "Open mobility data for metropolitan areas.",
        "Julie",
        "Castan",
        "Directrice générale",
    ),
    (
        "Touraine Capteurs",
        "Tours",
        "Ville de Tours",
        "energy_efficiency",
        "Capteurs pour piloter l'efficacité énergétique des bâtiments publics.",
        "Sensors that steer the energy efficiency of public buildings.",
        "Paul",
        "Renard",
        "Fondateur",
    ),
    (
        "Rhône Biotech Solutions",
        "Lyon",
        "Conseil régional d'Auvergne-Rhône-Alpes",
        "biotech",
        "Biotechnologies pour le traitement des eaux urbaines.",
        "Biotechnology for urban water treatment.",
        "Nora",
        "Belkacem",
        "Directrice du développement",
    ),
]


def demo_actor() -> User | None:
    from cityties.network.demo_data import DEMO_USERS

    return User.objects.filter(email=DEMO_USERS[0][0]).first()


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _person(first: str, last: str) -> Person:
    return Person.objects.get(first_name=first, last_name=last)


def _companies(actor: Any) -> dict[str, Organisation]:
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    companies: dict[str, Organisation] = {}
    for name, city, sponsor, sector, pitch_fr, pitch_en, first, last, function in COMPANIES:
        company, _created = Organisation.objects.get_or_create(
            name=name,
            country="FR",
            defaults={"kind": "company", "city": city, "sponsor": _org(sponsor)},
        )
        if first:
            Person.objects.get_or_create(
                first_name=first,
                last_name=last,
                organisation=company,
                defaults={
                    "function": function,
                    "email": f"{first}.{last}@example.org".lower(),
                    "languages": "fr,en",
                },
            )
        wanted = {
            "sector": sectors.get(sector),
            "pitch_fr": pitch_fr,
            "pitch_en": pitch_en,
            "languages": "fr,en",
            "target_markets": "US",
            "is_sme": True,
        }
        profile = CompanyProfile.objects.filter(company=company).first()
        if profile is None or any(getattr(profile, k) != v for k, v in wanted.items()):
            svc.check_save_company_profile(company, actor=actor, **wanted)
        companies[name] = company
    return companies


def _delegation(actor: Any, event: Any, lead: Organisation, title: str, text: str) -> Delegation:
    existing = Delegation.objects.filter(event=event, lead=lead).first()
    return existing or svc.do_create_delegation(
        actor=actor, title=title, event=event, lead=lead, description=text
    )


def _move_to(actor: Any, delegation: Delegation, target: str, dates: list[datetime]) -> None:
    path = PIPELINE[: PIPELINE.index(target) + 1]
    if delegation.moves.exists():
        return
    for status, when in zip(path[1:], dates, strict=True):
        svc.check_move_delegation(delegation, actor=actor, to_status=status, at=when)


def _supporter(actor: Any, delegation: Delegation, name: str, role: str, note: str = "") -> None:
    organisation = _org(name)
    if not Supporter.objects.filter(
        delegation=delegation, organisation=organisation, role=role
    ).exists():
        svc.check_add_supporter(
            delegation, actor=actor, organisation=organisation, role=role, note=note
        )


def _government(actor: Any, delegation: Delegation, name: str) -> Participant:
    return svc.ensure_government(delegation, actor=actor, organisation=_org(name))


def _company(actor: Any, delegation: Delegation, company: Organisation) -> Participant:
    existing = Participant.objects.filter(delegation=delegation, organisation=company).first()
    assert company.sponsor is not None
    return existing or svc.check_add_company(
        delegation, actor=actor, company=company, sponsor=company.sponsor
    )


def _delegate(actor: Any, participant: Participant, person: Person, role: str) -> Delegate:
    existing = Delegate.objects.filter(participant=participant, person=person).first()
    return existing or svc.check_add_delegate(participant, actor=actor, person=person, role=role)


def _first_person(company: Organisation) -> Person:
    person = company.people.order_by("id").first()
    assert person is not None, company
    return person


def load_nashville(
    actor: Any, events: dict[str, Any], companies: dict[str, Organisation]
) -> Delegation:
    delegation = _delegation(
        actor,
        events["nashville_2015"],
        _org("Ville de Caen"),
        "Caen au City Summit de la NLC 2015 (Nashville)",
        "Délégation pilote : la ville de Caen et trois startups, grâce au jumelage de bientôt "
        "25 ans avec Nashville ; trois stands, une réception, hébergement en familles.",
    )
    _move_to(
        actor,
        delegation,
        "closed",
        [
            datetime(2015, 6, 1, 10, 0, tzinfo=PARIS),
            datetime(2015, 9, 15, 10, 0, tzinfo=PARIS),
            datetime(2015, 11, 4, 8, 0, tzinfo=EASTERN),
            datetime(2015, 11, 20, 10, 0, tzinfo=PARIS),
            datetime(2016, 1, 15, 10, 0, tzinfo=PARIS),
        ],
    )
    _supporter(
        actor,
        delegation,
        "Metropolitan Government of Nashville and Davidson County",
        "host",
        "Ville jumelle",
    )
    caen = _government(actor, delegation, "Ville de Caen")
    _delegate(actor, caen, _person("Hervé", "Lemarchand"), "speaker")
    _delegate(actor, caen, _person("Claire", "Vautier"), "staff")
    for name in ("Soyhuce", "Starnav", "Sans Contact Normandie"):
        participant = _company(actor, delegation, companies[name])
        _delegate(actor, participant, _first_person(companies[name]), "company")
    return delegation


MILESTONES = [
    # (title, due, owner first, owner last, owner organisation, status, notes)
    (
        "Lettre à Business France présentant l'initiative",
        date(2016, 4, 15),
        "Claire",
        "Vautier",
        "Ville de Caen",
        "done",
        "Au nom des collectivités intéressées, avec le soutien de la DAECT et de CUF et les "
        "chiffres de Nashville 2015.",
    ),
    (
        "Rencontre tripartite collectivités – DAECT/MAE – Business France",
        date(2016, 4, 22),
        "Philippe",
        "Renaud",
        "Ministère des Affaires étrangères et du Développement international — DAECT",
        "in_progress",
        "Formaliser et présenter le projet pour convaincre Business France.",
    ),
    (
        "Projet bien avancé (fin avril)",
        date(2016, 4, 30),
        "Claire",
        "Vautier",
        "Ville de Caen",
        "open",
        "Les calendriers des salons et les budgets des entreprises sont souvent déjà bouclés.",
    ),
    (
        "Relancer Saint-Étienne sur ses contacts avec Pittsburgh",
        date(2016, 5, 15),
        "Sophie",
        "Garnier",
        "Conseil régional d'Auvergne-Rhône-Alpes",
        "open",
        "",
    ),
    (
        "Décision de Business France d'inscrire le congrès à sa liste",
        date(2016, 6, 30),
        "Mathieu",
        "Petit",
        "Business France",
        "open",
        "Condition d'un accompagnement financier des entreprises.",
    ),
]

# (title fr, title en, kind, day, start, end, place, run by delegation, for everyone,
#  speakers [(first, last)], delegates [(first, last)])
SESSIONS: list[tuple[Any, ...]] = [
    (
        "Séance plénière d'ouverture",
        "Opening general session",
        "plenary",
        16,
        (9, 0),
        (10, 30),
        "David L. Lawrence Convention Center — Hall A",
        False,
        True,
        [],
        [],
    ),
    (
        "Table ronde : les collectivités territoriales au service du développement économique",
        "Round table: local governments serving economic development",
        "workshop",
        17,
        (10, 0),
        (11, 30),
        "Room 301",
        True,
        True,
        [("Hervé", "Lemarchand"), ("Sophie", "Garnier"), ("Thomas", "Roux")],
        [],
    ),
    (
        "Réception française",
        "French reception",
        "reception",
        17,
        (18, 30),
        (21, 0),
        "Downtown Pittsburgh",
        True,
        True,
        [],
        [],
    ),
    (
        "Visite de Carnegie Mellon University",
        "Carnegie Mellon University site visit",
        "site_visit",
        18,
        (9, 0),
        (12, 0),
        "Carnegie Mellon University",
        False,
        False,
        [],
        [("Sophie", "Garnier"), ("Julie", "Castan"), ("Paul", "Renard"), ("Nora", "Belkacem")],
    ),
    (
        "Rencontre avec la ville de Pittsburgh",
        "Meeting with the City of Pittsburgh",
        "other",
        18,
        (14, 0),
        (15, 0),
        "City-County Building",
        True,
        False,
        [],
        [("Hervé", "Lemarchand"), ("Claire", "Vautier"), ("Julien", "Moreau")],
    ),
    (
        "Réunion-bilan de la délégation",
        "Delegation debrief meeting",
        "debrief",
        19,
        (9, 0),
        (10, 30),
        "David L. Lawrence Convention Center",
        True,
        True,
        [],
        [],
    ),
]


def load_pittsburgh(
    actor: Any, events: dict[str, Any], companies: dict[str, Organisation]
) -> Delegation:
    delegation = _delegation(
        actor,
        events["pittsburgh_2016"],
        _org("Ville de Caen"),
        "Délégation française au City Summit de la NLC 2016 (Pittsburgh)",
        "Proposée par Caen au groupe-pays États-Unis le 30 mars 2016 : plusieurs "
        "collectivités avec des entreprises de leurs territoires, un « village français », "
        "le soutien de la NLC, de CUF et de la DAECT ; Business France à convaincre.",
    )
    _move_to(
        actor,
        delegation,
        "confirmed",
        [datetime(2016, 3, 30, 13, 0, tzinfo=PARIS), datetime(2016, 6, 30, 10, 0, tzinfo=PARIS)],
    )
    _supporter(
        actor,
        delegation,
        "Conseil régional d'Auvergne-Rhône-Alpes",
        "co_organiser",
        "Partenariat avec l'État de Pennsylvanie",
    )
    _supporter(actor, delegation, "Cités Unies France", "partner")
    _supporter(
        actor,
        delegation,
        "Ministère des Affaires étrangères et du Développement international — DAECT",
        "funder",
    )
    _supporter(actor, delegation, "National League of Cities", "host")
    contacts = [_person("Claire", "Vautier"), _person("Inès", "Marchal")]
    if set(delegation.staff_contacts.all()) != set(contacts):
        svc.check_set_staff_contacts(delegation, actor=actor, people=contacts)
    for title, due, first, last, org, status, notes in MILESTONES:
        if not Milestone.objects.filter(delegation=delegation, title=title).exists():
            svc.check_add_milestone(
                delegation,
                actor=actor,
                title=title,
                due_on=due,
                owner_organisation=_org(org),
                owner_person=_person(first, last),
                status=status,
                notes=notes,
            )
    governments = {
        "Ville de Caen": [("Hervé", "Lemarchand", "elected"), ("Claire", "Vautier", "staff")],
        "Toulouse Métropole": [("Thomas", "Roux", "speaker")],
        "Ville de Tours": [("Julien", "Moreau", "elected")],
        "Conseil régional d'Auvergne-Rhône-Alpes": [("Sophie", "Garnier", "speaker")],
    }
    for name, people in governments.items():
        participant = _government(actor, delegation, name)
        for first, last, role in people:
            _delegate(actor, participant, _person(first, last), role)
    call = Call.objects.filter(delegation=delegation).first() or svc.do_open_call(
        delegation,
        actor=actor,
        deadline=datetime(2016, 5, 31, 18, 0, tzinfo=PARIS),
        intro_fr="Startups et PME dont les services peuvent intéresser les partenaires "
        "américains, en particulier les services aux collectivités.",
        intro_en="Startups and SMEs whose services may interest American partners, above "
        "all services to local governments.",
    )
    proposals = [
        ("Soyhuce", "accepted", ""),
        ("Starnav", "accepted", ""),
        ("Garonne Données Urbaines", "accepted", ""),
        ("Touraine Capteurs", "accepted", ""),
        ("Rhône Biotech Solutions", "accepted", ""),
    ]
    for name, decision, reason in proposals:
        company = companies[name]
        application = Application.objects.filter(call=call, company=company).first()
        if application is None:
            officer_view = actor  # the staff record the proposals made at the meeting
            person = company.people.order_by("id").first()
            application = svc.check_propose_company(
                call,
                actor=officer_view,
                company=company,
                contact_name=person.full_name if person else name,
                contact_email=person.email if person and person.email else "contact@example.org",
                language="fr",
                now=datetime(2016, 4, 20, 10, 0, tzinfo=PARIS),
            )
        if application.status != decision:
            svc.check_decide(
                application, actor=actor, decision=decision, reason=reason, notify=False
            )
        if decision == "accepted":
            participant = Participant.objects.get(delegation=delegation, organisation=company)
            _delegate(actor, participant, _first_person(company), "company")
    delegates = {
        (d.person.first_name, d.person.last_name): d
        for d in Delegate.objects.filter(participant__delegation=delegation).select_related(
            "person"
        )
    }
    for fr, en, kind, day, start, end, place, run, everyone, speakers, chosen in SESSIONS:
        if Session.objects.filter(delegation=delegation, title_fr=fr).exists():
            continue
        svc.check_add_session(
            delegation,
            actor=actor,
            kind=kind,
            title_fr=fr,
            title_en=en,
            starts_at=datetime(2016, 11, day, start[0], start[1], tzinfo=EASTERN),
            ends_at=datetime(2016, 11, day, end[0], end[1], tzinfo=EASTERN),
            place=place,
            run_by_delegation=run,
            for_everyone=everyone,
            speakers=[_person(first, last) for first, last in speakers],
            delegates=[delegates[key] for key in chosen if key in delegates],
        )
    return delegation


@transaction.atomic
def load() -> dict[str, Delegation]:
    actor = demo_actor()
    events = events_demo.load(actor)
    companies = _companies(actor)
    return {
        "nashville_2015": load_nashville(actor, events, companies),
        "pittsburgh_2016": load_pittsburgh(actor, events, companies),
    }
