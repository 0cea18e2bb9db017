from django.urls import path

from .views import (
    activities,
    atlas,
    documents,
    groups,
    organisations,
    partnerships,
    people,
)

app_name = "network"

urlpatterns = [
    # Organisations
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path(
        "organisations/choices/",
        organisations.organisation_choices,
        name="organisation_choices",
    ),
    path(
        "organisations/<int:pk>/",
        organisations.organisation_detail,
        name="organisation_detail",
    ),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<int:pk>/archive/",
        organisations.organisation_archive,
        name="organisation_archive",
    ),
    path(
        "organisations/<int:pk>/unarchive/",
        organisations.organisation_unarchive,
        name="organisation_unarchive",
    ),
    # People
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/archive/", people.person_archive, name="person_archive"),
    path("people/<int:pk>/export/", people.person_export, name="person_export"),
    path("people/<int:pk>/erase/", people.person_erase, name="person_erase"),
    # Country groups
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    # Partnerships, their documents and activities
    path("partnerships/", partnerships.partnership_list, name="partnership_list"),
    path("partnerships/new/", partnerships.partnership_create, name="partnership_create"),
    path("partnerships/<int:pk>/", partnerships.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", partnerships.partnership_edit, name="partnership_edit"),
    path(
        "partnerships/<int:pk>/archive/",
        partnerships.partnership_archive,
        name="partnership_archive",
    ),
    path(
        "partnerships/<int:pk>/documents/",
        documents.document_upload,
        name="partnership_document_upload",
    ),
    path(
        "partnerships/documents/<int:pk>/",
        documents.document_download,
        name="partnership_document_download",
    ),
    path(
        "partnerships/documents/<int:pk>/delete/",
        documents.document_delete,
        name="partnership_document_delete",
    ),
    path(
        "partnerships/<int:pk>/activities/new/", activities.activity_create, name="activity_create"
    ),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", activities.activity_delete, name="activity_delete"),
    # Atlas, signed-in and public, and its exports
    path("atlas/", atlas.atlas, name="atlas"),
    path("atlas/data.json", atlas.atlas_data, name="atlas_data"),
    path("atlas/locate/", atlas.atlas_locate, name="atlas_locate"),
    path("atlas/export.<str:fmt>", atlas.atlas_export, name="atlas_export"),
    path("public/atlas/", atlas.atlas_public, name="atlas_public"),
    path("public/atlas/data.json", atlas.atlas_public_data, name="atlas_public_data"),
    path("public/atlas/export.<str:fmt>", atlas.atlas_public_export, name="atlas_public_export"),
]
