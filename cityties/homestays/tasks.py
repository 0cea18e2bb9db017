"""Background work of homestays: the engine's runs, and the mails, each in its reader's
language."""

from __future__ import annotations

from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from .models import Family, LinkSent, Notice, Placement


@task()
def run_assignment(run_id: int) -> str:
    from .services import do_run

    return str(do_run(run_id).status)


def guest_language(person: object) -> str:
    from cityties.delegations.tasks import _language_of_person

    return _language_of_person(person)


@task()
def send_registration_link(link_id: int, url: str) -> int:
    sent = LinkSent.objects.select_related("plan__delegation__event", "via").get(pk=link_id)
    delegation = sent.plan.delegation
    with translation.override(sent.language):
        subject = translation.gettext("Host a member of %(delegation)s") % {
            "delegation": delegation.title
        }
        body = render_to_string(
            "homestays/email/registration_link.txt",
            {"delegation": delegation, "event": delegation.event, "url": url, "via": sent.via},
        )
        return send_mail(subject, body, None, [sent.email])


@task()
def send_guest_notice(notice_id: int) -> int:
    notice = Notice.objects.select_related("plan__delegation__event").get(pk=notice_id)
    placement = Placement.objects.select_related(
        "family", "guest__delegate__person__user", "guest__delegate__participant__organisation"
    ).get(guest_id=notice.recipient_id)
    person = placement.guest.delegate.person
    with translation.override(guest_language(person)):
        subject = translation.gettext("Your homestay: %(household)s") % {
            "household": placement.family.household
        }
        body = render_to_string(
            "homestays/email/guest_notice.txt",
            {
                "plan": notice.plan,
                "delegation": notice.plan.delegation,
                "guest": placement.guest,
                "person": person,
                "family": placement.family,
            },
        )
        return send_mail(subject, body, None, [notice.email])


@task()
def send_family_notice(notice_id: int) -> int:
    notice = Notice.objects.select_related("plan__delegation__event").get(pk=notice_id)
    family = Family.objects.get(pk=notice.recipient_id)
    placements = (
        Placement.objects.filter(family=family)
        .select_related("guest__delegate__person", "guest__delegate__participant__organisation")
        .order_by("guest__arrive", "guest__delegate__person__last_name")
    )
    with translation.override(family.language):
        subject = translation.gettext("Your guests from %(delegation)s") % {
            "delegation": notice.plan.delegation.title
        }
        body = render_to_string(
            "homestays/email/family_notice.txt",
            {
                "plan": notice.plan,
                "delegation": notice.plan.delegation,
                "family": family,
                "placements": placements,
            },
        )
        return send_mail(subject, body, None, [notice.email])
