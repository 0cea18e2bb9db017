"""Background work of matchmaking: the scheduler's runs, the recommendations, and the
mail, each in its reader's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import AgendaChange, MeetingRequest, Profile


def _url(name: str, *args: Any) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


@task()
def run_schedule(run_id: int, time_limit: float | None = None) -> dict[str, Any]:
    from .services import schedule

    run = schedule.run(run_id, time_limit)
    return {"status": run.status, "placed": run.placed}


@task()
def compute_recommendations(event_id: int) -> int:
    from cityties.events.models import Event

    from .services import compute_recommendations as compute

    event = Event.objects.filter(pk=event_id).first()
    return compute(event) if event is not None else 0


def _profile(pk: int) -> Profile:
    return Profile.objects.select_related(
        "event", "attendee", "delegate__person__user", "delegate__participant__organisation"
    ).get(pk=pk)


@task()
def send_request_mail(request_id: int, kind: str) -> int:
    """`new` and `reminder` go to the person asked (an attendee gets the signed links),
    `answer` to the person who asked."""
    from .services import answer_token, attendee_token, profile_email, profile_language

    request = MeetingRequest.objects.select_related("event").get(pk=request_id)
    sender, recipient = _profile(request.sender_id), _profile(request.recipient_id)
    reader = sender if kind == "answer" else recipient
    address = profile_email(reader)
    if not address:
        return 0
    context: dict[str, Any] = {
        "request": request,
        "sender": sender,
        "recipient": recipient,
        "event": request.event,
        "kind": kind,
    }
    if reader.attendee_id is not None:
        context["answer_url"] = _url("matchmaking:guest_answer", answer_token(request))
        context["profile_url"] = _url("matchmaking:guest_home", attendee_token(reader.attendee))  # type: ignore[arg-type]
    else:
        context["app_url"] = _url("matchmaking:requests", request.event_id)
    with translation.override(profile_language(reader)):
        if kind == "answer":
            subject = translation.gettext("Your meeting request to %(name)s: %(status)s") % {
                "name": recipient.name,
                "status": request.get_status_display(),
            }
            template = "matchmaking/email/request_answer.txt"
        else:
            subject = (
                translation.gettext("Reminder: %(name)s asks to meet you")
                if kind == "reminder"
                else translation.gettext("%(name)s asks to meet you")
            ) % {"name": sender.name}
            template = "matchmaking/email/request.txt"
        body = render_to_string(template, context)
        return send_mail(subject, body, None, [address])


@task()
def send_agenda_change_mail(profile_id: int, change_ids: list[int]) -> int:
    from .services import attendee_token, profile_email, profile_language

    profile = _profile(profile_id)
    address = profile_email(profile)
    changes = list(AgendaChange.objects.filter(pk__in=change_ids).order_by("starts_at"))
    if not address or not changes:
        return 0
    if profile.attendee_id is not None:
        url = _url("matchmaking:guest_home", attendee_token(profile.attendee))  # type: ignore[arg-type]
    else:
        url = _url("matchmaking:agenda", profile.pk)
    with translation.override(profile_language(profile)):
        subject = translation.gettext("Your meetings at %(event)s") % {"event": profile.event.title}
        body = render_to_string(
            "matchmaking/email/agenda_changes.txt",
            {"profile": profile, "changes": changes, "url": url, "zone": profile.event.time_zone},
        )
        return send_mail(subject, body, None, [address])
