"""The United States group's meetings of the demo: the meeting of 30 March 2016, imported
from its minutes (the source document, its people's names replaced by the demo's invented
ones; organisations and functions are real) and reviewed as a secretary would, and the
follow-up meeting of June 2016, whose agenda carries the action items still open.

Idempotent: a second run changes nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from cityties.accounts.models import User
from cityties.delegations.models import Delegation, Milestone
from cityties.events.models import Event
from cityties.network.models import CountryGroup, Organisation, Person

from . import services as svc
from .models import ActionItem, Meeting
from .services import imports, matching

SOURCE = (
    Path(__file__).parent / "demo_minutes" / "compte-rendu-groupe-pays-etats-unis-2016-03-30.txt"
)
PARIS = ZoneInfo("Europe/Paris")
MARCH = datetime(2016, 3, 30, 10, 0, tzinfo=PARIS)
JUNE = datetime(2016, 6, 15, 10, 0, tzinfo=PARIS)
TITLE = "Réunion du groupe-pays États-Unis"

OPENING = (
    "<p>M. Hervé LEMARCHAND, Maire de Caen et Président du groupe-pays États-Unis de CUF, "
    "ouvre la séance de travail et remercie les participants de leur présence.</p>"
)

# (title, presenter (first, last) or None, minutes, minutes text)
MARCH_AGENDA: list[tuple[str, tuple[str, str] | None, int, str]] = [
    (
        "Participation au City Summit de la NLC à Pittsburgh (16–19 novembre 2016)",
        ("Hervé", "Lemarchand"),
        60,
        "<p>Caen, accompagnée de trois startups, était au congrès de Nashville en novembre "
        "2015 grâce à son jumelage ; la NLC a donné son accord pour une participation "
        "française à <b>Pittsburgh</b>. Caen propose d'y aller avec plusieurs collectivités "
        "et leurs entreprises, dans un « village français » (stands de 2 000 dollars "
        "mutualisables).</p><p>Retombées 2015 : un contrat pour Soyhuce, une candidature de "
        "Starnav à un appel d'offres de Charlottesville.</p>",
    ),
    (
        "Mobiliser Business France et les réseaux de la Région en Pennsylvanie",
        ("Sophie", "Garnier"),
        30,
        "<p>Deux leviers : <b>Business France</b>, dont l'attitude reste hésitante, et les "
        "liens de la Région Auvergne-Rhône-Alpes avec l'État de Pennsylvanie (représenté en "
        "Europe francophone par le cabinet Salveo). La DAECT rejoint l'idée d'une démarche "
        "officielle et d'une rencontre tripartite.</p><p>Il faut que le projet soit bien "
        "avancé <i>fin avril</i>.</p>",
    ),
    (
        "Tour de table des initiatives des collectivités",
        None,
        40,
        "<ul><li>Toulouse : accord avec Atlanta, échanges tripartites avec Tel-Aviv, "
        "délégation à Atlanta du 14 au 20 octobre.</li><li>Tours : foire de mai 2017 sur le "
        "thème des États-Unis, délégation de Minneapolis.</li><li>Caen : D-Day Economic "
        "Forum le 7 juin 2016.</li><li>Marseille : mission exploratoire à Miami en "
        "février.</li></ul>",
    ),
    (
        "7e Forum de l'action internationale des collectivités (4 et 5 juillet 2016)",
        ("Bertrand", "Olivier"),
        15,
        "<p>Programme prévisionnel distribué ; assemblée générale le 5 juillet ; dimension "
        "européenne avec le rapprochement de CUF et de l'AFCCRE.</p>",
    ),
    (
        "Gestion des risques : Big City Emergency Managers",
        ("Bertrand", "Olivier"),
        10,
        "<p>Contacts établis avec les <i>Big City Emergency Managers</i> ; travail lancé avec "
        "CGLU sur l'aide des collectivités à leurs partenaires en cas de crise.</p>",
    ),
]

# (text, agenda item index)
MARCH_DECISIONS = [
    (
        "Écrire à Business France pour lui présenter l'initiative d'une délégation française "
        "au congrès de la NLC et lui demander d'en assurer le portage.",
        1,
    ),
    (
        "Caen prend le leadership de la démarche, avec le soutien de la DAECT et de CUF et "
        "les chiffres du congrès 2015 de Nashville.",
        1,
    ),
    (
        "Proposer au congrès un atelier sur les collectivités au service du développement "
        "économique.",
        0,
    ),
]

# (text, owner organisation, owner (first, last), due, status by June, link kind, link key)
MARCH_ACTIONS: list[tuple[str, str, tuple[str, str], date, str, str, str]] = [
    (
        "Écrire à Business France pour présenter l'initiative et les collectivités intéressées",
        "Ville de Caen",
        ("Claire", "Vautier"),
        date(2016, 4, 15),
        "done",
        "milestone",
        "Lettre à Business France présentant l'initiative",
    ),
    (
        "Contacter la NLC pour obtenir la liste des participants au congrès",
        "Ville de Caen",
        ("Claire", "Vautier"),
        date(2016, 4, 30),
        "open",
        "event",
        "Congrès annuel de la NLC (City Summit) 2016",
    ),
    (
        "Préparer la rencontre tripartite collectivités – DAECT/MAE – Business France",
        "Ville de Caen",
        ("Claire", "Vautier"),
        date(2016, 4, 22),
        "in_progress",
        "milestone",
        "Rencontre tripartite collectivités – DAECT/MAE – Business France",
    ),
    (
        "Mobiliser les contacts de la Région en Pennsylvanie (État, cabinet Salveo)",
        "Conseil régional d'Auvergne-Rhône-Alpes",
        ("Sophie", "Garnier"),
        date(2016, 5, 15),
        "open",
        "delegation",
        "Délégation française au City Summit de la NLC 2016 (Pittsburgh)",
    ),
    (
        "Recontacter Saint-Étienne sur ses liens avec Pittsburgh",
        "Conseil régional d'Auvergne-Rhône-Alpes",
        ("Sophie", "Garnier"),
        date(2016, 5, 15),
        "open",
        "milestone",
        "Relancer Saint-Étienne sur ses contacts avec Pittsburgh",
    ),
    (
        "Diffuser aux membres l'invitation au D-Day Economic Forum du 7 juin 2016",
        "Ville de Caen",
        ("Claire", "Vautier"),
        date(2016, 5, 15),
        "done",
        "event",
        "D-Day economic forum",
    ),
]

JUNE_AGENDA: list[tuple[str, tuple[str, str] | None, int]] = [
    ("Délégation à Pittsburgh : participants et programme", ("Claire", "Vautier"), 45),
    ("Retour sur le D-Day Economic Forum du 7 juin", ("Hervé", "Lemarchand"), 15),
    ("Préparation du 7e Forum des 4 et 5 juillet", ("Bertrand", "Olivier"), 15),
]


def _person(first: str, last: str) -> Person:
    return Person.objects.select_related("organisation").get(first_name=first, last_name=last)


def _proposal() -> dict[str, Any]:
    return imports.read_proposal(SOURCE.read_bytes(), SOURCE.name)


def _review(group: CountryGroup, proposal: dict[str, Any]) -> svc.Review:
    """The review a secretary makes of the reader's proposal: everyone as matched in the
    directory, the decisions and action items written out clearly."""
    matcher = matching.Matcher(group)
    people = []
    for row in matching.person_rows(proposal, matcher):
        people.append(
            svc.ReviewedPerson(
                status=row.status,
                last_name=row.parts.get("last_name") or "",
                first_name=row.parts.get("first_name") or "",
                civility=matching.civility_code(row.parts.get("civility")),
                function=row.parts.get("function") or "",
                organisation=row.organisation,
                person=row.person,
                proxy_name=row.proxy,
            )
        )
    return svc.Review(
        title=TITLE,
        starts_at=MARCH,
        ends_at=MARCH.replace(hour=13),
        time_zone="Europe/Paris",
        place="Cités Unies France, Paris",
        chair=_person("Hervé", "Lemarchand"),
        secretary=_person("Inès", "Marchal"),
        people=people,
        decisions=[],
        actions=[
            svc.ReviewedAction(
                text=text,
                owner_organisation=Organisation.objects.get(name=organisation),
                owner_person=_person(*owner),
                due_on=due,
            )
            for text, organisation, owner, due, *_rest in MARCH_ACTIONS
        ],
    )


def _link(kind: str, key: str) -> dict[str, Any]:
    finders: dict[str, Any] = {
        "milestone": lambda: Milestone.objects.get(title=key),
        "event": lambda: Event.objects.get(title_fr=key),
        "delegation": lambda: Delegation.objects.get(title=key),
    }
    return {kind: finders[kind]()}


def _import_march(actor: User, group: CountryGroup) -> Meeting:
    proposal = _proposal()
    pending = svc.do_create_import(
        group, actor=actor, filename=SOURCE.name, data=SOURCE.read_bytes(), proposal=proposal
    )
    meeting = svc.check_confirm_import(pending, actor=actor, review=_review(group, proposal))
    svc.check_save_minutes(meeting, actor=actor, opening=OPENING)
    items = [
        svc.check_add_agenda_item(
            meeting,
            actor=actor,
            title=title,
            presenter=_person(*presenter) if presenter else None,
            duration_minutes=duration,
            minutes=text,
        )
        for title, presenter, duration, text in MARCH_AGENDA
    ]
    for text, index in MARCH_DECISIONS:
        svc.check_add_decision(meeting, actor=actor, text=text, agenda_item=items[index])
    actions = {action.text: action for action in meeting.action_items.all()}
    for text, _org, _owner, _due, _status, kind, key in MARCH_ACTIONS:
        item = items[0] if kind in ("event", "delegation") else items[1]
        svc.check_update_action(actions[text], actor=actor, agenda_item=item, **_link(kind, key))
    svc.check_approve_minutes(meeting, actor=actor, at=datetime(2016, 4, 12, 9, 0, tzinfo=PARIS))
    return meeting


def _plan_june(actor: User, group: CountryGroup, march: Meeting) -> Meeting:
    june = svc.check_create_meeting(
        group,
        actor=actor,
        title=TITLE,
        starts_at=JUNE,
        ends_at=JUNE.replace(hour=12, minute=30),
        place="Cités Unies France, Paris",
        chair=_person("Hervé", "Lemarchand"),
        secretary=_person("Inès", "Marchal"),
    )
    for title, presenter, duration in JUNE_AGENDA:
        svc.check_add_agenda_item(
            june,
            actor=actor,
            title=title,
            presenter=_person(*presenter) if presenter else None,
            duration_minutes=duration,
        )
    invitees = [row.person for row in march.attendances.select_related("person") if row.person]
    svc.check_add_attendees(june, actor=actor, people=invitees)
    return june


@transaction.atomic
def load() -> dict[str, Meeting]:
    actor = User.objects.get(email="staff@cityties.example.org")
    group = CountryGroup.objects.get(country="US")
    march = Meeting.objects.filter(group=group, starts_at=MARCH).first()
    if march is None:
        march = _import_march(actor, group)
    # Where the action items stood by June: some done, the others carried.
    for text, _org, _owner, _due, status, _kind, _key in MARCH_ACTIONS:
        action = ActionItem.objects.get(meeting=march, text=text)
        if action.status != status:
            svc.check_update_action(action, actor=actor, status=status)
    june = Meeting.objects.filter(group=group, starts_at=JUNE).first()
    if june is None:
        june = _plan_june(actor, group, march)
    return {"march_2016": march, "june_2016": june}
