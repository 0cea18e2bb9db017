from django.urls import path

from .views import costs, overview, reports, settings

app_name = "pavilion"

urlpatterns = [
    path("delegations/<int:pk>/", overview.overview, name="overview"),
    path("delegations/<int:pk>/items/new/", overview.item_create, name="item_create"),
    path("items/<int:pk>/edit/", overview.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", overview.item_delete, name="item_delete"),
    path("items/<int:pk>/shares/", overview.share_set, name="share_set"),
    path("shares/<int:pk>/remove/", overview.share_remove, name="share_remove"),
    path("items/<int:pk>/covers/", overview.cover_set, name="cover_set"),
    path("covers/<int:pk>/remove/", overview.cover_remove, name="cover_remove"),
    # Rates and rules
    path("delegations/<int:pk>/rates/", settings.rates, name="rates"),
    path("rates/<int:pk>/remove/", settings.rate_remove, name="rate_remove"),
    path("delegations/<int:pk>/rules/new/", settings.rule_create, name="rule_create"),
    path("rules/<int:pk>/edit/", settings.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/delete/", settings.rule_delete, name="rule_delete"),
    # A participant's costs
    path("participants/<int:pk>/", costs.participant_costs, name="participant"),
    path("participants/<int:pk>/facts/", costs.facts_edit, name="facts_edit"),
    # Budget and dossier
    path("delegations/<int:pk>/budget/", reports.budget, name="budget"),
    path("delegations/<int:pk>/budget.xlsx", reports.budget_xlsx, name="budget_xlsx"),
    path("delegations/<int:pk>/dossier/", reports.dossier_edit, name="dossier_edit"),
    path("delegations/<int:pk>/dossier.pdf", reports.dossier_pdf, name="dossier_pdf"),
]
