"""Pages of the calendar: month, week and list views, the event page, marks and feeds.

Authenticate when needed, access, validate, call one service, turn a domain error into a
message. Anonymous visitors see the public events only."""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import is_network_staff, member_org_ids, officer_org_ids, require
from cityties.core.http import AuthenticatedHttpRequest
from cityties.core.listing import int_or_none, querystring_without_page
from cityties.network.models import CountryGroup, Organisation

from . import services as svc
from .access import access_event, visible_events
from .forms import EventForm, initial_from
from .ical import CalendarItem, calendar_bytes
from .models import AttendanceStatus, Event, EventKind, FeedScope, FeedToken

PAGE_SIZE = 30


# --- Filters shared by the three views -----------------------------------------------


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "kind": request.GET.get("kind", "") if request.GET.get("kind") in EventKind.values else "",
        "country": request.GET.get("country", "").strip().upper()[:2],
        "group": int_or_none(request.GET.get("group")),
        "organisation": int_or_none(request.GET.get("organisation")),
        "mine": request.GET.get("mine") == "1" and request.user.is_authenticated,
    }


def _filtered(request: HttpRequest, filters: dict[str, Any], **span: Any) -> QuerySet[Event]:
    visible = visible_events(request.user)
    qs = svc.filter_events(visible, user=request.user, **filters, **span)
    return svc.with_counts(qs.select_related("organiser")).order_by("starts_at", "id")


def _filter_context(request: HttpRequest, filters: dict[str, Any]) -> dict[str, Any]:
    visible = visible_events(request.user).order_by()
    in_network = bool(getattr(request.user, "roles", None))
    return {
        "filters": filters,
        "kinds": EventKind.choices,
        # Labels resolved once per page, not once per event shown.
        "kind_labels": {value: str(label) for value, label in EventKind.choices},
        "countries": sorted(set(visible.values_list("country", flat=True).distinct())),
        "groups": CountryGroup.objects.order_by("name") if in_network else [],
        "organisers": Organisation.objects.filter(pk__in=visible.values("organiser_id")).order_by(
            "name"
        ),
        "querystring": _querystring(request),
        "can_create": request.user.is_authenticated
        and (is_network_staff(request.user) or bool(officer_org_ids(request.user))),
    }


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    for name in ("page", "month", "week"):
        params.pop(name, None)
    return params.urlencode()


@dataclass
class Day:
    day: date
    in_month: bool
    events: list[Event] = field(default_factory=list)

    @property
    def is_today(self) -> bool:
        return self.day == timezone.localdate()


def _place(days: dict[date, Day], events: list[Event]) -> None:
    """Put each event on every day it covers, by the dates of its own time zone."""
    for event in events:
        first, last = event.local_start.date(), event.local_end.date()
        day = max(first, min(days))
        while day <= min(last, max(days)):
            days[day].events.append(event)
            day += timedelta(days=1)


def _parse_month(raw: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in raw.split("-", 1))
        if 1900 <= year <= 2200 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    today = timezone.localdate()
    return today.year, today.month


def _parse_day(raw: str) -> date:
    try:
        parsed = date.fromisoformat(raw)
        if 1900 <= parsed.year <= 2200:
            return parsed
    except ValueError:
        pass
    return timezone.localdate()


# A margin so that events of far time zones whose local day falls in the range are found.
ZONE_MARGIN = timedelta(hours=14)


def _utc_span(first: date, last: date) -> dict[str, datetime]:
    start = datetime.combine(first, datetime.min.time(), tzinfo=timezone.get_current_timezone())
    end = datetime.combine(
        last + timedelta(days=1), datetime.min.time(), tzinfo=timezone.get_current_timezone()
    )
    return {"start": start - ZONE_MARGIN, "end": end + ZONE_MARGIN}


