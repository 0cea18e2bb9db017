import pytest

from cityties.network.demo_data import DEMO_PASSWORD, DEMO_USERS

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e


def test_login_page_has_no_serious_accessibility_violation(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert axe_violations(page) == []
    assert page.csp_errors == []


@pytest.mark.parametrize("email,role", [(email, role) for email, _p, _o, role in DEMO_USERS])
def test_each_role_logs_in_reaches_every_entry_and_switches_language(
    page, live_server, demo, email, role
):
    log_in(page, live_server.url, email, DEMO_PASSWORD)
    assert page.locator("h1").first.is_visible()
    assert axe_violations(page) == [], role

    links = page.locator("nav.main-nav a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(targets) >= 3  # dashboard, directory, partnerships (and users for staff)
    for href in targets:
        response = page.goto(f"{live_server.url}{href}")
        assert response.status == 200, href
        assert page.locator("h1").count() >= 1, href

    page.goto(f"{live_server.url}/dashboard/")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav.main-nav").get_by_text("Dashboard").is_visible()
    assert page.csp_errors == []


def test_dashboard_fits_a_phone_screen(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        log_in(page, live_server.url, "caen@cityties.example.org", DEMO_PASSWORD)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        assert axe_violations(page) == []
    finally:
        context.close()


def test_a_wrong_password_shows_a_message(page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "caen@cityties.example.org")
    page.fill("#id_password", "not-the-password")
    page.click("button[type=submit]:not([name=language])")
    assert page.locator("[role=alert]").is_visible()
