"""Homestays in a browser: a Pittsburgh family registers through the link Caen's officer
copied (no account), the officer records its safeguarding checks and confirms it, runs
the assignment, tries a move that breaks a rule (refused, the rule named), moves a guest,
confirms; the family and the guests read their mails; the list per family is printable."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest

from cityties.delegations import demo as delegations_demo
from cityties.delegations.models import Delegate
from cityties.homestays import services as svc
from cityties.homestays.models import Family, Guest
from cityties.network.demo_data import DEMO_PASSWORD

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.e2e

LEAD = "caen@cityties.example.org"


def _context_page(browser, locale="fr-FR"):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page


def _plan(staff):
    """The Pittsburgh delegation, one family already checked (with a cat) and five guests,
    Sophie Garnier allergic to cats."""
    delegation = delegations_demo.load()["pittsburgh_2016"]
    plan = svc.plan_of(delegation)
    cats = svc.check_register_family(
        plan,
        via=None,
        fields=svc.FamilyFields(
            household="The Brennan family",
            contact_name="Patrick Brennan",
            email="p.brennan@example.com",
            phone="",
            language="en",
            address="2214 Murray Avenue, Pittsburgh PA 15217",
            area="Squirrel Hill",
            beds=2,
            available_from=date(2016, 11, 14),
            available_to=date(2016, 11, 21),
            languages="en,fr",
            pets=True,
            smoking=False,
            takes_women=True,
            takes_men=True,
            same_gender_only=False,
            minutes_to_venue=20,
            notes="Two cats.",
        ),
    )
    svc.check_record_safeguarding(
        cats,
        actor=staff,
        visit_on=date(2016, 10, 20),
        visit_by="Claire Vautier",
        check_on=date(2016, 10, 21),
        check_by="Allegheny County",
    )
    svc.check_confirm_family(cats, actor=staff)
    wanted = ["Lemarchand", "Vautier", "Moreau", "Garnier", "Cohen"]
    for delegate in Delegate.objects.filter(
        participant__delegation=delegation, person__last_name__in=wanted
    ):
        fields = svc.defaults_for(plan, delegate)
        fields["pet_allergy"] = delegate.person.last_name == "Garnier"
        svc.check_add_guest(plan, actor=staff, delegate=delegate, fields=fields)
    return delegation, plan


def _row(page, last_name):
    guest = Guest.objects.get(delegate__person__last_name=last_name)
    return guest, page.locator(f"#guest-{guest.pk}")


def test_a_family_registers_is_checked_hosts_and_everyone_is_told(
    browser, live_server, demo, smtp_inbox, tmp_path, django_user_model
):
    staff = django_user_model.objects.get(email="staff@cityties.example.org")
    delegation, _unused = _plan(staff)
    base = live_server.url
    context, page = _context_page(browser)
    log_in(page, base, LEAD, DEMO_PASSWORD)

    page.goto(f"{base}/homestays/delegations/{delegation.pk}/link/")
    assert axe_violations(page) == []
    link = page.input_value("#link-1")
    assert "/homestays/register/" in link

    family_context, family = _context_page(browser, locale="en-US")
    family.goto(link + "?lang=en")
    assert axe_violations(family) == []
    family.fill("#id_household", "The Kowalski family")
    family.fill("#id_contact_name", "Anna Kowalski")
    family.fill("#id_email", "anna.kowalski@example.com")
    family.select_option("#id_language", "en")
    family.fill("#id_address", "5520 Walnut Street, Pittsburgh PA 15232")
    family.fill("#id_area", "Shadyside")
    family.fill("#id_beds", "4")
    family.fill("#id_available_from", "2016-11-14")
    family.fill("#id_available_to", "2016-11-21")
    family.fill("#id_languages", "en, fr")
    family.fill("#id_minutes_to_venue", "15")
    family.check("#id_consent")
    family.locator("main form button[type=submit]").click()
    family.wait_for_load_state()
    assert "The Kowalski family is registered" in family.content()
    family.set_viewport_size({"width": 390, "height": 844})
    assert axe_violations(family) == []
    family_context.close()

    kowalski = Family.objects.get(household="The Kowalski family")
    page.goto(f"{base}/homestays/delegations/{delegation.pk}/")
    page.click(f"a[href='/homestays/families/{kowalski.pk}/']")
    page.wait_for_url(re.compile(rf"/homestays/families/{kowalski.pk}/$"))
    assert "5520 Walnut Street" in page.content()
    # Confirming before the checks is refused, and said so.
    page.locator(f"form[action='/homestays/families/{kowalski.pk}/confirm/'] button").click()
    page.wait_for_load_state()
    assert "Enregistrez la visite à domicile" in page.content()
    page.fill("#id_visit_on", "2016-10-25")
    page.fill("#id_visit_by", "Claire Vautier")
    page.fill("#id_check_on", "2016-10-27")
    page.fill("#id_check_by", "Pennsylvania State Police")
    page.locator("main section form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "Vérifications enregistrées." in page.content()
    assert axe_violations(page) == []
    page.locator(f"form[action='/homestays/families/{kowalski.pk}/confirm/'] button").click()
    page.wait_for_load_state()
    assert "The Kowalski family est confirmée" in page.content()

    page.goto(f"{base}/homestays/delegations/{delegation.pk}/")
    page.locator(f"form[action='/homestays/delegations/{delegation.pk}/run/'] button").click()
    page.wait_for_load_state()
    assert "Terminé : 5 hôtes affectés" in page.content()
    assert axe_violations(page) == []

    sophie, row = _row(page, "Garnier")
    brennan = Family.objects.get(household="The Brennan family")
    row.locator("select").select_option(str(brennan.pk))
    row.locator(f"form[action='/homestays/guests/{sophie.pk}/move/'] button").click()
    page.wait_for_load_state()
    assert (
        "Sophie Garnier n'a pas été déplacé : The Brennan family a des animaux et Sophie "
        "Garnier y est allergique." in page.content()
    )
    # A move that keeps every rule: to whichever family has a bed left.
    at_brennan = Guest.objects.filter(placement__family=brennan)
    if at_brennan.count() < 2:
        mover = Guest.objects.filter(placement__family=kowalski).exclude(pk=sophie.pk).first()
        target = brennan
    else:
        mover, target = at_brennan.first(), kowalski
    assert mover is not None
    name = mover.delegate.person.full_name
    _mover, row = _row(page, mover.delegate.person.last_name)
    row.locator("select").select_option(str(target.pk))
    row.locator(f"form[action='/homestays/guests/{mover.pk}/move/'] button").click()
    page.wait_for_load_state()
    assert f"{name} loge désormais chez {target.household}" in page.content()
    mover.refresh_from_db()
    assert mover.placement.family_id == target.pk and mover.placement.locked

    page.locator(f"form[action='/homestays/delegations/{delegation.pk}/confirm/'] button").click()
    page.wait_for_load_state()
    assert "La répartition est confirmée" in page.content()

    guests_there = Guest.objects.filter(placement__family=kowalski)
    [anna] = smtp_inbox.bodies_to("anna.kowalski@example.com")
    assert "Here are your guests" in anna
    assert all(g.delegate.person.full_name in anna for g in guests_there)
    claire = Guest.objects.get(delegate__person__last_name="Vautier")
    hers = claire.placement.family
    [mail] = smtp_inbox.bodies_to(claire.delegate.person.email)
    assert hers.household in mail and hers.address in mail

    with page.expect_download() as download:
        page.click(f"a[href='/homestays/delegations/{delegation.pk}/families.pdf']")
    pdf = tmp_path / "families.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "The Kowalski family" in text and "Hervé Lemarchand" in text
    context.close()