@require_GET
def month_view(request: HttpRequest) -> HttpResponse:
    year, month = _parse_month(request.GET.get("month", ""))
    weeks_dates = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    days = {d: Day(d, d.month == month) for week in weeks_dates for d in week}
    filters = _filters(request)
    events = list(_filtered(request, filters, **_utc_span(min(days), max(days))))
    _place(days, events)
    previous = date(year, month, 1) - timedelta(days=1)
    following = date(year, month, 28) + timedelta(days=7)
    return render(
        request,
        "events/month.html",
        {
            **_filter_context(request, filters),
            "view": "month",
            "month_start": date(year, month, 1),
            "weeks": [[days[d] for d in week] for week in weeks_dates],
            "weekdays": [weeks_dates[0][i] for i in range(7)],
            "previous": f"{previous.year}-{previous.month:02d}",
            "next": f"{following.year}-{following.month:02d}",
            "marks": svc.marks_of(request.user, events),
        },
    )


@require_GET
def week_view(request: HttpRequest) -> HttpResponse:
    picked = _parse_day(request.GET.get("week", ""))
    monday = picked - timedelta(days=picked.weekday())
    days = {monday + timedelta(days=i): Day(monday + timedelta(days=i), True) for i in range(7)}
    filters = _filters(request)
    events = list(_filtered(request, filters, **_utc_span(monday, monday + timedelta(days=6))))
    _place(days, events)
    return render(
        request,
        "events/week.html",
        {
            **_filter_context(request, filters),
            "view": "week",
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "days": list(days.values()),
            "previous": (monday - timedelta(days=7)).isoformat(),
            "next": (monday + timedelta(days=7)).isoformat(),
            "marks": svc.marks_of(request.user, events),
        },
    )


@require_GET
def list_view(request: HttpRequest) -> HttpResponse:
    since = _parse_day(request.GET.get("from", ""))
    filters = _filters(request)
    start = datetime.combine(since, datetime.min.time(), tzinfo=timezone.get_current_timezone())
    qs = _filtered(request, filters, start=start)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/list.html",
        {
            **_filter_context(request, filters),
            "view": "list",
            "since": since,
            "page": page,
            "page_querystring": querystring_without_page(request),
            "marks": svc.marks_of(request.user, list(page)),
        },
    )


# --- One event -----------------------------------------------------------------------


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    counted = svc.with_counts(visible_events(request.user).filter(pk=event.pk)).get()
    context: dict[str, Any] = {
        "event": event,
        "interested_count": counted.interested_count,  # type: ignore[attr-defined]
        "going_count": counted.going_count,  # type: ignore[attr-defined]
        "can_edit": request.user.is_authenticated and _may(request.user, "edit", event),
        "can_mark": request.user.is_authenticated and _may(request.user, "mark", event),
        "mark": svc.marks_of(request.user, [event]).get(event.pk, ""),
        "statuses": AttendanceStatus.choices,
        "attendees": [],
    }
    if request.user.is_authenticated and _may(request.user, "view_attendees", event):
        context["attendees"] = (
            event.attendances.select_related("user")
            .prefetch_related("user__memberships__organisation")
            .order_by("status", "user__full_name")
        )
    return render(request, "events/event_detail.html", context)


def _may(user: Any, action: str, event: Event) -> bool:
    rule = "events.view_attendees" if action == "view_attendees" else f"events.{action}_event"
    return _rule(user, rule, event)


def _rule(user: Any, name: str, obj: Any) -> bool:
    return bool(rules.test_rule(name, user, obj))


