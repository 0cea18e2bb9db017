"""Pages of a partnership's documents: upload, download through an access check, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cityties.core.files import serve_private_file
from cityties.core.http import AuthenticatedHttpRequest

from .. import services as svc
from ..access import access_document, access_partnership
from ..forms.documents import DocumentForm


@login_required
@require_POST
def document_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partnership = access_partnership(request.user, pk, edit=True)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        try:
            svc.check_upload_document(
                partnership,
                actor=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except svc.PartnershipError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Document added."))
    return redirect(reverse("network:partnership_detail", args=[pk]) + "#documents")


@login_required
@require_GET
def document_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    # Files are served here, never from a public URL, so a private partnership's stay private.
    document = access_document(request.user, pk)
    name = (document.file.name or "document").rsplit("/", 1)[-1]
    return serve_private_file(
        request, document.file, filename=name, content_type=document.content_type
    )


@login_required
@require_POST
def document_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = access_document(request.user, pk, edit=True)
    try:
        svc.check_delete_document(document, actor=request.user)
    except svc.PartnershipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Document deleted."))
    return redirect(
        reverse("network:partnership_detail", args=[document.partnership_id]) + "#documents"
    )
