"""Meeting requests: a delegate asks someone for a meeting, with a message and a priority;
the other side accepts or declines, a delegate in the app, an attendee through a signed,
expiring, single-use link mailed in their language.

Caps per person (open requests sent, meetings accepted) are counted under a row lock on
both people's profiles, so parallel requests and accepts never pass them; a declined,
expired or cancelled request no longer counts, so it frees the sender's quota. A pending
request expires after the event's delay; a reminder goes once before it does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.tasks import Task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.guestlinks import GuestLinkError, make_token, read_token
from cityties.core.audit import acting_as

from ..models import (
    OPEN_STATUSES,
    MeetingRequest,
    Priority,
    Profile,
    RequestStatus,
    pair_key,
)
from .errors import MatchmakingConflict, MatchmakingError
from .setup import setup_of

ANSWER_PURPOSE = "matchmaking.answer"
MAX_MESSAGE = 1_000


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _lock(*profiles: Profile) -> None:
    """Row locks on the people involved, always in the same order (no deadlock)."""
    ids = sorted({p.pk for p in profiles})
    list(Profile.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def sent_open(profile: Profile) -> int:
    return MeetingRequest.objects.filter(sender=profile, status__in=OPEN_STATUSES).count()


def accepted_count(profile: Profile) -> int:
    return MeetingRequest.objects.filter(
        Q(sender=profile) | Q(recipient=profile), status=RequestStatus.ACCEPTED
    ).count()


def check_send_request(
    sender: Profile,
    recipient: Profile,
    *,
    actor: Any,
    message: str = "",
    priority: int = Priority.NORMAL,
    now: datetime | None = None,
    notify: bool = True,
) -> MeetingRequest:
    from ..tasks import send_request_mail

    now = now or timezone.now()
    if sender.delegate_id is None:
        raise MatchmakingError(_("Only a delegate sends requests."), code="sender_not_delegate")
    if sender.event_id != recipient.event_id:
        raise MatchmakingError(_("Both people must attend the same event."), code="other_event")
    if sender.pk == recipient.pk:
        raise MatchmakingError(_("A meeting needs two people."), code="same_person")
    if recipient.attendee_id is not None and recipient.attendee.erased_at is not None:  # type: ignore[union-attr]
        raise MatchmakingError(_("This person is no longer on the list."), code="erased")
    if (
        recipient.delegate_id is not None
        and recipient.delegate.participant_id == sender.delegate.participant_id  # type: ignore[union-attr]
    ):
        raise MatchmakingError(
            _("You travel with this person: no need for a request."), code="same_participant"
        )
    if priority not in Priority.values:
        raise MatchmakingError(_("Unknown priority."), code="invalid_priority")
    message = message.strip()
    if len(message) > MAX_MESSAGE:
        raise MatchmakingError(
            _("The message is too long (%(n)s characters at most).") % {"n": MAX_MESSAGE},
            code="message_too_long",
        )
    setup = setup_of(sender.event)
    try:
        with transaction.atomic(), acting_as(actor):
            _lock(sender, recipient)
            if sent_open(sender) >= setup.max_requests:
                raise MatchmakingError(
                    _(
                        "%(name)s has %(n)s requests open, the most allowed; wait for answers "
                        "or cancel one."
                    )
                    % {"name": sender.name, "n": setup.max_requests},
                    code="request_cap",
                )
            request = MeetingRequest.objects.create(
                event_id=sender.event_id,
                sender=sender,
                recipient=recipient,
                pair_key=pair_key(sender.pk, recipient.pk),
                message=message,
                priority=priority,
                created_by=_user(actor),
                expires_at=now + timedelta(days=setup.request_days),
            )
            if notify:
                transaction.on_commit(lambda: send_request_mail.enqueue(request.pk, "new"))
    except IntegrityError as exc:
        raise MatchmakingConflict(
            _("A request between these two people is already open."), code="already_requested"
        ) from exc
    return request


def _check_pending(request: MeetingRequest, now: datetime) -> None:
    if request.status == RequestStatus.PENDING and request.expires_at <= now:
        raise MatchmakingError(_("This request has expired."), code="request_expired")
    if request.status != RequestStatus.PENDING:
        raise MatchmakingError(
            _("This request was already answered (%(status)s).")
            % {"status": request.get_status_display()},
            code="already_answered",
        )


def do_answer_request(
    request: MeetingRequest,
    *,
    actor: Any,
    accept: bool,
    now: datetime | None = None,
    notify: bool = True,
) -> MeetingRequest:
    """Accept or decline a pending request, within both people's meeting caps."""
    from ..tasks import send_request_mail

    now = now or timezone.now()
    setup = setup_of(request.sender.event)
    with transaction.atomic(), acting_as(actor):
        _lock(request.sender, request.recipient)
        current = MeetingRequest.objects.select_for_update().get(pk=request.pk)
        _check_pending(current, now)
        if accept:
            for person in (current.recipient, current.sender):
                if accepted_count(person) >= setup.max_meetings:
                    raise MatchmakingError(
                        _("%(name)s already has %(n)s meetings, the most allowed.")
                        % {"name": person.name, "n": setup.max_meetings},
                        code="meeting_cap",
                    )
        current.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
        current.answered_at = now
        current.answered_by = _user(actor)
        current.save(update_fields=["status", "answered_at", "answered_by"])
        if notify:
            transaction.on_commit(lambda: send_request_mail.enqueue(current.pk, "answer"))
    request.refresh_from_db()
    return request