def _organisers(user: Any) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(archived_at=None).order_by("name")
    if is_network_staff(user):
        return qs
    return qs.filter(pk__in=officer_org_ids(user))


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, "events.create_event")
    own = sorted(officer_org_ids(request.user))
    form = EventForm(
        request.POST or None,
        organisers=_organisers(request.user),
        initial={"organiser": own[0] if own else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = svc.check_create_event(actor=request.user, **form.service_values())
        except svc.EventError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Event added to the calendar."))
            return redirect("events:event_detail", event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, edit=True)
    form = EventForm(
        request.POST or None,
        organisers=_organisers(request.user) | Organisation.objects.filter(pk=event.organiser_id),
        initial=initial_from(svc.event_values(event)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_event(event, actor=request.user, **form.service_values())
        except svc.EventError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Event saved."))
            return redirect("events:event_detail", event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
@require_POST
def event_mark(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    require(request.user, "events.mark_event", event)
    raw = request.POST.get("status", "")
    try:
        svc.check_mark_event(event, actor=request.user, status=raw or None)
    except svc.EventError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your answer is saved."))
    return redirect("events:event_detail", event.pk)


# --- Feeds ---------------------------------------------------------------------------


@login_required
@require_GET
def feed_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The feeds a member may subscribe to: their own, their organisations', their groups'."""
    user = request.user
    ids = member_org_ids(user)
    rows: list[dict[str, Any]] = [
        {
            "label": _("My events (interested or going)"),
            "token": svc.feed_token(user),
            "scope": FeedScope.PERSON,
            "owner_id": user.pk,
            "can_reset": True,
        }
    ]
    for org in Organisation.objects.filter(pk__in=ids).order_by("name"):
        rows.append(
            {
                "label": org.name,
                "token": svc.feed_token(org),
                "scope": FeedScope.ORGANISATION,
                "owner_id": org.pk,
                "can_reset": _rule(user, "events.reset_organisation_feed", org),
            }
        )
    groups = CountryGroup.objects.order_by("name")
    if not is_network_staff(user):
        groups = groups.filter(members__in=ids).distinct()
    for group in groups:
        rows.append(
            {
                "label": group.name,
                "token": svc.feed_token(group),
                "scope": FeedScope.GROUP,
                "owner_id": group.pk,
                "can_reset": _rule(user, "events.reset_group_feed", group),
            }
        )
    for row in rows:
        row["url"] = request.build_absolute_uri(reverse("events:feed", args=[row["token"].token]))
    return render(request, "events/feeds.html", {"feeds": rows})


@login_required
@require_POST
def feed_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope = request.POST.get("scope", "")
    owner_id = int_or_none(request.POST.get("owner"))
    user = request.user
    owner: Any
    if scope == FeedScope.PERSON:
        owner = user
    elif scope == FeedScope.ORGANISATION and owner_id:
        owner = get_object_or_404(Organisation, pk=owner_id)
        require(user, "events.reset_organisation_feed", owner)
    elif scope == FeedScope.GROUP and owner_id:
        owner = get_object_or_404(CountryGroup, pk=owner_id)
        require(user, "events.reset_group_feed", owner)
    else:
        raise Http404
    svc.do_reset_feed_token(svc.feed_token(owner), actor=user)
    messages.success(request, _("The feed has a new address; the old one no longer works."))
    return redirect("events:feed_list")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCal feed behind a secret token: no login, the token is the key."""
    found = (
        FeedToken.objects.select_related("group", "organisation", "user")
        .filter(token=token)
        .first()
    )
    if found is None:
        raise Http404
    events = svc.feed_events(found)
    name = {
        FeedScope.GROUP: lambda: found.group.name if found.group else "",
        FeedScope.ORGANISATION: lambda: found.organisation.name if found.organisation else "",
        FeedScope.PERSON: lambda: found.user.full_name if found.user else "",
    }[FeedScope(found.scope)]()
    body = calendar_bytes(
        f"CityTies — {name}",
        (event_item(request, event) for event in events.order_by("starts_at")),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="cityties.ics"'
    return response


def event_item(request: HttpRequest, event: Event) -> CalendarItem:
    return CalendarItem(
        uid=f"event-{event.pk}@cityties",
        summary=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        time_zone=event.time_zone,
        description=event.description,
        location=", ".join(part for part in (event.venue, event.city) if part),
        url=event.link
        or request.build_absolute_uri(reverse("events:event_detail", args=[event.pk])),
    )
