from django.urls import path

from .views import agendas, events, guests, profiles, requests, schedule, setup

app_name = "matchmaking"

urlpatterns = [
    path("", events.index, name="index"),
    path("events/<int:pk>/", events.event, name="event"),
    path("events/<int:pk>/settings/", events.settings, name="settings"),
    path("events/<int:pk>/attendees/", events.attendees, name="attendees"),
    path("events/<int:pk>/attendees/erase/", events.attendees_erase, name="attendees_erase"),
    # Slots and places
    path("events/<int:pk>/slots/", setup.slots, name="slots"),
    path("events/<int:pk>/places/", setup.places, name="places"),
    path("events/<int:pk>/places/stands/", setup.places_from_stands, name="places_from_stands"),
    path("places/<int:pk>/remove/", setup.place_remove, name="place_remove"),
    path("places/<int:pk>/sheet/", agendas.place_sheet, name="place_sheet"),
    path("places/<int:pk>/sheet.pdf", agendas.place_sheet_pdf, name="place_sheet_pdf"),
    # Profiles, recommendations, requests
    path("profiles/<int:pk>/", profiles.profile, name="profile"),
    path("profiles/<int:pk>/edit/", profiles.profile_edit, name="profile_edit"),
    path("profiles/<int:pk>/recommendations/", profiles.recommendations, name="recommendations"),
    path("profiles/<int:pk>/request/<int:other>/", requests.request_new, name="request_new"),
    path("events/<int:pk>/requests/", requests.requests, name="requests"),
    path("requests/<int:pk>/answer/", requests.request_answer, name="request_answer"),
    path("requests/<int:pk>/cancel/", requests.request_cancel, name="request_cancel"),
    # The schedule
    path("events/<int:pk>/schedule/", schedule.schedule, name="schedule"),
    path("events/<int:pk>/schedule/run/", schedule.schedule_run, name="schedule_run"),
    path(
        "events/<int:pk>/schedule/progress/", schedule.schedule_progress, name="schedule_progress"
    ),
    path("events/<int:pk>/schedule/publish/", schedule.schedule_publish, name="schedule_publish"),
    path("meetings/<int:pk>/", agendas.meeting, name="meeting"),
    path("meetings/<int:pk>/move/", schedule.meeting_move, name="meeting_move"),
    path("meetings/<int:pk>/lock/", schedule.meeting_lock, name="meeting_lock"),
    # Agendas
    path("profiles/<int:pk>/agenda/", agendas.agenda, name="agenda"),
    path("profiles/<int:pk>/agenda.pdf", agendas.agenda_pdf, name="agenda_pdf"),
    path("profiles/<int:pk>/agenda.ics", agendas.agenda_ics, name="agenda_ics"),
    # Attendees, through signed links
    path("answer/<str:token>/", guests.guest_answer, name="guest_answer"),
    path("me/<str:token>/", guests.guest_home, name="guest_home"),
    path("me/<str:token>/agenda.ics", guests.guest_agenda_ics, name="guest_agenda_ics"),
    path("me/<str:token>/agenda.pdf", guests.guest_agenda_pdf, name="guest_agenda_pdf"),
]
