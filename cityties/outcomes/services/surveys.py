"""The debrief survey: mailed to every participant after the event (a delay set per
delegation), again six and twelve months after it, in the contact's language; answered
through a signed link without an account; one reminder; the answer becomes records.

The clock sends it. An invitation row per participant and step (unique) and the run's
claim of its key make each mail go once, whatever the number of ticks; a step the clock
missed for longer than `SEND_WINDOW` is not sent late.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cityties.accounts.guestlinks import GuestLinkError, make_token, read_token
from cityties.core.audit import acting_as
from cityties.core.tick import JobRun
from cityties.delegations.models import Delegate, Delegation, Participant
from cityties.delegations.services import delegate_language

from ..models import (
    FollowupLevel,
    OutcomeKind,
    OutcomeRecord,
    Source,
    SurveyInvitation,
    SurveySettings,
    SurveyStep,
)
from .errors import OutcomeError
from .records import RecordFields, check_create_record, check_update_record

PURPOSE = "outcomes.survey"
SEND_WINDOW = timedelta(days=60)
LINK_DAYS = 120
# Who answers for a participant: its company representative, else its staff, else the
# elected official or speaker.
_ROLE_ORDER = {"company": 0, "staff": 1, "elected": 2, "speaker": 3}
_LEVEL_KIND = {
    FollowupLevel.KNOWLEDGE: OutcomeKind.CONTACT,
    FollowupLevel.VALUABLE: OutcomeKind.CONTACT,
    FollowupLevel.NEGOTIATION: OutcomeKind.FOLLOW_UP,
    FollowupLevel.AGREEMENT: OutcomeKind.AGREEMENT,
}
_KIND_RANK = {OutcomeKind.CONTACT: 0, OutcomeKind.FOLLOW_UP: 1, OutcomeKind.AGREEMENT: 2}


# --- Settings ----------------------------------------------------------------------


def settings_of(delegation: Delegation) -> SurveySettings:
    try:
        return delegation.survey_settings
    except SurveySettings.DoesNotExist:
        return SurveySettings(delegation=delegation)


def check_save_settings(
    delegation: Delegation, *, actor: Any, enabled: bool, delay_days: int, reminder_days: int
) -> SurveySettings:
    if not 0 <= delay_days <= 90:
        raise OutcomeError(
            _("The delay is between 0 and 90 days."), code="invalid_delay", field="delay_days"
        )
    if not 1 <= reminder_days <= 60:
        raise OutcomeError(
            _("The reminder comes between 1 and 60 days later."),
            code="invalid_reminder",
            field="reminder_days",
        )
    with transaction.atomic(), acting_as(actor):
        current = settings_of(delegation)
        current.enabled = enabled
        current.delay_days = delay_days
        current.reminder_days = reminder_days
        current.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        current.save()
    return current


def _add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def due_at(delegation: Delegation, step: int, survey: SurveySettings | None = None) -> datetime:
    """When a step is due: the delay after the event's end, or 6 and 12 months after it."""
    end = delegation.event.ends_at
    if step == SurveyStep.AFTER:
        survey = survey or settings_of(delegation)
        return end + timedelta(days=survey.delay_days)
    return _add_months(end, step)


# --- Sending -----------------------------------------------------------------------


def recipient(participant: Participant) -> Delegate | None:
    """The delegate who answers for the participant (needs an e-mail address)."""
    candidates = [
        d
        for d in participant.delegates.all()
        if d.person.email and d.person.erased_at is None and d.person.archived_at is None
    ]
    candidates.sort(key=lambda d: (_ROLE_ORDER.get(d.role, 9), d.person.last_name, d.pk))
    return candidates[0] if candidates else None


def send_due_surveys(run: JobRun) -> int:
    """Create and mail the invitations of every step now due; returns how many."""
    from ..tasks import send_survey

    now = run.now
    oldest = now - timedelta(days=366) - SEND_WINDOW - timedelta(days=31)
    delegations = Delegation.objects.filter(
        event__ends_at__lte=now, event__ends_at__gte=oldest
    ).select_related("event", "survey_settings")
    sent = 0
    for delegation in delegations:
        survey = settings_of(delegation)
        if not survey.enabled:
            continue
        for step in SurveyStep.values:
            due = due_at(delegation, step, survey)
            if not due <= now < due + SEND_WINDOW:
                continue
            for invitation in _invite(delegation, step, run):
                run.enqueue(send_survey, invitation.pk, False)
                sent += 1
    return sent


def _invite(delegation: Delegation, step: int, run: JobRun) -> list[SurveyInvitation]:
    done = set(
        SurveyInvitation.objects.filter(delegation=delegation, step=step).values_list(
            "participant_id", flat=True
        )
    )
    participants = (
        Participant.objects.filter(delegation=delegation)
        .exclude(pk__in=done)
        .prefetch_related("delegates__person__user")
    )
    created = []
    for participant in participants:
        delegate = recipient(participant)
        if delegate is None or not run.claim(f"outcomes.survey:{participant.pk}:{step}"):
            continue
        try:
            with transaction.atomic():
                created.append(
                    SurveyInvitation.objects.create(
                        delegation=delegation,
                        participant=participant,
                        step=step,
                        person=delegate.person,
                        language=delegate_language(delegate),
                        sent_at=run.now,
                    )
                )
        except IntegrityError:  # another clock made it meanwhile
            continue
    return created


