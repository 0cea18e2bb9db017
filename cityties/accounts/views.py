from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cityties.core import ratelimit
from cityties.core.errorpages import too_many_requests
from cityties.core.errors import DomainError

from . import services
from .forms import AcceptInvitationForm, InvitationForm
from .guestlinks import GuestLinkError
from .models import Invitation, User
from .permissions import require


def guest_link_refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    """The clear page a person sees when a signed link is forged, expired or used up."""
    status = 410 if error.code in {"guest_link_expired", "invitation_used"} else 400
    return render(request, "accounts/link_refused.html", {"error": error}, status=status)


@login_required
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "accounts.manage_users")
    users = User.objects.prefetch_related("memberships__organisation").order_by("full_name")
    invitations = Invitation.objects.filter(accepted_at=None).select_related(
        "organisation", "invited_by"
    )
    return render(request, "accounts/user_list.html", {"users": users, "invitations": invitations})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    require(request.user, "accounts.manage_users")
    assert isinstance(request.user, User)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.check_invite_user(actor=request.user, **form.cleaned_data)
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:user_list")
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "days": settings.INVITATION_MAX_AGE_DAYS},
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.read_invitation(token)
    except (GuestLinkError, services.AccountError) as error:
        return guest_link_refused(request, error)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.check_accept_invitation(
                token=token, password=form.cleaned_data["password1"]
            )
        except (GuestLinkError, services.AccountError) as error:
            return guest_link_refused(request, error)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to CityTies."))
        return redirect("core:dashboard")
    return render(
        request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation}
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, limited per e-mail address and per client address so that
    the form cannot be used to flood a mailbox or probe many addresses."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        limit = settings.PASSWORD_RESET_LIMIT_PER_HOUR
        email = request.POST.get("email", "").strip().lower()
        allowed = ratelimit.hit("password_reset_ip", ratelimit.client_ip(request), limit=limit)
        if allowed and email:
            allowed = ratelimit.hit("password_reset_email", email, limit=limit)
        if not allowed:
            return too_many_requests(
                request,
                detail=_(
                    "Too many password reset requests. Check your mailbox, including spam, "
                    "or try again in an hour."
                ),
            )
        return super().post(request, *args, **kwargs)
