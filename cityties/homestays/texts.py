"""The engine's reasons and breaches in the reader's language: the engine gives codes, the
hosts concerned and the nights; these sentences give the coordinator the families' names
and the dates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from cityties.solvers.homestays import Breach

#: Families named in a reason before "and N more".
NAMED = 4


def day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _days(values: Iterable[date]) -> str:
    values = list(values)
    shown = ", ".join(formats.date_format(v, "j F") for v in values[:5])
    if len(values) > 5:
        shown += " " + _("and %(count)s more") % {"count": len(values) - 5}
    return shown


def _names(pks: list[int], families: Mapping[int, str]) -> str:
    names = [families.get(pk, "?") for pk in pks]
    if len(names) <= NAMED:
        return ", ".join(names)
    return ", ".join(names[:NAMED]) + " " + _("and %(count)s more") % {"count": len(names) - NAMED}


def reason_text(reason: Mapping[str, Any], *, guest: Any, families: Mapping[int, str]) -> str:
    """One reason of an unplaced guest (a run's JSON) as a sentence."""
    code = reason["code"]
    name = guest.delegate.person.full_name
    if code == "no_host":
        return _("No host family is confirmed yet.")
    values = {
        "guest": name,
        "first": day(guest.arrive),
        "last": day(guest.leave - timedelta(days=1)),
        "languages": guest.languages.replace(",", ", "),
        "minutes": guest.max_minutes or 0,
        "nights": _days(date.fromisoformat(n) for n in reason.get("nights", [])),
    }
    phrases = {
        "nights": _("Not every night from %(first)s to %(last)s"),
        "language": _("No language in common with %(guest)s (%(languages)s)"),
        "gender": _("Gender of %(guest)s not taken")
        if guest.gender
        else _("Only women or only men taken, and the gender of %(guest)s is not given"),
        "pets": _("Pets at home, and %(guest)s has a pet allergy"),
        "smoking": _("Smoking household, and %(guest)s wants a non-smoking home"),
        "commute": _("More than %(minutes)s minutes from the venue, the most %(guest)s accepts"),
        "full": _("Every rule met, but no free bed on these nights: %(nights)s"),
        "same_gender": _(
            "A free bed, but guests of one gender at a time, and a guest of another gender "
            "there on these nights: %(nights)s"
        ),
    }
    phrase = phrases.get(code, code) % values
    hosts = list(reason.get("hosts", []))
    count = _("%(count)s of %(of)s") % {"count": len(hosts), "of": reason.get("of", len(hosts))}
    return f"{phrase} — {_names(hosts, families)} ({count})."


def breach_text(breach: Breach, *, family: Any, guest: Any, names: Mapping[int, str]) -> str:
    """Why a move by hand is refused, naming the family, the guests and the night."""
    others = [names.get(int(g[1:]), g) for g in breach.guests if g != f"g{guest.pk}"]
    values = {
        "family": family.household,
        "guest": guest.delegate.person.full_name,
        "first": day(guest.arrive),
        "last": day(guest.leave - timedelta(days=1)),
        "minutes": family.minutes_to_venue,
        "max": guest.max_minutes,
        "night": day(breach.nights[0]) if breach.nights else "",
        "others": ", ".join(others),
    }
    texts = {
        "nights": _(
            "%(family)s does not offer every night of the stay of %(guest)s "
            "(%(first)s to %(last)s)."
        ),
        "language": _("%(family)s shares no language with %(guest)s."),
        "gender": _("%(family)s does not take guests of the gender of %(guest)s."),
        "pets": _("%(family)s keeps pets and %(guest)s has a pet allergy."),
        "smoking": _("%(family)s is a smoking household and %(guest)s wants a non-smoking home."),
        "commute": _(
            "%(family)s is %(minutes)s minutes from the venue, more than %(guest)s accepts "
            "(%(max)s)."
        ),
        "beds": _("%(family)s has no free bed on the night of %(night)s (%(others)s there)."),
        "same_gender": _(
            "%(family)s takes guests of one gender at a time, and %(others)s is there on the "
            "night of %(night)s."
        ),
    }
    return texts.get(breach.code, breach.code) % values
