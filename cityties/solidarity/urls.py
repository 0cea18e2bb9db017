from django.urls import path

from .views import crises, expertise, pledges, projects, public

app_name = "solidarity"

urlpatterns = [
    path("", crises.crisis_list, name="crisis_list"),
    path("crises/new/", crises.crisis_create, name="crisis_create"),
    path("crises/<int:pk>/", crises.crisis_detail, name="crisis_detail"),
    path("crises/<int:pk>/edit/", crises.crisis_edit, name="crisis_edit"),
    path("crises/<int:pk>/funds/new/", crises.fund_create, name="fund_create"),
    path("funds/<int:pk>/", crises.fund_detail, name="fund_detail"),
    path("funds/<int:pk>/edit/", crises.fund_edit, name="fund_edit"),
    path("public/funds/<int:pk>/", public.fund_public, name="fund_public"),
    # Pledges, decisions, payments, budgets
    path("funds/<int:pk>/pledge/", pledges.pledge_create, name="pledge_create"),
    path("pledges/<int:pk>/", pledges.pledge_detail, name="pledge_detail"),
    path("pledges/<int:pk>/edit/", pledges.pledge_edit, name="pledge_edit"),
    path("pledges/<int:pk>/decision/", pledges.decision_edit, name="decision_edit"),
    path(
        "pledges/<int:pk>/decision/document/",
        pledges.decision_document,
        name="decision_document",
    ),
    path("pledges/<int:pk>/payments/", pledges.payment_add, name="payment_add"),
    path("pledges/<int:pk>/cancel/", pledges.pledge_cancel, name="pledge_cancel"),
    path("payments/<int:pk>/remove/", pledges.payment_remove, name="payment_remove"),
    path("members/<int:pk>/budgets/", pledges.budgets, name="budgets"),
    # Projects and reports
    path("funds/<int:pk>/projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/funding/", projects.funding_set, name="funding_set"),
    path("fundings/<int:pk>/remove/", projects.funding_remove, name="funding_remove"),
    path("projects/<int:pk>/reports/new/", projects.report_create, name="report_create"),
    path("reports/<int:pk>/attachments/", projects.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", projects.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", projects.attachment_delete, name="attachment_delete"),
    # Expertise
    path("expertise/", expertise.expertise, name="expertise"),
    path("expertise/offers/new/", expertise.offer_create, name="offer_create"),
    path("expertise/offers/<int:pk>/edit/", expertise.offer_edit, name="offer_edit"),
    path("expertise/offers/<int:pk>/withdraw/", expertise.offer_withdraw, name="offer_withdraw"),
    path("expertise/needs/new/", expertise.need_create, name="need_create"),
    path("expertise/needs/<int:pk>/", expertise.need_detail, name="need_detail"),
    path("expertise/needs/<int:pk>/edit/", expertise.need_edit, name="need_edit"),
    path("expertise/needs/<int:pk>/propose/", expertise.match_propose, name="match_propose"),
    path("expertise/matches/<int:pk>/answer/", expertise.match_answer, name="match_answer"),
    path("expertise/matches/<int:pk>/done/", expertise.match_done, name="match_done"),
    path("expertise/matches/<int:pk>/report/", expertise.match_report, name="match_report"),
]
