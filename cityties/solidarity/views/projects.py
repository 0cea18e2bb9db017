"""A project funded: its budget by funder, planned against spent, and its progress
reports; the documents and photos are served only to those who funded it."""

from __future__ import annotations

from decimal import Decimal

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.accounts.permissions import require
from cityties.core.files import serve_private_file
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_attachment, access_fund, access_funding, access_project
from ..forms import AttachmentForm, FundingForm, ProjectForm, ReportForm
from ..models import AttachmentKind, Report
from ..services.projects import ProjectFields
from ._common import attempt, form_errors, saved, upload_too_large


def _fields(form: ProjectForm) -> ProjectFields:
    data = form.cleaned_data
    return {name: data[name] for name in ProjectFields.__annotations__}  # type: ignore[return-value]


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    fund = access_fund(request.user, pk, edit=True)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = saved(
            form, lambda: svc.check_create_project(fund, actor=request.user, fields=_fields(form))
        )
        if project is not None:
            messages.success(request, _("Project added."))
            return redirect("solidarity:project_detail", project.pk)
    return render(request, "solidarity/form.html", {"form": form, "title": _("Add a project")})


@login_required
@require_GET
def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = access_project(request.user, pk)
    user = request.user
    reports = rules.test_rule("solidarity.view_reports", user, project)
    manage = rules.test_rule("solidarity.manage_project", user, project)
    return render(
        request,
        "solidarity/project_detail.html",
        {
            "project": project,
            "fund": project.fund,
            "fundings": project.fundings.select_related("funder"),
            "spend": svc.spend_of(project),
            "reports": project.reports.prefetch_related("attachments") if reports else None,
            "report_count": project.reports.count(),
            "manage": manage,
            "funding_form": FundingForm() if manage else None,
            "attachment_form": AttachmentForm() if manage else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = access_project(request.user, pk, edit=True)
    initial = {name: getattr(project, name) for name in ProjectFields.__annotations__}
    form = ProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = saved(
            form,
            lambda: svc.check_update_project(project, actor=request.user, fields=_fields(form)),
        )
        if done is not None:
            messages.success(request, _("Project saved."))
            return redirect("solidarity:project_detail", project.pk)
    return render(request, "solidarity/form.html", {"form": form, "title": project.title})


@login_required
@require_POST
def funding_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = access_project(request.user, pk, edit=True)
    form = FundingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the funding: %(errors)s") % {"errors": form_errors(form)})
    else:
        data = form.cleaned_data
        attempt(
            request,
            lambda: svc.check_set_funding(
                project,
                actor=request.user,
                funder=data["funder"],
                planned=data["planned"],
                spent=data["spent"] or Decimal("0"),
            ),
            _("Funding saved."),
        )
    return redirect(reverse("solidarity:project_detail", args=[project.pk]) + "#budget")


@login_required
@require_POST
def funding_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    funding = access_funding(request.user, pk)
    svc.do_remove_funding(funding, actor=request.user)
    messages.success(request, _("Funding removed."))
    return redirect(reverse("solidarity:project_detail", args=[funding.project_id]) + "#budget")


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = access_project(request.user, pk, edit=True)
    form = ReportForm(request.POST or None, initial={"reported_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = saved(
            form,
            lambda: svc.check_add_report(
                project,
                actor=request.user,
                kind=data["kind"],
                reported_on=data["reported_on"],
                progress=data["progress"],
                summary_fr=data["summary_fr"],
                summary_en=data["summary_en"],
            ),
        )
        if report is not None:
            messages.success(request, _("Report posted: add its documents and photos below."))
            return redirect(
                reverse("solidarity:project_detail", args=[project.pk]) + f"#report-{report.pk}"
            )
    return render(
        request, "solidarity/form.html", {"form": form, "title": _("Post a progress report")}
    )


@login_required
@require_POST
def attachment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.select_related("project__fund"), pk=pk)
    require(request.user, "solidarity.manage_project", report.project)
    back = reverse("solidarity:project_detail", args=[report.project_id]) + f"#report-{report.pk}"
    if upload_too_large(request):
        return redirect(back)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Check the file: %(errors)s") % {"errors": form_errors(form)})
    else:
        data = form.cleaned_data
        attempt(
            request,
            lambda: svc.check_add_attachment(
                report,
                actor=request.user,
                kind=data["kind"],
                caption=data["caption"],
                upload=data["file"],
            ),
            _("File added."),
        )
    return redirect(back)


@login_required
@require_GET
def attachment_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    # Only those who funded the project (and its managers) read its reports' files.
    attachment = access_attachment(request.user, pk)
    name = (attachment.file.name or "file").rsplit("/", 1)[-1]
    return serve_private_file(
        request,
        attachment.file,
        filename=name,
        content_type=attachment.content_type,
        as_attachment=attachment.kind != AttachmentKind.PHOTO,
    )


@login_required
@require_POST
def attachment_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attachment = access_attachment(request.user, pk)
    project = attachment.report.project
    require(request.user, "solidarity.manage_project", project)
    svc.do_delete_attachment(attachment, actor=request.user)
    messages.success(request, _("File removed."))
    return redirect(reverse("solidarity:project_detail", args=[project.pk]) + "#reports")
