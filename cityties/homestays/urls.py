from django.urls import path

from .views import families, guests, lists, plan

app_name = "homestays"

urlpatterns = [
    path("delegations/<int:pk>/", plan.plan_page, name="plan"),
    path("delegations/<int:pk>/link/", plan.link, name="link"),
    path("delegations/<int:pk>/run/", plan.run_start, name="run_start"),
    path("runs/<int:pk>/progress/", plan.run_progress, name="run_progress"),
    path("delegations/<int:pk>/confirm/", plan.plan_confirm, name="confirm"),
    path("delegations/<int:pk>/families.pdf", lists.families_pdf, name="families_pdf"),
    path("delegations/<int:pk>/nights.pdf", lists.nights_pdf, name="nights_pdf"),
    # Families: the public form, then the staff's pages
    path("register/<str:token>/", families.register, name="register"),
    path("families/<int:pk>/", families.family_detail, name="family"),
    path("families/<int:pk>/edit/", families.family_edit, name="family_edit"),
    path("families/<int:pk>/confirm/", families.family_confirm, name="family_confirm"),
    path("families/<int:pk>/withdraw/", families.family_withdraw, name="family_withdraw"),
    # Guests
    path("delegations/<int:pk>/guests/new/", guests.guest_add, name="guest_add"),
    path("guests/<int:pk>/edit/", guests.guest_edit, name="guest_edit"),
    path("guests/<int:pk>/remove/", guests.guest_remove, name="guest_remove"),
    path("guests/<int:pk>/move/", guests.guest_move, name="guest_move"),
    path("guests/<int:pk>/lock/", guests.guest_lock, name="guest_lock"),
]
