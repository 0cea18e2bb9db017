from django.urls import path

from .views import calls, delegations, milestones, participants, programme

app_name = "delegations"

urlpatterns = [
    path("", delegations.delegation_list, name="list"),
    path("new/", delegations.delegation_create, name="create"),
    path("<int:pk>/", delegations.delegation_detail, name="detail"),
    path("<int:pk>/edit/", delegations.delegation_edit, name="edit"),
    path("<int:pk>/move/", delegations.delegation_move, name="move"),
    path("<int:pk>/supporters/", delegations.supporter_add, name="supporter_add"),
    path("supporters/<int:pk>/remove/", delegations.supporter_remove, name="supporter_remove"),
    path("<int:pk>/contacts/", delegations.delegation_contacts, name="contacts"),
    # Milestones
    path("<int:pk>/milestones/", milestones.milestone_list, name="milestones"),
    path("milestones/<int:pk>/edit/", milestones.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", milestones.milestone_delete, name="milestone_delete"),
    # Participants, delegates, companies
    path("<int:pk>/participants/", participants.participant_list, name="participants"),
    path("<int:pk>/participants/governments/", participants.government_add, name="government_add"),
    path("<int:pk>/participants/companies/", participants.company_add, name="company_add"),
    path("participants/<int:pk>/", participants.participant_detail, name="participant_detail"),
    path(
        "participants/<int:pk>/remove/", participants.participant_remove, name="participant_remove"
    ),
    path("delegates/<int:pk>/remove/", participants.delegate_remove, name="delegate_remove"),
    path("companies/<int:pk>/", participants.company_profile, name="company_profile"),
    path(
        "companies/<int:pk>/edit/", participants.company_profile_edit, name="company_profile_edit"
    ),
    # Call for participation
    path("<int:pk>/call/", calls.call_detail, name="call"),
    path("<int:pk>/call/open/", calls.call_open, name="call_open"),
    path("<int:pk>/call/close/", calls.call_close, name="call_close"),
    path("<int:pk>/call/invite/", calls.call_invite, name="call_invite"),
    path("applications/<int:pk>/decide/", calls.application_decide, name="application_decide"),
    path("apply/<str:token>/", calls.apply, name="apply"),
    # Programme and itineraries
    path("<int:pk>/programme/", programme.programme, name="programme"),
    path("<int:pk>/programme/new/", programme.session_create, name="session_create"),
    path("sessions/<int:pk>/edit/", programme.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", programme.session_delete, name="session_delete"),
    path("itineraries/<int:pk>/", programme.itinerary, name="itinerary"),
    path("itineraries/<int:pk>/itinerary.pdf", programme.itinerary_pdf, name="itinerary_pdf"),
    path(
        "itineraries/<int:pk>/reset/", programme.itinerary_feed_reset, name="itinerary_feed_reset"
    ),
    path("itineraries/feed/<str:token>.ics", programme.itinerary_feed, name="itinerary_feed"),
]
