"""The API's schemas agree with the pages: a PATCH changes exactly the fields the page's
form edits, and choices are enumerations of the model's values."""

from __future__ import annotations

import pytest
from ninja import Schema

from cityties.network.api import directory, partnerships
from cityties.network.forms.activities import ActivityForm
from cityties.network.forms.organisations import OrganisationForm
from cityties.network.forms.partnerships import PartnershipForm
from cityties.network.forms.people import PersonForm
from cityties.network.models import ActivityKind, OrganisationKind, PartnershipKind

# The API names relations by ids or codes where the form names the relation.
API_NAMES = {
    "sponsor_id": "sponsor",
    "sector_codes": "sectors",
    "organisation_id": "organisation",
    "partner_ids": "members",
    "theme_codes": "themes",
}


def _form_fields(form_class: type) -> set[str]:
    fields = set(getattr(form_class, "base_fields", {}))
    meta = getattr(form_class, "Meta", None)
    return fields | set(getattr(meta, "fields", []))


@pytest.mark.parametrize(
    ("patch", "form"),
    [
        (directory.OrganisationPatch, OrganisationForm),
        (directory.PersonPatch, PersonForm),
        (partnerships.PartnershipPatch, PartnershipForm),
        (partnerships.ActivityPatch, ActivityForm),
    ],
)
def test_a_patch_exposes_the_fields_of_the_page(patch: type[Schema], form: type) -> None:
    api_fields = {API_NAMES.get(name, name) for name in patch.model_fields}
    form_fields = _form_fields(form)
    form_fields = {"members" if name == "partners" else name for name in form_fields}
    assert api_fields == form_fields


@pytest.mark.parametrize(
    ("schema", "field", "choices"),
    [
        (directory.OrganisationIn, "kind", OrganisationKind),
        (partnerships.PartnershipIn, "kind", PartnershipKind),
        (partnerships.ActivityIn, "kind", ActivityKind),
    ],
)
def test_choices_are_enumerations(schema: type[Schema], field: str, choices: type) -> None:
    declared = schema.model_json_schema()
    ref = declared["properties"][field]["$ref"].rsplit("/", 1)[-1]
    assert declared["$defs"][ref]["enum"] == list(choices.values)
