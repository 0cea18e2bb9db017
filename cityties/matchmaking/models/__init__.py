"""Matchmaking at an event: the attendee list, everybody's profile, recommendations,
meeting requests, slots and places, the meetings the scheduler placed, and the runs.

What must never happen is refused by the database: a person booked twice in a slot
(`Booking`), a table of a place used twice in a slot (`Meeting`), two open requests
between the same two people (`MeetingRequest.pair_key`), two schedule runs at once.
"""

from .meetings import (
    OPEN_STATUSES,
    AgendaChange,
    Booking,
    ChangeKind,
    Followup,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Priority,
    RequestStatus,
    RunStatus,
    ScheduleRun,
    new_nonce,
    pair_key,
)
from .people import LANGUAGES, Attendee, Profile, ProfileKind, Recommendation, Unavailability
from .setup import EventSetup, Place, PlaceKind, Slot

__all__ = [
    "LANGUAGES",
    "OPEN_STATUSES",
    "AgendaChange",
    "Attendee",
    "Booking",
    "ChangeKind",
    "EventSetup",
    "Followup",
    "Meeting",
    "MeetingRequest",
    "MeetingStatus",
    "Place",
    "PlaceKind",
    "Priority",
    "Profile",
    "ProfileKind",
    "Recommendation",
    "RequestStatus",
    "RunStatus",
    "ScheduleRun",
    "Slot",
    "Unavailability",
    "new_nonce",
    "pair_key",
]
