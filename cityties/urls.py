from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from .api import api

# No route serves MEDIA_ROOT, in development either: uploaded files go through views
# that check access (cityties.core.files.serve_private_file).
urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("cityties.core.urls")),
    path("accounts/", include("cityties.accounts.urls")),
    path("network/", include("cityties.network.urls")),
    path("imports/", include("cityties.imports.urls")),
    path("calendar/", include("cityties.events.urls")),
    path("delegations/", include("cityties.delegations.urls")),
    path("meetings/", include("cityties.meetings.urls")),
    path("pavilion/", include("cityties.pavilion.urls")),
    path("matchmaking/", include("cityties.matchmaking.urls")),
    path("solidarity/", include("cityties.solidarity.urls")),
    path("reception/", include("cityties.reception.urls")),
    path("homestays/", include("cityties.homestays.urls")),
    path("outcomes/", include("cityties.outcomes.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "cityties.core.errorpages.bad_request"
handler403 = "cityties.core.errorpages.permission_denied"
handler404 = "cityties.core.errorpages.page_not_found"
handler500 = "cityties.core.errorpages.server_error"
