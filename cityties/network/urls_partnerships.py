from django.urls import path

from . import views_partnerships as views

urlpatterns = [
    path("partnerships/", views.partnership_list, name="partnership_list"),
    path("partnerships/new/", views.partnership_create, name="partnership_create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership_edit"),
    path("partnerships/<int:pk>/archive/", views.partnership_archive, name="partnership_archive"),
    path(
        "partnerships/<int:pk>/documents/",
        views.document_upload,
        name="partnership_document_upload",
    ),
    path(
        "partnerships/documents/<int:pk>/",
        views.document_download,
        name="partnership_document_download",
    ),
    path(
        "partnerships/documents/<int:pk>/delete/",
        views.document_delete,
        name="partnership_document_delete",
    ),
    path("partnerships/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
]
