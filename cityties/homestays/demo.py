"""The demo homestays: Nashville's families who hosted Caen's 2015 pilot delegation
(registered through the twin city, all checked, the assignment confirmed), and the
Pittsburgh families offered in 2016 through the Auvergne-Rhône-Alpes region's
Pennsylvania contacts (one still waiting for its checks; the assignment run, not yet
confirmed). Families and addresses are invented. Idempotent: a second run changes
nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from cityties.delegations.models import Delegate, Delegation
from cityties.network.models import Organisation

from . import services as svc
from .models import Guest, Plan

# (household, contact, e-mail, language, address, area, beds, first night, day after the
#  last, languages, pets, smoking, takes women, takes men, same gender, minutes, notes,
#  checked by)
FamilyRow = tuple[
    str, str, str, str, str, str, int, date, date, str, bool, bool, bool, bool, bool, int, str, str
]

NASHVILLE: list[FamilyRow] = [
    (
        "The Harper family",
        "Linda Harper",
        "linda.harper@example.com",
        "en",
        "1208 Fatherland Street, Nashville TN 37206",
        "East Nashville",
        2,
        date(2015, 11, 3),
        date(2015, 11, 8),
        "en,fr",
        False,
        False,
        True,
        True,
        False,
        15,
        "Linda taught French in Caen in 1994.",
        "Karen Holloway",
    ),
    (
        "The Okafor family",
        "James Okafor",
        "j.okafor@example.com",
        "en",
        "415 Monroe Street, Nashville TN 37208",
        "Germantown",
        1,
        date(2015, 11, 3),
        date(2015, 11, 8),
        "en",
        True,
        False,
        True,
        True,
        False,
        10,
        "A friendly old dog.",
        "Karen Holloway",
    ),
    (
        "The Delacroix-Reed family",
        "Marie Delacroix-Reed",
        "marie.dr@example.com",
        "fr",
        "2203 Belmont Boulevard, Nashville TN 37212",
        "Belmont-Hillsboro",
        2,
        date(2015, 11, 3),
        date(2015, 11, 9),
        "fr,en",
        False,
        False,
        True,
        True,
        True,
        20,
        "",
        "Karen Holloway",
    ),
]

PITTSBURGH: list[FamilyRow] = [
    (
        "The Kowalski family",
        "Anna Kowalski",
        "anna.kowalski@example.com",
        "en",
        "5520 Walnut Street, Pittsburgh PA 15232",
        "Shadyside",
        2,
        date(2016, 11, 15),
        date(2016, 11, 20),
        "en,fr",
        False,
        False,
        True,
        True,
        False,
        15,
        "Two teenagers learning French.",
        "Pennsylvania Office of International Business",
    ),
    (
        "The Brennan family",
        "Patrick Brennan",
        "p.brennan@example.com",
        "en",
        "2214 Murray Avenue, Pittsburgh PA 15217",
        "Squirrel Hill",
        2,
        date(2016, 11, 15),
        date(2016, 11, 20),
        "en",
        True,
        False,
        True,
        True,
        True,
        20,
        "Two cats.",
        "Pennsylvania Office of International Business",
    ),
    (
        "The Dubois-Miller family",
        "Sophie Dubois-Miller",
        "sophie.dm@example.com",
        "fr",
        "4301 Butler Street, Pittsburgh PA 15201",
        "Lawrenceville",
        3,
        date(2016, 11, 14),
        date(2016, 11, 21),
        "fr,en",
        False,
        False,
        True,
        True,
        False,
        15,
        "",
        "Pennsylvania Office of International Business",
    ),
    (
        "The Novak family",
        "Eva Novak",
        "eva.novak@example.com",
        "en",
        "88 Washington Road, Mt. Lebanon PA 15228",
        "Mt. Lebanon",
        2,
        date(2016, 11, 15),
        date(2016, 11, 20),
        "en,fr",
        False,
        True,
        False,
        True,
        False,
        35,
        "",
        "Pennsylvania Office of International Business",
    ),
    (
        "The Chen family",
        "Wei Chen",
        "wei.chen@example.com",
        "en",
        "3611 Forbes Avenue, Pittsburgh PA 15213",
        "Oakland",
        2,
        date(2016, 11, 15),
        date(2016, 11, 20),
        "en,fr",
        False,
        False,
        True,
        False,
        False,
        10,
        "Next to Carnegie Mellon.",
        "Pennsylvania Office of International Business",
    ),
    (
        "The Rossi family",
        "Marco Rossi",
        "marco.rossi@example.com",
        "en",
        "1500 Beechview Avenue, Pittsburgh PA 15216",
        "Beechview",
        2,
        date(2016, 11, 15),
        date(2016, 11, 20),
        "en,it",
        False,
        False,
        True,
        True,
        False,
        30,
        "Registered last; the home visit is booked.",
        "",
    ),
]

# Pittsburgh guests' needs beyond the defaults: (first, last) -> values.
PITTSBURGH_NEEDS: dict[tuple[str, str], dict[str, Any]] = {
    ("Sophie", "Garnier"): {"pet_allergy": True},
    ("Thomas", "Roux"): {"max_minutes": 20},
    ("Nora", "Belkacem"): {"arrive": date(2016, 11, 16)},
}
# Colleagues who asked to stay together: (guest, colleague).
PITTSBURGH_PAIRS = [
    (("Sarah", "Cohen"), ("Antoine", "Girard")),
    (("Julien", "Moreau"), ("Paul", "Renard")),
]


def _fields(row: FamilyRow) -> svc.FamilyFields:
    (
        household,
        contact,
        email,
        language,
        address,
        area,
        beds,
        first,
        end,
        languages,
        pets,
        smoking,
        women,
        men,
        same,
        minutes,
        notes,
        _checked_by,
    ) = row
    return svc.FamilyFields(
        household=household,
        contact_name=contact,
        email=email,
        phone="",
        language=language,
        address=address,
        area=area,
        beds=beds,
        available_from=first,
        available_to=end,
        languages=languages,
        pets=pets,
        smoking=smoking,
        takes_women=women,
        takes_men=men,
        same_gender_only=same,
        minutes_to_venue=minutes,
        notes=notes,
    )


def _families(
    plan: Plan, actor: Any, rows: list[FamilyRow], via: Organisation | None, checked_on: date
) -> None:
    if plan.families.exists():
        return
    for row in rows:
        family = svc.do_register_family(plan, via=via, fields=_fields(row))
        checked_by = row[-1]
        if checked_by:
            svc.do_record_safeguarding(
                family,
                actor=actor,
                visit_on=checked_on,
                visit_by=checked_by,
                check_on=checked_on,
                check_by=checked_by,
            )
            svc.do_confirm_family(family, actor=actor)


def _guests(
    plan: Plan, actor: Any, needs: dict[tuple[str, str], dict[str, Any]]
) -> dict[tuple[str, str], Guest]:
    guests = {}
    delegates = (
        Delegate.objects.filter(participant__delegation=plan.delegation)
        .select_related("person", "participant")
        .order_by("pk")
    )
    for delegate in delegates:
        key = (delegate.person.first_name, delegate.person.last_name)
        guest = Guest.objects.filter(plan=plan, delegate=delegate).first()
        if guest is None:
            fields = svc.defaults_for(plan, delegate)
            fields.update(needs.get(key, {}))  # type: ignore[typeddict-item]
            guest = svc.do_add_guest(plan, actor=actor, delegate=delegate, fields=fields)
        guests[key] = guest
    return guests


def _assign(plan: Plan, actor: Any) -> None:
    if plan.runs.exists():
        return
    run = svc.do_start_run(plan, actor=actor)
    svc.do_run(run.pk, seconds=3)


def load_nashville(delegation: Delegation, actor: Any) -> Plan:
    plan = svc.plan_of(delegation)
    if plan.is_confirmed:
        return plan
    twin = Organisation.objects.filter(
        name__startswith="Metropolitan Government of Nashville"
    ).first()
    _families(plan, actor, NASHVILLE, twin, date(2015, 10, 20))
    _guests(plan, actor, {})
    _assign(plan, actor)
    svc.do_confirm_plan(plan, actor=actor, notify=False)
    return plan


def load_pittsburgh(delegation: Delegation, actor: Any) -> Plan:
    plan = svc.plan_of(delegation)
    if plan.is_confirmed:
        return plan
    pennsylvania = Organisation.objects.filter(name="Commonwealth of Pennsylvania").first()
    _families(plan, actor, PITTSBURGH, pennsylvania, date(2016, 10, 25))
    guests = _guests(plan, actor, PITTSBURGH_NEEDS)
    for first, second in PITTSBURGH_PAIRS:
        guest, colleague = guests.get(first), guests.get(second)
        if guest is not None and colleague is not None and guest.colleague_id is None:
            fields = svc.GuestFields(
                **{key: getattr(guest, key) for key in svc.GuestFields.__annotations__}  # type: ignore[typeddict-item]
            )
            fields["colleague"] = colleague
            svc.do_update_guest(guest, actor=actor, fields=fields)
    _assign(plan, actor)
    return plan


@transaction.atomic
def load(delegations: dict[str, Delegation], actor: Any) -> dict[str, Plan]:
    return {
        "nashville_2015": load_nashville(delegations["nashville_2015"], actor),
        "pittsburgh_2016": load_pittsburgh(delegations["pittsburgh_2016"], actor),
    }
