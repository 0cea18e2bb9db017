"""Filters and data of the partnership atlas, shared by its pages, data endpoints and exports.

Everything is read with a fixed number of `values_list` queries whatever the number of
partnerships: the map shows the whole network (12,000 ties) at once.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cityties.accounts.permissions import is_network_staff
from cityties.core.listing import int_or_none
from cityties.core.text import countries_by_name

from .models import (
    Organisation,
    Partnership,
    PartnershipKind,
    PartnershipMember,
    PartnershipStatus,
    Theme,
)
from .services.partnerships import filter_partnerships

MAP_CACHE_SECONDS = 600


def public_partnerships() -> QuerySet[Partnership]:
    """What anyone may see without an account: public, shared and not archived."""
    return Partnership.objects.filter(is_public=True, is_shared=True, archived_at=None)


class AtlasFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    member = forms.CharField(
        label=_("Partner organisation"),
        required=False,
        max_length=200,
        help_text=_("Part of its name."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = Organisation.objects.order_by().values_list("country", flat=True).distinct()
        countries = countries_by_name(codes)
        self.fields["country"].choices = [("", _("All countries")), *countries]  # type: ignore[attr-defined]
        themes = sorted(((t.code, t.label) for t in Theme.objects.all()), key=lambda t: t[1])
        self.fields["theme"].choices = [("", _("All themes")), *themes]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("All kinds")), *PartnershipKind.choices]  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", _("All statuses")), *PartnershipStatus.choices]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, str]:
        return parse_filters(self.data) if self.is_bound else {}


_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")


def parse_filters(params: Any) -> dict[str, str]:
    """The valid filters of a query string; a forged value is ignored rather than an error.

    The data endpoints and exports use this rather than the form, whose choices cost two
    queries over the whole directory.
    """
    filters: dict[str, str] = {}
    country = str(params.get("country", "")).strip().upper()
    if _COUNTRY.match(country):
        filters["country"] = country
    theme = str(params.get("theme", "")).strip()
    if _SLUG.match(theme):
        filters["theme"] = theme
    if params.get("kind") in PartnershipKind.values:
        filters["kind"] = params["kind"]
    if params.get("status") in PartnershipStatus.values:
        filters["status"] = params["status"]
    # "q" and "partner" come with a link from the partnership list.
    for name in ("member", "partner", "q"):
        value = str(params.get(name, "")).strip()[:200]
        if value:
            filters[name] = value
    return filters


def apply_filters(qs: QuerySet[Partnership], filters: dict[str, str]) -> QuerySet[Partnership]:
    """The list's filters; the atlas's "member" box takes a name or an organisation id."""
    member = filters.get("member", "")
    return filter_partnerships(
        qs,
        q=filters.get("q", ""),
        country=filters.get("country", ""),
        theme=filters.get("theme", ""),
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
        member=int_or_none(member),
        partner=filters.get("partner", "") or ("" if member.isdigit() else member),
    ).order_by()


def undrawable_count(qs: QuerySet[Partnership]) -> int:
    """Partnerships the map cannot draw: one of their partners has no coordinates."""
    unplaced = PartnershipMember.objects.filter(organisation__latitude__isnull=True).values(
        "partnership_id"
    )
    return qs.filter(pk__in=unplaced).count()


@dataclass
class AtlasData:
    # (id, title, kind, status, signed_on, renewed_on)
    partnerships: list[tuple[int, str, str, str, date | None, date | None]]
    members: dict[int, list[int]] = field(default_factory=dict)
    # id -> (name, country, city, latitude, longitude)
    organisations: dict[int, tuple[str, str, str, float | None, float | None]] = field(
        default_factory=dict
    )
    themes: dict[int, list[int]] = field(default_factory=dict)
    theme_labels: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (code, label)

    def kind_labels(self) -> dict[str, str]:
        return {value: str(label) for value, label in PartnershipKind.choices}

    def status_labels(self) -> dict[str, str]:
        return {value: str(label) for value, label in PartnershipStatus.choices}


def load_atlas_data(
    qs: QuerySet[Partnership], *, themes: bool = True, ordered: bool = True
) -> AtlasData:
    """Five queries (three without themes), whatever the number of partnerships."""
    ids = qs.order_by().values("pk")
    # The map needs no order; sorting 12,000 titles is a good part of the query's time.
    rows = qs.order_by("title", "pk") if ordered else qs.order_by()
    data = AtlasData(
        partnerships=list(
            rows.values_list("pk", "title", "kind", "status", "signed_on", "renewed_on")
        )
    )
    members: dict[int, list[int]] = defaultdict(list)
    for partnership_id, organisation_id in (
        PartnershipMember.objects.filter(partnership_id__in=ids)
        .order_by(*(["pk"] if ordered else []))
        .values_list("partnership_id", "organisation_id")
    ):
        members[partnership_id].append(organisation_id)
    data.members = dict(members)
    data.organisations = {
        pk: (name, country, city, lat, lon)
        for pk, name, country, city, lat, lon in Organisation.objects.filter(
            pk__in=PartnershipMember.objects.filter(partnership_id__in=ids).values(
                "organisation_id"
            )
        ).values_list("pk", "name", "country", "city", "latitude", "longitude")
    }
    if themes:
        by_partnership: dict[int, list[int]] = defaultdict(list)
        for partnership_id, theme_id in Partnership.themes.through.objects.filter(
            partnership_id__in=ids
        ).values_list("partnership_id", "theme_id"):
            by_partnership[partnership_id].append(theme_id)
        data.themes = dict(by_partnership)
        data.theme_labels = {t.pk: (t.code, t.label) for t in Theme.objects.all()}
    return data


def map_payload(data: AtlasData) -> dict[str, Any]:
    """A compact payload for the map: arrays rather than objects, codes rather than labels."""
    used: set[int] = set()
    partnerships = []
    for pk, title, kind, status, signed_on, _renewed in data.partnerships:
        org_ids = data.members.get(pk, [])
        used.update(org_ids)
        partnerships.append(
            [pk, title, kind, status, signed_on.year if signed_on else None, org_ids]
        )
    organisations = [
        [pk, name, round(lat, 4), round(lon, 4), country]
        for pk, (name, country, _city, lat, lon) in data.organisations.items()
        if pk in used and lat is not None and lon is not None
    ]
    return {
        "count": len(partnerships),
        "kinds": data.kind_labels(),
        "statuses": data.status_labels(),
        "organisations": organisations,
        "partnerships": partnerships,
    }


def data_version() -> str:
    """Changes whenever a row the atlas shows changes, read in one cheap query.

    Services save `updated_at` on every change; partner and theme links are only ever
    inserted or deleted, which moves their count or their highest id.
    """
    tables = {
        "p": Partnership._meta.db_table,
        "m": PartnershipMember._meta.db_table,
        "t": Partnership.themes.through._meta.db_table,
        "o": Organisation._meta.db_table,
    }
    # Table names come from the models, quoted; no user input reaches this SQL.
    sql = (  # noqa: S608
        "SELECT (SELECT COUNT(*) FROM {p}), (SELECT MAX(updated_at) FROM {p}), "
        "(SELECT COUNT(*) FROM {m}), (SELECT MAX(id) FROM {m}), "
        "(SELECT COUNT(*) FROM {t}), (SELECT MAX(id) FROM {t}), "
        "(SELECT COUNT(*) FROM {o}), (SELECT MAX(updated_at) FROM {o})"
    ).format(**{k: connection.ops.quote_name(v) for k, v in tables.items()})
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:20]


def visibility_scope(user: Any, visible: QuerySet[Partnership]) -> str:
    """Names the set of partnerships `visible` holds for `user`, as a cache key part.

    Everyone but staff sees the shared partnerships plus the private ones of their own
    organisations, so users with the same private ones (most often none) see the same set
    and share cached data; staff see everything.
    """
    if is_network_staff(user):
        return "staff"
    private = visible.filter(is_shared=False).order_by("pk").values_list("pk", flat=True)
    return "shared+" + hashlib.sha256(",".join(map(str, private)).encode()).hexdigest()[:20]


# Recent bodies in this process, so that a hit does not fetch megabytes from the shared
# cache: {key: (token, body)}. The token stored beside the body in the shared cache says
# the entry is still the one this process holds (it goes when the shared cache is cleared).
_LOCAL_BODIES: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
_LOCAL_LOCK = threading.Lock()
LOCAL_BODIES = 8


def cached_body(parts: list[Any], build: Callable[[], bytes]) -> bytes:
    """`build()`'s bytes, rebuilt only when the atlas data or the language change.

    `parts` must name everything else the body depends on: whose visibility, filters,
    format. Cached in the shared cache and in this process.
    """
    key = (
        "atlas:"
        + hashlib.sha256(
            json.dumps([*parts, data_version(), get_language()], default=str).encode()
        ).hexdigest()
    )
    token_key = key + ":token"
    token = cache.get(token_key)
    with _LOCAL_LOCK:
        local = _LOCAL_BODIES.get(key)
        if local is not None and token is not None and local[0] == token:
            _LOCAL_BODIES.move_to_end(key)
            return local[1]
    body = cache.get(key) if token is not None else None
    if body is None:
        body = build()
        token = secrets.token_hex(8)
        cache.set_many({key: body, token_key: token}, MAP_CACHE_SECONDS)
    with _LOCAL_LOCK:
        _LOCAL_BODIES[key] = (token, body)
        _LOCAL_BODIES.move_to_end(key)
        while len(_LOCAL_BODIES) > LOCAL_BODIES:
            _LOCAL_BODIES.popitem(last=False)
    return body


def partner_countries(user: Any, visible: QuerySet[Partnership]) -> list[str]:
    """The countries of the partners of `visible`, for the lists' country filter.

    Reading them joins every membership of every partnership (tens of milliseconds at
    12,000); they change only with the data.
    """

    def build() -> bytes:
        codes = (
            Organisation.objects.filter(
                partnership_memberships__partnership__in=visible.values("pk")
            )
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        return json.dumps(sorted(codes)).encode()

    return list(json.loads(cached_body(["countries", visibility_scope(user, visible)], build)))


def cached_map_json(qs: QuerySet[Partnership], scope: str, filters: dict[str, str]) -> bytes:
    """The map payload as JSON, rebuilt only when the data or the filters change.

    At 12,000 partnerships building it takes several hundred milliseconds; the version
    query takes a few. `scope` must name whose visibility `qs` reflects.
    """

    def build() -> bytes:
        payload = map_payload(load_atlas_data(qs, themes=False, ordered=False))
        return json.dumps(payload, cls=DjangoJSONEncoder, separators=(",", ":")).encode()

    return cached_body(["map", scope, sorted(filters.items())], build)
