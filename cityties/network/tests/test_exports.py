"""Exports of the filtered partnership set: CSV, XLSX and GeoJSON."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from . import test_atlas
from .test_atlas import org, tie

network = test_atlas.network  # the same small network of partnerships as the atlas tests

pytestmark = pytest.mark.django_db


def english(user: Any) -> Any:
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def export(client: Any, fmt: str, **filters: str) -> Any:
    response = client.get(reverse("network:atlas_export", args=[fmt]), filters)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response


def test_xlsx_export_opens_with_openpyxl_and_holds_the_filtered_rows(client_for, staff, network):
    response = export(client_for(english(staff)), "xlsx", country="US", kind="twinning")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("Title", "Kind", "Status", "Partners")
    assert sorted(r[0] for r in rows[1:]) == ["Caen - Nashville", "Tours - Nashville (private)"]
    caen_row = next(r for r in rows[1:] if r[0] == "Caen - Nashville")
    assert caen_row[3] == "Ville de Caen / Nashville"
    assert caen_row[4] == "FR, US"
    assert caen_row[5] == "Economy"


def test_csv_export_follows_visibility(client_for, caen_officer, network):
    response = export(client_for(english(caen_officer)), "csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Title"
    assert {r[0] for r in rows[1:]} == {
        "Caen - Nashville",
        "Tours - Atlanta - Tel Aviv",
        "Public but unshared",
    }


def test_exported_formulas_are_neutralised(client_for, staff, caen):
    tie('=HYPERLINK("http://evil")', caen, org("Nashville"))
    rows = list(
        csv.reader(io.StringIO(export(client_for(staff), "csv").content.decode("utf-8-sig")))
    )
    assert rows[1][0].startswith("'=")


def test_geojson_export_is_a_valid_feature_collection(client_for, staff, network):
    data = export(client_for(staff), "geojson", status="dormant").json()
    assert data["type"] == "FeatureCollection"
    lines = [f for f in data["features"] if f["geometry"]["type"] == "LineString"]
    points = [f for f in data["features"] if f["geometry"]["type"] == "Point"]
    # Three partners: three pairs, three points.
    assert len(lines) == 3 and len(points) == 3
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        coords = feature["geometry"]["coordinates"]
        pairs = coords if feature["geometry"]["type"] == "LineString" else [coords]
        for lon, lat in pairs:
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    properties = lines[0]["properties"]
    assert properties["title"] == "Tours - Atlanta - Tel Aviv"
    assert (properties["kind"], properties["status"]) == ("cooperation", "dormant")
    assert set(properties) >= {"title", "kind", "status", "themes", "signed_year"}


def test_unknown_format_is_404(client_for, staff):
    assert client_for(staff).get(reverse("network:atlas_export", args=["pdf"])).status_code == 404


def test_public_export_holds_only_public_partnerships(client, network):
    response = client.get(reverse("network:atlas_public_export", args=["geojson"]))
    titles = {f["properties"].get("title") for f in response.json()["features"]} - {None}
    assert titles == {"Caen - Nashville"}
