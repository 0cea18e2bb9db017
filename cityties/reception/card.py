"""The invitation card: one A5 page in the card's languages, side by side, with the
guest's name and the QR code the door scans; rendered by WeasyPrint from a template."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import segno
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Invitation
from .services.door import qr_payload


def qr_data_uri(invitation: Invitation) -> str:
    # Medium error correction survives a creased card; a wide quiet zone helps phones.
    return segno.make(qr_payload(invitation), error="m").png_data_uri(scale=10, border=4)


def _side(invitation: Invitation, language: str) -> dict[str, Any]:
    reception = invitation.reception
    session = reception.session
    delegation = session.delegation
    zone = ZoneInfo(delegation.event.time_zone)
    starts = session.starts_at.astimezone(zone)
    ends = session.ends_at.astimezone(zone)
    with translation.override(language):
        host = (
            (reception.host_en or reception.host_fr)
            if language == "en"
            else (reception.host_fr or reception.host_en)
        )
        return {
            "language": language,
            "heading": _("Invitation"),
            "host": host
            or _("%(lead)s is pleased to invite you to") % {"lead": delegation.lead.name},
            "title": (session.title_en or session.title_fr)
            if language == "en"
            else (session.title_fr or session.title_en),
            "when": formats.date_format(starts, "DATE_FORMAT"),
            "time": _("%(start)s – %(end)s")
            % {
                "start": formats.time_format(starts, "TIME_FORMAT"),
                "end": formats.time_format(ends, "TIME_FORMAT"),
            },
            "zone": delegation.event.time_zone,
            "for": _("Personal invitation for"),
            "door": _("Please show this card at the door. It cannot be transferred."),
            "plus_ones": ngettext(
                "You may come with one guest.",
                "You may come with up to %(n)s guests.",
                reception.plus_ones_allowed,
            )
            % {"n": reception.plus_ones_allowed}
            if reception.plus_ones_allowed
            else "",
            "venue_label": _("Venue"),
            "invited_by": _("Invited by %(name)s")
            % {"name": invitation.quota.participant.organisation.name},
        }


def render_card(invitation: Invitation) -> bytes:
    from weasyprint import CSS, HTML

    reception = invitation.reception
    html = render_to_string(
        "reception/card_pdf.html",
        {
            "invitation": invitation,
            "reception": reception,
            "sides": [_side(invitation, language) for language in reception.languages],
            "qr": qr_data_uri(invitation),
        },
    )
    # The stylesheet is read from disk: WeasyPrint fetches nothing over the network.
    stylesheet = CSS(filename=finders.find("reception/card_pdf.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])


def card_filename(invitation: Invitation) -> str:
    return f"invitation-{invitation.pk}.pdf"
