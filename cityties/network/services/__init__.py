"""State changes of the directory: organisations, people, country groups, and GDPR.

`check_*` validates then calls `do_*`; `do_*` trusts its caller. Every function takes a
keyword-only `actor`, runs in a transaction and records the actor in the audit trail.
Permission checks stay in the views and the API (through `access_*` and the rules),
except for the rules that depend on the submitted data, registered in `permissions`
(imported below, so importing this package registers them).

Modules: `errors` (errors and shared helpers), `permissions`, `organisations`, `people`,
`groups`, `gdpr` (export and erasure). Callers import from this package.
"""

from __future__ import annotations

from .errors import DirectoryError, DuplicateError, GroupError, normalise_name
from .gdpr import (
    ERASED,
    PERSONAL_FIELDS,
    check_erase_person,
    do_erase_person,
    erase_person,
    export_person_data,
)
from .groups import (
    check_add_group_member,
    check_remove_group_member,
    check_set_group_president,
    check_set_group_staff_lead,
    check_update_group,
    do_add_group_member,
    do_remove_group_member,
    do_set_group_roles,
)
from .organisations import (
    ORGANISATION_FIELDS,
    check_archive_organisation,
    check_create_organisation,
    check_unarchive_organisation,
    check_update_organisation,
    do_archive_organisation,
    do_create_organisation,
    do_unarchive_organisation,
    do_update_organisation,
    filter_organisations,
    find_duplicate_organisation,
)
from .people import (
    PERSON_FIELDS,
    check_archive_person,
    check_create_person,
    check_email_address,
    check_languages,
    check_unarchive_person,
    check_update_person,
    do_archive_person,
    do_create_person,
    do_update_person,
    find_duplicate_person,
)
from .permissions import HOME_COUNTRY, may_change_organisation, officer_may_create

__all__ = [
    "ERASED",
    "HOME_COUNTRY",
    "ORGANISATION_FIELDS",
    "PERSONAL_FIELDS",
    "PERSON_FIELDS",
    "DirectoryError",
    "DuplicateError",
    "GroupError",
    "check_add_group_member",
    "check_archive_organisation",
    "check_archive_person",
    "check_create_organisation",
    "check_create_person",
    "check_email_address",
    "check_erase_person",
    "check_languages",
    "check_remove_group_member",
    "check_set_group_president",
    "check_set_group_staff_lead",
    "check_unarchive_organisation",
    "check_unarchive_person",
    "check_update_group",
    "check_update_organisation",
    "check_update_person",
    "do_add_group_member",
    "do_archive_organisation",
    "do_archive_person",
    "do_create_organisation",
    "do_create_person",
    "do_erase_person",
    "do_remove_group_member",
    "do_set_group_roles",
    "do_unarchive_organisation",
    "do_update_organisation",
    "do_update_person",
    "erase_person",
    "export_person_data",
    "filter_organisations",
    "find_duplicate_organisation",
    "find_duplicate_person",
    "may_change_organisation",
    "normalise_name",
    "officer_may_create",
]
