"""The REST API: django-ninja routers of each area, session-authenticated, CSRF-protected."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from cityties.core.apidocs import VendoredSwagger
from cityties.core.errors import DomainError
from cityties.delegations.api import router as delegations_router
from cityties.events.api import router as events_router
from cityties.network.api import router as network_router

api = NinjaAPI(
    title="CityTies API",
    version="1.0.0",
    description="Directory, partnerships, meetings, delegations and matchmaking of the network.",
    auth=django_auth,
    urls_namespace="api-1.0.0",
    docs=VendoredSwagger(),
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"code": "forbidden", "message": _("You may not do this.")}, status=403
    )


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """A service's refusal, whatever the router: its stable code and message."""
    return api.create_response(
        request,
        {"code": exc.code, "message": str(exc.message)},
        status=getattr(exc, "status", 400),
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request, {"code": "not_found", "message": _("Not found.")}, status=404
    )


class MeOut(Schema):
    email: str
    full_name: str
    language: str
    roles: list[str]
    organisation_id: int | None


@api.get("/me", response=MeOut, tags=["accounts"])
def me(request: HttpRequest) -> MeOut:
    user = request.user
    membership = user.primary_membership  # type: ignore[union-attr]
    return MeOut(
        email=user.email,  # type: ignore[union-attr]
        full_name=user.full_name,  # type: ignore[union-attr]
        language=user.language,  # type: ignore[union-attr]
        roles=sorted(user.roles),  # type: ignore[union-attr]
        organisation_id=membership.organisation_id if membership else None,
    )


api.add_router("/network", network_router)
api.add_router("/calendar", events_router)
api.add_router("/delegations", delegations_router)