def send_due_reminders(run: JobRun) -> int:
    """One reminder for each invitation unanswered after the delegation's delay."""
    from ..tasks import send_survey

    pending = SurveyInvitation.objects.filter(
        answered_at=None,
        reminded_at=None,
        person__isnull=False,
        sent_at__gt=run.now - timedelta(days=LINK_DAYS),
    ).select_related("delegation__survey_settings")
    reminded = 0
    for invitation in pending:
        wait = timedelta(days=settings_of(invitation.delegation).reminder_days)
        if invitation.sent_at + wait > run.now:
            continue
        if not run.claim(f"outcomes.survey_reminder:{invitation.pk}"):
            continue
        SurveyInvitation.objects.filter(pk=invitation.pk).update(reminded_at=run.now)
        run.enqueue(send_survey, invitation.pk, True)
        reminded += 1
    return reminded


def survey_token(invitation: SurveyInvitation) -> str:
    return make_token(PURPOSE, invitation.pk, n=invitation.nonce)


def survey_url(invitation: SurveyInvitation) -> str:
    from django.urls import reverse

    path = reverse("outcomes:survey_answer", args=[survey_token(invitation)])
    return django_settings.SITE_URL.rstrip("/") + path


def read_survey_token(token: str) -> SurveyInvitation:
    claim = read_token(token, PURPOSE, max_age=timedelta(days=LINK_DAYS))
    invitation = (
        SurveyInvitation.objects.select_related(
            "delegation__event", "participant__organisation", "participant__delegation__event"
        )
        .filter(pk=claim.object_id)
        .first()
    )
    if invitation is None or invitation.nonce != claim.extra.get("n"):
        raise GuestLinkError(_("This link is not valid."), code="guest_link_invalid")
    return invitation


# --- Answering ---------------------------------------------------------------------


@dataclass(frozen=True)
class Followup:
    label: str
    level: str
    meeting: str = ""  # a meeting key, when the row is one of the participant's meetings


def check_answer(
    invitation: SurveyInvitation,
    *,
    usefulness: int,
    followups: list[Followup],
    deals: list[RecordFields],
    comments: str = "",
    today: date | None = None,
) -> SurveyInvitation:
    """Record the answer and turn it into records, all or nothing; once only."""
    if not 1 <= usefulness <= 5:
        raise OutcomeError(
            _("Choose how useful it was."), code="usefulness_required", field="usefulness"
        )
    for row in followups:
        if row.level not in FollowupLevel.values:
            raise OutcomeError(_("Unknown answer."), code="unknown_level", field="followups")
    today = today or timezone.localdate()
    with transaction.atomic():
        current = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
        if current.answered_at is not None:
            raise OutcomeError(
                _("This survey has already been answered. Thank you!"), code="already_answered"
            )
        participant = invitation.participant
        for row in followups:
            if row.level != FollowupLevel.NONE and (row.label.strip() or row.meeting):
                _follow_up(current, participant, row, today)
        for deal in deals:
            check_create_record(
                actor=None,
                participant=participant,
                fields=deal,
                source=Source.SURVEY,
                survey=current,
            )
        current.usefulness = usefulness
        current.followups = [
            {"label": r.label.strip()[:200], "level": r.level, "meeting": r.meeting}
            for r in followups
        ]
        current.comments = comments.strip()
        current.answered_at = timezone.now()
        current.save()
    return current


def _follow_up(
    invitation: SurveyInvitation, participant: Participant, row: Followup, today: date
) -> None:
    """A contact, follow-up or agreement record; the same meeting or contact answered at
    a later step moves its record up the scale rather than counting it twice."""
    kind = _LEVEL_KIND[FollowupLevel(row.level)]
    label = row.label.strip()[:200]
    earlier = OutcomeRecord.objects.filter(
        participant=participant, source=Source.SURVEY, kind__in=list(_KIND_RANK)
    )
    if row.meeting:
        type_id, _sep, meeting_id = row.meeting.partition(":")
        earlier = earlier.filter(meeting_type_id=int(type_id), meeting_id=int(meeting_id))
    else:
        earlier = earlier.filter(counterpart__iexact=label, meeting_id=None)
    existing = earlier.order_by("pk").first()
    title = str(OutcomeKind(kind).label) + (f" — {label}" if label else "")
    if existing is not None:
        if _KIND_RANK[OutcomeKind(kind)] > _KIND_RANK[OutcomeKind(existing.kind)]:
            check_update_record(existing, actor=None, fields={"kind": kind, "title": title[:200]})
        return
    fields: RecordFields = {
        "kind": kind,
        "title": title[:200],
        "counterpart": label,
        "occurred_on": today,
        "meeting": row.meeting,
    }
    check_create_record(
        actor=None, participant=participant, fields=fields, source=Source.SURVEY, survey=invitation
    )


# --- Response rates ----------------------------------------------------------------


@dataclass
class StepRate:
    step: int
    label: str
    due: datetime
    sent: int
    answered: int
    reminded: int

    @property
    def rate(self) -> int | None:
        """Answered, in per cent of those sent."""
        return round(100 * self.answered / self.sent) if self.sent else None


def response_rates(delegation: Delegation) -> list[StepRate]:
    rows: dict[int, Any] = {
        row["step"]: row
        for row in SurveyInvitation.objects.filter(delegation=delegation)
        .values("step")
        .annotate(
            sent=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            reminded=Count("pk", filter=Q(reminded_at__isnull=False)),
        )
        .order_by()
    }
    survey = settings_of(delegation)
    return [
        StepRate(
            step,
            str(label),
            due_at(delegation, step, survey),
            rows.get(step, {}).get("sent", 0),
            rows.get(step, {}).get("answered", 0),
            rows.get(step, {}).get("reminded", 0),
        )
        for step, label in SurveyStep.choices
    ]
