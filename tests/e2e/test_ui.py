"""The site on a phone and with a keyboard only; French order; escaping in the atlas."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cityties.accounts.models import User
from cityties.network import services
from cityties.network.demo_data import DEMO_PASSWORD
from cityties.network.models import Organisation
from cityties.network.services import partnerships as partnership_services

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

FOCUS_STYLE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  return {tag: e.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth),
          colour: s.outlineColor};
}"""


def test_on_a_phone_the_menu_is_a_button_that_opens_it(browser, live_server, demo):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, is_mobile=True)
    page = context.new_page()
    log_in(page, live_server.url, "caen@cityties.example.org", DEMO_PASSWORD)
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    directory = page.locator("#main-nav-list").get_by_role("link", name="Annuaire")
    assert not directory.is_visible()

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert directory.is_visible()
    box = directory.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]  # not clipped
    assert axe_violations(page) == []
    directory.click()
    page.wait_for_url(f"{live_server.url}/network/organisations/")
    context.close()


def test_without_javascript_the_phone_menu_shows_every_entry(browser, live_server, demo):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, "caen@cityties.example.org", DEMO_PASSWORD)
    assert not page.locator(".nav-toggle").is_visible()
    assert page.locator("#main-nav-list").get_by_role("link", name="Partenariats").is_visible()
    context.close()


def test_on_a_phone_list_tables_show_every_column_of_a_row(browser, live_server, demo):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, "caen@cityties.example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/network/partnerships/")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    status = page.locator("main table tbody tr td[data-label]").nth(2)
    box = status.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    context.close()


def test_keyboard_navigation_shows_a_visible_focus_ring(page, live_server, demo):
    log_in(page, live_server.url, "caen@cityties.example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/network/organisations/")
    seen = set()
    # Past the skip link, the header and the menu, into the page's filters.
    for _ in range(20):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        seen.add(focus["tag"])
        assert focus["style"] == "solid", focus
        assert focus["width"] >= 2, focus
        assert focus["colour"] in ("rgb(15, 45, 87)", "rgb(179, 38, 30)"), focus
    assert {"A", "BUTTON", "INPUT"} <= seen


def test_the_organisation_list_sorts_accented_names_the_french_way(page, live_server, demo):
    for name in ("Ziguinchor", "Échirolles", "Fontainebleau", "Dijon"):
        services.check_create_organisation(
            actor=None, name=name, kind="foreign_city", country="SN", is_member=False
        )
    log_in(page, live_server.url, "staff@cityties.example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/network/organisations/?country=SN")
    names = page.locator("main table tbody th a").all_inner_texts()
    assert names == ["Dijon", "Échirolles", "Fontainebleau", "Ziguinchor"]
    page.goto(f"{live_server.url}/network/organisations/?q=echirolles")
    assert page.locator("main table tbody th a").all_inner_texts() == ["Échirolles"]
    assert axe_violations(page) == []


# Leaflet keeps its maps to itself: catch the atlas's map as it is made.
CATCH_MAP = """
Object.defineProperty(window, "L", {
  configurable: true,
  get() { return this.__leaflet; },
  set(value) {
    this.__leaflet = value;
    value.Map.addInitHook(function () { window.__atlasMap = this; });
  },
});
"""

OPEN_TOOLTIPS = """() => {
  const opened = [];
  window.__atlasMap.eachLayer((layer) => {
    if (layer.getTooltip && layer.getTooltip()) { layer.openTooltip(); opened.push(layer); }
  });
  return Array.from(document.querySelectorAll(".leaflet-tooltip")).map((t) => ({
    text: t.textContent, images: t.querySelectorAll("img").length,
  }));
}"""


def test_html_in_a_name_stays_text_in_the_public_atlas(page, live_server, demo):
    evil = '<img src=x onerror="window.__xss=1">Evil'
    caen = Organisation.objects.get(name="Ville de Caen")
    foreign = services.check_create_organisation(
        actor=None,
        name=evil,
        kind="foreign_city",
        country="US",
        latitude=40.7,
        longitude=-74.0,
    )
    staff = User.objects.get(email="staff@cityties.example.org")
    partnership_services.check_create_partnership(
        actor=staff, members=[caen, foreign], kind="friendship", is_public=True, title="XSS"
    )
    page.add_init_script(CATCH_MAP)
    page.goto(f"{live_server.url}/network/public/atlas/")
    page.locator("#atlas-status").filter(has_text="Carte chargée").or_(
        page.locator("#atlas-status").filter(has_text="Map loaded")
    ).wait_for()
    tooltips = page.evaluate(OPEN_TOOLTIPS)
    mine = [t for t in tooltips if "Evil" in t["text"]]
    assert mine and mine[0]["images"] == 0
    assert "<img" in mine[0]["text"]
    assert page.evaluate("() => window.__xss") is None


@pytest.mark.parametrize(
    ("email", "path"),
    [
        ("staff@cityties.example.org", "/dashboard/"),
        ("caen@cityties.example.org", "/dashboard/"),
        ("staff@cityties.example.org", "/network/groups/"),
        ("staff@cityties.example.org", "/network/groups/new/"),
        ("staff@cityties.example.org", "/network/people/new/"),
        ("caen@cityties.example.org", "/network/partnerships/new/"),
        ("caen@cityties.example.org", "/network/people/"),
    ],
)
def test_changed_pages_have_no_serious_accessibility_violation(
    page, live_server, demo, email, path
):
    log_in(page, live_server.url, email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}{path}")
    assert axe_violations(page) == []
    assert page.csp_errors == []


def test_a_refused_form_has_an_accessible_error_summary_that_takes_the_focus(
    page, live_server, demo
):
    log_in(page, live_server.url, "staff@cityties.example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/network/groups/new/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    summary.get_by_role("link").first.click()
    assert page.evaluate("() => document.activeElement.id") == "id_name"
    assert axe_violations(page) == []


def test_partners_are_found_by_typing_part_of_their_name(page, live_server, demo):
    log_in(page, live_server.url, "caen@cityties.example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/network/partnerships/new/")
    page.locator("#id_partners_1").press_sequentially("nashv", delay=40)
    options = page.locator("#id_partners-options option")
    # The suggestions of the shorter prefixes typed first may still be shown: wait for the
    # answer to the whole of it.
    expect(options.first).to_have_attribute("value", re.compile("Nashville"), timeout=10_000)
