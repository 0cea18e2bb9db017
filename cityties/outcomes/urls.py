from django.urls import path

from .views import dashboards, records, surveys

app_name = "outcomes"

PDF, XLSX = {"fmt": "pdf"}, {"fmt": "xlsx"}

urlpatterns = [
    # Year by year, year over year
    path("", dashboards.index, name="index"),
    path("report.pdf", dashboards.index, PDF, name="index_pdf"),
    path("report.xlsx", dashboards.index, XLSX, name="index_xlsx"),
    # Per delegation, and the figures for the export agency
    path("delegations/<int:pk>/", dashboards.delegation, name="delegation"),
    path("delegations/<int:pk>/report.pdf", dashboards.delegation, PDF, name="delegation_pdf"),
    path("delegations/<int:pk>/report.xlsx", dashboards.delegation, XLSX, name="delegation_xlsx"),
    path("delegations/<int:pk>/agency/", dashboards.agency, name="agency"),
    path("delegations/<int:pk>/agency.pdf", dashboards.agency, PDF, name="agency_pdf"),
    path("delegations/<int:pk>/agency.xlsx", dashboards.agency, XLSX, name="agency_xlsx"),
    path("delegations/<int:pk>/survey/", surveys.survey_settings, name="survey"),
    # Per participant, and its records
    path("participants/<int:pk>/", dashboards.participant, name="participant"),
    path("participants/<int:pk>/report.pdf", dashboards.participant, PDF, name="participant_pdf"),
    path(
        "participants/<int:pk>/report.xlsx", dashboards.participant, XLSX, name="participant_xlsx"
    ),
    path("participants/<int:pk>/records/new/", records.record_create, name="record_create"),
    # Per member city, per partnership
    path("cities/<int:pk>/", dashboards.city, name="city"),
    path("cities/<int:pk>/report.pdf", dashboards.city, PDF, name="city_pdf"),
    path("cities/<int:pk>/report.xlsx", dashboards.city, XLSX, name="city_xlsx"),
    path("partnerships/<int:pk>/", dashboards.partnership, name="partnership"),
    path("partnerships/<int:pk>/report.pdf", dashboards.partnership, PDF, name="partnership_pdf"),
    path(
        "partnerships/<int:pk>/report.xlsx", dashboards.partnership, XLSX, name="partnership_xlsx"
    ),
    path(
        "partnerships/<int:pk>/records/new/",
        records.partnership_record_create,
        name="partnership_record_create",
    ),
    # Records
    path("records/", records.record_list, name="record_list"),
    path("records/<int:pk>/edit/", records.record_edit, name="record_edit"),
    path("records/<int:pk>/delete/", records.record_delete, name="record_delete"),
    # The survey, answered through its signed link
    path("survey/<str:token>/", surveys.survey_answer, name="survey_answer"),
]