def check_answer_request(
    request: MeetingRequest, *, actor: Any, accept: bool, now: datetime | None = None
) -> MeetingRequest:
    """The recipient's side answers in the app (for an attendee: a manager on their
    behalf, e.g. after a telephone call)."""
    import rules

    if not rules.test_rule("matchmaking.act_for", actor, request.recipient):
        from cityties.core.errors import NotAllowedError

        raise NotAllowedError(_("Only the person asked may answer."), code="not_recipient")
    return do_answer_request(request, actor=actor, accept=accept, now=now)


def check_cancel_request(request: MeetingRequest, *, actor: Any) -> MeetingRequest:
    """Either side withdraws an open request; its meeting, if placed, goes too."""
    from .meetings import do_cancel_meeting

    with transaction.atomic(), acting_as(actor):
        current = MeetingRequest.objects.select_for_update().get(pk=request.pk)
        if current.status not in OPEN_STATUSES:
            raise MatchmakingError(_("This request is no longer open."), code="not_open")
        meeting = getattr(current, "meeting", None)
        if meeting is not None:
            do_cancel_meeting(meeting, actor=actor)
        current.status = RequestStatus.CANCELLED
        current.save(update_fields=["status"])
    request.refresh_from_db()
    return request


# --- The signed answer link -------------------------------------------------------------


def answer_token(request: MeetingRequest) -> str:
    return make_token(ANSWER_PURPOSE, request.pk, n=request.link_nonce)


def read_answer_token(token: str, now: datetime | None = None) -> MeetingRequest:
    """The pending request a link answers; GuestLinkError when forged, expired or used."""
    now = now or timezone.now()
    claim = read_token(token, ANSWER_PURPOSE)
    request = (
        MeetingRequest.objects.select_related(
            "event", "sender__delegate__participant__organisation", "recipient__attendee"
        )
        .filter(pk=claim.object_id)
        .first()
    )
    if request is None or request.link_nonce != claim.extra.get("n"):
        raise GuestLinkError(_("This link is not valid."), code="guest_link_invalid")
    if request.status == RequestStatus.EXPIRED or (
        request.status == RequestStatus.PENDING and request.expires_at <= now
    ):
        raise GuestLinkError(
            _("This request has expired; the sender may ask again."), code="guest_link_expired"
        )
    if request.status != RequestStatus.PENDING:
        raise GuestLinkError(
            _("This link has already been used: the request was answered (%(status)s).")
            % {"status": request.get_status_display()},
            code="guest_link_used",
        )
    return request


def recipient_of_token(token: str) -> Profile | None:
    """The person a well-signed answer link was mailed to, whatever the request's state
    (to refuse a used or expired link in their language)."""
    try:
        claim = read_token(token, ANSWER_PURPOSE, max_age=timedelta(days=3650))
    except GuestLinkError:
        return None
    request = (
        MeetingRequest.objects.select_related(
            "recipient__attendee", "recipient__delegate__person__user"
        )
        .filter(pk=claim.object_id)
        .first()
    )
    return request.recipient if request is not None else None


def check_answer_by_link(
    token: str, *, accept: bool, now: datetime | None = None
) -> MeetingRequest:
    request = read_answer_token(token, now)
    try:
        return do_answer_request(request, actor=None, accept=accept, now=now)
    except MatchmakingError as exc:
        if exc.code == "already_answered":
            raise GuestLinkError(
                _("This link has already been used."), code="guest_link_used"
            ) from exc
        raise


# --- The clock --------------------------------------------------------------------------


def expire_requests(now: datetime) -> int:
    """Pending requests past their date expire (and free the sender's quota)."""
    return MeetingRequest.objects.filter(status=RequestStatus.PENDING, expires_at__lte=now).update(
        status=RequestStatus.EXPIRED
    )


def due_reminders(now: datetime) -> list[MeetingRequest]:
    """Pending requests within their event's reminder delay before expiry."""
    due = []
    pending = (
        MeetingRequest.objects.filter(status=RequestStatus.PENDING, expires_at__gt=now)
        .select_related("event__matchmaking")
        .order_by("expires_at", "pk")
    )
    for request in pending.filter(expires_at__lte=now + timedelta(hours=720)):
        hours = request.event.matchmaking.reminder_hours
        if request.expires_at - timedelta(hours=hours) <= now:
            due.append(request)
    return due


def send_due_reminders(
    now: datetime, *, claim: Callable[[str], bool], enqueue: Callable[[Task, Any], None]
) -> int:
    from ..tasks import send_request_mail

    sent = 0
    for request in due_reminders(now):
        if claim(f"matchmaking.reminder:{request.pk}"):
            enqueue(send_request_mail, request.pk, "reminder")  # type: ignore[call-arg]
            sent += 1
    return sent


def request_counts(profile: Profile) -> dict[str, int]:
    rows = (
        MeetingRequest.objects.filter(Q(sender=profile) | Q(recipient=profile))
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(RequestStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
