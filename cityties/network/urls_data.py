from django.urls import path

from . import views_data as views

# The atlas (signed-in and public), its exports, and spreadsheet imports.
urlpatterns = [
    path("atlas/", views.atlas, name="atlas"),
    path("atlas/data.json", views.atlas_data, name="atlas_data"),
    path("atlas/export.<str:fmt>", views.atlas_export, name="atlas_export"),
    path("public/atlas/", views.atlas_public, name="atlas_public"),
    path("public/atlas/data.json", views.atlas_public_data, name="atlas_public_data"),
    path("public/atlas/export.<str:fmt>", views.atlas_public_export, name="atlas_public_export"),
    path("imports/", views.import_upload, name="import_upload"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/mapping/", views.import_mapping, name="import_mapping"),
    path("imports/<int:pk>/preview/", views.import_preview, name="import_preview"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("imports/<int:pk>/report.csv", views.import_report, name="import_report"),
]
