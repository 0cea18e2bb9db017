from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
]
