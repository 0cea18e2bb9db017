"""State changes of accounts: invitations, memberships, roles, language."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cityties.core.audit import acting_as
from cityties.core.errors import DomainError
from cityties.network.models import Organisation

from . import guestlinks
from .models import Invitation, Membership, Role, User

INVITATION_PURPOSE = "invitation"


class AccountError(DomainError):
    code = "account_error"


def invitation_url(invitation: Invitation) -> str:
    token = guestlinks.make_token(INVITATION_PURPOSE, invitation.pk)
    return settings.SITE_URL + reverse("accounts:accept_invitation", args=[token])


def check_invite_user(
    *, email: str, full_name: str, organisation: Organisation, role: str, actor: User
) -> Invitation:
    email = email.strip().lower()
    if role not in Role.values:
        raise AccountError(_("Unknown role."), code="unknown_role")
    if User.objects.filter(email__iexact=email).exists():
        raise AccountError(_("An account with this e-mail already exists."), code="user_exists")
    if role == Role.COMPANY_REP and organisation.kind != "company":
        raise AccountError(
            _("A company representative must belong to a company."), code="role_org_mismatch"
        )
    return do_invite_user(
        email=email, full_name=full_name, organisation=organisation, role=role, actor=actor
    )


def do_invite_user(
    *, email: str, full_name: str, organisation: Organisation, role: str, actor: User
) -> Invitation:
    with transaction.atomic(), acting_as(actor):
        invitation = Invitation.objects.create(
            email=email,
            full_name=full_name,
            organisation=organisation,
            role=role,
            invited_by=actor,
        )
        url = invitation_url(invitation)
        language = translation.get_language() or settings.LANGUAGE_CODE
        transaction.on_commit(
            lambda: _send_invitation(invitation.pk, url, actor.full_name, language)
        )
    return invitation


def _send_invitation(invitation_id: int, url: str, inviter: str, language: str) -> None:
    invitation = Invitation.objects.select_related("organisation").get(pk=invitation_id)
    with translation.override(language):
        context = {
            "invitation": invitation,
            "url": url,
            "inviter": inviter,
            "days": settings.INVITATION_MAX_AGE_DAYS,
        }
        subject = str(_("Your invitation to CityTies"))
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


def read_invitation(token: str) -> Invitation:
    claim = guestlinks.read_token(
        token, INVITATION_PURPOSE, max_age=timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    )
    invitation = Invitation.objects.select_related("organisation").filter(pk=claim.object_id)
    found = invitation.first()
    if found is None:
        raise AccountError(_("This invitation no longer exists."), code="invitation_gone")
    if found.accepted_at is not None:
        raise AccountError(_("This invitation has already been used."), code="invitation_used")
    return found


def check_accept_invitation(*, token: str, password: str) -> User:
    invitation = read_invitation(token)
    with transaction.atomic():
        # Lock the row so that two clicks on the same link create one account.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise AccountError(_("This invitation has already been used."), code="invitation_used")
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise AccountError(_("An account with this e-mail already exists."), code="user_exists")
        user = User.objects.create_user(invitation.email, password, full_name=invitation.full_name)
        Membership.objects.create(
            user=user, organisation=invitation.organisation, role=invitation.role
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_user = user
        invitation.save(update_fields=["accepted_at", "accepted_user"])
    return user


def do_set_role(*, membership: Membership, role: str, actor: User) -> Membership:
    if role not in Role.values:
        raise AccountError(_("Unknown role."), code="unknown_role")
    with transaction.atomic(), acting_as(actor):
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def do_add_membership(
    *, user: User, organisation: Organisation, role: str, actor: User | None = None
) -> Membership:
    with transaction.atomic(), acting_as(actor):
        membership, _created = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=role
        )
    return membership


def do_set_language(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
