"""Why a guest is left out, rule by rule, as codes (for pages in any language) and English
words (for the command line)."""

from __future__ import annotations

from datetime import date, timedelta

from .model import STATIC_RULES, Guest, Reason
from .problem import Problem, State
from .rules import static_failures

#: Host ids named in a sentence before "and N more".
NAMED_HOSTS = 5


def explain(state: State, g: int) -> tuple[Reason, ...]:
    """The reasons the guest ``g`` has no host in ``state``: each static rule with the hosts
    it rules out, then the hosts meeting them all that are full or hold another gender."""
    p: Problem = state.p
    guest = p.guests[g]
    of = len(p.hosts)
    if not p.hosts:
        return (Reason("no_host", of=0),)
    detail = _detail(guest)
    failing: dict[str, list[str]] = {code: [] for code in STATIC_RULES}
    full: list[str] = []
    full_nights: set[int] = set()
    mixed: list[str] = []
    mixed_nights: set[int] = set()
    for h, host in enumerate(p.hosts):
        failed = static_failures(host, guest)
        for code in failed:
            failing[code].append(host.id)
        if failed:
            continue
        nights = [n for n in p.stay[g] if state.used[h][n] >= host.beds]
        if nights:
            full.append(host.id)
            full_nights.update(nights)
            continue
        if host.same_gender_only:
            clash = [n for n in p.stay[g] if state.held[h][n] not in (-1, p.gender[g])]
            if clash:
                mixed.append(host.id)
                mixed_nights.update(clash)
    reasons = [
        Reason(code, tuple(hosts), detail=detail, of=of) for code, hosts in failing.items() if hosts
    ]
    if full:
        at = tuple(p.nights[n] for n in sorted(full_nights))
        reasons.append(Reason("full", tuple(full), at, detail, of))
    if mixed:
        at = tuple(p.nights[n] for n in sorted(mixed_nights))
        reasons.append(Reason("same_gender", tuple(mixed), at, detail, of))
    return tuple(reasons)


def _detail(guest: Guest) -> tuple[tuple[str, str], ...]:
    return (
        ("guest", guest.id),
        ("first_night", guest.arrive.isoformat()),
        ("last_night", (guest.leave - timedelta(days=1)).isoformat()),
        ("languages", ", ".join(sorted(guest.languages))),
        ("gender", guest.gender or ""),
        ("max_minutes", "" if guest.max_minutes is None else f"{guest.max_minutes:g}"),
    )


def host_list(hosts: tuple[str, ...], named: int = NAMED_HOSTS) -> str:
    if len(hosts) <= named:
        return ", ".join(hosts)
    return f"{', '.join(hosts[:named])} and {len(hosts) - named} more"


def _nights_text(nights: tuple[date, ...]) -> str:
    shown = [n.isoformat() for n in nights[:4]]
    if len(nights) > 4:
        shown.append(f"{len(nights) - 4} more")
    return ("the night of " if len(nights) == 1 else "the nights of ") + ", ".join(shown)


def reason_text_en(reason: Reason) -> str:
    """The reason in English, as the command line writes it."""
    d = dict(reason.detail)
    n = len(reason.hosts)
    one = n == 1
    if reason.of == 1:
        count = "the only host"
    elif n == reason.of:
        count = f"all {n} hosts"
    else:
        count = f"{n} of the {reason.of} hosts"
    names = host_list(reason.hosts)
    who = d.get("guest", "the guest")
    if reason.code == "no_host":
        return "There is no host family in the input."
    if reason.code == "nights":
        verb = "does not offer" if one else "do not offer"
        text = f"every night from {d['first_night']} to {d['last_night']}"
    elif reason.code == "language":
        verb = "shares no language" if one else "share no language"
        text = f"with {who} ({d['languages'] or 'no language given'})"
    elif reason.code == "gender":
        verb = "does not take" if one else "do not take"
        gender = d["gender"]
        text = f"guests of gender {gender}" if gender else f"{who}, whose gender is not given"
    elif reason.code == "pets":
        verb, text = ("keeps" if one else "keep"), f"pets, and {who} has a pet allergy"
    elif reason.code == "smoking":
        verb, text = ("smokes," if one else "smoke,"), f"and {who} is a non-smoker"
    elif reason.code == "commute":
        verb = "is" if one else "are"
        text = f"more than {d['max_minutes']} minutes from the venue, {who}'s maximum"
    elif reason.code == "full":
        verb = "meets every rule but has" if one else "meet every rule but have"
        text = f"no free bed on {_nights_text(reason.nights)}"
    elif reason.code == "same_gender":
        verb = "meets every rule and has" if one else "meet every rule and have"
        takes, hosts = ("takes", "hosts") if one else ("take", "host")
        text = (
            f"a free bed, but {takes} guests of one gender a night and already {hosts} a "
            f"guest of another gender on {_nights_text(reason.nights)}"
        )
    else:  # pragma: no cover - every code is handled above
        return reason.code
    sentence = f"{count} {verb} {text}: {names}."
    return sentence[0].upper() + sentence[1:]
