from django.urls import path

from . import views_data as views

# The atlas (signed-in and public) and its exports.
urlpatterns = [
    path("atlas/", views.atlas, name="atlas"),
    path("atlas/data.json", views.atlas_data, name="atlas_data"),
    path("atlas/locate/", views.atlas_locate, name="atlas_locate"),
    path("atlas/export.<str:fmt>", views.atlas_export, name="atlas_export"),
    path("public/atlas/", views.atlas_public, name="atlas_public"),
    path("public/atlas/data.json", views.atlas_public_data, name="atlas_public_data"),
    path("public/atlas/export.<str:fmt>", views.atlas_public_export, name="atlas_public_export"),
]
