"""An exhibitor's (or a member city's) guests: name them within the quota, by hand or
from a file, mail their cards, follow their answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cityties.core.errors import add_form_error
from cityties.core.http import AuthenticatedHttpRequest
from cityties.imports import services as import_services
from cityties.imports.reading import ImportFileError, check_upload, read_table

from .. import services as svc
from ..access import access_invitation, access_quota
from ..card import card_filename, render_card
from ..forms import GuestForm, ImportForm
from ..imports import KIND, may_import
from ..models import Invitation
from ._common import attempt


@login_required
@require_http_methods(["GET", "POST"])
def quota(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    quota = access_quota(request.user, pk)
    form = GuestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_add_guest(quota, actor=request.user, fields=form.guest_fields())
        except svc.ReceptionError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Guest named."))
            return redirect("reception:quota", quota.pk)
    quota.refresh_from_db(fields=["named", "size"])
    guests = Invitation.objects.filter(quota=quota, erased_at=None).select_related("check_in")
    (line,) = svc.overview(quota.reception, quotas=type(quota).objects.filter(pk=quota.pk)).lines
    return render(
        request,
        "reception/quota.html",
        {
            "quota": quota,
            "reception": quota.reception,
            "delegation": quota.reception.session.delegation,
            "guests": guests,
            "line": line,
            "form": form,
            "unsent": sum(1 for g in guests if g.email and not g.sent_at),
            "can_import": may_import(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def guest_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = access_invitation(request.user, pk)
    initial = {name: getattr(invitation, name) for name in GuestForm.base_fields}
    form = GuestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.check_update_guest(invitation, actor=request.user, fields=form.guest_fields())
        except svc.ReceptionError as exc:
            add_form_error(form, exc)
        else:
            messages.success(request, _("Guest saved."))
            return redirect("reception:quota", invitation.quota_id)
    return render(
        request,
        "reception/form.html",
        {
            "delegation": invitation.reception.session.delegation,
            "form": form,
            "title": invitation.name,
            "invitation": invitation,
            "back": ("reception:quota", invitation.quota_id),
        },
    )


@login_required
@require_POST
def guest_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = access_invitation(request.user, pk)
    attempt(
        request,
        lambda: svc.check_remove_guest(invitation, actor=request.user),
        _("Guest removed: the place is free again."),
    )
    return redirect("reception:quota", invitation.quota_id)


@login_required
@require_POST
def send_cards(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    quota = access_quota(request.user, pk)
    count = svc.check_send_cards(
        Invitation.objects.filter(quota=quota, erased_at=None), actor=request.user
    )
    messages.success(
        request,
        ngettext("%(n)s card is being mailed.", "%(n)s cards are being mailed.", count)
        % {"n": count},
    )
    return redirect("reception:quota", quota.pk)


@login_required
@require_POST
def resend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = access_invitation(request.user, pk)
    count = svc.check_send_cards([invitation], actor=request.user, resend=True)
    if count:
        messages.success(request, _("The card is being mailed again."))
    else:
        messages.error(request, _("This guest has no e-mail address, or the reception is over."))
    return redirect("reception:quota", invitation.quota_id)


@login_required
@require_GET
def card(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = access_invitation(request.user, pk)
    response = HttpResponse(render_card(invitation), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{card_filename(invitation)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_guests(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Start an import of guests on this quota: the engine's mapping, preview and report
    follow, with the reception and the exhibitor filled in."""
    quota = access_quota(request.user, pk)
    if not may_import(request.user):
        messages.error(request, _("Ask your sponsoring city's officer to import a file."))
        return redirect("reception:quota", quota.pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload.name or "", upload.size or 0)
            table = read_table(upload.read(), upload.name or "")
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            upload.seek(0)
            exhibitor = quota.participant.organisation.name
            job = import_services.do_create_job(
                actor=request.user,
                kind=KIND,
                source_name=_("Guests of %(name)s") % {"name": exhibitor},
                upload=upload,
                table=table,
                organisation=quota.participant.organisation,
            )
            defaults = {**job.options.get("defaults", {})}
            defaults.update({"reception": str(quota.reception_id), "exhibitor": exhibitor})
            import_services.do_set_options(job, {"defaults": defaults}, actor=request.user)
            return redirect("imports:mapping", job.pk)
    return render(
        request,
        "reception/form.html",
        {
            "delegation": quota.reception.session.delegation,
            "form": form,
            "title": _("Import guests for %(name)s")
            % {"name": quota.participant.organisation.name},
            "multipart": True,
            "back": ("reception:quota", quota.pk),
        },
    )
