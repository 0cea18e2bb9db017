import io
from pathlib import Path

import openpyxl
import pytest

from cityties.network.demo_data import DEMO_PASSWORD
from cityties.network.models import Partnership

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e


def _map_loaded(page) -> bool:
    """The map drew its data: Leaflet built its panes and atlas.js announced the load."""
    page.wait_for_selector("#atlas-map .leaflet-pane canvas, #atlas-map .leaflet-pane svg")
    status = page.locator("#atlas-status")
    status.filter(has_text="Carte chargée").or_(status.filter(has_text="Map loaded")).wait_for()
    return True


def test_the_atlas_maps_the_american_partners_and_exports_xlsx(page, live_server, demo):
    log_in(page, live_server.url, "staff@cityties.example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/network/atlas/?country=US")
    assert _map_loaded(page)
    table = page.locator("main table").inner_text()
    for city in ("Nashville", "Atlanta", "Minneapolis", "Pittsburgh"):
        assert city in table
    assert "Tel Aviv" in table  # the tripartite appears with its American partner
    assert axe_violations(page) == []
    assert page.csp_errors == []

    with page.expect_download() as download_info:
        page.get_by_role("button", name="XLSX").click()
    path = download_info.value.path()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes()))
    rows = list(workbook.active.iter_rows(values_only=True))
    titles = {row[0] for row in rows[1:]}
    us = Partnership.objects.filter(memberships__organisation__country="US", archived_at=None)
    assert titles == set(us.values_list("title", flat=True))


def test_the_public_atlas_needs_no_login_and_hides_private_partnerships(page, live_server, demo):
    page.goto(f"{live_server.url}/network/public/atlas/")
    assert _map_loaded(page)
    table = page.locator("main table").inner_text()
    for private in Partnership.objects.filter(is_shared=False):
        assert private.title not in table
    assert axe_violations(page) == []
