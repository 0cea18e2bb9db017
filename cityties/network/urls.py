from django.urls import include, path

from . import views

app_name = "network"

# Each part of the area keeps its own URL module; names stay in the "network" namespace.
urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<int:pk>/archive/", views.organisation_archive, name="organisation_archive"
    ),
    path(
        "organisations/<int:pk>/unarchive/",
        views.organisation_unarchive,
        name="organisation_unarchive",
    ),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/archive/", views.person_archive, name="person_archive"),
    path("people/<int:pk>/export/", views.person_export, name="person_export"),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("", include("cityties.network.urls_partnerships")),
    path("", include("cityties.network.urls_data")),
]
