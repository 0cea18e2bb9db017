from django.urls import include, path

from . import views

app_name = "network"

# Each part of the area keeps its own URL module; names stay in the "network" namespace.
urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("", include("cityties.network.urls_partnerships")),
    path("", include("cityties.network.urls_data")),
]
