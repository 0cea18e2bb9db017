from django.urls import path

from .views import door, guests, receptions, rsvp

app_name = "reception"

urlpatterns = [
    path("delegations/<int:pk>/", receptions.delegation_receptions, name="delegation"),
    path("sessions/<int:pk>/setup/", receptions.setup, name="setup"),
    path("<int:pk>/", receptions.detail, name="detail"),
    path("<int:pk>/edit/", receptions.edit, name="edit"),
    path("<int:pk>/quotas/", receptions.quota_set, name="quota_set"),
    path("quotas/<int:pk>/remove/", receptions.quota_remove, name="quota_remove"),
    # An exhibitor's or city's guests
    path("quotas/<int:pk>/", guests.quota, name="quota"),
    path("quotas/<int:pk>/send/", guests.send_cards, name="send_cards"),
    path("quotas/<int:pk>/import/", guests.import_guests, name="import_guests"),
    path("invitations/<int:pk>/edit/", guests.guest_edit, name="guest_edit"),
    path("invitations/<int:pk>/remove/", guests.guest_remove, name="guest_remove"),
    path("invitations/<int:pk>/resend/", guests.resend, name="resend"),
    path("invitations/<int:pk>/card.pdf", guests.card, name="card"),
    # The door
    path("<int:pk>/door/", door.door, name="door"),
    path("<int:pk>/door/scan/", door.scan, name="scan"),
    path("<int:pk>/door/search/", door.search, name="search"),
    path("<int:pk>/door/count/", door.count, name="count"),
    path("<int:pk>/door/<int:invitation_pk>/in/", door.check_in, name="check_in"),
    path("<int:pk>/door/<int:invitation_pk>/undo/", door.undo, name="undo"),
    path("<int:pk>/arrivals.<str:fmt>", door.export, name="export"),
    # The guest's signed link
    path("rsvp/<str:token>/", rsvp.rsvp, name="rsvp"),
    path("rsvp/<str:token>/card.pdf", rsvp.rsvp_card, name="rsvp_card"),
]
