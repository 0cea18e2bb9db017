"""The filtered partnership set as CSV, XLSX and GeoJSON."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Any

from django.utils.translation import gettext as _

from cityties.core import tabular

from .atlas import AtlasData

FORMATS = {
    "csv": tabular.CSV_CONTENT_TYPE,
    "xlsx": tabular.XLSX_CONTENT_TYPE,
    "geojson": "application/geo+json",
}


def headers() -> list[str]:
    return [
        _("Title"),
        _("Kind"),
        _("Status"),
        _("Partners"),
        _("Countries"),
        _("Themes"),
        _("Signed on"),
        _("Renewed on"),
    ]


def rows(data: AtlasData) -> Iterator[list[Any]]:
    kinds, statuses = data.kind_labels(), data.status_labels()
    for pk, title, kind, status, signed_on, renewed_on in data.partnerships:
        partners = [data.organisations[o] for o in data.members.get(pk, [])]
        themes = [data.theme_labels[t][1] for t in data.themes.get(pk, [])]
        yield [
            title,
            kinds.get(kind, kind),
            statuses.get(status, status),
            " / ".join(p[0] for p in partners),
            ", ".join(dict.fromkeys(p[1] for p in partners)),
            "; ".join(themes),
            signed_on,
            renewed_on,
        ]


def to_csv(data: AtlasData) -> bytes:
    """Formulas neutralised; ";" in French, "," in English (see `tabular`)."""
    return tabular.to_csv(headers(), rows(data))


def to_xlsx(data: AtlasData) -> bytes:
    return tabular.to_xlsx(headers(), rows(data), sheet_title=_("Partnerships"))


def to_geojson(data: AtlasData) -> dict[str, Any]:
    """Points for the partner organisations, a line for every pair of partners."""
    kinds, statuses = data.kind_labels(), data.status_labels()
    features: list[dict[str, Any]] = []
    used: set[int] = set()
    for pk, title, kind, status, signed_on, _renewed in data.partnerships:
        org_ids = data.members.get(pk, [])
        used.update(org_ids)
        properties = {
            "id": pk,
            "title": title,
            "kind": kind,
            "kind_label": kinds.get(kind, kind),
            "status": status,
            "status_label": statuses.get(status, status),
            "themes": [data.theme_labels[t][0] for t in data.themes.get(pk, [])],
            "signed_year": signed_on.year if signed_on else None,
        }
        placed = [o for o in org_ids if None not in data.organisations[o][3:]]
        for a, b in combinations(placed, 2):
            _na, _ca, _ta, lat_a, lon_a = data.organisations[a]
            _nb, _cb, _tb, lat_b, lon_b = data.organisations[b]
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[lon_a, lat_a], [lon_b, lat_b]],
                    },
                    "properties": properties,
                }
            )
    for pk, (name, country, city, lat, lon) in data.organisations.items():
        if pk in used and lat is not None and lon is not None:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {"id": pk, "name": name, "country": country, "city": city},
                }
            )
    return {"type": "FeatureCollection", "features": features}
