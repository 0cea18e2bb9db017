"""Events made through the service that trusts its caller, as a loader would."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from cityties.events import services
from cityties.events.models import Event
from cityties.network.models import Organisation

PITTSBURGH = "America/New_York"


def make_event(organiser: Organisation, **overrides: Any) -> Event:
    zone = ZoneInfo(overrides.get("time_zone", PITTSBURGH))
    values: dict[str, Any] = {
        "kind": "congress",
        "title_fr": "Congrès de la NLC",
        "title_en": "NLC City Summit",
        "starts_at": datetime(2016, 11, 16, 9, 0, tzinfo=zone),
        "ends_at": datetime(2016, 11, 19, 17, 0, tzinfo=zone),
        "time_zone": str(zone),
        "city": "Pittsburgh",
        "country": "US",
        "organiser": organiser,
        "visibility": "network",
    }
    values.update(overrides)
    return services.do_create_event(actor=None, **{**services.DEFAULTS, **values})
